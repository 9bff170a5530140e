/**
 * Property tests (fast-check) over generated requests, authorizations and charts, with
 * decisions from the real gate (`decideDisclosure`):
 *
 * - no psychotherapy note appears in any packet (model, FHIR, PDF text) unless the gate
 *   released the class, the decision belongs to this request, and its author approved it;
 * - no note, session or measure from outside the requested range;
 * - nothing from the chart unless the gate released the chart;
 * - the right-of-access copy never holds a psychotherapy note;
 * - every item handed in is either enclosed or accounted for in `excluded`.
 *
 * Thousands of runs on the model and FHIR; a smaller number through the PDF.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Authorization, decideDisclosure, DisclosureRequest, REQUESTER_TYPES } from '../../src/core/disclosure/index.ts';
import type { AuthorizationInput, DisclosureRequestInput } from '../../src/core/disclosure/index.ts';
import { packetToFhirBundle } from '../../src/fhir/release-bundle.ts';
import { assembleAccessCopy, assemblePacket, inRange } from '../../src/release/assemble.ts';
import type { Packet } from '../../src/release/packet.ts';
import { CHART_RECORD_KINDS } from '../../src/release/release-input.ts';
import type { DateRange, ReleaseInput } from '../../src/release/release-input.ts';
import { renderPacketPdf } from '../../src/release/pdf.ts';
import { AS_OF, PREPARED_AT, RECIPIENT } from './fixtures.ts';
import { readPdf } from './pdf-text.ts';

const BASE = Date.UTC(2024, 0, 1);
const day = (n: number): string => new Date(BASE + n * 86_400_000).toISOString().slice(0, 10);
const SPAN = 900; // 2024-01-01 .. mid 2026
const OTHER = 'Other Party LLC';

const arbDay = fc.integer({ min: 0, max: SPAN });

const arbRequest: fc.Arbitrary<DisclosureRequestInput> = fc.record({
  requester: fc.constantFrom(...REQUESTER_TYPES),
  recipient: fc.constantFrom(RECIPIENT, OTHER),
  receivedOn: fc.constant('2026-03-02'),
  subpoena: fc.record({ satisfactoryAssurance: fc.constantFrom('notice' as const, 'qualified-protective-order' as const, 'none' as const) }),
  courtOrder: fc.record({ coversProgressNotes: fc.boolean(), coversPsychotherapyNotes: fc.boolean() }),
  oversight: fc.record({ ofOriginator: fc.boolean() }),
  representative: fc.record({ authorityVerified: fc.boolean() }),
  payer: fc.record({ selfPayRestriction: fc.boolean() }),
  languageModel: fc.record({ clientConsent: fc.boolean() }),
});

const DEFECTS = ['none', 'none', 'none', 'revoked', 'expired', 'missing-statement', 'compound'] as const;

const arbAuthorization = (i: number): fc.Arbitrary<AuthorizationInput> =>
  fc
    .record({
      kind: fc.constantFrom('general' as const, 'psychotherapy-notes' as const),
      recipient: fc.constantFrom(RECIPIENT, OTHER),
      defect: fc.constantFrom(...DEFECTS),
    })
    .map((a) => ({
      id: `A-${i}`,
      kind: a.kind,
      description: 'Records 2025 (synthetic)',
      discloser: 'Elmwood Counseling (synthetic)',
      recipient: a.recipient,
      purpose: 'At the request of the individual',
      expiresOn: a.defect === 'expired' ? '2026-01-31' : '2026-12-31',
      signedBy: 'J. K.',
      signedOn: '2026-01-15',
      statements: { rightToRevoke: true, conditioning: true, redisclosure: a.defect !== 'missing-statement' },
      ...(a.defect === 'compound' ? (a.kind === 'general' ? { includesPsychotherapyNotes: true } : { combinedWithOther: true }) : {}),
      ...(a.defect === 'revoked' ? { revokedOn: '2026-03-01' } : {}),
    }));

const arbAuthorizations = fc.integer({ min: 0, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbAuthorization(i))));

const arbRange: fc.Arbitrary<DateRange> = fc
  .tuple(fc.option(fc.integer({ min: 0, max: SPAN / 2 }), { nil: undefined }), fc.option(fc.integer({ min: SPAN / 3, max: SPAN }), { nil: undefined }))
  .map(([a, b]) => {
    const from = a === undefined ? undefined : day(Math.min(a, b ?? a));
    const to = b === undefined ? undefined : day(Math.max(b, a ?? b));
    return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  });

interface Case {
  readonly kind: 'release' | 'access-copy';
  readonly input: ReleaseInput;
}

const pnMark = (i: number): string => `ZQPROG${i}X`;
const psyMark = (i: number): string => `ZQPSYC${i}X`;

const arbCase: fc.Arbitrary<Case> = fc
  .record({
    kind: fc.constantFrom('release' as const, 'release' as const, 'access-copy' as const),
    request: arbRequest,
    authorizations: arbAuthorizations,
    range: arbRange,
    recordsAsked: fc.option(fc.subarray([...CHART_RECORD_KINDS]), { nil: undefined }),
    sessionDays: fc.array(arbDay, { maxLength: 8 }),
    psy: fc.array(fc.record({ day: fc.option(arbDay, { freq: 6, nil: undefined }), approved: fc.boolean() }), { minLength: 1, maxLength: 6 }),
    // Sometimes the workflow hands over a decision made for another request type.
    mismatch: fc.oneof({ arbitrary: fc.constant(undefined), weight: 8 }, { arbitrary: fc.constantFrom(...REQUESTER_TYPES), weight: 1 }),
  })
  .map((g): Case => {
    const request = DisclosureRequest.parse(g.request);
    const authorizations = g.authorizations.map((a) => Authorization.parse(a));
    const decision = decideDisclosure(request, authorizations, AS_OF);
    const input: ReleaseInput = {
      practice: { name: 'Elmwood Counseling (synthetic)', addressLines: ['12 Example Lane'] },
      client: { id: 'C-1', name: 'J. K.' },
      request: {
        id: 'REQ-P',
        requesterType: (g.mismatch ?? request.requester),
        recipient: { name: request.recipient ?? RECIPIENT, addressLines: [] },
        purpose: 'Generated',
        dateRange: g.range,
        receivedOn: '2026-03-02',
        ...(g.recordsAsked ? { recordsAsked: g.recordsAsked } : {}),
      },
      decision,
      authorizations,
      sessions: g.sessionDays.map((d, i) => ({ id: `S-${i}`, date: day(d), cptCodes: ['90834'], modality: 'individual', placeOfService: 'office' })),
      progressNotes: g.sessionDays.map((d, i) => ({
        id: `N-${i}`,
        sessionId: `S-${i}`,
        sessionDate: day(d),
        format: 'SOAP',
        text: `Plan: continue. ${pnMark(i)}`,
        contentHash: 'a'.repeat(64),
        signedBy: 'T. U.',
        signedAt: `${day(d)}T16:00:00.000Z`,
        addenda: [],
      })),
      diagnoses: [{ id: 'D-1', code: 'F41.1', onsetDate: day(100) }],
      measures: g.sessionDays.map((d, i) => ({ id: `M-${i}`, instrument: 'phq9', date: day(d), total: 9 })),
      psychotherapyNotes: g.psy.map((p, i) => ({
        id: `P-${i}`,
        authorId: 'user-tu',
        ...(p.day !== undefined ? { sessionDate: day(p.day) } : {}),
        body: `Process material. ${psyMark(i)}`,
        ...(p.approved ? { authorApprovedAt: `${AS_OF}T12:00:00.000Z` } : {}),
      })),
      preparedAt: PREPARED_AT,
    };
    return { kind: g.kind, input };
  });

const build = (c: Case): Packet => (c.kind === 'access-copy' ? assembleAccessCopy(c.input) : assemblePacket(c.input));

/** The independent statement of when a psychotherapy note may be in the packet. */
function psychotherapyNoteAllowed(c: Case, note: ReleaseInput['psychotherapyNotes'][number]): boolean {
  const { decision, request } = c.input;
  const bounded = request.dateRange.from !== undefined || request.dateRange.to !== undefined;
  return (
    c.kind === 'release' && // 45 CFR 164.524(a)(1)(i)
    decision.requester === request.requesterType &&
    decision.psychotherapyNotes.release &&
    note.authorApprovedAt !== undefined && // 45 CFR 164.508(a)(2) + author approval
    (note.sessionDate === undefined ? !bounded : inRange(note.sessionDate, request.dateRange))
  );
}

function chartAllowed(c: Case): boolean {
  const { decision, request } = c.input;
  const accessOk = c.kind === 'release' || decision.requester === 'individual' || decision.requester === 'personal-representative';
  return decision.progressNotes.release && decision.requester === request.requesterType && accessOk;
}

function checkModelAndFhir(c: Case): void {
  const p = build(c);
  const bundleJson = JSON.stringify(packetToFhirBundle(p));
  const range = c.input.request.dateRange;

  c.input.psychotherapyNotes.forEach((n, i) => {
    const allowed = psychotherapyNoteAllowed(c, n);
    const inModel = p.psychotherapyNotes.some((x) => x.id === n.id);
    const inFhir = bundleJson.includes(Buffer.from(n.body).toString('base64'));
    expect({ note: n.id, inModel, inFhir, marker: psyMark(i) }).toEqual({ note: n.id, inModel: allowed, inFhir: allowed, marker: psyMark(i) });
    if (!allowed) expect(p.excluded.some((e) => e.subject === 'psychotherapy-notes' && e.itemIds.includes(n.id))).toBe(true);
  });
  if (c.kind === 'access-copy') {
    expect(p.psychotherapyNotes).toEqual([]);
    // No psychotherapy-note document (a psychotherapy-notes authorization the client signed
    // may be there as a Consent: it is their own form, not a note).
    expect(bundleJson).not.toContain('"code":"psychotherapy-note"');
  }

  const chart = chartAllowed(c);
  for (const n of p.progressNotes) {
    expect(chart).toBe(true);
    expect(inRange(n.sessionDate, range)).toBe(true);
  }
  for (const s of p.sessions) expect(chart && inRange(s.date, range)).toBe(true);
  for (const m of p.measures) expect(chart && inRange(m.date, range)).toBe(true);
  // Notes outside the range are absent from the FHIR Bundle too.
  c.input.progressNotes.forEach((n) => {
    const inFhir = bundleJson.includes(Buffer.from(n.text).toString('base64'));
    expect(inFhir).toBe(p.progressNotes.some((x) => x.id === n.id));
    if (inFhir) expect(inRange(n.sessionDate, range)).toBe(true);
  });

  // Completeness: every item handed in is enclosed or its exclusion is recorded.
  const excludedIds = new Set(p.excluded.flatMap((e) => e.itemIds));
  const enclosed = new Set([...p.sessions, ...p.progressNotes, ...p.measures, ...p.diagnoses, ...p.psychotherapyNotes].map((x) => x.id));
  for (const x of [...c.input.sessions, ...c.input.progressNotes, ...c.input.measures, ...c.input.diagnoses, ...c.input.psychotherapyNotes]) {
    expect(enclosed.has(x.id) !== excludedIds.has(x.id)).toBe(true);
  }
}

describe('release packets, property-based', () => {
  it('model and FHIR: psychotherapy notes only when allowed and approved; nothing outside the range; access copy never', () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        checkModelAndFhir(c);
      }),
      { numRuns: 3000 },
    );
  });

  it('the generator reaches the interesting cases', () => {
    // Guard against a vacuous property: enough generated cases release psychotherapy notes.
    const sample = fc.sample(arbCase, { numRuns: 3000, seed: 42 });
    const released = sample.filter((c) => build(c).psychotherapyNotes.length > 0).length;
    const withheldApproved = sample.filter((c) => c.input.psychotherapyNotes.some((n) => n.authorApprovedAt !== undefined && !psychotherapyNoteAllowed(c, n))).length;
    expect(released).toBeGreaterThan(100);
    expect(withheldApproved).toBeGreaterThan(100);
  });

  it('PDF text: psychotherapy notes only when allowed and approved, progress notes only in range', async () => {
    await fc.assert(
      fc.asyncProperty(arbCase, async (c) => {
        const p = build(c);
        const text = readPdf(await renderPacketPdf(p)).text;
        c.input.psychotherapyNotes.forEach((n, i) => {
          expect({ note: n.id, inPdf: text.includes(psyMark(i)) }).toEqual({ note: n.id, inPdf: psychotherapyNoteAllowed(c, n) });
        });
        c.input.progressNotes.forEach((n, i) => {
          const inPdf = text.includes(pnMark(i));
          expect(inPdf).toBe(p.progressNotes.some((x) => x.id === n.id));
          if (inPdf) expect(inRange(n.sessionDate, c.input.request.dateRange)).toBe(true);
        });
      }),
      { numRuns: 60 },
    );
  });
});
