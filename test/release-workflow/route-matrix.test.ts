/**
 * Every release and training route × every role (and no login): allowed roles get a 2xx
 * answer to a valid request; everyone else gets 401 without a login, 404 on record routes
 * and 403 elsewhere, no chart table changes (the release tables included), and the denial
 * is in the audit log under the request's id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartCounts } from '../db/fixtures.ts';
import { RELEASE_APPEND_ONLY_TABLES } from '../../src/db/migrations/chart-migrations.ts';
import { startTestServer, type TestServer } from '../server/helpers.ts';
import { prepareReleaseCall, RELEASE_ROUTE_ROLES } from './matrix-fixtures.ts';

const CALLERS = ['admin', 'clinician', 'supervisor', 'records', 'biller'] as const;
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

async function counts(): Promise<Record<string, number>> {
  const out = await chartCounts(t.server.deps.chart);
  const db = t.server.deps.chart.db;
  for (const table of RELEASE_APPEND_ONLY_TABLES) {
    const r = await db.selectFrom(table as never).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    out[table] = t.server.deps.chart.adapter.toNumber((r as { n: number | string }).n);
  }
  return out;
}

describe('release and training routes × roles', () => {
  it('declares exactly the roles in the table', () => {
    const mine = t.server.app.routeCatalog.filter((r) => r.method !== 'HEAD' && `${r.method} ${r.url}` in RELEASE_ROUTE_ROLES);
    expect(mine.length).toBe(Object.keys(RELEASE_ROUTE_ROLES).length);
    for (const r of mine) expect([...(r.access.roles as readonly string[])].sort(), r.url).toEqual([...(RELEASE_ROUTE_ROLES[`${r.method} ${r.url}`] ?? [])].sort());
  });

  for (const [route, allowed] of Object.entries(RELEASE_ROUTE_ROLES)) {
    for (const caller of [null, ...CALLERS] as const) {
      const allow = caller !== null && allowed.includes(caller);
      it(`${route} as ${caller ?? 'no login'} → ${allow ? 'allowed' : 'denied'}`, async () => {
        const [method = 'GET'] = route.split(' ');
        const p = await prepareReleaseCall(route, t);
        expect(p).toBeDefined();
        const before = await counts();
        const res = await t.call(caller ? t.logins[caller] : null, method, p!.url, p!.body);
        if (allow) {
          expect(res.statusCode, res.body).toBeGreaterThanOrEqual(200);
          expect(res.statusCode, res.body).toBeLessThan(300);
          return;
        }
        expect(res.statusCode, res.body).toBe(caller === null ? 401 : route.includes(':') ? 404 : 403);
        expect(await counts()).toEqual(before);
        const denials = await t.server.deps.chart.db.selectFrom('audit_log').select(['outcome', 'entity_id']).where('request_id', '=', String(res.headers['x-request-id'])).where('action', '=', 'route.access' as never).execute();
        expect(denials).toEqual([{ outcome: 'denied', entity_id: route }]);
      });
    }
  }

  it('a clinician who does not treat the client is refused (404) and audited by the repository', async () => {
    const p = await prepareReleaseCall('GET /api/release/approvals/:requestId', t);
    const res = await t.call(t.logins.clinician2, 'GET', p!.url);
    expect(res.statusCode).toBe(404);
    const rows = await t.server.deps.chart.db.selectFrom('audit_log').select(['outcome']).where('request_id', '=', String(res.headers['x-request-id'])).execute();
    expect(rows.map((r) => r.outcome)).toContain('denied');
  });
});
