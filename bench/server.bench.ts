/**
 * Server benchmark with autocannon on 127.0.0.1, 50 connections, time-bounded:
 *
 * - a bare Fastify route (the baseline, in its own process);
 * - create-and-sign a progress note: POST a draft, then POST its sign (the server re-lints
 *   the canonical text and writes two durable, audited SQLite transactions);
 * - read a client's chart page (50 newest notes, audited).
 *
 * The Notewall server runs as `node bin/notewall.js serve` in a child process on a fresh
 * SQLite data directory, exactly as `npm start` would (general rate limit off). Each result
 * is printed as requests/s and p99, and as a ratio to the bare route. Targets (PRODUCT.md):
 * create-and-sign 1,000+ req/s with p99 < 50 ms. NOTEWALL_BENCH_SECONDS sets each run's length.
 * The store runs with group commit (src/db/group-commit.ts): concurrent requests' transactions
 * share one durable COMMIT; `npm run bench -- storage` compares it with one COMMIT per
 * transaction in the same run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import type { BenchModule } from './run.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env['NOTEWALL_BENCH_SECONDS'] ?? 5);
const CONNECTIONS = 50;

const BARE_SERVER = `
import Fastify from 'fastify';
const app = Fastify();
app.get('/bare', async () => ({ ok: true }));
const url = await app.listen({ port: 0, host: '127.0.0.1' });
console.log('listening on ' + url + '/');
`;

function spawnServer(args: string[], env: Record<string, string>): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`server did not start:\n${out}`)), 30_000);
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        res({ url: m[1], proc });
      }
    });
    proc.on('exit', (code) => rej(new Error(`server exited with ${String(code)}:\n${out}`)));
  });
}

interface Run {
  readonly rps: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
}

async function cannon(opts: autocannon.Options): Promise<Run> {
  const r = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts });
  if (r.non2xx > 0 || r.errors > 0) console.log(`  (${r.non2xx} non-2xx, ${r.errors} errors)`);
  return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

/** a / b with two significant digits (the ratios here span 0.005× to 700×). */
function ratio(a: number, b: number): string {
  const r = a / b;
  return `${r >= 10 ? r.toFixed(0) : r.toPrecision(2)}×`;
}

function line(name: string, r: Run, base: Run): string {
  const throughput = `${r.rps.toFixed(0)} req/s (${ratio(r.rps, base.rps)} of bare)`;
  const latency = `p99 ${r.p99.toFixed(1)} ms (${ratio(r.p99, Math.max(base.p99, 0.1))} of bare)`;
  const problems = r.non2xx + r.errors > 0 ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : '';
  return `${name.padEnd(34)} ${throughput.padEnd(34)} ${latency}${problems}`;
}

const NOTE = {
  format: 'soap',
  session: { date: '2025-03-04', start: '10:00', end: '10:53', modality: 'individual', cptCodes: ['90837'] },
  diagnoses: [{ code: 'F41.1' }],
  interventions: ['CBT thought record reviewed'],
  mentalStatus: 'Alert, oriented.',
  risk: { suicidalIdeation: 'denied', homicidalIdeation: 'denied', selfHarm: 'denied' },
  sections: { subjective: 'Client reports improved sleep.', objective: 'Calm, engaged.', assessment: 'Progressing.', plan: 'Continue weekly.' },
};

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const bench: BenchModule = {
  name: 'server',
  async run() {
    const dataDir = mkdtempSync(join(tmpdir(), 'notewall-bench-server-'));
    const procs: ChildProcess[] = [];
    try {
      const bare = await spawnServer(['--input-type=module', '-e', BARE_SERVER], {});
      procs.push(bare.proc);
      const app = await spawnServer(['bin/notewall.js', 'serve'], { PORT: '0', HOST: '127.0.0.1', NOTEWALL_DATA_DIR: dataDir, NOTEWALL_RATE_LIMIT: '0', LOG_LEVEL: 'warn', DATABASE_URL: '', VAULT_DATABASE_URL: '' });
      procs.push(app.proc);
      const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      await json(await post('/api/setup', { practiceName: 'Bench', admin: { username: 'bench', displayName: 'B. B.', password: 'bench password 1234', clinician: true } }));
      const login = await post('/api/auth/login', { username: 'bench', password: 'bench password 1234' });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const { csrfToken } = await json<{ csrfToken: string }>(login);
      const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
      const { id: clientId } = await json<{ id: string }>(await post('/api/clients', { displayName: 'B. C.' }, headers));

      console.log(`autocannon, ${CONNECTIONS} connections, ${SECONDS} s each, SQLite (synchronous=FULL, group commit), server in its own process`);
      const base = await cannon({ url: `${bare.url}/bare` });
      console.log(line('bare Fastify GET (baseline)', base, base));

      const body = JSON.stringify({ content: NOTE });
      const signRequests = (): autocannon.Request[] => [
          {
            method: 'POST',
            path: `/api/clients/${clientId}/notes`,
            headers,
            body,
            onResponse: (status, resBody, context) => {
              if (status === 201) (context as { noteId?: string }).noteId = (JSON.parse(resBody) as { id: string }).id;
            },
          },
          {
            method: 'POST',
            headers,
            body: '{}',
            setupRequest: (req, context) => ({ ...req, path: `/api/notes/${(context as { noteId?: string }).noteId ?? 'missing'}/sign` }),
          },
        ];
      const sign = await cannon({ url: app.url, requests: signRequests() });
      console.log(line('create-and-sign (draft + sign)', sign, base));
      console.log(`${''.padEnd(34)} = ${(sign.rps / 2).toFixed(0)} signed notes/s; target 1,000+ req/s, p99 < 50 ms: ${sign.rps >= 1000 && sign.p99 < 50 ? 'met' : 'NOT met'}`);
      // One connection: the service time of a request with no queueing in front of it.
      const single = await cannon({ url: app.url, connections: 1, requests: signRequests() });
      console.log(line('create-and-sign, 1 connection', single, base));

      const page = await cannon({ url: `${app.url}/api/clients/${clientId}/notes`, headers: { cookie } });
      console.log(line('chart page (50 newest, audited)', page, base));
    } finally {
      for (const p of procs) p.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default bench;
