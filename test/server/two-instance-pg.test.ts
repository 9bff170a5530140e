/**
 * Horizontal scale: two server processes against one PostgreSQL database (chart and vault
 * schemas with their own roles), on different ports. Log in through one, use the session
 * through the other, including reading the author's own psychotherapy note; a logout on
 * one ends the session on both; a lockout earned on one holds on the other. Skips with a
 * message when PostgreSQL is unreachable, unless NOTEWALL_REQUIRE_PG=1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgSandbox, pgSuiteEnabled, type PgSandbox } from '../helpers/pg.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const enabled = await pgSuiteEnabled('server two-instance');

interface Instance {
  readonly url: string;
  readonly proc: ChildProcess;
}

function start(sandbox: PgSandbox, dataDir: string): Promise<Instance> {
  const proc = spawn(process.execPath, ['bin/notewall.js', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NOTEWALL_DATA_DIR: dataDir,
      DATABASE_URL: sandbox.chartUrl,
      VAULT_DATABASE_URL: sandbox.vaultUrl,
      NOTEWALL_PG_CHART_SCHEMA: sandbox.chartSchema,
      NOTEWALL_PG_VAULT_SCHEMA: sandbox.vaultSchema,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolvePromise({ url: m[1], proc });
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${String(code)}:\n${out}`));
    });
  });
}

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

describe.runIf(enabled)('two server instances on one PostgreSQL database', () => {
  let sandbox: PgSandbox;
  let dataDir: string;
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    sandbox = await createPgSandbox();
    dataDir = mkdtempSync(join(tmpdir(), 'notewall-pg2-'));
    // The first instance migrates; the second starts on the migrated schemas.
    a = await start(sandbox, dataDir);
    b = await start(sandbox, dataDir);
  }, 90_000);

  afterAll(async () => {
    for (const i of [a, b]) i?.proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await sandbox?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves one session from either instance, including the author reading their psychotherapy note', async () => {
    const password = 'a long synthetic password';
    const setup = await fetch(`${a.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ practiceName: 'Synthetic PG Practice', admin: { username: 'pg-admin', displayName: 'P. A.', password, clinician: true } }),
    });
    expect(setup.status).toBe(201);
    expect(await json(await fetch(`${b.url}/api/setup`))).toEqual({ needsSetup: false });

    const login = await fetch(`${a.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'pg-admin', password }) });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = await json<{ csrfToken: string }>(login);
    const h = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };

    const client = await fetch(`${b.url}/api/clients`, { method: 'POST', headers: h, body: JSON.stringify({ displayName: 'P. G.' }) });
    expect(client.status).toBe(201);
    const clientId = (await json<{ id: string }>(client)).id;

    const psy = await fetch(`${a.url}/api/psychotherapy-notes`, { method: 'POST', headers: h, body: JSON.stringify({ clientId, content: { body: 'Written through instance A.' } }) });
    expect(psy.status).toBe(201);
    const noteId = (await json<{ id: string }>(psy)).id;
    const read = await fetch(`${b.url}/api/psychotherapy-notes/${noteId}`, { headers: { cookie } });
    expect(read.status).toBe(200);
    expect(await json(read)).toMatchObject({ content: { body: 'Written through instance A.' } });

    const logout = await fetch(`${b.url}/api/auth/logout`, { method: 'POST', headers: h });
    expect(logout.status).toBe(204);
    expect((await fetch(`${a.url}/api/clients`, { headers: { cookie } })).status).toBe(401);
  });

  it('a lockout earned on one instance holds on the other', async () => {
    for (let i = 0; i < 5; i++) {
      const target = i % 2 === 0 ? a : b;
      await fetch(`${target.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'pg-admin', password: 'wrong password here' }) });
    }
    const res = await fetch(`${b.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'pg-admin', password: 'a long synthetic password' }) });
    expect(res.status).toBe(423);
  });
});
