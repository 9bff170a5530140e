/**
 * Authentication: TOTP (RFC 6238 test vectors), enrolment and login with a second factor,
 * the per-role TOTP policy, lockout after repeated failures, the login rate limit, the
 * session sweeper, and the deny-by-default access decision.
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANY_ROLE, assertRouteDeclared, decideRouteAccess, type RouteAccess } from '../../src/server/access.ts';
import { base32Decode, base32Encode, hotp, otpauthUri, totp, verifyTotp } from '../../src/server/auth/totp.ts';
import { decodeSessionCookie } from '../../src/server/auth/session-token.ts';
import { sweepSessions } from '../../src/server/start.ts';
import { storeKinds } from '../db/fixtures.ts';
import { loginFrom, PASSWORD, startTestServer, type TestServer } from './helpers.ts';

describe('TOTP (RFC 6238 appendix B, SHA-1)', () => {
  const key = Buffer.from('12345678901234567890', 'ascii');
  const vectors: Array<[number, string]> = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];
  it.each(vectors)('T=%i gives %s', (time, code) => {
    expect(totp(key, time, 8)).toBe(code);
    expect(totp(key, time)).toBe(code.slice(-6));
  });

  it('matches RFC 4226 appendix D HOTP values', () => {
    expect([0, 1, 2, 9].map((c) => hotp(key, c))).toEqual(['755224', '287082', '359152', '520489']);
  });

  it('round-trips base32 (RFC 4648 vectors)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    expect(() => base32Decode('not base32!')).toThrow();
  });

  it('accepts one step of drift either way and nothing further', () => {
    const secret = base32Encode(key);
    const now = 1_700_000_000;
    expect(verifyTotp(secret, totp(key, now - 30), now)).not.toBeNull();
    expect(verifyTotp(secret, totp(key, now + 30), now)).not.toBeNull();
    expect(verifyTotp(secret, totp(key, now - 90), now)).toBeNull();
    expect(verifyTotp(secret, 'abcdef', now)).toBeNull();
  });

  it('builds an otpauth URI', () => {
    expect(otpauthUri('Notewall', 'clin-a', 'ABC')).toBe('otpauth://totp/Notewall%3Aclin-a?secret=ABC&issuer=Notewall&algorithm=SHA1&digits=6&period=30');
  });
});

describe('route access decision', () => {
  const actor = (roles: Array<(typeof ANY_ROLE)[number]>) => ({ actor: { userId: 'u', roles }, totpEnrolmentRequired: false });
  const cases: Array<[string, RouteAccess, ReturnType<typeof actor> | null, string]> = [
    ['public, no login', { roles: 'public' }, null, 'allow'],
    ['no login', { roles: ['admin'] }, null, 'unauthenticated'],
    ['role held', { roles: ['clinician'] }, actor(['clinician']), 'allow'],
    ['one of several roles', { roles: ['admin'] }, actor(['clinician', 'admin']), 'allow'],
    ['role missing, practice route', { roles: ['admin'] }, actor(['clinician']), 'forbidden'],
    ['role missing, record route', { roles: ['clinician'], record: true }, actor(['records']), 'not-found'],
    ['TOTP enrolment pending', { roles: ['clinician'] }, { ...actor(['clinician']), totpEnrolmentRequired: true }, 'totp-enrolment-required'],
    ['TOTP enrolment route', { roles: ANY_ROLE, duringTotpEnrolment: true }, { ...actor(['clinician']), totpEnrolmentRequired: true }, 'allow'],
  ];
  it.each(cases)('%s', (_name, access, auth, expected) => {
    const d = decideRouteAccess(access, auth);
    expect(d.kind === 'allow' ? 'allow' : d.code).toBe(expected);
  });

  it('refuses a route without a declaration', () => {
    expect(() => assertRouteDeclared('GET', '/x', undefined)).toThrow(/declares no config.access/);
    const app = Fastify();
    app.addHook('onRoute', (r) => {
      assertRouteDeclared(r.method, r.url, r.config?.access);
    });
    expect(() => app.get('/undeclared', () => 'x')).toThrow(/deny by default/);
  });
});

const kinds = await storeKinds('server auth');
for (const kind of kinds) {
  describe(`login security on ${kind}`, () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer({ store: kind });
    });
    afterAll(async () => {
      await t.close();
    });

    it('locks a username after 5 failures in 15 minutes, for 15 minutes, and audits it', async () => {
      for (let i = 0; i < 4; i++) expect((await t.login('records', 'wrong password here')).json()).toMatchObject({ error: { code: 'invalid-credentials' } });
      expect((await t.login('records', 'wrong password here')).json()).toMatchObject({ error: { code: 'account-locked' } });
      const locked = await t.login('records');
      expect(locked.statusCode).toBe(423);
      const start = t.clock.now;
      try {
        t.clock.now = new Date(start.getTime() + 16 * 60_000);
        expect((await t.login('records')).statusCode).toBe(200);
      } finally {
        t.clock.now = new Date();
      }
      const log = await t.call(t.logins.admin, 'GET', '/api/audit?action=auth.lockout');
      expect(log.json<{ entries: Array<{ actorId: string; outcome: string }> }>().entries[0]).toMatchObject({ actorId: t.ids.records, outcome: 'denied' });
    });

    it('counts unknown usernames too, so a lockout does not reveal which exist', async () => {
      for (let i = 0; i < 5; i++) await t.login('nobody-here', 'wrong password here');
      expect((await t.login('nobody-here', 'wrong password here')).statusCode).toBe(423);
    });

    it('enrols TOTP, then requires the code at login and refuses a replayed code', async () => {
      const who = t.logins.clinician2;
      const enrol = await t.call(who, 'POST', '/api/auth/totp/enrol');
      expect(enrol.statusCode).toBe(200);
      const { secret, otpauthUri: uri } = enrol.json<{ secret: string; otpauthUri: string }>();
      expect(uri).toContain(`secret=${secret}`);
      const key = base32Decode(secret);
      const now = () => Math.floor(t.clock.now.getTime() / 1000);
      expect((await t.call(who, 'POST', '/api/auth/totp/confirm', { code: '000000' === totp(key, now()) ? '111111' : '000000' })).statusCode).toBe(400);
      expect((await t.call(who, 'POST', '/api/auth/totp/confirm', { code: totp(key, now()) })).statusCode).toBe(204);
      expect((await t.call(who, 'POST', '/api/auth/totp/enrol')).statusCode).toBe(409);
      const noCode = await t.login('clinician2');
      expect(noCode.json()).toMatchObject({ error: { code: 'totp-required' } });
      const start = t.clock.now;
      try {
        t.clock.now = new Date(start.getTime() + 60_000);
        const code = totp(key, now());
        expect((await t.login('clinician2', PASSWORD, code)).statusCode).toBe(200);
        expect((await t.login('clinician2', PASSWORD, code)).statusCode).toBe(401);
        t.clock.now = new Date(start.getTime() + 120_000);
        expect((await t.login('clinician2', PASSWORD, totp(key, now()))).json()).toMatchObject({ totpEnrolled: true });
      } finally {
        t.clock.now = new Date();
      }
    });

    it('an admin can require TOTP for a role; its users must enrol before anything else', async () => {
      const set = await t.call(t.logins.admin, 'PUT', '/api/admin/totp-policy', { biller: true });
      expect(set.json()).toMatchObject({ biller: true, clinician: false });
      const biller = loginFrom(await t.login('biller'));
      expect((await t.call(biller, 'GET', '/api/auth/session')).json()).toMatchObject({ totpEnrolmentRequired: true });
      const blocked = await t.call(biller, 'GET', '/api/clients');
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json()).toMatchObject({ error: { code: 'totp-enrolment-required' } });
      const { secret } = (await t.call(biller, 'POST', '/api/auth/totp/enrol')).json<{ secret: string }>();
      const code = totp(base32Decode(secret), Math.floor(t.clock.now.getTime() / 1000));
      expect((await t.call(biller, 'POST', '/api/auth/totp/confirm', { code })).statusCode).toBe(204);
      expect((await t.call(biller, 'GET', '/api/clients')).statusCode).toBe(200);
      expect((await t.call(t.logins.clinician, 'PUT', '/api/admin/totp-policy', { biller: false })).statusCode).toBe(403);
    });

    it('the sweeper ends idle sessions and destroys their vault half', async () => {
      const res = await t.login('supervisor');
      const who = loginFrom(res);
      const cookie = decodeSessionCookie(who.cookie.slice('nw_session='.length));
      expect(cookie?.vaultSecret).toBeTruthy();
      const start = t.clock.now;
      try {
        t.clock.now = new Date(start.getTime() + 20 * 60_000);
        expect(await sweepSessions(t.server.deps)).toBeGreaterThan(0);
      } finally {
        t.clock.now = new Date();
      }
      const rows = await t.server.deps.chart.db.withTables<{ auth_sessions: { user_id: string; revoked_at: string | null } }>().selectFrom('auth_sessions').select('revoked_at').where('user_id', '=', t.ids.supervisor).execute();
      expect(rows.length).toBeGreaterThan(0);
      // Eight days on, the revoked rows are pruned (the audit log keeps the events).
      t.clock.now = new Date(start.getTime() + 8 * 24 * 3600_000);
      await sweepSessions(t.server.deps);
      t.clock.now = new Date();
      const left = await t.server.deps.chart.db.withTables<{ auth_sessions: { user_id: string; revoked_at: string | null } }>().selectFrom('auth_sessions').select('revoked_at').where('user_id', '=', t.ids.supervisor).execute();
      expect(left.filter((r) => r.revoked_at !== null)).toEqual([]);
      const vaultRows = await t.server.deps.vault.store.database.db.selectFrom('unlock_sessions').select(['wrapped_key', 'revoked_at']).where('user_id', '=', t.ids.supervisor).execute();
      expect(vaultRows.some((r) => r.revoked_at !== null && r.wrapped_key === null)).toBe(true);
      expect((await t.call(who, 'GET', '/api/clients')).statusCode).toBe(401);
    });
  });
}

describe('login rate limit', () => {
  it('answers 429 past the per-minute login limit', async () => {
    const t = await startTestServer({ env: { NOTEWALL_LOGIN_RATE_LIMIT: '14' } });
    try {
      // startTestServer used 6 logins; the limit is per address per minute.
      const codes: number[] = [];
      for (let i = 0; i < 10; i++) codes.push((await t.login('nobody', 'wrong password here')).statusCode);
      expect(codes).toContain(429);
      const limited = await t.login('admin');
      expect(limited.json()).toMatchObject({ error: { code: 'rate-limited' } });
    } finally {
      await t.close();
    }
  });
});

describe('Secure cookies behind a TLS proxy', () => {
  it('marks the cookie Secure when a trusted proxy says the request came over TLS', async () => {
    const t = await startTestServer({ env: { NOTEWALL_TRUST_PROXY: 'true' } });
    try {
      const login = (headers: Record<string, string>) =>
        t.server.app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { username: 'records', password: PASSWORD } });
      const tls = await login({ 'x-forwarded-proto': 'https' });
      expect(tls.cookies.find((c) => c.name === 'nw_session')?.secure).toBe(true);
      const plain = await login({});
      expect(plain.cookies.find((c) => c.name === 'nw_session')?.secure).toBeFalsy();
    } finally {
      await t.close();
    }
  });
});
