/**
 * In-process HTTP tests (fastify.inject) for every route group: the main flows and the
 * per-record rules (assigned clients, authorship, billing scope, psychotherapy notes for
 * their author alone).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../db/fixtures.ts';
import { cleanNote, flawedNote, loginFrom, PASSWORD, startTestServer, type TestServer } from './helpers.ts';

const kinds = await storeKinds('server API');
for (const kind of kinds) {
  describe(`on ${kind}`, () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer({ store: kind });
    });
    afterAll(async () => {
      await t.close();
    });

    describe('setup and session', () => {
      it('reports setup done and refuses a second setup', async () => {
        expect((await t.call(null, 'GET', '/api/setup')).json()).toEqual({ needsSetup: false });
        const again = await t.call(null, 'POST', '/api/setup', { practiceName: 'X', admin: { username: 'other', displayName: 'O', password: 'another long password' } });
        expect(again.statusCode).toBe(409);
        expect(again.json()).toMatchObject({ error: { code: 'conflict' } });
      });

      it('sets an HttpOnly, SameSite=Strict session cookie and returns the session', async () => {
        const res = await t.login('clinician');
        const cookie = res.cookies.find((c) => c.name === 'nw_session');
        expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
        expect(cookie?.secure).toBeFalsy();
      // A browser-session cookie: it does not outlive the browser on a shared workstation.
      expect(cookie?.maxAge).toBeUndefined();
      expect(cookie?.expires).toBeUndefined();
        const body = res.json<{ user: { roles: string[] }; vaultUnlocked: boolean; idleTimeoutSeconds: number }>();
        expect(body.user.roles).toEqual(['clinician']);
        expect(body.vaultUnlocked).toBe(true);
        expect(body.idleTimeoutSeconds).toBe(900);
        const me = await t.call(t.logins.clinician, 'GET', '/api/auth/session');
        expect(me.statusCode).toBe(200);
        expect(me.json()).toMatchObject({ user: { username: 'clinician' } });
      });

      it('answers 401 without a session and 401 invalid-credentials for a wrong password', async () => {
        expect((await t.call(null, 'GET', '/api/clients')).statusCode).toBe(401);
        const bad = await t.login('clinician', 'wrong password entirely');
        expect(bad.statusCode).toBe(401);
        expect(bad.json()).toMatchObject({ error: { code: 'invalid-credentials' } });
      });

      it('accepts an empty JSON body on a body-less POST', async () => {
        const res = await t.call(t.logins.records, 'POST', '/api/auth/notices/acknowledge', undefined, { 'content-type': 'application/json' });
        expect(res.statusCode).toBe(204);
      });

      it('refuses a state-changing request without the CSRF token', async () => {
        const res = await t.call(t.logins.clinician, 'POST', '/api/clients', { displayName: 'Z. Z.' }, { 'x-csrf-token': 'nope' });
        expect(res.statusCode).toBe(403);
        expect(res.json()).toMatchObject({ error: { code: 'csrf' } });
      });

      it('sends security headers with a strict CSP and no-store on session responses', async () => {
        const res = await t.call(t.logins.clinician, 'GET', '/api/auth/session');
        expect(res.headers['content-security-policy']).toContain("default-src 'self'");
        expect(res.headers['content-security-policy']).toContain("script-src 'self'");
        expect(res.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers['x-request-id']).toBeTruthy();
      });
    });

    describe('clients, assignments and sessions', () => {
      it('lists only assigned clients for clinicians, all for records', async () => {
        const mine = (await t.call(t.logins.clinician, 'GET', '/api/clients')).json<Array<{ id: string }>>().map((c) => c.id);
        expect(mine).toContain(t.clientId);
        expect(mine).not.toContain(t.otherClientId);
        const all = (await t.call(t.logins.records, 'GET', '/api/clients')).json<Array<{ id: string }>>().map((c) => c.id);
        expect(all).toEqual(expect.arrayContaining([t.clientId, t.otherClientId]));
      });

      it("answers 404 for a client the clinician is not assigned to", async () => {
        const res = await t.call(t.logins.clinician, 'GET', `/api/clients/${t.otherClientId}`);
        expect(res.statusCode).toBe(404);
        expect(res.json()).toMatchObject({ error: { code: 'not-found' } });
      });

      it('creates sessions and refuses reversed and overlapping times, naming the field', async () => {
        const ok = await t.call(t.logins.clinician, 'POST', `/api/clients/${t.clientId}/sessions`, {
          logistics: { date: '2025-02-03', start: '09:00', end: '09:53', modality: 'individual', cptCodes: ['90837'] },
        });
        expect(ok.statusCode).toBe(201);
        const reversed = await t.call(t.logins.clinician, 'POST', `/api/clients/${t.clientId}/sessions`, {
          logistics: { date: '2025-02-03', start: '11:00', end: '10:00', modality: 'individual' },
        });
        expect(reversed.statusCode).toBe(400);
        expect(reversed.json()).toMatchObject({ error: { code: 'validation', field: 'logistics.end' } });
        const overlap = await t.call(t.logins.clinician, 'POST', `/api/clients/${t.clientId}/sessions`, {
          logistics: { date: '2025-02-03', start: '09:30', end: '10:20', modality: 'individual' },
        });
        expect(overlap.statusCode).toBe(400);
        expect(overlap.json()).toMatchObject({ error: { code: 'validation', field: 'logistics.start' } });
        const list = await t.call(t.logins.supervisor, 'GET', `/api/clients/${t.clientId}/sessions`);
        expect(list.json<unknown[]>()).toHaveLength(1);
      });

      it('gives billers the billing view only', async () => {
        const billing = await t.call(t.logins.biller, 'GET', `/api/clients/${t.clientId}/billing`);
        expect(billing.statusCode).toBe(200);
        const body = billing.json<{ sessions: Array<Record<string, unknown>> }>();
        expect(body.sessions[0]).toMatchObject({ date: '2025-02-03', cptCodes: ['90837'] });
        expect(body.sessions[0]).not.toHaveProperty('participants');
        expect((await t.call(t.logins.biller, 'GET', `/api/clients/${t.clientId}/notes`)).statusCode).toBe(404);
        expect((await t.call(t.logins.biller, 'GET', `/api/clients/${t.clientId}/sessions`)).statusCode).toBe(404);
      });
    });

    describe('progress notes', () => {
      it('drafts, edits with a version, signs, adds an addendum and is co-signed', async () => {
        const draft = await t.call(t.logins.clinician, 'POST', `/api/clients/${t.clientId}/notes`, { content: cleanNote() });
        expect(draft.statusCode).toBe(201);
        const note = draft.json<{ id: string; version: number }>();
        expect(note.version).toBe(1);
        const stale = await t.call(t.logins.clinician, 'PUT', `/api/notes/${note.id}`, { version: 5, content: cleanNote() });
        expect(stale.statusCode).toBe(409);
        const edited = await t.call(t.logins.clinician, 'PUT', `/api/notes/${note.id}`, { version: 1, content: cleanNote('2025-03-04', { functionalStatus: 'Working full time.' }) });
        expect(edited.json()).toMatchObject({ version: 2 });
        const signed = await t.call(t.logins.clinician, 'POST', `/api/notes/${note.id}/sign`, { version: 2 });
        expect(signed.statusCode).toBe(200);
        expect(signed.json()).toMatchObject({ note: { status: 'signed' }, overridden: [] });
        const edit = await t.call(t.logins.clinician, 'PUT', `/api/notes/${note.id}`, { version: 2, content: cleanNote() });
        expect(edit.statusCode).toBe(409);
        expect(edit.json()).toMatchObject({ error: { code: 'immutable' } });
        const add = await t.call(t.logins.clinician, 'POST', `/api/notes/${note.id}/addenda`, { body: 'Late entry: phone check-in scheduled.' });
        expect(add.statusCode).toBe(201);
        const cosign = await t.call(t.logins.supervisor, 'POST', `/api/notes/${note.id}/cosign`);
        expect(cosign.statusCode).toBe(200);
        expect(cosign.json<{ signatures: Array<{ kind: string }> }>().signatures.map((s) => s.kind)).toEqual(['author', 'cosign']);
        const page = await t.call(t.logins.records, 'GET', `/api/clients/${t.clientId}/notes`);
        expect(page.json<{ rows: Array<{ id: string }> }>().rows.map((r) => r.id)).toContain(note.id);
      });

      it('refuses to sign with error findings unless an override reason is given, and stores the override', async () => {
        const draft = await t.call(t.logins.clinician, 'POST', `/api/clients/${t.clientId}/notes`, { content: flawedNote() });
        const id = draft.json<{ id: string }>().id;
        const blocked = await t.call(t.logins.clinician, 'POST', `/api/notes/${id}/sign`, {});
        expect(blocked.statusCode).toBe(422);
        const err = blocked.json<{ error: { code: string; field: string; details: { findings: Array<{ rule: string }> } } }>().error;
        expect(err.code).toBe('lint-blocked');
        expect(err.details.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['progress-note/required-element', 'progress-note/cpt-duration-mismatch']));
        expect((await t.call(t.logins.clinician, 'GET', `/api/notes/${id}`)).json()).toMatchObject({ status: 'draft' });
        const short = await t.call(t.logins.clinician, 'POST', `/api/notes/${id}/sign`, { overrideReason: 'short' });
        expect(short.json()).toMatchObject({ error: { code: 'validation', field: 'overrideReason' } });
        const ok = await t.call(t.logins.clinician, 'POST', `/api/notes/${id}/sign`, { overrideReason: 'Session ended early at client request; billed code corrected on claim.' });
        expect(ok.statusCode).toBe(200);
        expect(ok.json<{ overridden: string[] }>().overridden.sort()).toEqual(['progress-note/cpt-duration-mismatch', 'progress-note/required-element']);
        const rows = await t.server.deps.chart.db.withTables<{ note_sign_overrides: { note_id: string; reason: string } }>().selectFrom('note_sign_overrides').selectAll().where('note_id', '=', id).execute();
        expect(rows).toHaveLength(1);
        expect(rows[0]?.reason).toContain('ended early');
      });

      it('lets only the author edit and sign; a supervisor cannot write notes', async () => {
        const draft = await t.call(t.logins.clinician, 'POST', `/api/clients/${t.clientId}/notes`, { content: cleanNote('2025-03-06') });
        const id = draft.json<{ id: string }>().id;
        expect((await t.call(t.logins.clinician2, 'PUT', `/api/notes/${id}`, { version: 1, content: cleanNote('2025-03-06') })).statusCode).toBe(404);
        expect((await t.call(t.logins.clinician2, 'POST', `/api/notes/${id}/sign`, {})).statusCode).toBe(404);
        expect((await t.call(t.logins.supervisor, 'POST', `/api/clients/${t.clientId}/notes`, { content: cleanNote() })).statusCode).toBe(404);
      });
    });

    describe('psychotherapy notes', () => {
      let noteId = '';
      it('the author writes and reads their note', async () => {
        const res = await t.call(t.logins.clinician, 'POST', '/api/psychotherapy-notes', { clientId: t.clientId, content: { body: 'Felt protective; noticed my own impatience.' } });
        expect(res.statusCode).toBe(201);
        noteId = res.json<{ id: string }>().id;
        const read = await t.call(t.logins.clinician, 'GET', `/api/psychotherapy-notes/${noteId}`);
        expect(read.json()).toMatchObject({ content: { body: 'Felt protective; noticed my own impatience.' } });
        expect((await t.call(t.logins.clinician, 'GET', `/api/psychotherapy-notes?clientId=${t.clientId}`)).json<unknown[]>()).toHaveLength(1);
      });

      it('is 404 for every other user, whatever their role', async () => {
        for (const who of ['clinician2', 'supervisor', 'records', 'biller', 'admin'] as const) {
          const res = await t.call(t.logins[who], 'GET', `/api/psychotherapy-notes/${noteId}`);
          expect(res.statusCode, who).toBe(404);
          expect(res.body, who).not.toContain('impatience');
        }
      });

      it('refuses a note about a client the author may not see', async () => {
        const res = await t.call(t.logins.clinician, 'POST', '/api/psychotherapy-notes', { clientId: t.otherClientId, content: { body: 'x' } });
        expect(res.statusCode).toBe(404);
      });

      it('emergency access needs the recovery code and a reason, and the author is told', async () => {
        const noReason = await t.call(t.logins.admin, 'POST', '/api/emergency-access', { noteId, recoveryCode: t.recoveryCode, reason: 'x' });
        expect(noReason.json()).toMatchObject({ error: { code: 'validation', field: 'reason' } });
        const ok = await t.call(t.logins.admin, 'POST', '/api/emergency-access', { noteId, recoveryCode: t.recoveryCode, reason: 'Court order 25-CV-001 requires review today.' });
        expect(ok.statusCode).toBe(200);
        expect(ok.json()).toMatchObject({ id: noteId });
        const session = await t.call(t.logins.clinician, 'GET', '/api/auth/session');
        expect(session.json<{ notices: Array<{ noteId: string }> }>().notices.map((n) => n.noteId)).toContain(noteId);
      });
    });

    describe('diagnoses, goals, measures, home', () => {
      it('records a billable ICD-10-CM code and refuses a header code', async () => {
        expect((await t.call(t.logins.clinician, 'POST', `/api/clients/${t.clientId}/diagnoses`, { code: 'F41.1' })).statusCode).toBe(201);
        const header = await t.call(t.logins.clinician, 'POST', `/api/clients/${t.clientId}/diagnoses`, { code: 'F43.1' });
        expect(header.json()).toMatchObject({ error: { code: 'validation', field: 'code' } });
        expect((await t.call(t.logins.biller, 'GET', `/api/clients/${t.clientId}/diagnoses`)).json<unknown[]>()).toHaveLength(1);
      });

      it('adds and lists goals', async () => {
        expect((await t.call(t.logins.clinician, 'POST', `/api/clients/${t.clientId}/goals`, { description: 'Sleep 7 hours most nights' })).statusCode).toBe(201);
        expect((await t.call(t.logins.supervisor, 'GET', `/api/clients/${t.clientId}/goals`)).json<unknown[]>()).toHaveLength(1);
      });

      it('scores measures on the server and raises an item-9 alert on the home page until risk is documented', async () => {
        const items = [1, 1, 1, 1, 1, 1, 1, 1, 1];
        const res = await t.call(t.logins.clinician, 'POST', `/api/clients/${t.clientId}/measures`, { instrument: 'phq9', administeredOn: '2025-04-01', items });
        expect(res.statusCode).toBe(201);
        expect(res.json()).toMatchObject({ result: { total: 9, flags: { item9Positive: true } } });
        const bad = await t.call(t.logins.clinician, 'POST', `/api/clients/${t.clientId}/measures`, { instrument: 'phq9', administeredOn: '2025-04-01', items: [9] });
        expect(bad.statusCode).toBe(400);
        expect((await t.call(t.logins.records, 'GET', `/api/clients/${t.clientId}/measures`)).json<unknown[]>()).toHaveLength(1);
        const home = await t.call(t.logins.clinician, 'GET', '/api/home?today=2025-04-01');
        expect(home.json<{ item9Alerts: unknown[] }>().item9Alerts).toHaveLength(1);
        await t.call(t.logins.clinician, 'POST', `/api/clients/${t.clientId}/notes`, { content: cleanNote('2025-04-02') });
        const after = await t.call(t.logins.clinician, 'GET', '/api/home?today=2025-04-02');
        const body = after.json<{ item9Alerts: unknown[]; drafts: unknown[] }>();
        expect(body.item9Alerts).toHaveLength(0);
        expect(body.drafts.length).toBeGreaterThan(0);
      });
    });

    describe('audit', () => {
      it('lists, filters and verifies the log, and reports who accessed a client', async () => {
        const log = await t.call(t.logins.admin, 'GET', `/api/audit?clientId=${t.clientId}&limit=5`);
        expect(log.statusCode).toBe(200);
        const entries = log.json<{ entries: Array<{ clientId: string }>; nextBeforeSeq: number | null }>();
        expect(entries.entries).toHaveLength(5);
        expect(entries.entries.every((e) => e.clientId === t.clientId)).toBe(true);
        expect(entries.nextBeforeSeq).not.toBeNull();
        const logins = await t.call(t.logins.admin, 'GET', '/api/audit?action=auth.login&outcome=failed');
        expect(logins.json<{ entries: unknown[] }>().entries.length).toBeGreaterThan(0);
        expect((await t.call(t.logins.admin, 'GET', '/api/audit/verify')).json()).toMatchObject({ ok: true });
        const report = await t.call(t.logins.admin, 'GET', `/api/clients/${t.clientId}/access-report`);
        const rows = report.json<Array<{ actorUsername: string | null; outcome: string }>>();
        expect(new Set(rows.map((r) => r.actorUsername))).toEqual(new Set(['clinician', 'clinician2', 'supervisor', 'records', 'biller', 'admin']));
        // clinician2 is not assigned: every one of their attempts is on the report, as a denial.
        expect(new Set(rows.filter((r) => r.actorUsername === 'clinician2').map((r) => r.outcome))).toEqual(new Set(['denied']));
      });

      it('keeps the audit log for admins', async () => {
        expect((await t.call(t.logins.clinician, 'GET', '/api/audit')).statusCode).toBe(403);
        expect((await t.call(t.logins.clinician, 'GET', `/api/clients/${t.clientId}/access-report`)).statusCode).toBe(404);
      });
    });

    describe('users', () => {
      it('lists users and refuses a duplicate username naming the field', async () => {
        const list = await t.call(t.logins.admin, 'GET', '/api/users');
        expect(list.json<Array<{ username: string }>>().map((u) => u.username)).toEqual(expect.arrayContaining(['admin', 'clinician', 'biller']));
        const dup = await t.call(t.logins.admin, 'POST', '/api/users', { username: 'clinician', displayName: 'X', password: 'a long enough password', roles: ['clinician'] });
        expect(dup.statusCode).toBe(409);
        expect(dup.json()).toMatchObject({ error: { field: 'username' } });
      });
    });

    describe('user administration and passwords', () => {
      it('changes a password: the vault key follows, other sessions end, this one stays', async () => {
        const other = loginFrom(await t.login('supervisor'));
        const current = loginFrom(await t.login('supervisor'));
        const wrong = await t.call(current, 'POST', '/api/auth/password', { currentPassword: 'not the password', newPassword: 'a brand new passphrase' });
        expect(wrong.json()).toMatchObject({ error: { code: 'validation', field: 'currentPassword' } });
        const short = await t.call(current, 'POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'short' });
        expect(short.json()).toMatchObject({ error: { code: 'validation', field: 'newPassword' } });
        expect((await t.call(current, 'POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' })).statusCode).toBe(204);
        expect((await t.call(other, 'GET', '/api/auth/session')).statusCode).toBe(401);
        expect((await t.call(current, 'GET', '/api/auth/session')).statusCode).toBe(200);
        expect((await t.login('supervisor')).statusCode).toBe(401);
        const fresh = await t.login('supervisor', 'a brand new passphrase');
        expect(fresh.json()).toMatchObject({ vaultUnlocked: true });
        t.logins.supervisor = loginFrom(fresh);
      });

      it('deactivates a user at once and never the last admin', async () => {
        const created = await t.call(t.logins.admin, 'POST', '/api/users', { username: 'leaver', displayName: 'L. V.', password: PASSWORD, roles: ['records'] });
        const id = created.json<{ id: string }>().id;
        const session = loginFrom(await t.login('leaver'));
        expect((await t.call(session, 'GET', '/api/clients')).statusCode).toBe(200);
        const off = await t.call(t.logins.admin, 'PATCH', `/api/users/${id}`, { active: false });
        expect(off.json()).toMatchObject({ active: false, roles: ['records'] });
        expect((await t.call(session, 'GET', '/api/clients')).statusCode).toBe(401);
        expect((await t.login('leaver')).statusCode).toBe(401);
        const self = await t.call(t.logins.admin, 'PATCH', `/api/users/${t.ids.admin}`, { active: false });
        expect(self.json()).toMatchObject({ error: { field: 'active' } });
        const demote = await t.call(t.logins.admin, 'PATCH', `/api/users/${t.ids.admin}`, { roles: ['clinician'] });
        expect(demote.json()).toMatchObject({ error: { code: 'conflict', field: 'roles' } });
        expect((await t.call(t.logins.admin, 'PATCH', `/api/users/${id}`, { roles: ['biller'], active: true })).json()).toMatchObject({ roles: ['biller'], active: true });
        expect((await t.call(t.logins.admin, 'PATCH', '/api/users/no-such-user', { active: true })).statusCode).toBe(404);
      });

      it('lets an admin reset a lost TOTP factor', async () => {
        const enrol = await t.call(t.logins.records, 'POST', '/api/auth/totp/enrol');
        expect(enrol.statusCode).toBe(200);
        expect((await t.call(t.logins.admin, 'DELETE', `/api/users/${t.ids.records}/totp`)).statusCode).toBe(204);
        const log = await t.call(t.logins.admin, 'GET', '/api/audit?action=auth.totp.reset');
        expect(log.json<{ entries: Array<{ entityId: string }> }>().entries[0]).toMatchObject({ entityId: t.ids.records });
      });
    });

    describe('errors', () => {
      it('names the field for schema errors and never sends a stack', async () => {
        const res = await t.call(t.logins.clinician, 'POST', `/api/clients/${t.clientId}/notes`, { content: { ...cleanNote(), session: { date: '2025-13-40', modality: 'individual' } } });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ error: { code: 'validation', field: 'content.session.date' } });
        expect(res.body).not.toMatch(/at .*\.ts:\d+/);
      });

      it('answers unknown API paths with a JSON 404 and serves the web app elsewhere', async () => {
        expect((await t.call(null, 'GET', '/api/nothing-here')).json()).toMatchObject({ error: { code: 'not-found' } });
        const page = await t.call(null, 'GET', '/some/client/route');
        expect(page.statusCode).toBe(200);
        expect(page.headers['content-type']).toContain('text/html');
      });
    });

    describe('logout and timeouts', () => {
      it('logout revokes the session and locks the vault', async () => {
        const res = await t.login('clinician2');
        const body = res.json<{ csrfToken: string }>();
        const cookie = `nw_session=${res.cookies.find((c) => c.name === 'nw_session')?.value ?? ''}`;
        const who = { cookie, csrf: body.csrfToken, userId: '' };
        expect((await t.call(who, 'POST', '/api/auth/logout')).statusCode).toBe(204);
        const after = await t.call(who, 'GET', '/api/auth/session');
        expect(after.statusCode).toBe(401);
        expect(after.json()).toMatchObject({ error: { code: 'session-expired' } });
      });

      it('ends a session after the idle timeout and after the absolute lifetime', async () => {
        const res = await t.login('records');
        const who = { cookie: `nw_session=${res.cookies.find((c) => c.name === 'nw_session')?.value ?? ''}`, csrf: res.json<{ csrfToken: string }>().csrfToken, userId: '' };
        const start = t.clock.now;
        try {
          t.clock.now = new Date(start.getTime() + 14 * 60_000);
          expect((await t.call(who, 'GET', '/api/clients')).statusCode).toBe(200);
          t.clock.now = new Date(start.getTime() + 28 * 60_000);
          expect((await t.call(who, 'GET', '/api/clients')).statusCode).toBe(200);
          t.clock.now = new Date(start.getTime() + 44 * 60_000);
          const idle = await t.call(who, 'GET', '/api/clients');
          expect(idle.statusCode).toBe(401);
          expect(idle.json()).toMatchObject({ error: { code: 'session-expired' } });
          const res2 = await t.login('records');
          const who2 = { cookie: `nw_session=${res2.cookies.find((c) => c.name === 'nw_session')?.value ?? ''}`, csrf: '', userId: '' };
          for (let m = 10; m <= 12 * 60 + 10; m += 10) {
            t.clock.now = new Date(start.getTime() + 44 * 60_000 + m * 60_000);
            const r = await t.call(who2, 'GET', '/api/clients');
            if (r.statusCode !== 200) {
              expect(m).toBeGreaterThanOrEqual(12 * 60);
              expect(r.json()).toMatchObject({ error: { code: 'session-expired' } });
              return;
            }
          }
          throw new Error('the absolute lifetime never ended the session');
        } finally {
          t.clock.now = new Date();
        }
      });
    });
  });
}
