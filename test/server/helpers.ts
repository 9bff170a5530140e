/**
 * An in-process server on a fresh SQLite data directory, set up through the API (setup,
 * users, logins), with one user per role, a second clinician, and clients assigned to
 * them. Create one per test file: argon2 costs ~40 ms per hash.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { DestinationStream } from 'pino';
import { loadServerConfig, type ServerConfig } from '../../src/server/server-config.ts';
import { openServer, type OpenServer } from '../../src/server/start.ts';
import { createPgSandbox, type PgSandbox } from '../helpers/pg.ts';

export const PASSWORD = 'correct horse battery staple';

export interface Login {
  readonly cookie: string;
  readonly csrf: string;
  readonly userId: string;
}

export const USER_NAMES = ['admin', 'clinician', 'clinician2', 'supervisor', 'records', 'biller'] as const;
export type UserName = (typeof USER_NAMES)[number];

const ROLES_OF: Readonly<Record<Exclude<UserName, 'admin'>, string[]>> = {
  clinician: ['clinician'],
  clinician2: ['clinician'],
  supervisor: ['supervisor'],
  records: ['records'],
  biller: ['biller'],
};

export interface TestServer {
  readonly server: OpenServer;
  readonly dir: string;
  readonly config: ServerConfig;
  readonly clock: { now: Date };
  readonly recoveryCode: string;
  readonly ids: Readonly<Record<UserName, string>>;
  readonly logins: Record<UserName, Login>;
  /** Assigned to clinician (and supervisor as supervisor). */
  readonly clientId: string;
  /** Assigned to clinician2 only. */
  readonly otherClientId: string;
  call(who: Login | null, method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  login(username: string, password?: string, totpCode?: string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export function loginFrom(res: LightMyRequestResponse): Login {
  const c = res.cookies.find((x) => x.name === 'nw_session');
  if (res.statusCode !== 200 || !c) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const body = res.json<{ csrfToken: string; user: { id: string } }>();
  return { cookie: `nw_session=${c.value}`, csrf: body.csrfToken, userId: body.user.id };
}

export interface TestServerOptions {
  readonly env?: Record<string, string>;
  readonly logStream?: DestinationStream;
  readonly clientName?: string;
  /** SQLite (default) or a throw-away PostgreSQL layout (test/helpers/pg.ts). */
  readonly store?: 'sqlite' | 'postgres';
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'notewall-server-'));
  let sandbox: PgSandbox | undefined;
  let pgEnv: Record<string, string> = {};
  if (options.store === 'postgres') {
    sandbox = await createPgSandbox();
    pgEnv = { DATABASE_URL: sandbox.chartUrl, VAULT_DATABASE_URL: sandbox.vaultUrl, NOTEWALL_PG_CHART_SCHEMA: sandbox.chartSchema, NOTEWALL_PG_VAULT_SCHEMA: sandbox.vaultSchema };
  }
  const config = loadServerConfig({ NOTEWALL_DATA_DIR: dir, LOG_LEVEL: 'silent', NOTEWALL_RATE_LIMIT: '0', NOTEWALL_LOGIN_RATE_LIMIT: '10000', ...pgEnv, ...options.env });
  const clock = { now: new Date() };
  const server = await openServer(config, { now: () => clock.now, ...(options.logStream ? { logStream: options.logStream } : {}) });
  const app = server.app;
  const call: TestServer['call'] = (who, method, url, body, headers = {}) =>
    app.inject({
      method,
      url,
      headers: { ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}), ...headers },
      ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
    });
  const login: TestServer['login'] = (username, password = PASSWORD, totpCode) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, ...(totpCode ? { totpCode } : {}) } });

  const setup = await app.inject({
    method: 'POST',
    url: '/api/setup',
    payload: { practiceName: 'Synthetic Counselling Group', admin: { username: 'admin', displayName: 'A. D.', password: PASSWORD } },
  });
  if (setup.statusCode !== 201) throw new Error(`setup failed: ${setup.body}`);
  const { recoveryCode, adminId } = setup.json<{ recoveryCode: string; adminId: string }>();
  const logins = { admin: loginFrom(await login('admin')) } as Record<UserName, Login>;
  const ids = { admin: adminId } as Record<UserName, string>;
  for (const [name, roles] of Object.entries(ROLES_OF) as Array<[Exclude<UserName, 'admin'>, string[]]>) {
    const res = await call(logins.admin, 'POST', '/api/users', { username: name, displayName: name.toUpperCase(), password: PASSWORD, roles });
    if (res.statusCode !== 201) throw new Error(`user ${name}: ${res.body}`);
    ids[name] = res.json<{ id: string }>().id;
    logins[name] = loginFrom(await login(name));
  }
  const mkClient = async (who: Login, displayName: string) => {
    const res = await call(who, 'POST', '/api/clients', { displayName });
    if (res.statusCode !== 201) throw new Error(`client: ${res.body}`);
    return res.json<{ id: string }>().id;
  };
  const clientId = await mkClient(logins.clinician, options.clientName ?? 'J. Q.');
  const otherClientId = await mkClient(logins.clinician2, 'R. S.');
  const assign = await call(logins.admin, 'POST', `/api/clients/${clientId}/assignments`, { userId: ids.supervisor, relation: 'supervisor' });
  if (assign.statusCode !== 204) throw new Error(`assign: ${assign.body}`);
  return {
    server,
    dir,
    config,
    clock,
    recoveryCode,
    ids,
    logins,
    clientId,
    otherClientId,
    call,
    login,
    async close() {
      await server.close();
      await sandbox?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A progress note that lints clean (synthetic). */
export function cleanNote(date = '2025-03-04', extra: Record<string, unknown> = {}) {
  return {
    format: 'soap',
    session: { date, start: '10:00', end: '10:53', modality: 'individual', cptCodes: ['90837'] },
    diagnoses: [{ code: 'F41.1' }],
    interventions: ['CBT thought record reviewed'],
    mentalStatus: 'Alert, oriented.',
    risk: { suicidalIdeation: 'denied', homicidalIdeation: 'denied', selfHarm: 'denied' },
    sections: { subjective: 'Client reports improved sleep.', objective: 'Calm, engaged.', assessment: 'Progressing.', plan: 'Continue weekly.' },
    ...extra,
  };
}

/** A progress note with error-level findings (no interventions; 20 minutes billed as 90837). */
export function flawedNote(date = '2025-03-05') {
  const { interventions: _drop, ...rest } = cleanNote(date);
  return { ...rest, session: { date, start: '10:00', end: '10:20', modality: 'individual', cptCodes: ['90837'] } };
}
