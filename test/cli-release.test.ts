// `notewall release check`, driven through the real entry point (bin/notewall.js registers tsx).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TMP = mkdtempSync(join(tmpdir(), 'notewall-release-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function notewall(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/notewall.js', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

function writeRequest(name: string, body: unknown): string {
  const path = join(TMP, name);
  writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
  return path;
}

interface JsonDecision {
  progressNotes: { release: boolean; basis: string; minimumNecessary: boolean };
  psychotherapyNotes: { release: boolean; basis: string; requiresAuthorApproval?: boolean };
  accountable: boolean;
  asOf: string;
  deadline?: { date: string; extension?: { date: string; noticeBy: string } };
  problems: Array<{ code: string; element?: string; authorizationId?: string }>;
}

/** The outcomes documented in examples/release/README.md. */
const EXAMPLES: Record<string, { chart: boolean; psy: boolean; accountable: boolean; minimumNecessary?: boolean; deadline?: string; problems: string[] }> = {
  'insurer-asks-for-psychotherapy-notes.json': { chart: true, psy: false, accountable: false, minimumNecessary: true, problems: ['wrong-kind'] },
  'attorney-subpoena-without-assurance.json': { chart: false, psy: false, accountable: false, problems: ['no-satisfactory-assurance'] },
  'court-order-naming-psychotherapy-notes.json': { chart: true, psy: true, accountable: true, minimumNecessary: false, problems: [] },
  'client-right-of-access.json': { chart: true, psy: false, accountable: false, minimumNecessary: false, deadline: '2026-04-01', problems: [] },
  'licensing-board-investigating-clinician.json': { chart: true, psy: true, accountable: true, minimumNecessary: true, problems: [] },
  'third-party-with-psychotherapy-notes-authorization.json': { chart: true, psy: true, accountable: false, minimumNecessary: false, problems: [] },
  'revoked-and-checkbox-authorizations.json': { chart: false, psy: false, accountable: false, problems: ['revoked', 'compound'] },
  'accounting-request.json': { chart: false, psy: false, accountable: false, deadline: '2026-05-01', problems: [] },
};

describe('notewall release check --json', () => {
  it('answers every documented example as its README says, printing only JSON', async () => {
    const runs = await Promise.all(Object.keys(EXAMPLES).map(async (file) => [file, await notewall('release', 'check', `examples/release/${file}`, '--json')] as const));
    for (const [file, r] of runs) {
      const want = EXAMPLES[file]!;
      expect(r.stderr, file).toBe('');
      expect(r.code, file).toBe(0);
      const d = JSON.parse(r.stdout) as JsonDecision;
      expect([d.progressNotes.release, d.psychotherapyNotes.release, d.accountable], file).toEqual([want.chart, want.psy, want.accountable]);
      if (want.minimumNecessary !== undefined) expect(d.progressNotes.minimumNecessary, file).toBe(want.minimumNecessary);
      expect(d.deadline?.date, file).toBe(want.deadline);
      expect(d.problems.map((p) => p.code), file).toEqual(want.problems);
      expect(d.progressNotes.basis, file).toMatch(/^45 CFR 164\./);
      expect(d.psychotherapyNotes.basis, file).toMatch(/^45 CFR 164\./);
      expect(d.psychotherapyNotes.requiresAuthorApproval === true, file).toBe(want.psy);
    }
  });

  it('applies the 15 + 15 deadline policy on request', async () => {
    const r = await notewall('release', 'check', 'examples/release/client-right-of-access.json', '--json', '--deadlines', 'nprm-2021');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as JsonDecision;
    expect(d.deadline).toMatchObject({ date: '2026-03-17', extension: { date: '2026-04-01', noticeBy: '2026-03-17' } });
  });

  it('decides as of today when the file gives no asOf', async () => {
    const local = (t: Date) => `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
    const before = local(new Date());
    const r = await notewall('release', 'check', writeRequest('no-as-of.json', { requester: 'coroner' }), '--json');
    const after = local(new Date());
    expect(r.code).toBe(0);
    expect([before, after]).toContain((JSON.parse(r.stdout) as JsonDecision).asOf);
  });

  it('exits 0 with the failed element named when an authorization is defective', async () => {
    const path = writeRequest('defective.json', {
      requester: 'authorized-third-party',
      asOf: '2026-03-10',
      recipient: 'A. B. (synthetic)',
      authorizations: [{ id: 'X-1', kind: 'psychotherapy-notes', recipient: 'A. B. (synthetic)', description: 'Notes', discloser: 'P', purpose: 'Q', expiresOn: '2026-12-31', signedOn: '2026-01-01', statements: { rightToRevoke: true, conditioning: true, redisclosure: true } }],
    });
    const r = await notewall('release', 'check', path, '--json');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as JsonDecision;
    expect(d.psychotherapyNotes.release).toBe(false);
    expect(d.problems).toEqual([expect.objectContaining({ code: 'missing-element', element: 'signedBy', authorizationId: 'X-1' })]);
  });
});

describe('notewall release check (plain words)', () => {
  it('explains a court order naming psychotherapy notes, with citations and the author approval', async () => {
    const r = await notewall('release', 'check', 'examples/release/court-order-naming-psychotherapy-notes.json');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Release check: records request from a court or tribunal, with an order');
    expect(r.stdout).toMatch(/^Progress notes and the rest of the chart: RELEASE$/m);
    expect(r.stdout).toMatch(/^Psychotherapy notes: RELEASE$/m);
    expect(r.stdout).toContain('Basis: 45 CFR 164.508(a)(2)(ii); 164.512(a); 164.512(e)(1)(i)');
    expect(r.stdout).toContain('Author approval: required');
    expect(r.stdout).toContain('UNVERIFIED');
    expect(r.stdout).toMatch(/^Accounting of disclosures: ENTER this disclosure$/m);
  });

  it('explains the right of access: chart yes, psychotherapy notes never, and the deadline', async () => {
    const r = await notewall('release', 'check', 'examples/release/client-right-of-access.json');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Psychotherapy notes: DO NOT RELEASE$/m);
    expect(r.stdout).toContain('Basis: 45 CFR 164.524(a)(1)(i); 164.524(a)(2)(i)');
    expect(r.stdout).toContain('cannot be reviewed');
    expect(r.stdout).toContain('Deadline: respond by 2026-04-01 (counted from 2026-03-02');
    expect(r.stdout).toContain('Extension: to 2026-05-01, only if a written notice is sent by 2026-04-01');
    expect(r.stdout).toMatch(/^Accounting of disclosures: no entry needed$/m);
  });

  it('lists the problems with the authorization and element at fault', async () => {
    const r = await notewall('release', 'check', 'examples/release/revoked-and-checkbox-authorizations.json');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Problems to fix (2):');
    expect(r.stdout).toContain('[AUTH-2024-077 · revokedOn]');
    expect(r.stdout).toContain('[AUTH-2025-101 · includesPsychotherapyNotes]');
  });
});

describe('notewall release check: bad input exits 2', () => {
  it('names every wrong field by its path', async () => {
    const path = writeRequest('bad-fields.json', {
      requester: 'attorney-subpoena',
      subpoena: { satisfactoryAssurance: 'maybe' },
      courtorder: { coversPsychotherapyNotes: true },
      authorizations: [{ id: 'A-1', kind: 'general', expiresOn: '2026-02-30', revokedon: '2026-01-01' }],
    });
    const r = await notewall('release', 'check', path, '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('does not describe a records request');
    expect(r.stderr).toContain('subpoena.satisfactoryAssurance:');
    expect(r.stderr).toContain('authorizations[0].expiresOn: is not a real calendar date');
    expect(r.stderr).toMatch(/authorizations\[0\]: Unrecognized key: "revokedon"/);
    expect(r.stderr).toMatch(/Unrecognized key: "courtorder"/);
  });

  it('names an unknown requester type', async () => {
    const r = await notewall('release', 'check', writeRequest('bad-requester.json', { requester: 'insurer' }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/requester: Invalid option/);
  });

  it('refuses text that is not JSON, a missing file, and an unknown deadline policy', async () => {
    const [notJson, missing, policy] = await Promise.all([
      notewall('release', 'check', writeRequest('not-json.json', '{ requester: payer')),
      notewall('release', 'check', join(TMP, 'nope.json')),
      notewall('release', 'check', 'examples/release/client-right-of-access.json', '--deadlines', '10+10'),
    ]);
    expect([notJson.code, missing.code, policy.code]).toEqual([2, 2, 2]);
    expect(notJson.stderr).toContain('is not valid JSON');
    expect(missing.stderr).toContain('no such file');
    expect(policy.stderr).toContain('--deadlines is "10+10"');
  });
});
