/**
 * Group commit on SQLite (src/db/group-commit.ts): concurrent transactions share one
 * durable COMMIT without weakening ARCHITECTURE.md invariants 4 (durable before the answer)
 * and 5 (audited in the same transaction). All data is synthetic.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/db/audit/audit-log.ts';
import { openChartStore, type ChartStore } from '../../src/db/chart/chart-store.ts';
import { createClient } from '../../src/db/chart/clients-repository.ts';
import { guarded, type RepoContext } from '../../src/db/chart/context.ts';
import { createDraft, signNote, verifyStoredNote } from '../../src/db/chart/notes-repository.ts';
import { openDatabase, type OpenDatabase } from '../../src/db/connection.ts';
import { GroupCommitError } from '../../src/db/group-commit.ts';
import { seedPractice } from './fixtures.ts';

interface Scratch {
  t: { id: number; v: string };
  child: { id: number; parent_id: number | null };
}

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'notewall-gc-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function scratch(): Promise<OpenDatabase<Scratch>> {
  const open = openDatabase<Scratch>({ kind: 'sqlite', file: join(dir, 'scratch.sqlite') });
  await sql`create table if not exists t (id integer primary key, v text not null)`.execute(open.db);
  return open;
}

const insert = (db: Kysely<Scratch>, id: number) => db.transaction().execute((trx) => trx.insertInto('t').values({ id, v: `v${id}` }).execute());
const ids = async (db: Kysely<Scratch>) => (await db.selectFrom('t').select('id').orderBy('id').execute()).map((r) => r.id);
const stats = (open: Pick<OpenDatabase<unknown>, 'writeStats'>) => {
  if (!open.writeStats) throw new Error('group commit is not on');
  return open.writeStats();
};

describe('group commit (SQLite)', () => {
  it('commits many concurrent transactions in shared batches, and every resolved one survives a reopen', async () => {
    const open = await scratch();
    const before = stats(open);
    const N = 300;
    const results = await Promise.allSettled(Array.from({ length: N }, (_, i) => insert(open.db, i + 1)));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const after = stats(open);
    expect(after.units - before.units).toBe(N);
    // Fewer COMMITs (fsyncs) than transactions: at least 5 units per batch on average.
    const commits = after.commits - before.commits;
    expect(commits).toBeGreaterThan(0);
    expect(commits).toBeLessThanOrEqual(N / 5);
    expect(after.largestBatch).toBeGreaterThan(1);
    await open.close();

    const again = await scratch();
    expect(await ids(again.db)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    await again.close();
  });

  it('commits one transaction at a time when group commit is off (the comparison)', async () => {
    const open = openDatabase<Scratch>({ kind: 'sqlite', file: join(dir, 'plain.sqlite'), groupCommit: false });
    await sql`create table t (id integer primary key, v text not null)`.execute(open.db);
    await Promise.all(Array.from({ length: 20 }, (_, i) => insert(open.db, i + 1)));
    expect(open.writeStats).toBeUndefined();
    expect(await ids(open.db)).toHaveLength(20);
    await open.close();
  });

  it('rolls back only the unit that throws; the others in the same batch commit', async () => {
    const open = await scratch();
    const before = stats(open);
    const boom = new Error('synthetic failure');
    const results = await Promise.allSettled([
      insert(open.db, 1),
      open.db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ id: 2, v: 'v2' }).execute();
        throw boom;
      }),
      insert(open.db, 3),
      // A constraint error inside a unit: the statement fails, the unit rolls back.
      open.db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ id: 4, v: 'v4' }).execute();
        await trx.insertInto('t').values({ id: 1, v: 'duplicate' }).execute();
      }),
      insert(open.db, 5),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect(results[1]).toMatchObject({ reason: boom });
    const after = stats(open);
    expect(after.commits - before.commits).toBe(1); // all five ran in one batch
    expect(after.rolledBackUnits - before.rolledBackUnits).toBe(2);
    await open.close();
    const again = await scratch();
    expect(await ids(again.db)).toEqual([1, 3, 5]);
    await again.close();
  });

  it('rejects every unit of a batch whose COMMIT fails, and the next batch works', async () => {
    const open = await scratch();
    // A deferred foreign key is checked only at COMMIT: a real COMMIT failure.
    await sql`create table parent (id integer primary key)`.execute(open.db);
    await sql`create table child (id integer primary key, parent_id integer references parent(id) deferrable initially deferred)`.execute(open.db);
    await sql`insert into parent (id) values (1)`.execute(open.db);
    const child = (id: number, parent: number) =>
      open.db.transaction().execute((trx) => trx.insertInto('child').values({ id, parent_id: parent }).execute());
    const before = stats(open);
    const results = await Promise.allSettled([child(1, 1), child(2, 999), child(3, 1)]);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(GroupCommitError);
    }
    expect(stats(open).failedBatches - before.failedBatches).toBe(1);
    await child(4, 1);
    const rows = await open.db.selectFrom('child').select('id').execute();
    expect(rows.map((r) => r.id)).toEqual([4]);
    await open.close();
  });

  it('rejects the earlier units of a batch when SQLite rolls the whole transaction back under a later one', async () => {
    const open = await scratch();
    // RAISE(ROLLBACK) ends the whole transaction, as SQLITE_FULL or SQLITE_IOERR would.
    await sql`create trigger t_rollback before insert on t when new.v = 'rollback' begin select raise(rollback, 'synthetic rollback'); end`.execute(open.db);
    const results = await Promise.allSettled([
      insert(open.db, 1),
      open.db.transaction().execute((trx) => trx.insertInto('t').values({ id: 2, v: 'rollback' }).execute()),
      insert(open.db, 3),
    ]);
    expect(results[0]).toMatchObject({ status: 'rejected', reason: expect.any(GroupCommitError) as unknown });
    expect(results[1]).toMatchObject({ status: 'rejected' });
    // Unit 3 started after the rollback, in a batch of its own.
    expect(results[2]).toMatchObject({ status: 'fulfilled' });
    expect(await ids(open.db)).toEqual([3]);
    await open.close();
  });

  it('plain reads see only durable data and do not wait for an open batch', async () => {
    const open = await scratch();
    await insert(open.db, 1);
    let finish = () => {};
    const held = new Promise<void>((r) => (finish = r));
    const unit = open.db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ id: 2, v: 'v2' }).execute();
      // Inside the unit its own write is visible.
      expect((await trx.selectFrom('t').select('id').execute()).map((r) => r.id)).toEqual([1, 2]);
      await held;
    });
    await new Promise((r) => setTimeout(r, 20));
    // Outside it, a read answers at once, without the uncommitted row.
    expect(await ids(open.db)).toEqual([1]);
    finish();
    await unit;
    expect(await ids(open.db)).toEqual([1, 2]);
    expect(stats(open).reads).toBeGreaterThan(0);
    await open.close();
  });

  it('keeps controlled transactions and their nested savepoints working', async () => {
    const open = await scratch();
    const trx = await open.db.startTransaction().execute();
    await trx.insertInto('t').values({ id: 1, v: 'v1' }).execute();
    const sp = await trx.savepoint('inner').execute();
    await sp.insertInto('t').values({ id: 2, v: 'v2' }).execute();
    await sp.rollbackToSavepoint('inner').execute();
    await trx.insertInto('t').values({ id: 3, v: 'v3' }).execute();
    await trx.commit().execute();
    const gone = await open.db.startTransaction().execute();
    await gone.insertInto('t').values({ id: 4, v: 'v4' }).execute();
    await gone.rollback().execute();
    expect(await ids(open.db)).toEqual([1, 3]);
    await open.close();
  });
});

describe('group commit with the chart and its audit log', () => {
  let store: ChartStore;
  const target = () => ({ kind: 'sqlite' as const, file: join(dir, 'chart.sqlite') });

  beforeEach(async () => {
    store = await openChartStore(target(), { icd10Check: () => null });
  });
  afterEach(async () => {
    await store.close();
  });

  it('signs notes concurrently in shared batches; the audit chain verifies and failed units are audited', async () => {
    const p = await seedPractice(store);
    const clin = await p.ctx(p.users.clinician);
    const other = await p.ctx(p.users.clinician2);
    const clientId = (await createClient(clin, { displayName: 'G.C.' })).id;
    const auditBefore = await verifyAuditChain(store.db, store.adapter);
    if (!auditBefore.ok) throw new Error('chain broken before the run');
    const before = store.writeStats?.();
    if (!before) throw new Error('group commit is not on');

    const N = 120;
    const signOne = async (i: number) => {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const d = await createDraft(clin, {
        clientId,
        content: { format: 'dap', session: { date: `2025-02-${day}`, modality: 'individual' }, sections: { data: `Synthetic ${i}.`, assessment: 'Stable.', plan: 'Continue.' } },
      });
      await signNote(clin, d.id);
      return d.id;
    };
    // Mixed in: work that fails after the access check (rolled back, audited `failed`)
    // and a clinician not assigned to the client (denied, audited `denied`).
    const failing = (i: number) =>
      guarded(clin, { permission: 'note.read', action: 'note.read', entityType: 'progress_note', clientId }, async (trx) => {
        await trx.insertInto('audit_log').values({ seq: -i, at: 'x', actor_id: null, actor_role: null, action: 'note.read', entity_type: 'x', entity_id: null, client_id: null, outcome: 'allowed', request_id: null, reason: null, prev_hash: 'x', hash: 'x' }).execute();
        throw new Error('synthetic work failure');
      });
    const denied = (ctx: RepoContext) => guarded(ctx, { permission: 'note.read', action: 'note.read', entityType: 'progress_note', clientId }, () => Promise.resolve({ value: null }));

    const jobs: Array<Promise<unknown>> = [];
    for (let i = 0; i < N; i++) {
      jobs.push(signOne(i));
      if (i % 10 === 0) jobs.push(failing(i + 1));
      if (i % 15 === 0) jobs.push(denied(other));
    }
    const results = await Promise.allSettled(jobs);
    const signed = results.flatMap((r) => (r.status === 'fulfilled' && typeof r.value === 'string' ? [r.value] : []));
    expect(signed).toHaveLength(N);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(Math.ceil(N / 10) + Math.ceil(N / 15));

    const after = store.writeStats?.();
    if (!after) throw new Error('group commit is not on');
    const units = after.units - before.units;
    const commits = after.commits - before.commits;
    expect(commits).toBeLessThan(units / 3);

    await store.close();
    store = await openChartStore(target(), { icd10Check: () => null });
    const rows = await store.db.selectFrom('progress_notes').selectAll().where('id', 'in', signed).execute();
    expect(rows).toHaveLength(N);
    for (const row of rows) {
      expect(row.status).toBe('signed');
      expect(verifyStoredNote(row)).toBe(true);
    }
    const audit = await verifyAuditChain(store.db, store.adapter);
    expect(audit).toMatchObject({ ok: true });
    if (!audit.ok) return;
    // Two allowed rows per signed note, one allowed + one failed per failing unit (whose
    // own stray insert was rolled back with its savepoint), one denied per denial.
    const counts = await store.db.selectFrom('audit_log').select(['outcome', (eb) => eb.fn.countAll().as('n')]).where('seq', '>', auditBefore.rows).groupBy('outcome').execute();
    const byOutcome = Object.fromEntries(counts.map((c) => [c.outcome, store.adapter.toNumber(c.n)]));
    expect(byOutcome).toEqual({ allowed: 2 * N, failed: Math.ceil(N / 10), denied: Math.ceil(N / 15) });
    expect(audit.rows).toBe(auditBefore.rows + 2 * N + Math.ceil(N / 10) + Math.ceil(N / 15));
    const negative = await store.db.selectFrom('audit_log').select('seq').where('seq', '<', 0).execute();
    expect(negative).toHaveLength(0);
  });

  it('keeps every reported note when a process signing concurrently is SIGKILLed', async () => {
    const p = await seedPractice(store);
    const clin = await p.ctx(p.users.clinician);
    const clientId = (await createClient(clin, { displayName: 'K.C.' })).id;
    await store.close();

    const src = (f: string) => JSON.stringify(pathToFileURL(resolve(import.meta.dirname, '../../src/db', f)).href);
    const child = join(dir, 'gc-child.mts');
    // 16 concurrent signers; each id is printed only after its sign resolved (its batch committed).
    writeFileSync(
      child,
      `import { openChartStore } from ${src('chart/chart-store.ts')};
import { loadActor } from ${src('chart/context.ts')};
import { createDraft, signNote } from ${src('chart/notes-repository.ts')};
const [file, userId, clientId] = process.argv.slice(2);
const store = await openChartStore({ kind: 'sqlite', file }, { icd10Check: () => null });
const ctx = { store, actor: await loadActor(store, userId) };
let n = 0;
const loop = async () => {
  for (;;) {
    const i = n++;
    const day = String(1 + (i % 28)).padStart(2, '0');
    const d = await createDraft(ctx, { clientId, content: { format: 'dap', session: { date: '2025-02-' + day, modality: 'individual' }, sections: { data: 'Synthetic kill ' + i, assessment: 'Stable.', plan: 'Continue.' } } });
    await signNote(ctx, d.id);
    process.stdout.write(d.id + '\\n');
  }
};
await Promise.all(Array.from({ length: 16 }, loop));
`,
    );
    const reported: string[] = [];
    for (let round = 0; round < 3; round++) {
      reported.push(...(await runAndKill(child, [target().file, p.users.clinician, clientId])));
      const check = await openChartStore(target(), { icd10Check: () => null });
      try {
        const rows = await check.db.selectFrom('progress_notes').selectAll().where('id', 'in', reported).execute();
        expect(rows).toHaveLength(reported.length);
        for (const row of rows) {
          expect(row.status).toBe('signed');
          expect(verifyStoredNote(row)).toBe(true);
        }
        expect(await verifyAuditChain(check.db, check.adapter)).toMatchObject({ ok: true });
      } finally {
        await check.close();
      }
    }
    expect(reported.length).toBeGreaterThan(16);
    store = await openChartStore(target(), { icd10Check: () => null });
  });
});

/** Runs the child until it has reported 20 ids, then SIGKILLs it after a random delay. */
function runAndKill(script: string, args: string[]): Promise<string[]> {
  return new Promise((done, fail) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: resolve(import.meta.dirname, '../..') });
    let out = '';
    let err = '';
    let armed = false;
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (!armed && out.split('\n').length > 20) {
        armed = true;
        setTimeout(() => proc.kill('SIGKILL'), 10 + Math.floor(Math.random() * 200));
      }
    });
    proc.stderr.on('data', (c: Buffer) => (err += c.toString()));
    proc.on('error', fail);
    proc.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') {
        fail(new Error(`child ended with ${code ?? signal}: ${err}`));
        return;
      }
      const lines = out.split('\n');
      lines.pop(); // a line cut short by the kill was never reported
      done(lines.filter((l) => /^[0-9a-f-]{36}$/.test(l)));
    });
  });
}
