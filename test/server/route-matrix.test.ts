/**
 * Every route × every role (and no login), against a table written here by hand rather
 * than read from the routes' own declarations: a new route fails this test until someone
 * decides who may call it. For each call:
 *
 * - allowed: a 2xx answer to a valid request;
 * - denied: 401 without a login, 404 on record routes (paths naming a record), 403
 *   elsewhere; no chart table changed (row counts of every table but the audit log); and
 *   the denial is in the audit log under the request's id with outcome `denied`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartCounts } from '../db/fixtures.ts';
import { base32Decode, totp } from '../../src/server/auth/totp.ts';
import { prepareReleaseCall, RELEASE_ROUTE_ROLES } from '../release-workflow/matrix-fixtures.ts';
import { DRAFTING_MATRIX_ENV, DRAFTING_ROUTE_ROLES, prepareDraftingCall } from '../drafting/matrix-fixtures.ts';
import { cleanNote, loginFrom, PASSWORD, startTestServer, USER_NAMES, type Login, type TestServer, type UserName } from './helpers.ts';

type Caller = Exclude<UserName, 'clinician2'>;
const CALLERS: readonly Caller[] = ['admin', 'clinician', 'supervisor', 'records', 'biller'];
const ANY: readonly Caller[] = CALLERS;

/** Who may call each route: the security reviewer's table. */
const EXPECTED: Readonly<Record<string, readonly Caller[] | 'public'>> = {
  'GET /api/health': 'public',
  'GET /api/setup': 'public',
  'POST /api/setup': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': ANY,
  'GET /api/auth/session': ANY,
  'POST /api/auth/notices/acknowledge': ANY,
  'POST /api/auth/totp/enrol': ANY,
  'POST /api/auth/totp/confirm': ANY,
  'POST /api/auth/password': ANY,
  'GET /api/admin/totp-policy': ['admin'],
  'PUT /api/admin/totp-policy': ['admin'],
  'GET /api/users': ['admin'],
  'POST /api/users': ['admin'],
  'PATCH /api/users/:userId': ['admin'],
  'DELETE /api/users/:userId/totp': ['admin'],
  'GET /api/clients': ANY,
  'POST /api/clients': ['admin', 'clinician'],
  'GET /api/clients/:clientId': ANY,
  'POST /api/clients/:clientId/assignments': ['admin'],
  'GET /api/clients/:clientId/sessions': ['clinician', 'supervisor', 'records'],
  'POST /api/clients/:clientId/sessions': ['clinician'],
  'GET /api/clients/:clientId/billing': ['biller'],
  'GET /api/clients/:clientId/diagnoses': ['clinician', 'supervisor', 'records', 'biller'],
  'POST /api/clients/:clientId/diagnoses': ['clinician'],
  'GET /api/clients/:clientId/goals': ['clinician', 'supervisor', 'records'],
  'POST /api/clients/:clientId/goals': ['clinician'],
  'GET /api/clients/:clientId/measures': ['clinician', 'supervisor', 'records'],
  'POST /api/clients/:clientId/measures': ['clinician'],
  'GET /api/clients/:clientId/notes': ['clinician', 'supervisor', 'records'],
  'POST /api/clients/:clientId/notes': ['clinician'],
  'GET /api/notes/:noteId': ['clinician', 'supervisor', 'records'],
  'PUT /api/notes/:noteId': ['clinician'],
  'POST /api/notes/:noteId/sign': ['clinician'],
  'POST /api/notes/:noteId/addenda': ['clinician'],
  'POST /api/notes/:noteId/cosign': ['supervisor'],
  // 45 CFR 164.508(a)(2): the author alone; records staff never see psychotherapy-note content.
  'GET /api/psychotherapy-notes': ['clinician'],
  'POST /api/psychotherapy-notes': ['clinician'],
  'GET /api/psychotherapy-notes/:noteId': ['clinician'],
  'PUT /api/psychotherapy-notes/:noteId': ['clinician'],
  'POST /api/emergency-access': ['admin'],
  'GET /api/audit': ['admin'],
  'GET /api/audit/verify': ['admin'],
  'GET /api/clients/:clientId/access-report': ['admin'],
  'GET /api/home': ['clinician', 'supervisor'],
  'GET /api/docs': 'public',
  'GET /api/docs/openapi.json': 'public',
  'GET /*': 'public',
  ...RELEASE_ROUTE_ROLES,
  ...DRAFTING_ROUTE_ROLES,
};

interface Prepared {
  readonly url: string;
  readonly body?: unknown;
  /** Call as this login instead (a fresh session for logout). */
  readonly as?: Login;
}

let t: TestServer;
let seq = 0;
const next = () => ++seq;

async function draftNote(date: string): Promise<{ id: string; version: number }> {
  const res = await t.call(t.logins.clinician, 'POST', `/api/clients/${t.clientId}/notes`, { content: cleanNote(date) });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json();
}

async function signedNote(date: string): Promise<string> {
  const n = await draftNote(date);
  const res = await t.call(t.logins.clinician, 'POST', `/api/notes/${n.id}/sign`, {});
  if (res.statusCode !== 200) throw new Error(res.body);
  return n.id;
}

const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

/** A valid request for each route, prepared fresh for each call. */
function prepare(route: string, caller: Caller | null): Promise<Prepared> | Prepared {
  const c = t.clientId;
  switch (route) {
    case 'POST /api/auth/logout':
      return caller ? t.login(caller).then((r) => ({ url: '/api/auth/logout', as: loginFrom(r) })) : { url: '/api/auth/logout' };
    case 'POST /api/auth/totp/confirm':
      if (!caller) return { url: '/api/auth/totp/confirm', body: { code: '123456' } };
      return t.call(t.logins[caller], 'POST', '/api/auth/totp/enrol').then((r) => {
        const secret = r.json<{ secret?: string }>().secret;
        // A denied caller could not enrol either; any well-formed code will do for them.
        return { url: '/api/auth/totp/confirm', body: { code: secret ? totp(base32Decode(secret), Math.floor(t.clock.now.getTime() / 1000)) : '123456' } };
      });
    case 'POST /api/auth/password':
      return { url: '/api/auth/password', body: { currentPassword: PASSWORD, newPassword: PASSWORD } };
    case 'PATCH /api/users/:userId':
      return { url: `/api/users/${t.ids.clinician2}`, body: { displayName: `C2 ${next()}` } };
    case 'DELETE /api/users/:userId/totp':
      return { url: `/api/users/${t.ids.clinician2}/totp` };
    case 'PUT /api/admin/totp-policy':
      return { url: '/api/admin/totp-policy', body: { records: false } };
    case 'POST /api/users':
      return { url: '/api/users', body: { username: `user-${next()}`, displayName: 'U. N.', password: PASSWORD, roles: ['records'] } };
    case 'POST /api/clients':
      return { url: '/api/clients', body: { displayName: `C. ${next()}` } };
    case 'POST /api/clients/:clientId/assignments':
      return { url: `/api/clients/${c}/assignments`, body: { userId: t.ids.clinician2, relation: 'clinician' } };
    case 'POST /api/clients/:clientId/sessions':
      return { url: `/api/clients/${c}/sessions`, body: { logistics: { date: day(next()), start: '09:00', end: '09:50', modality: 'individual', cptCodes: ['90834'] } } };
    case 'POST /api/clients/:clientId/diagnoses':
      return { url: `/api/clients/${c}/diagnoses`, body: { code: 'F41.1' } };
    case 'POST /api/clients/:clientId/goals':
      return { url: `/api/clients/${c}/goals`, body: { description: 'Walk daily' } };
    case 'POST /api/clients/:clientId/measures':
      return { url: `/api/clients/${c}/measures`, body: { instrument: 'gad7', administeredOn: '2025-01-02', items: [1, 1, 1, 1, 1, 1, 1] } };
    case 'POST /api/clients/:clientId/notes':
      return { url: `/api/clients/${c}/notes`, body: { content: cleanNote(day(next())) } };
    case 'GET /api/notes/:noteId':
      return signedNote(day(next())).then((id) => ({ url: `/api/notes/${id}` }));
    case 'PUT /api/notes/:noteId':
      return draftNote(day(next())).then((n) => ({ url: `/api/notes/${n.id}`, body: { version: n.version, content: cleanNote(day(next())) } }));
    case 'POST /api/notes/:noteId/sign':
      return draftNote(day(next())).then((n) => ({ url: `/api/notes/${n.id}/sign`, body: {} }));
    case 'POST /api/notes/:noteId/addenda':
      return signedNote(day(next())).then((id) => ({ url: `/api/notes/${id}/addenda`, body: { body: 'Addendum text.' } }));
    case 'POST /api/notes/:noteId/cosign':
      return signedNote(day(next())).then((id) => ({ url: `/api/notes/${id}/cosign` }));
    case 'POST /api/psychotherapy-notes':
      return { url: '/api/psychotherapy-notes', body: { clientId: c, content: { body: 'Process notes.' } } };
    case 'GET /api/psychotherapy-notes/:noteId':
      return { url: `/api/psychotherapy-notes/${psyNoteId}` };
    case 'PUT /api/psychotherapy-notes/:noteId':
      return { url: `/api/psychotherapy-notes/${psyNoteId}`, body: { content: { body: 'Revised process notes.' } } };
    case 'POST /api/emergency-access':
      return { url: '/api/emergency-access', body: { noteId: psyNoteId, recoveryCode: t.recoveryCode, reason: 'Synthetic emergency review for the test.' } };
    default: {
      if (route in RELEASE_ROUTE_ROLES) return prepareReleaseCall(route, t).then((p) => p ?? { url: '' });
      if (route in DRAFTING_ROUTE_ROLES) return prepareDraftingCall(route, t).then((p) => p ?? { url: '' });
      const [, path = ''] = route.split(' ');
      return { url: path.replace(':clientId', c) };
    }
  }
}

let psyNoteId = '';

beforeAll(async () => {
  t = await startTestServer({ env: { ...DRAFTING_MATRIX_ENV } });
  const res = await t.call(t.logins.clinician, 'POST', '/api/psychotherapy-notes', { clientId: t.clientId, content: { body: 'Original process notes.' } });
  psyNoteId = res.json<{ id: string }>().id;
});
afterAll(async () => {
  await t.close();
});

function catalog(): string[] {
  return [...new Set(t.server.app.routeCatalog.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`))].sort();
}

describe('route × role matrix', () => {
  it('covers every registered route and nothing else', () => {
    expect(catalog()).toEqual(Object.keys(EXPECTED).sort());
    expect(USER_NAMES).toContain('clinician2');
  });

  it('every route declares exactly the roles the table allows', () => {
    for (const r of t.server.app.routeCatalog.filter((x) => x.method !== 'HEAD')) {
      const expected = EXPECTED[`${r.method} ${r.url}`];
      if (expected === 'public') expect(r.access.roles, r.url).toBe('public');
      else expect([...(r.access.roles as readonly string[])].sort(), `${r.method} ${r.url}`).toEqual([...(expected ?? [])].sort());
    }
  });

  const guarded = Object.entries(EXPECTED).filter((e): e is [string, readonly Caller[]] => e[1] !== 'public');
  for (const [route, allowed] of guarded) {
    for (const caller of [null, ...CALLERS] as const) {
      const allow = caller !== null && allowed.includes(caller);
      it(`${route} as ${caller ?? 'no login'} → ${allow ? 'allowed' : 'denied'}`, async () => {
        const [method = 'GET'] = route.split(' ');
        const p = await prepare(route, caller);
        const who = p.as ?? (caller ? t.logins[caller] : null);
        const before = await chartCounts(t.server.deps.chart);
        const res = await t.call(who, method, p.url, p.body);
        const requestId = res.headers['x-request-id'];
        expect(typeof requestId).toBe('string');
        const denials = await t.server.deps.chart.db
          .selectFrom('audit_log')
          .select(['outcome', 'action', 'entity_id'])
          .where('request_id', '=', String(requestId))
          .where('action', '=', 'route.access' as never)
          .execute();
        if (allow) {
          expect(res.statusCode, res.body).toBeGreaterThanOrEqual(200);
          expect(res.statusCode, res.body).toBeLessThan(300);
          expect(denials).toEqual([]);
          return;
        }
        const expectedStatus = caller === null ? 401 : route.includes(':') ? 404 : 403;
        expect(res.statusCode, res.body).toBe(expectedStatus);
        expect(await chartCounts(t.server.deps.chart)).toEqual(before);
        expect(denials).toEqual([{ outcome: 'denied', action: 'route.access', entity_id: route }]);
      });
    }
  }
});
