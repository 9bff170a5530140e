/**
 * Storage benchmarks:
 * - sign-note throughput (create a draft and sign it, each its own durable, audited
 *   transaction) on SQLite and on PostgreSQL, against a `select 1` round trip on the same
 *   connection as the baseline;
 * - SQLite with 50 concurrent signers, group commit off and then on (src/db/group-commit.ts),
 *   the first run being the baseline for the second;
 * - the chart page (newest 50 notes of one client, audited) with NOTEWALL_BENCH_NOTES notes
 *   in PostgreSQL (default 100,000; set 1000000 for the target size), generated set-based by
 *   scripts/generate-notes.ts, with the generation time reported. Target p95 < 20 ms.
 *
 * PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local `test` database;
 * the bench creates and drops its own schemas and roles. Skipped with a message when
 * PostgreSQL is unreachable.
 */
import { sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { fmtMs, quantile, ratio } from './stats.ts';
import { openChartStore, type ChartStore } from '../src/db/chart/chart-store.ts';
import { createClient } from '../src/db/chart/clients-repository.ts';
import { loadActor, type RepoContext } from '../src/db/chart/context.ts';
import { chartPage, createDraft, signNote } from '../src/db/chart/notes-repository.ts';
import { unsafeCreatePractice } from '../src/db/chart/users-repository.ts';
import type { DatabaseTarget } from '../src/db/connection.ts';
import { dropStatements, provisionStatements, type PgLayout } from '../src/db/pg-provision.ts';
import { generateNotes } from '../scripts/generate-notes.ts';
import type { BenchModule } from './run.ts';

const PG_URL = process.env['BENCH_DATABASE_URL'] ?? process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const CHART_NOTES = Number(process.env['NOTEWALL_BENCH_NOTES'] ?? 100_000);
const SIGN_COUNT = Number(process.env['NOTEWALL_BENCH_SIGNS'] ?? 300);

async function timeAsync(fn: () => Promise<unknown>, n: number, warmup = 20): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

async function adminRun(statements: readonly string[]): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    for (const s of statements) await c.query(s);
  } finally {
    await c.end();
  }
}

async function seeded(target: DatabaseTarget): Promise<{ store: ChartStore; ctx: RepoContext; clientId: string }> {
  const store = await openChartStore(target, { icd10Check: () => null });
  const { adminId } = await unsafeCreatePractice(store, {
    practiceName: 'Bench practice',
    admin: { username: 'bench-admin', displayName: 'B. A.', password: 'bench password 123', roles: ['admin', 'clinician'] },
  });
  const ctx = { store, actor: await loadActor(store, adminId) };
  const clientId = (await createClient(ctx, { displayName: 'B.C.' })).id;
  return { store, ctx, clientId };
}

async function signBench(label: string, seed: { store: ChartStore; ctx: RepoContext; clientId: string }): Promise<void> {
  const { store, ctx, clientId } = seed;
  const base = await timeAsync(() => sql`select 1`.execute(store.db), 500, 50);
  let i = 0;
  const signOne = async () => {
    const day = String(1 + (i++ % 28)).padStart(2, '0');
    const d = await createDraft(ctx, { clientId, content: { format: 'dap', session: { date: `2025-02-${day}`, modality: 'individual' }, sections: { data: 'Synthetic.', assessment: 'Stable.', plan: 'Continue.' } } });
    await signNote(ctx, d.id);
  };
  const t0 = performance.now();
  const samples = await timeAsync(signOne, SIGN_COUNT, 10);
  const wall = performance.now() - t0;
  const p50 = quantile(samples, 0.5);
  const p95 = quantile(samples, 0.95);
  const b50 = quantile(base, 0.5);
  console.log(
    `${label.padEnd(10)} sign-note (draft + sign, 2 durable audited transactions): ${(SIGN_COUNT / (wall / 1000)).toFixed(0)} notes/s sequential, ` +
      `p50 ${fmtMs(p50)}, p95 ${fmtMs(p95)} | baseline select 1 p50 ${fmtMs(b50)} | p50 ratio ${ratio(p50, b50)}`,
  );
}

/**
 * Concurrent signers (NOTEWALL_BENCH_SIGNERS, default 50) for NOTEWALL_BENCH_SECONDS (default
 * 3) on SQLite, with group commit off (every transaction its own COMMIT and fsync) and on
 * (transactions share a COMMIT), in one run: notes/s, p99 of a draft + sign pair, and how
 * many transactions each COMMIT carried.
 */
async function concurrentSignBench(): Promise<void> {
  const signers = Number(process.env['NOTEWALL_BENCH_SIGNERS'] ?? 50);
  const seconds = Number(process.env['NOTEWALL_BENCH_SECONDS'] ?? 3);
  const results: Array<{ rate: number; p99: number }> = [];
  for (const groupCommit of [false, true] as const) {
    const dir = mkdtempSync(join(tmpdir(), 'notewall-bench-gc-'));
    const seed = await seeded({ kind: 'sqlite', file: join(dir, 'chart.sqlite'), ...(groupCommit ? {} : { groupCommit: false }) });
    const { store, ctx, clientId } = seed;
    try {
      const before = store.writeStats?.();
      const latencies: number[] = [];
      let i = 0;
      const end = performance.now() + seconds * 1000;
      const signer = async () => {
        while (performance.now() < end) {
          const day = String(1 + (i++ % 28)).padStart(2, '0');
          const t0 = performance.now();
          const d = await createDraft(ctx, { clientId, content: { format: 'dap', session: { date: `2025-02-${day}`, modality: 'individual' }, sections: { data: 'Synthetic.', assessment: 'Stable.', plan: 'Continue.' } } });
          await signNote(ctx, d.id);
          latencies.push(performance.now() - t0);
        }
      };
      const t0 = performance.now();
      await Promise.all(Array.from({ length: signers }, signer));
      const rate = latencies.length / ((performance.now() - t0) / 1000);
      const p99 = quantile(latencies.sort((a, b) => a - b), 0.99);
      results.push({ rate, p99 });
      const after = store.writeStats?.();
      const perCommit = before && after ? ` | ${((after.units - before.units) / Math.max(1, after.commits - before.commits)).toFixed(1)} transactions per COMMIT` : '';
      const vs = results[0] && groupCommit ? ` | ${ratio(rate, results[0].rate)} the notes/s of one COMMIT per transaction` : '';
      console.log(
        `SQLite     ${signers} concurrent signers, group commit ${groupCommit ? 'on ' : 'off'}: ${rate.toFixed(0)} notes/s (${(2 * rate).toFixed(0)} transactions/s), p99 draft + sign ${fmtMs(p99)}${perCommit}${vs}`,
      );
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

async function pgReachable(): Promise<string | null> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await c.end().catch(() => undefined);
  }
}

const bench: BenchModule = {
  name: 'storage',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'notewall-bench-'));
    const lite = await seeded({ kind: 'sqlite', file: join(dir, 'chart.sqlite') });
    try {
      await signBench('SQLite', lite);
    } finally {
      await lite.store.close();
      rmSync(dir, { recursive: true, force: true });
    }
    await concurrentSignBench();

    const down = await pgReachable();
    if (down) {
      console.log(`PostgreSQL benchmarks skipped: ${PG_URL} unreachable (${down})`);
      return;
    }
    const suffix = randomBytes(4).toString('hex');
    const layout: PgLayout = { chartSchema: `nwb_${suffix}`, vaultSchema: `nwbv_${suffix}`, chartRole: `nwb_${suffix}`, vaultRole: `nwbv_${suffix}` };
    await adminRun(provisionStatements(layout));
    const u = new URL(PG_URL);
    u.username = layout.chartRole;
    u.password = '';
    const target: DatabaseTarget = { kind: 'postgres', url: u.toString(), schema: layout.chartSchema };
    try {
      const seed = await seeded(target);
      const { store } = seed;
      try {
        await signBench('PostgreSQL', seed);
        const gen = new pg.Client({ connectionString: u.toString(), options: `-c search_path=${layout.chartSchema}` });
        await gen.connect();
        const g = await generateNotes(gen, { count: CHART_NOTES, notesPerClient: 100 }).finally(() => gen.end());
        console.log(`PostgreSQL generated ${g.notes.toLocaleString('en-US')} signed notes for ${g.clients.toLocaleString('en-US')} clients in ${(g.ms / 1000).toFixed(1)} s (set-based; NOTEWALL_BENCH_NOTES=${CHART_NOTES})`);
        // The generated clinician reads their own clients' chart pages.
        const reader = { store, actor: await loadActor(store, g.authorId) };
        const base = await timeAsync(() => sql`select 1`.execute(store.db), 500, 50);
        const pick = () => g.clientIds(1 + Math.floor(Math.random() * g.clients));
        const page = await timeAsync(() => chartPage(reader, pick(), { limit: 50 }), 500, 50);
        const raw = await timeAsync(
          () => store.db.selectFrom('progress_notes').select(['id', 'session_date', 'status']).where('client_id', '=', pick()).orderBy('session_date', 'desc').orderBy('id', 'desc').limit(51).execute(),
          500,
          50,
        );
        const b50 = quantile(base, 0.5);
        const p95 = quantile(page, 0.95);
        console.log(
          `PostgreSQL chart page (50 newest of 100, audited, ${CHART_NOTES.toLocaleString('en-US')} notes): p50 ${fmtMs(quantile(page, 0.5))}, p95 ${fmtMs(p95)} ` +
            `(target < 20 ms: ${p95 < 20 ? 'met' : 'NOT met'}) | query alone p95 ${fmtMs(quantile(raw, 0.95))} | baseline select 1 p50 ${fmtMs(b50)} | p95 ratio ${ratio(p95, b50)}`,
        );
      } finally {
        await store.close();
      }
    } finally {
      await adminRun([`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename IN ('${layout.chartRole}', '${layout.vaultRole}')`, ...dropStatements(layout)]);
    }
  },
};

export default bench;
