/**
 * The release workflow through the API, in-process: intake with due dates, the gate's
 * decision per class, a payer packet (psychotherapy notes excluded with the reason, no
 * accounting entry), a court order naming psychotherapy notes (to the author, approved in
 * the author's session, packet delivered, accounting entry written), the subpoena
 * checklist, extension notice, authorizations with revocation and a scan, the accounting
 * PDF, and training completion. All data synthetic.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServer } from '../../src/server/start.ts';
import { cleanNote, loginFrom, PASSWORD, startTestServer, type Login, type TestServer } from '../server/helpers.ts';

let t: TestServer;
const PSY_MARKER = 'ZQX-PROCESS-MARKER-7731';
const PSY_BODY_B64 = Buffer.from(`Process impressions ${PSY_MARKER}.`).toString('base64');

beforeAll(async () => {
  t = await startTestServer();
  t.clock.now = new Date('2025-06-02T12:00:00Z');
  for (const date of ['2025-03-04', '2025-03-11']) {
    const d = await t.call(t.logins.clinician, 'POST', `/api/clients/${t.clientId}/notes`, { content: cleanNote(date) });
    expect(d.statusCode, d.body).toBe(201);
    const s = await t.call(t.logins.clinician, 'POST', `/api/notes/${d.json<{ id: string }>().id}/sign`, {});
    expect(s.statusCode, s.body).toBe(200);
  }
  const p = await t.call(t.logins.clinician, 'POST', '/api/psychotherapy-notes', { clientId: t.clientId, content: { sessionDate: '2025-03-04', body: Buffer.from(PSY_BODY_B64, 'base64').toString() } });
  expect(p.statusCode, p.body).toBe(201);
});
afterAll(async () => {
  await t.close();
});

async function logRequest(body: Record<string, unknown>): Promise<string> {
  const res = await t.call(t.logins.records, 'POST', '/api/release/requests', {
    clientId: t.clientId,
    recipient: { name: 'Synthetic Recipient', addressLines: ['1 Example Way'] },
    purpose: 'Synthetic purpose',
    receivedOn: '2025-06-01',
    dateRange: { from: '2025-01-01', to: '2025-05-31' },
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

interface Detail {
  request: { status: string; dueOn: string; dueKind: string; satisfactoryAssurance: string };
  decision: { progressNotes: { release: boolean; basis: string }; psychotherapyNotes: { release: boolean; basis: string; explanation: string }; accountable: boolean };
  packets: Array<{ id: string; accountable: boolean; withPsychotherapyNotes: boolean; stored: boolean; summary: { included: Record<string, number> }; delivery: { disclosureId: string | null } | null }>;
  extension: { available: boolean; noticeBy?: string; newDueOn?: string };
}
const detail = async (id: string) => (await t.call(t.logins.records, 'GET', `/api/release/requests/${id}`)).json<Detail>();
const disclosures = async () => (await t.call(t.logins.records, 'GET', `/api/clients/${t.clientId}/accounting`)).json<Array<{ recipient: string; basis: string; description: string }>>();

describe('release workflow', () => {
  it('payer: chart released under minimum necessary, psychotherapy notes excluded with the reason, delivered without an accounting entry', async () => {
    const id = await logRequest({ requesterType: 'payer', recipient: { name: 'Synthetic Health Plan', addressLines: ['PO Box 1'] }, purpose: 'Claim review', recordsAsked: ['sessions', 'diagnoses', 'progress-notes'] });
    const d = await detail(id);
    expect(d.request.dueKind).toBe('practice-target');
    expect(d.decision.progressNotes.release).toBe(true);
    expect(d.decision.psychotherapyNotes.release).toBe(false);
    expect(d.decision.psychotherapyNotes.basis).toContain('164.508(a)(2)');
    expect(d.decision.accountable).toBe(false);
    const build = await t.call(t.logins.records, 'POST', `/api/release/requests/${id}/packet`);
    expect(build.statusCode, build.body).toBe(200);
    const packetId = build.json<{ outcome: string; packet: { id: string } }>().packet.id;
    const pdf = await t.call(t.logins.records, 'GET', `/api/release/packets/${packetId}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const fhir = await t.call(t.logins.records, 'GET', `/api/release/packets/${packetId}/fhir`);
    const bundle = JSON.parse(fhir.body) as { resourceType: string; entry: Array<{ resource: { resourceType: string; meta?: { security?: unknown[] } } }> };
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.entry.every((e) => (e.resource.meta?.security ?? []).length > 0)).toBe(true);
    expect(fhir.body).not.toContain(PSY_MARKER);
    const before = (await disclosures()).length;
    const del = await t.call(t.logins.records, 'POST', `/api/release/packets/${packetId}/deliver`, { deliveredOn: '2025-06-02', method: 'mail' });
    expect(del.statusCode, del.body).toBe(200);
    expect(del.json<{ disclosureId: string | null }>().disclosureId).toBeNull();
    // 164.528(a)(1)(i): payment disclosures are not accounted.
    expect((await disclosures()).length).toBe(before);
    expect((await detail(id)).request.status).toBe('delivered');
  });

  it('court order naming psychotherapy notes: goes to the author, approved in their session, delivered with an accounting entry', async () => {
    const id = await logRequest({ requesterType: 'court-order', recipient: { name: 'Clerk of the Synthetic Court', addressLines: ['2 Court Sq'] }, purpose: 'Court order in a synthetic case', courtOrder: { coversProgressNotes: true, coversPsychotherapyNotes: true } });
    const d = await detail(id);
    expect(d.decision.psychotherapyNotes.release).toBe(true);
    const build = await t.call(t.logins.records, 'POST', `/api/release/requests/${id}/packet`);
    expect(build.json<{ outcome: string }>().outcome).toBe('awaiting-author');
    // Another clinician (not treating this client) sees nothing and cannot approve.
    expect((await t.call(t.logins.clinician2, 'GET', '/api/release/approvals')).json<unknown[]>()).toEqual([]);
    expect((await t.call(t.logins.clinician2, 'POST', `/api/release/approvals/${id}`, { decision: 'approve' })).statusCode).toBe(404);
    const pending = (await t.call(t.logins.clinician, 'GET', '/api/release/approvals')).json<Array<{ requestId: string }>>();
    expect(pending.map((p) => p.requestId)).toContain(id);
    const view = await t.call(t.logins.clinician, 'GET', `/api/release/approvals/${id}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.body).toContain(PSY_MARKER);
    // Records staff never see the notes' content in the request view.
    expect((await t.call(t.logins.records, 'GET', `/api/release/requests/${id}`)).body).not.toContain(PSY_MARKER);
    const approve = await t.call(t.logins.clinician, 'POST', `/api/release/approvals/${id}`, { decision: 'approve' });
    expect(approve.statusCode, approve.body).toBe(200);
    const after = await detail(id);
    expect(after.request.status).toBe('ready');
    const packet = after.packets.at(-1)!;
    expect(packet.withPsychotherapyNotes).toBe(true);
    expect(packet.stored).toBe(false);
    expect(packet.accountable).toBe(true);
    // The packet's bytes never rest in the chart database.
    const row = await t.server.deps.chart.db.selectFrom('release_packets' as never).selectAll().where('id' as never, '=', packet.id as never).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(PSY_MARKER);
    const fhir = await t.call(t.logins.records, 'GET', `/api/release/packets/${packet.id}/fhir`);
    expect(fhir.statusCode).toBe(200);
    expect(fhir.body).toContain('PSYTHPN');
    const before = (await disclosures()).length;
    const del = await t.call(t.logins.records, 'POST', `/api/release/packets/${packet.id}/deliver`, { deliveredOn: '2025-06-03', method: 'court-filing' });
    expect(del.json<{ disclosureId: string | null }>().disclosureId).not.toBeNull();
    const raw = await t.call(t.logins.records, 'GET', `/api/clients/${t.clientId}/accounting`);
    expect(raw.statusCode, raw.body).toBe(200);
    const entries = await disclosures();
    expect(entries.length).toBe(before + 1);
    expect(entries.at(-1)!.recipient).toContain('Clerk of the Synthetic Court');
    expect(entries.at(-1)!.basis).toContain('164.512(e)(1)(i)');
    const report = await t.call(t.logins.records, 'GET', `/api/clients/${t.clientId}/accounting/pdf?requestedOn=2025-06-10`);
    expect(report.statusCode).toBe(200);
    expect(report.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Delivered once only.
    expect((await t.call(t.logins.records, 'POST', `/api/release/packets/${packet.id}/deliver`, { deliveredOn: '2025-06-03', method: 'mail' })).statusCode).toBe(409);
  });

  it('an approved packet is sealed in the vault: a second, freshly started instance serves it to records staff only', async () => {
    const id = await logRequest({ requesterType: 'court-order', recipient: { name: 'Third Synthetic Court', addressLines: ['3 Court Sq'] }, purpose: 'Court order in a synthetic case', courtOrder: { coversProgressNotes: true, coversPsychotherapyNotes: true } });
    await t.call(t.logins.records, 'POST', `/api/release/requests/${id}/packet`);
    const approve = await t.call(t.logins.clinician, 'POST', `/api/release/approvals/${id}`, { decision: 'approve' });
    expect(approve.statusCode, approve.body).toBe(200);
    const packet = (await detail(id)).packets.at(-1)!;
    expect(packet).toMatchObject({ withPsychotherapyNotes: true, stored: false });
    // Invariant 2: the vault holds ciphertext only; the data key is sealed to the records user alone.
    const vdb = t.server.deps.vault.store.database.db;
    const sealed = await vdb.selectFrom('sealed_release_packets').selectAll().where('id', '=', packet.id).executeTakeFirstOrThrow();
    expect(sealed.client_id).toBe(t.clientId);
    expect(JSON.stringify(sealed)).not.toContain(PSY_MARKER);
    expect(JSON.stringify(sealed)).not.toContain(PSY_BODY_B64);
    expect(JSON.stringify(sealed)).not.toContain('PSYTHPN');
    const keys = await vdb.selectFrom('sealed_release_packet_keys').select('recipient_id').where('packet_id', '=', packet.id).execute();
    expect(keys.map((k) => k.recipient_id)).toEqual([t.ids.records]);

    // A second instance on the same data directory: nothing of the first process's memory.
    const second = await openServer(t.config, { now: () => t.clock.now });
    try {
      const call = (who: Login | null, url: string, method: InjectOptions['method'] = 'GET', body?: Record<string, unknown>) =>
        second.app.inject({ method, url, headers: who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}, ...(body ? { payload: body } : {}) });
      const fhir = await call(t.logins.records, `/api/release/packets/${packet.id}/fhir`);
      expect(fhir.statusCode, fhir.body).toBe(200);
      // The bundle carries the note as a base64 attachment.
      expect(fhir.body).toContain(PSY_BODY_B64);
      expect(fhir.body).toContain('PSYTHPN');
      const pdf = await call(t.logins.records, `/api/release/packets/${packet.id}/pdf`);
      expect(pdf.statusCode, pdf.body).toBe(200);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      // Not records staff, or not logged in: nothing.
      for (const who of [t.logins.clinician, t.logins.biller, t.logins.admin]) {
        expect((await call(who, `/api/release/packets/${packet.id}/fhir`)).statusCode).toBe(404);
        expect((await call(who, `/api/release/packets/${packet.id}/pdf`)).statusCode).toBe(404);
      }
      expect((await call(null, `/api/release/packets/${packet.id}/fhir`)).statusCode).toBe(401);
      // A records user created after the approval was not sealed to: the author re-approves.
      const made = await call(t.logins.admin, '/api/users', 'POST', { username: 'records-late', displayName: 'R. L.', password: PASSWORD, roles: ['records'] });
      expect(made.statusCode, made.body).toBe(201);
      const late = loginFrom(await second.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'records-late', password: PASSWORD } }));
      const refused = await call(late, `/api/release/packets/${packet.id}/fhir`);
      expect(refused.statusCode).toBe(409);
      expect(refused.body).not.toContain(PSY_BODY_B64);
      // Every store and open is audited, with ids only.
      const audit = await t.server.deps.chart.db.selectFrom('audit_log').selectAll().where('entity_id', '=', packet.id).execute();
      const seen = audit.map((r) => `${r.action}:${r.outcome}:${r.actor_id}`);
      expect(seen).toContain(`vault.release-packet.store:allowed:${t.ids.clinician}`);
      expect(seen).toContain(`vault.release-packet.open:allowed:${t.ids.records}`);
      expect(seen).toContain(`vault.release-packet.open:denied:${late.userId}`);
      expect(JSON.stringify(audit)).not.toContain(PSY_MARKER);
      expect(JSON.stringify(audit)).not.toContain(PSY_BODY_B64);
    } finally {
      await second.close();
    }
  });

  it('the author may decline; the chart then goes alone', async () => {
    const id = await logRequest({ requesterType: 'court-order', recipient: { name: 'Second Synthetic Court' }, courtOrder: { coversPsychotherapyNotes: true } });
    await t.call(t.logins.records, 'POST', `/api/release/requests/${id}/packet`);
    const dec = await t.call(t.logins.clinician, 'POST', `/api/release/approvals/${id}`, { decision: 'decline', reason: 'Asking the court to narrow the order.' });
    expect(dec.statusCode, dec.body).toBe(200);
    const build = await t.call(t.logins.records, 'POST', `/api/release/requests/${id}/packet`);
    expect(build.json<{ outcome: string; packet: { withPsychotherapyNotes: boolean } }>()).toMatchObject({ outcome: 'built', packet: { withPsychotherapyNotes: false } });
  });

  it("the client's own request: an access copy with a 30-day deadline, one extension by notice, never psychotherapy notes, not accounted", async () => {
    const id = await logRequest({ requesterType: 'individual', recipient: { name: 'J. Q.' }, purpose: 'At the request of the individual', dateRange: {} });
    let d = await detail(id);
    expect(d.request.dueOn).toBe('2025-07-01');
    expect(d.extension).toMatchObject({ available: true, noticeBy: '2025-07-01', newDueOn: '2025-07-31' });
    expect((await t.call(t.logins.records, 'POST', `/api/release/requests/${id}/extension`, { sentOn: '2025-07-02', reason: 'Records are in off-site storage.' })).statusCode).toBe(400);
    expect((await t.call(t.logins.records, 'POST', `/api/release/requests/${id}/extension`, { sentOn: '2025-06-20', reason: 'Records are in off-site storage.' })).statusCode).toBe(201);
    expect((await t.call(t.logins.records, 'POST', `/api/release/requests/${id}/extension`, { sentOn: '2025-06-21', reason: 'A second extension is not allowed.' })).statusCode).toBe(409);
    d = await detail(id);
    expect(d.request.dueOn).toBe('2025-07-31');
    const build = await t.call(t.logins.records, 'POST', `/api/release/requests/${id}/packet`);
    const packet = build.json<{ outcome: string; packet: { id: string; kind: string; accountable: boolean; withPsychotherapyNotes: boolean } }>().packet;
    expect(packet).toMatchObject({ kind: 'access-copy', accountable: false, withPsychotherapyNotes: false });
    const fhir = await t.call(t.logins.records, 'GET', `/api/release/packets/${packet.id}/fhir`);
    expect(fhir.body).not.toContain(PSY_MARKER);
    expect(fhir.body).not.toContain('PSYTHPN');
  });

  it('subpoena: nothing leaves until the checklist supports a satisfactory assurance', async () => {
    const id = await logRequest({ requesterType: 'attorney-subpoena', recipient: { name: 'Law Office of V. W.' }, recordsAsked: ['sessions'] });
    expect((await detail(id)).decision.progressNotes.release).toBe(false);
    for (const step of ['notice-to-client', 'objection-window-closed']) {
      expect((await t.call(t.logins.records, 'POST', `/api/release/requests/${id}/subpoena-steps`, { step, completedOn: '2025-06-02' })).statusCode).toBe(201);
    }
    expect((await detail(id)).request.satisfactoryAssurance).toBe('none');
    await t.call(t.logins.records, 'POST', `/api/release/requests/${id}/subpoena-steps`, { step: 'satisfactory-assurance', completedOn: '2025-06-02', note: 'Declaration received.' });
    const d = await detail(id);
    expect(d.request.satisfactoryAssurance).toBe('notice');
    expect(d.decision.progressNotes.release).toBe(true);
    expect(d.decision.psychotherapyNotes.release).toBe(false);
    expect((await t.call(t.logins.records, 'POST', `/api/release/requests/${id}/subpoena-steps`, { step: 'notice-to-client', completedOn: '2025-06-02' })).statusCode).toBe(409);
  });

  it('authorization: checklist defects by element, a scanned copy, revocation effective on receipt', async () => {
    const res = await t.call(t.logins.records, 'POST', `/api/clients/${t.clientId}/authorizations`, {
      kind: 'general', description: 'Progress notes 2025', discloser: 'Synthetic Counselling Group', recipient: 'Dr. T. U.', purpose: 'Coordination', signedBy: 'J. Q.', signedOn: '2025-05-01', expiresOn: '2026-05-01',
      statements: { rightToRevoke: true, conditioning: true, redisclosure: false },
    });
    expect(res.statusCode, res.body).toBe(201);
    const authId = res.json<{ id: string }>().id;
    let list = (await t.call(t.logins.records, 'GET', `/api/clients/${t.clientId}/authorizations`)).json<Array<{ authorization: { id: string }; check: { valid: boolean; problems: Array<{ element?: string }> }; revocation: unknown; attachments: unknown[] }>>();
    let mine = list.find((a) => a.authorization.id === authId)!;
    expect(mine.check.valid).toBe(false);
    expect(mine.check.problems.map((p) => p.element)).toContain('statements.redisclosure');
    const scan = await t.call(t.logins.records, 'POST', '/api/release/attachments', { authorizationId: authId, filename: 'form.pdf', contentType: 'application/pdf', dataBase64: Buffer.from('%PDF-1.4 synthetic').toString('base64') });
    expect(scan.statusCode, scan.body).toBe(201);
    const got = await t.call(t.logins.records, 'GET', `/api/release/attachments/${scan.json<{ id: string }>().id}`);
    expect(got.body).toBe('%PDF-1.4 synthetic');
    expect((await t.call(t.logins.records, 'POST', '/api/release/attachments', { authorizationId: authId, filename: 'x.html', contentType: 'text/html', dataBase64: 'PGI+' })).statusCode).toBe(400);
    expect((await t.call(t.logins.records, 'POST', `/api/release/authorizations/${authId}/revocation`, { receivedOn: '2025-04-01' })).statusCode).toBe(400);
    expect((await t.call(t.logins.records, 'POST', `/api/release/authorizations/${authId}/revocation`, { receivedOn: '2025-06-01' })).statusCode).toBe(201);
    expect((await t.call(t.logins.records, 'POST', `/api/release/authorizations/${authId}/revocation`, { receivedOn: '2025-06-02' })).statusCode).toBe(409);
    list = (await t.call(t.logins.records, 'GET', `/api/clients/${t.clientId}/authorizations`)).json();
    mine = list.find((a) => a.authorization.id === authId)!;
    expect(mine.revocation).toMatchObject({ receivedOn: '2025-06-01' });
    expect(mine.attachments).toHaveLength(1);
  });

  it('queue lists open requests soonest due first with days left', async () => {
    const q = (await t.call(t.logins.records, 'GET', '/api/release/queue')).json<Array<{ dueOn: string; daysLeft: number; status: string }>>();
    expect(q.length).toBeGreaterThan(0);
    expect(q.map((i) => i.dueOn)).toEqual([...q.map((i) => i.dueOn)].sort());
    expect(q.every((i) => i.status !== 'delivered')).toBe(true);
  });

  it('training: questions without the key, a pass is recorded, the admin sees completion per staff member', async () => {
    const qs = (await t.call(t.logins.records, 'GET', '/api/training/questions')).json<Array<{ id: string; choices: string[] }>>();
    expect(qs.length).toBeGreaterThanOrEqual(20);
    expect(JSON.stringify(qs)).not.toContain('"correct"');
    const { SCENARIOS } = await import('../../src/core/training/index.ts');
    const all = Object.fromEntries(SCENARIOS.map((s) => [s.id, s.correct]));
    const fail = await t.call(t.logins.records, 'POST', '/api/training/attempts', { answers: {} });
    expect(fail.json()).toMatchObject({ passed: false, completionId: null });
    const pass = await t.call(t.logins.records, 'POST', '/api/training/attempts', { answers: all });
    expect(pass.json<{ passed: boolean; feedback: Array<{ citation: string }> }>()).toMatchObject({ passed: true });
    expect(pass.json<{ feedback: Array<{ citation: string }> }>().feedback.every((f) => f.citation.startsWith('45 CFR'))).toBe(true);
    const report = (await t.call(t.logins.admin, 'GET', '/api/training/completions')).json<Array<{ username: string; completedAt: string | null; score: number | null }>>();
    expect(report.find((r) => r.username === 'records')).toMatchObject({ score: 100 });
    expect(report.find((r) => r.username === 'biller')).toMatchObject({ completedAt: null });
  });
});
