/**
 * Packet assembly: what goes in, what stays out and why, for the main requester types,
 * with decisions from the real gate. All data synthetic.
 */
import { describe, expect, it } from 'vitest';
import { assembleAccessCopy, assemblePacket, diagnosisInRange } from '../../src/release/assemble.ts';
import type { Packet } from '../../src/release/packet.ts';
import { ReleaseInput } from '../../src/release/release-input.ts';
import { authorizationInput, releaseInput, syntheticChart } from './fixtures.ts';

// 60 weekly sessions from 2025-01-06: 52 fall in 2025, 8 in 2026.
const chart = syntheticChart({ sessions: 60, psychotherapyNotes: 10, approved: (i) => i !== 3 });
const IN_2025 = (d: string) => d >= '2025-01-01' && d <= '2025-12-31';

const ids = <T extends { id: string }>(xs: readonly T[]): string[] => xs.map((x) => x.id);
const excludedFor = (p: Packet, subject: string) => p.excluded.filter((e) => e.subject === subject);

describe('assemblePacket', () => {
  it('payer without authorization: billing record only (minimum necessary), no psychotherapy notes', () => {
    const p = assemblePacket(releaseInput({ requester: 'payer', chart }));
    expect(p.classes.progressNotes.released).toBe(true);
    expect(p.scope.minimumNecessary.applied).toBe(true);
    expect(p.scope.chartKinds).toEqual(['sessions', 'diagnoses']);
    expect(p.sessions).toHaveLength(52);
    expect(p.sessions.every((s) => IN_2025(s.date))).toBe(true);
    expect(p.progressNotes).toEqual([]);
    expect(p.measures).toEqual([]);
    expect(excludedFor(p, 'progress-notes').map((e) => e.reason)).toEqual(['minimum-necessary']);
    expect(excludedFor(p, 'measures').map((e) => e.reason)).toEqual(['minimum-necessary']);
    expect(excludedFor(p, 'sessions')).toEqual([expect.objectContaining({ reason: 'outside-range', itemIds: ids(chart.sessions).slice(52) })]);
    expect(p.psychotherapyNotes).toEqual([]);
    expect(excludedFor(p, 'psychotherapy-notes')).toEqual([
      expect.objectContaining({ reason: 'gate-denied', basis: p.classes.psychotherapyNotes.basis, itemIds: ids(chart.psychotherapyNotes) }),
    ]);
    // The diagnosis resolved in 2024 was not active in 2025.
    expect(ids(p.diagnoses)).toEqual(['D-1']);
    expect(p.accountable).toBe(false);
  });

  it('payer whose request names the notes (medical-necessity review) gets the notes in range', () => {
    const p = assemblePacket(releaseInput({ requester: 'payer', chart, recordsAsked: ['sessions', 'progress-notes'] }));
    expect(p.scope.chartKinds).toEqual(['sessions', 'progress-notes']);
    expect(p.progressNotes).toHaveLength(52);
    expect(p.progressNotes.every((n) => IN_2025(n.sessionDate))).toBe(true);
    expect(excludedFor(p, 'measures')[0]?.reason).toBe('not-asked');
    expect(excludedFor(p, 'diagnoses')[0]?.reason).toBe('not-asked');
  });

  it('another provider for treatment: the whole chart in range, no minimum necessary, no psychotherapy notes', () => {
    const p = assemblePacket(releaseInput({ requester: 'provider-treatment', chart }));
    expect(p.scope.minimumNecessary.applied).toBe(false);
    expect(p.scope.chartKinds).toEqual(['sessions', 'diagnoses', 'measures', 'progress-notes']);
    expect(p.progressNotes).toHaveLength(52);
    expect(p.measures).toHaveLength(52);
    expect(p.psychotherapyNotes).toEqual([]);
    expect(p.index.filter((e) => e.section === 'progress-note')).toHaveLength(52);
  });

  it('court order naming psychotherapy notes: approved notes in range go, unapproved and out-of-range do not', () => {
    const wide = syntheticChart({ sessions: 60, psychotherapyNotes: 60, approved: (i) => i % 4 !== 0 });
    const p = assemblePacket(releaseInput({ requester: 'court-order', request: { courtOrder: { coversPsychotherapyNotes: true } }, chart: wide }));
    expect(p.classes.psychotherapyNotes.released).toBe(true);
    const expected = wide.psychotherapyNotes.filter((n, i) => i % 4 !== 0 && IN_2025(n.sessionDate ?? ''));
    expect(ids(p.psychotherapyNotes)).toEqual(ids(expected));
    const reasons = excludedFor(p, 'psychotherapy-notes');
    expect(reasons.find((e) => e.reason === 'author-not-approved')?.itemIds).toEqual(ids(wide.psychotherapyNotes.filter((_, i) => i % 4 === 0)));
    expect(reasons.find((e) => e.reason === 'outside-range')?.itemIds).toEqual(ids(wide.psychotherapyNotes.filter((n, i) => i % 4 !== 0 && !IN_2025(n.sessionDate ?? ''))));
    expect(p.accountable).toBe(true);
    expect(p.coverLetter.notices.map((n) => n.heading)).toContain('Psychotherapy notes');
  });

  it('subpoena without satisfactory assurance: nothing at all, with the gate reason', () => {
    const p = assemblePacket(releaseInput({ requester: 'attorney-subpoena', request: { subpoena: { satisfactoryAssurance: 'none' } }, chart }));
    expect(p.classes.progressNotes.released).toBe(false);
    expect(p.sessions.length + p.diagnoses.length + p.measures.length + p.progressNotes.length + p.psychotherapyNotes.length).toBe(0);
    expect(p.excluded.filter((e) => e.reason === 'gate-denied').map((e) => e.subject).sort()).toEqual(
      ['diagnoses', 'measures', 'progress-notes', 'psychotherapy-notes', 'sessions'].sort(),
    );
    expect(excludedFor(p, 'sessions')[0]?.basis).toBe('45 CFR 164.512(e)(1)(ii)');
    expect(p.index).toEqual([]);
    expect(p.coverLetter.enclosed).toEqual(['No records are enclosed.']);
  });

  it('psychotherapy notes handed over although the gate denied them are excluded, never included', () => {
    const input = releaseInput({ requester: 'payer', chart });
    expect(input.psychotherapyNotes.length).toBeGreaterThan(0);
    const p = assemblePacket(input);
    expect(p.psychotherapyNotes).toEqual([]);
    // The strict edge schema refuses the same input outright.
    expect(ReleaseInput.safeParse(input).success).toBe(false);
  });

  it('the strict input schema refuses a psychotherapy note without the author approval', () => {
    const input = releaseInput({ requester: 'court-order', request: { courtOrder: { coversPsychotherapyNotes: true } }, chart });
    const result = ReleaseInput.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['psychotherapyNotes.3.authorApprovedAt']);
  });

  it('a decision made for another requester type releases nothing', () => {
    const input = releaseInput({ requester: 'provider-treatment', chart });
    const p = assemblePacket({ ...input, request: { ...input.request, requesterType: 'payer' } });
    expect(p.progressNotes).toEqual([]);
    expect(p.sessions).toEqual([]);
    expect(new Set(p.excluded.map((e) => e.reason))).toEqual(new Set(['decision-mismatch']));
  });

  it('a general authorization releases the chart (no minimum necessary) and is enclosed as the basis; other forms are not', () => {
    const p = assemblePacket(
      releaseInput({
        requester: 'authorized-third-party',
        chart,
        authorizations: [authorizationInput('general'), authorizationInput('general', { id: 'G-2', recipient: 'Someone Else' })],
        recordsAsked: ['progress-notes', 'diagnoses'],
      }),
    );
    expect(p.classes.progressNotes.authorizationId).toBe('G-1');
    expect(p.scope.minimumNecessary.applied).toBe(false);
    expect(ids(p.authorizations)).toEqual(['G-1']);
    expect(p.progressNotes).toHaveLength(52);
    expect(excludedFor(p, 'sessions')[0]?.reason).toBe('not-asked');
  });

  it('an undated psychotherapy note cannot be shown to be in a bounded range; with an open range it goes', () => {
    const undated = { ...syntheticChart({ sessions: 1, psychotherapyNotes: 1 }) };
    const note = { ...undated.psychotherapyNotes[0]! };
    delete note.sessionDate;
    const c = { ...undated, psychotherapyNotes: [note] };
    const base = { requester: 'court-order' as const, request: { courtOrder: { coversPsychotherapyNotes: true } }, chart: c };
    expect(excludedFor(assemblePacket(releaseInput(base)), 'psychotherapy-notes')[0]?.reason).toBe('date-unknown');
    expect(ids(assemblePacket(releaseInput({ ...base, range: {} })).psychotherapyNotes)).toEqual([note.id]);
  });

  it('the cover letter to a third party never names or counts withheld psychotherapy notes', () => {
    const p = assemblePacket(releaseInput({ requester: 'payer', chart }));
    const letter = JSON.stringify(p.coverLetter);
    for (const n of chart.psychotherapyNotes) expect(letter).not.toContain(n.id);
    expect(letter).toContain('Psychotherapy notes (45 CFR 164.501), if any');
    expect(letter).not.toMatch(/\b10 psychotherapy/);
  });

  it('never throws and is deterministic', () => {
    const input = releaseInput({ requester: 'court-order', request: { courtOrder: { coversPsychotherapyNotes: true } }, chart });
    expect(assemblePacket(input)).toEqual(assemblePacket({ ...input, progressNotes: [...input.progressNotes].reverse(), sessions: [...input.sessions].reverse() }));
  });
});

describe('assembleAccessCopy', () => {
  it("the client's own copy has the chart in range and never psychotherapy notes, even when they are passed in approved", () => {
    const all = syntheticChart({ sessions: 60, psychotherapyNotes: 60 });
    const input = releaseInput({ requester: 'individual', chart: all });
    expect(input.psychotherapyNotes.every((n) => n.authorApprovedAt !== undefined)).toBe(true);
    const p = assembleAccessCopy(input);
    expect(p.kind).toBe('access-copy');
    expect(p.progressNotes).toHaveLength(52);
    expect(p.psychotherapyNotes).toEqual([]);
    expect(excludedFor(p, 'psychotherapy-notes')).toEqual([expect.objectContaining({ reason: 'no-right-of-access', basis: '45 CFR 164.524(a)(1)(i), (a)(2)(i)' })]);
    expect(p.coverLetter.withheld.some((w) => w.basis.includes('164.524(a)(1)(i)'))).toBe(true);
  });

  it('even a decision that released psychotherapy notes cannot put them in an access copy', () => {
    const input = releaseInput({ requester: 'individual', chart });
    const forged = { ...input, decision: { ...input.decision, psychotherapyNotes: { ...input.decision.psychotherapyNotes, release: true } } };
    expect(assembleAccessCopy(forged).psychotherapyNotes).toEqual([]);
  });

  it('an access copy on a non-access decision releases nothing', () => {
    const p = assembleAccessCopy(releaseInput({ requester: 'provider-treatment', chart }));
    expect(p.progressNotes).toEqual([]);
    expect(excludedFor(p, 'progress-notes')[0]?.reason).toBe('not-an-access-decision');
  });
});

describe('diagnosisInRange', () => {
  const range = { from: '2025-01-01', to: '2025-12-31' };
  it.each([
    [{ onsetDate: '2024-01-01' }, true],
    [{ onsetDate: '2026-01-01' }, false],
    [{ onsetDate: '2023-01-01', resolvedDate: '2024-12-31' }, false],
    [{ onsetDate: '2023-01-01', resolvedDate: '2025-01-01' }, true],
    [{}, true],
  ])('%j -> %s', (d, expected) => {
    expect(diagnosisInRange({ id: 'D', code: 'F41.1', ...d }, range)).toBe(expected);
  });
});

describe('minimum necessary caps what a request may name', () => {
  it('a serious-threat disclosure never carries the billing record, even when asked for', () => {
    const p = assemblePacket(releaseInput({ requester: 'serious-threat', chart, recordsAsked: ['sessions', 'progress-notes'] }));
    expect(p.scope.chartKinds).toEqual(['progress-notes']);
    expect(p.sessions).toEqual([]);
    expect(excludedFor(p, 'sessions')[0]?.reason).toBe('minimum-necessary');
    expect(excludedFor(p, 'sessions')[0]?.explanation).toContain('although the request names them');
    expect(excludedFor(p, 'measures')[0]?.reason).toBe('not-asked');
  });
});
