/**
 * The drafting routes in-process, with the language model played by a real HTTP server on
 * loopback that speaks chat completions (deterministic replies, switched per test): AI
 * consent is recorded, revoked, audited and required; the draft leaves only through the
 * gate; psychotherapy-note content never reaches the model; whatever the model does, the
 * stored draft is untouched. Also the server gaps the web app asked for.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../src/server/server-config.ts';
import { cleanNote, startTestServer, type TestServer } from '../server/helpers.ts';

type Mode = 'polite' | 'inventor' | 'lose-heading' | 'slow' | 'error' | 'not-json';

const received: Array<{ model: string; messages: Array<{ role: string; content: string }>; raw: string }> = [];
let mode: Mode = 'polite';
let llm: Server;
let t: TestServer;
let off: TestServer;

const PRIVATE_PHRASE = 'zephyr-lantern countertransference detail';

function reply(userText: string): { status: number; body: string; delayMs?: number } {
  const completion = (content: string) => JSON.stringify({ model: 'loopback-model', choices: [{ message: { role: 'assistant', content } }] });
  switch (mode) {
    case 'polite':
      return { status: 200, body: completion(userText.replace('Client reports improved sleep.', 'The client said that sleep has improved.')) };
    case 'inventor':
      return { status: 200, body: completion(`${userText}\nDenies HI. PHQ-9 total 3.`) };
    case 'lose-heading':
      return { status: 200, body: completion(userText.replace('Objective:\n', '')) };
    case 'slow':
      return { status: 200, body: completion(userText), delayMs: 1_500 };
    case 'error':
      return { status: 500, body: '{"error":"boom"}' };
    case 'not-json':
      return { status: 200, body: '<html>gateway</html>' };
  }
}

beforeAll(async () => {
  llm = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(raw) as { model: string; messages: Array<{ role: string; content: string }> };
      received.push({ model: body.model, messages: body.messages, raw });
      const r = reply(body.messages.find((m) => m.role === 'user')?.content ?? '');
      setTimeout(() => {
        if (!res.destroyed) res.writeHead(r.status, { 'content-type': 'application/json' }).end(r.body);
      }, r.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => llm.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(llm.address() as AddressInfo).port}/v1`;
  t = await startTestServer({ env: { NOTEWALL_LLM_URL: url, NOTEWALL_LLM_MODEL: 'loopback-model', NOTEWALL_LLM_TIMEOUT_MS: '700' } });
  off = await startTestServer();
});

afterAll(async () => {
  await t.close();
  await off.close();
  llm.closeAllConnections();
  await new Promise<void>((resolve) => llm.close(() => resolve()));
});

let day = 0;
async function draft(server: TestServer = t): Promise<{ id: string; version: number }> {
  const date = new Date(Date.UTC(2025, 5, 1) + ++day * 86_400_000).toISOString().slice(0, 10);
  const res = await server.call(server.logins.clinician, 'POST', `/api/clients/${server.clientId}/notes`, { content: cleanNote(date) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function auditRows(action: string) {
  return t.server.deps.chart.db
    .selectFrom('audit_log')
    .select(['action', 'outcome', 'reason', 'entity_id', 'client_id', 'actor_id'])
    .where('action', '=', action as never)
    .orderBy('seq')
    .execute();
}

const setConsent = (granted: boolean, who = t.logins.clinician) => t.call(who, 'PUT', `/api/clients/${t.clientId}/ai-consent`, { granted, note: granted ? 'Signed consent form, synthetic.' : 'Client withdrew consent.' });
const polish = (noteId: string) => t.call(t.logins.clinician, 'POST', `/api/notes/${noteId}/polish`);

describe('AI consent', () => {
  it('starts absent, is recorded and revoked with a history, and is audited', async () => {
    const first = await t.call(t.logins.clinician, 'GET', `/api/clients/${t.clientId}/ai-consent`);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ clientId: t.clientId, granted: false, current: null, history: [], modelConfigured: true });
    const bad = await setConsent(false);
    expect(bad.statusCode).toBe(409);
    expect(bad.json<{ error: { field?: string } }>().error.field).toBe('granted');

    const granted = await setConsent(true);
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json()).toMatchObject({ granted: true, current: { status: 'granted', recordedBy: t.ids.clinician, recordedByName: 'CLINICIAN', note: 'Signed consent form, synthetic.' } });
    const revoked = await setConsent(false, t.logins.admin);
    expect(revoked.json<{ granted: boolean; history: Array<{ status: string }> }>()).toMatchObject({ granted: false, history: [{ status: 'revoked' }, { status: 'granted' }] });

    expect((await auditRows('ai-consent.record')).map((r) => [r.outcome, r.client_id])).toEqual([['allowed', t.clientId]]);
    expect((await auditRows('ai-consent.revoke')).map((r) => r.outcome)).toEqual(['failed', 'allowed']);
  });

  it('is the history of record: rows cannot be changed or deleted', async () => {
    const db = t.server.deps.chart.db.withTables<{ ai_consents: { status: string; client_id: string } }>();
    await expect(db.updateTable('ai_consents').set({ status: 'granted' }).where('client_id', '=', t.clientId).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('ai_consents').where('client_id', '=', t.clientId).execute()).rejects.toThrow(/append-only/);
  });

  it("is the client's clinician's and the admin's: others get 404 and change nothing", async () => {
    const count = async () => Number((await t.server.deps.chart.db.withTables<{ ai_consents: { id: string } }>().selectFrom('ai_consents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    for (const who of [t.logins.clinician2, t.logins.supervisor, t.logins.records, t.logins.biller]) {
      expect((await t.call(who, 'GET', `/api/clients/${t.clientId}/ai-consent`)).statusCode).toBe(404);
      expect((await t.call(who, 'PUT', `/api/clients/${t.clientId}/ai-consent`, { granted: true })).statusCode).toBe(404);
    }
    expect(await count()).toBe(before);
  });
});

describe('POST /api/notes/:noteId/polish', () => {
  it('is feature-off (404) when no model is configured', async () => {
    const n = await draft(off);
    expect((await off.call(off.logins.clinician, 'GET', `/api/clients/${off.clientId}/ai-consent`)).json<{ modelConfigured: boolean }>().modelConfigured).toBe(false);
    const res = await off.call(off.logins.clinician, 'POST', `/api/notes/${n.id}/polish`);
    expect(res.statusCode).toBe(404);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('feature-off');
  });

  it('without consent: refused, nothing sent, the refusal audited', async () => {
    expect((await t.call(t.logins.clinician, 'GET', `/api/clients/${t.clientId}/ai-consent`)).json<{ granted: boolean }>().granted).toBe(false);
    const n = await draft();
    const before = received.length;
    const res = await polish(n.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ status: string; reason: string }>().status).toBe('refused');
    expect(res.json<{ status: string; reason: string }>().reason).toMatch(/consent/i);
    expect(received.length).toBe(before);
    const rows = (await auditRows('note.polish')).filter((r) => r.entity_id === n.id);
    expect(rows.map((r) => [r.outcome, r.reason])).toEqual([
      ['allowed', 'read-for-polish'],
      ['denied', 'no-ai-consent'],
    ]);
  });

  it('with consent: sends only the draft sections, never the psychotherapy note, and returns diff, re-lint and sections', async () => {
    // The clinician's private note for the same client holds a phrase that must never leave.
    const psy = await t.call(t.logins.clinician, 'POST', '/api/psychotherapy-notes', { clientId: t.clientId, content: { body: `Process: ${PRIVATE_PHRASE}.` } });
    expect(psy.statusCode).toBe(201);
    expect((await setConsent(true)).statusCode).toBe(200);
    mode = 'polite';
    const n = await draft();
    const before = received.length;
    const res = await polish(n.id);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ status: string; sections: Record<string, string> | null; findings: Array<{ severity: string }>; diff: Array<{ kind: string; text: string }>; invented: unknown[]; draftText: string; version: number }>();
    expect(body.status).toBe('rephrased');
    expect(body.sections).toEqual({ subjective: 'The client said that sleep has improved.', objective: 'Calm, engaged.', assessment: 'Progressing.', plan: 'Continue weekly.' });
    expect(body.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(body.invented).toEqual([]);
    expect(body.diff.some((p) => p.kind === 'added')).toBe(true);
    expect(body.version).toBe(n.version);

    const sent = received.slice(before);
    expect(sent).toHaveLength(1);
    const user = sent[0]!.messages.find((m) => m.role === 'user')!.content;
    expect(user).toBe(body.draftText);
    expect(user).toBe('Subjective:\nClient reports improved sleep.\n\nObjective:\nCalm, engaged.\n\nAssessment:\nProgressing.\n\nPlan:\nContinue weekly.');
    // Minimum necessary: the billed header (CPT, times) stays home.
    expect(user).not.toMatch(/90837|10:00/);
    for (const r of received) expect(r.raw).not.toContain(PRIVATE_PHRASE);

    // Nothing was saved: the stored draft is as it was.
    const stored = (await t.call(t.logins.clinician, 'GET', `/api/notes/${n.id}`)).json<{ version: number; content: { sections: Record<string, string> } }>();
    expect(stored.version).toBe(n.version);
    expect(stored.content.sections.subjective).toBe('Client reports improved sleep.');
    // Audited with ids and codes only, never text.
    const rows = (await auditRows('note.polish')).filter((r) => r.entity_id === n.id);
    expect(rows.map((r) => [r.outcome, r.reason])).toEqual([
      ['allowed', 'read-for-polish'],
      ['allowed', 'sent:rephrased'],
    ]);
  });

  it('flags invented facts, and refuses to map a reply that lost a heading', async () => {
    mode = 'inventor';
    const a = (await polish((await draft()).id)).json<{ invented: Array<{ kind: string }>; sections: unknown }>();
    expect(a.invented.map((i) => i.kind)).toEqual(expect.arrayContaining(['measure', 'negation']));
    mode = 'lose-heading';
    const b = (await polish((await draft()).id)).json<{ status: string; sections: unknown; findings: unknown; problem: string }>();
    expect(b).toMatchObject({ status: 'rephrased', sections: null, findings: null });
    expect(b.problem).toMatch(/Objective/);
  });

  it.each([
    ['slow', 'timeout'],
    ['error', 'http-error'],
    ['not-json', 'malformed-reply'],
  ] as const)('model "%s": fails as %s and the draft is kept', async (m, error) => {
    mode = m;
    const n = await draft();
    const res = await polish(n.id);
    expect(res.statusCode).toBe(200);
    const out = res.json<{ status: string; error: string; draftText: string }>();
    expect(out).toMatchObject({ status: 'failed', error });
    expect(out.draftText).toContain('Client reports improved sleep.');
    const stored = (await t.call(t.logins.clinician, 'GET', `/api/notes/${n.id}`)).json<{ version: number }>();
    expect(stored.version).toBe(n.version);
    const rows = (await auditRows('note.polish')).filter((r) => r.entity_id === n.id);
    expect(rows.at(-1)).toMatchObject({ outcome: 'failed', reason: `sent:${error}` });
  });

  it("refuses signed notes (409), other clinicians' drafts (404), and stops sending once consent is revoked", async () => {
    const signed = await draft();
    expect((await t.call(t.logins.clinician, 'POST', `/api/notes/${signed.id}/sign`, {})).statusCode).toBe(200);
    expect((await polish(signed.id)).statusCode).toBe(409);
    const other = await t.call(t.logins.clinician2, 'POST', `/api/clients/${t.otherClientId}/notes`, { content: cleanNote('2025-09-09') });
    expect((await polish(other.json<{ id: string }>().id)).statusCode).toBe(404);

    expect((await setConsent(false)).statusCode).toBe(200);
    mode = 'polite';
    const before = received.length;
    expect((await polish((await draft()).id)).json()).toMatchObject({ status: 'refused' });
    expect(received.length).toBe(before);
  });
});

describe('server gaps for the web app', () => {
  it('chart rows carry the session id', async () => {
    const s = await t.call(t.logins.clinician, 'POST', `/api/clients/${t.clientId}/sessions`, { logistics: { date: '2025-12-01', start: '09:00', end: '09:53', modality: 'individual', cptCodes: ['90837'] } });
    const sessionId = s.json<{ id: string }>().id;
    const n = await t.call(t.logins.clinician, 'POST', `/api/clients/${t.clientId}/notes`, { sessionId, content: cleanNote('2025-12-01') });
    const page = (await t.call(t.logins.clinician, 'GET', `/api/clients/${t.clientId}/notes`)).json<{ rows: Array<{ id: string; sessionId: string | null }> }>();
    expect(page.rows.find((r) => r.id === n.json<{ id: string }>().id)?.sessionId).toBe(sessionId);
    expect(page.rows.filter((r) => r.sessionId === null).length).toBeGreaterThan(0);
  });

  it('GET /api/users says who is active and who has a second factor', async () => {
    expect((await t.call(t.logins.records, 'POST', '/api/auth/totp/enrol')).statusCode).toBe(200);
    const users = (await t.call(t.logins.admin, 'GET', '/api/users')).json<Array<{ username: string; active: boolean; totpEnrolled: boolean; totpPending: boolean }>>();
    expect(users.find((u) => u.username === 'records')).toMatchObject({ active: true, totpEnrolled: false, totpPending: true });
    expect(users.find((u) => u.username === 'biller')).toMatchObject({ active: true, totpEnrolled: false, totpPending: false });
  });

  it('GET /api/audit names the actor', async () => {
    const page = (await t.call(t.logins.admin, 'GET', '/api/audit?action=ai-consent.record')).json<{ entries: Array<{ actorId: string; actorDisplayName: string | null }> }>();
    expect(page.entries.length).toBeGreaterThan(0);
    const nameOf = Object.fromEntries(Object.entries(t.ids).map(([name, id]) => [id, name === 'admin' ? 'A. D.' : name.toUpperCase()]));
    for (const e of page.entries) expect(e.actorDisplayName).toBe(nameOf[e.actorId]);
    expect(page.entries.map((e) => e.actorDisplayName)).toEqual(expect.arrayContaining(['CLINICIAN', 'CLINICIAN2']));
  });

  it('the idle timeout can be set in seconds (at least 10) for tests', () => {
    const base = { NOTEWALL_DATA_DIR: t.dir };
    expect(loadServerConfig({ ...base, NOTEWALL_IDLE_SECONDS: '12' }).idleSeconds).toBe(12);
    expect(loadServerConfig(base).idleSeconds).toBe(15 * 60);
    expect(() => loadServerConfig({ ...base, NOTEWALL_IDLE_SECONDS: '5' })).toThrow(/NOTEWALL_IDLE_SECONDS/);
    expect(() => loadServerConfig({ ...base, NOTEWALL_LLM_URL: 'ftp://x' })).toThrow(/NOTEWALL_LLM_URL/);
  });
});
