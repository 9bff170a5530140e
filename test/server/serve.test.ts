/**
 * The newcomer's path, for real: `node bin/notewall.js serve` (what `npm start` runs) in a
 * fresh data directory on a free port, then first-run setup, login, an authenticated
 * request and logout over HTTP with fetch and the cookie, then SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'notewall-serve-'));
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function startServer(): Promise<{ url: string; output: () => string }> {
  const proc = spawn(process.execPath, ['bin/notewall.js', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, NOTEWALL_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '', VAULT_DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    proc.stdout.on('data', () => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m?.[1] && /Data directory: .*\n/.test(out)) {
        clearTimeout(timer);
        resolvePromise({ url: m[1], output: () => out });
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${String(code)}:\n${out}`));
    });
  });
}

describe('notewall serve (child process)', () => {
  it('starts in a fresh data directory, completes setup and login over HTTP, and stops on SIGTERM', async () => {
    const { url, output } = await startServer();
    expect(output()).toContain(`Data directory: ${dataDir}`);

    expect(await (await fetch(`${url}/api/setup`)).json()).toEqual({ needsSetup: true });
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");

    const setup = await fetch(`${url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ practiceName: 'Synthetic Practice', admin: { username: 'first-admin', displayName: 'F. A.', password: 'a long synthetic password', clinician: true } }),
    });
    expect(setup.status).toBe(201);
    const { recoveryCode } = (await setup.json()) as { recoveryCode: string };
    expect(recoveryCode).toMatch(/^([0-9A-Z]{5}-){10}[0-9A-Z]{5}$/);
    expect(await (await fetch(`${url}/api/setup`)).json()).toEqual({ needsSetup: false });

    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'first-admin', password: 'a long synthetic password' }),
    });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = setCookie.split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };

    const created = await fetch(`${url}/api/clients`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ displayName: 'T. C.' }),
    });
    expect(created.status).toBe(201);
    const clients = (await (await fetch(`${url}/api/clients`, { headers: { cookie } })).json()) as unknown[];
    expect(clients).toHaveLength(1);

    const logout = await fetch(`${url}/api/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(logout.status).toBe(204);
    expect((await fetch(`${url}/api/clients`, { headers: { cookie } })).status).toBe(401);

    // The data landed in the data directory, in two separate stores.
    expect(readFileSync(join(dataDir, 'chart.sqlite')).length).toBeGreaterThan(0);
    expect(readFileSync(join(dataDir, 'vault.sqlite')).length).toBeGreaterThan(0);

    const exited = new Promise<number | null>((r) => child?.on('exit', (code) => r(code)));
    child?.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
