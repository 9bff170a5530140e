/**
 * Fuzzed input on every write route: malformed JSON, wrong content types, bodies over the
 * limit, wrong types, unicode edge cases, SQL and script injection strings (fast-check).
 * Never a 5xx, never a crash (the server still answers afterwards), and nothing stored
 * from a rejected request (row counts of every chart table and of the vault's notes).
 * Injection strings that are valid text are stored verbatim, as data.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartCounts } from '../db/fixtures.ts';
import { MAX_ATTACHMENT_BYTES } from '../../src/db/chart/release-requests-repository.ts';
import { prepareReleaseCall, type PreparedCall } from '../release-workflow/matrix-fixtures.ts';
import { cleanNote, PASSWORD, startTestServer, type Login, type TestServer } from './helpers.ts';

const SPECIALS: readonly unknown[] = [
  "' OR 1=1 --",
  "'; DROP TABLE clients; --",
  '"); DELETE FROM progress_notes; --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '\u0000',
  '\uD800',
  '\uDFFF\uD800',
  '\u202Eevil\u202C',
  'e\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦'.repeat(50),
  'x'.repeat(300_000),
  '',
  ' ',
  '../../etc/passwd',
  '%00',
  '{"$gt": ""}',
  -1,
  0,
  1e308,
  Number.MAX_SAFE_INTEGER,
  true,
  null,
  [],
  {},
  { __proto__: { polluted: true } },
  ['a', 1, null],
];

const MALFORMED = ['{', '{"a":', '{"a": 1,}', "{'a': 1}", 'undefined', 'NaN', '\u0000', '{"a": "\\uZZZZ"}', ']', '[1,2'];

interface WriteRoute {
  readonly method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: () => string;
  readonly as: () => Login | null;
  readonly body: () => Record<string, unknown>;
  /** Valid-JSON mutations would change the caller's own session; malformed bodies only. */
  readonly malformedOnly?: boolean;
  /** A route with its own body limit (attachments carry a base64 file). */
  readonly bodyLimitBytes?: number;
}

let t: TestServer;
let draftId = '';
let signedId = '';
let psyId = '';

const c = () => t.clientId;
const ROUTES: Record<string, WriteRoute> = {
  'POST /api/setup': { method: 'POST', url: () => '/api/setup', as: () => null, body: () => ({ practiceName: 'P', admin: { username: 'someone', displayName: 'S', password: PASSWORD } }) },
  'POST /api/auth/login': { method: 'POST', url: () => '/api/auth/login', as: () => null, body: () => ({ username: 'fuzz-target', password: PASSWORD }) },
  'POST /api/auth/logout': { method: 'POST', url: () => '/api/auth/logout', as: () => t.logins.records, body: () => ({}), malformedOnly: true },
  'POST /api/auth/notices/acknowledge': { method: 'POST', url: () => '/api/auth/notices/acknowledge', as: () => t.logins.records, body: () => ({}) },
  'POST /api/auth/totp/enrol': { method: 'POST', url: () => '/api/auth/totp/enrol', as: () => t.logins.records, body: () => ({}) },
  'POST /api/auth/totp/confirm': { method: 'POST', url: () => '/api/auth/totp/confirm', as: () => t.logins.records, body: () => ({ code: '123456' }) },
  'POST /api/auth/password': { method: 'POST', url: () => '/api/auth/password', as: () => t.logins.biller, body: () => ({ currentPassword: PASSWORD, newPassword: PASSWORD }) },
  'PATCH /api/users/:userId': { method: 'PATCH', url: () => `/api/users/${t.ids.clinician2}`, as: () => t.logins.admin, body: () => ({ displayName: 'C. T.', roles: ['clinician'], active: true }) },
  'DELETE /api/users/:userId/totp': { method: 'DELETE', url: () => `/api/users/${t.ids.clinician2}/totp`, as: () => t.logins.admin, body: () => ({}) },
  'PUT /api/admin/totp-policy': { method: 'PUT', url: () => '/api/admin/totp-policy', as: () => t.logins.admin, body: () => ({ records: false }) },
  'POST /api/users': { method: 'POST', url: () => '/api/users', as: () => t.logins.admin, body: () => ({ username: 'fuzz-user', displayName: 'F', password: PASSWORD, roles: ['records'] }) },
  'POST /api/clients': { method: 'POST', url: () => '/api/clients', as: () => t.logins.clinician, body: () => ({ displayName: 'F. Z.' }) },
  'POST /api/clients/:clientId/assignments': { method: 'POST', url: () => `/api/clients/${c()}/assignments`, as: () => t.logins.admin, body: () => ({ userId: t.ids.supervisor, relation: 'supervisor' }) },
  'POST /api/clients/:clientId/sessions': {
    method: 'POST',
    url: () => `/api/clients/${c()}/sessions`,
    as: () => t.logins.clinician,
    body: () => ({ logistics: { date: '2024-06-01', start: '09:00', end: '09:50', modality: 'individual', cptCodes: ['90834'] } }),
  },
  'POST /api/clients/:clientId/diagnoses': { method: 'POST', url: () => `/api/clients/${c()}/diagnoses`, as: () => t.logins.clinician, body: () => ({ code: 'F41.1', description: 'GAD' }) },
  'POST /api/clients/:clientId/goals': { method: 'POST', url: () => `/api/clients/${c()}/goals`, as: () => t.logins.clinician, body: () => ({ description: 'Walk daily' }) },
  'POST /api/clients/:clientId/measures': { method: 'POST', url: () => `/api/clients/${c()}/measures`, as: () => t.logins.clinician, body: () => ({ instrument: 'gad7', administeredOn: '2025-01-02', items: [1, 1, 1, 1, 1, 1, 1] }) },
  'POST /api/clients/:clientId/notes': { method: 'POST', url: () => `/api/clients/${c()}/notes`, as: () => t.logins.clinician, body: () => ({ content: cleanNote('2025-01-03') }) },
  'PUT /api/notes/:noteId': { method: 'PUT', url: () => `/api/notes/${draftId}`, as: () => t.logins.clinician, body: () => ({ version: 1, content: cleanNote('2025-01-04') }) },
  'POST /api/notes/:noteId/sign': { method: 'POST', url: () => `/api/notes/${draftId}/sign`, as: () => t.logins.clinician, body: () => ({ version: 1 }) },
  'POST /api/notes/:noteId/addenda': { method: 'POST', url: () => `/api/notes/${signedId}/addenda`, as: () => t.logins.clinician, body: () => ({ body: 'Addendum.' }) },
  'POST /api/notes/:noteId/cosign': { method: 'POST', url: () => `/api/notes/${signedId}/cosign`, as: () => t.logins.supervisor, body: () => ({}) },
  'POST /api/psychotherapy-notes': { method: 'POST', url: () => '/api/psychotherapy-notes', as: () => t.logins.clinician, body: () => ({ clientId: c(), content: { body: 'Process.' } }) },
  'PUT /api/psychotherapy-notes/:noteId': { method: 'PUT', url: () => `/api/psychotherapy-notes/${psyId}`, as: () => t.logins.clinician, body: () => ({ content: { body: 'Process.' } }) },
  'POST /api/emergency-access': { method: 'POST', url: () => '/api/emergency-access', as: () => t.logins.admin, body: () => ({ noteId: psyId, recoveryCode: t.recoveryCode, reason: 'Synthetic fuzz emergency.' }) },
  'PUT /api/clients/:clientId/ai-consent': { method: 'PUT', url: () => `/api/clients/${c()}/ai-consent`, as: () => t.logins.clinician, body: () => ({ granted: true, note: 'Synthetic consent form.' }) },
  'POST /api/notes/:noteId/polish': { method: 'POST', url: () => `/api/notes/${draftId}/polish`, as: () => t.logins.clinician, body: () => ({}) },
};

// Release-of-information write routes: each gets a valid call prepared by the workflow's own
// fixtures (a request, an authorization or a packet to act on), made once in beforeAll.
const RELEASE_WRITES = [
  'POST /api/release/requests',
  'POST /api/release/requests/:requestId/extension',
  'POST /api/release/requests/:requestId/subpoena-steps',
  'POST /api/release/requests/:requestId/close',
  'POST /api/release/requests/:requestId/packet',
  'POST /api/release/attachments',
  'POST /api/clients/:clientId/authorizations',
  'POST /api/release/authorizations/:authorizationId/revocation',
  'POST /api/release/packets/:packetId/deliver',
  'POST /api/release/approvals/:requestId',
  'POST /api/training/attempts',
] as const;
const releasePrepared = new Map<string, PreparedCall>();
for (const name of RELEASE_WRITES) {
  const prepared = (): PreparedCall => releasePrepared.get(name)!;
  ROUTES[name] = {
    method: 'POST',
    url: () => prepared().url,
    as: () => (name === 'POST /api/release/approvals/:requestId' ? t.logins.clinician : t.logins.records),
    body: () => ({ ...((prepared().body ?? {}) as Record<string, unknown>) }),
    ...(name === 'POST /api/release/attachments' ? { bodyLimitBytes: Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 64 * 1024 } : {}),
  };
}

async function counts(): Promise<Record<string, number>> {
  const chart = await chartCounts(t.server.deps.chart);
  const vault = await t.server.deps.vault.store.database.db.selectFrom('psychotherapy_notes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return { ...chart, psychotherapy_notes: Number(vault.n) };
}

async function send(route: WriteRoute, payload: string, contentType = 'application/json') {
  const who = route.as();
  return t.server.app.inject({
    method: route.method,
    url: route.url(),
    headers: { 'content-type': contentType, ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}) },
    payload,
  });
}

/** Sends; asserts no 5xx, and no stored rows when rejected. */
async function probe(name: string, route: WriteRoute, payload: string, contentType?: string): Promise<number> {
  const before = await counts();
  const res = await send(route, payload, contentType);
  expect(res.statusCode, `${name}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode !== 204) expect(res.headers['content-type'] ?? '', name).toContain('application/json');
  if (res.statusCode >= 400) {
    expect(await counts(), `${name} stored something while answering ${res.statusCode}`).toEqual(before);
    expect(res.json<{ error: { code: string } }>().error.code, name).toBeTruthy();
  }
  return res.statusCode;
}

/** Replaces the value at a random path of the valid body. */
function mutate(body: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return body;
  const current = body[head];
  const replaced = rest.length > 0 && current !== null && typeof current === 'object' && !Array.isArray(current) ? mutate(current as Record<string, unknown>, rest, value) : value;
  return { ...body, [head]: replaced };
}

function paths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))].filter((p) => p.length > 0);
}

beforeAll(async () => {
  t = await startTestServer();
  for (const name of RELEASE_WRITES) releasePrepared.set(name, (await prepareReleaseCall(name, t))!);
  draftId = (await t.call(t.logins.clinician, 'POST', `/api/clients/${t.clientId}/notes`, { content: cleanNote('2025-01-01') })).json<{ id: string }>().id;
  const s = (await t.call(t.logins.clinician, 'POST', `/api/clients/${t.clientId}/notes`, { content: cleanNote('2025-01-02') })).json<{ id: string }>().id;
  await t.call(t.logins.clinician, 'POST', `/api/notes/${s}/sign`, {});
  signedId = s;
  psyId = (await t.call(t.logins.clinician, 'POST', '/api/psychotherapy-notes', { clientId: t.clientId, content: { body: 'Seed.' } })).json<{ id: string }>().id;
});
afterAll(async () => {
  await t.close();
});

describe('fuzzed input on every write route', () => {
  it('covers every write route the app registers', () => {
    const writes = t.server.app.routeCatalog.filter((r) => r.method === 'POST' || r.method === 'PUT' || r.method === 'PATCH' || r.method === 'DELETE').map((r) => `${r.method} ${r.url}`);
    expect([...new Set(writes)].sort()).toEqual(Object.keys(ROUTES).sort());
  });

  for (const [name, route] of Object.entries(ROUTES)) {
    it(`${name}: malformed JSON, wrong content types and oversized bodies are refused cleanly`, async () => {
      for (const bad of MALFORMED) expect(await probe(`${name} ${JSON.stringify(bad)}`, route, bad)).toBe(400);
      expect(await probe(`${name} text/plain`, route, JSON.stringify(route.body()), 'text/plain')).toBe(415);
      expect(await probe(`${name} form`, route, 'a=1&b=2', 'application/x-www-form-urlencoded')).toBe(415);
      const huge = JSON.stringify({ ...route.body(), pad: 'x'.repeat((route.bodyLimitBytes ?? t.config.bodyLimitBytes) + 10) });
      expect(await probe(`${name} huge`, route, huge)).toBe(413);
    });

    if (route.malformedOnly) continue;
    it(`${name}: wrong types, unicode edge cases and injection strings never cause a 5xx or a partial write`, async () => {
      const valid = route.body();
      const allPaths = paths(valid);
      const value = fc.oneof(fc.constantFrom(...SPECIALS), fc.jsonValue(), fc.string({ unit: 'binary', maxLength: 50 }), fc.string({ unit: 'grapheme', maxLength: 50 }));
      const whole = fc.oneof(fc.jsonValue(), fc.constantFrom(...SPECIALS));
      await fc.assert(
        fc.asyncProperty(fc.boolean(), fc.nat(), value, whole, async (replaceWhole, pick, v, w) => {
          const path = allPaths.length > 0 ? allPaths[pick % allPaths.length] : undefined;
          const body = replaceWhole || !path ? w : mutate(valid, path, v);
          const payload = JSON.stringify(body) ?? 'null';
          await probe(`${name} ${payload.slice(0, 120)}`, route, payload);
        }),
        { numRuns: 25 },
      );
      // Still alive and serving.
      expect((await t.call(t.logins.admin, 'GET', '/api/auth/session')).statusCode).toBe(200);
    });
  }

  it('stores injection strings as data, verbatim', async () => {
    for (const s of ["'; DROP TABLE clients; --", '<script>alert(1)</script>', 'e\u0301 \u202E 👩‍👩‍👧‍👦']) {
      const res = await t.call(t.logins.clinician, 'POST', '/api/clients', { displayName: s });
      expect(res.statusCode).toBe(201);
      const id = res.json<{ id: string }>().id;
      expect((await t.call(t.logins.clinician, 'GET', `/api/clients/${id}`)).json()).toMatchObject({ displayName: s });
    }
    expect((await t.call(t.logins.records, 'GET', '/api/clients')).statusCode).toBe(200);
  });

  it('rejects path ids that cannot be ids, without touching the database', async () => {
    for (const bad of ["x' OR '1'='1", '..%2F..%2Fetc', '%00', 'a'.repeat(300)]) {
      const res = await t.call(t.logins.clinician, 'GET', `/api/notes/${bad}`);
      expect(res.statusCode, bad).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, bad).toBeLessThan(500);
    }
  });
});
