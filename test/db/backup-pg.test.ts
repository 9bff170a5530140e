/**
 * Backup and restore across dialects.
 *
 * Always: a version 1 SQLite backup (written before the dialect marker) still restores, and
 * a PostgreSQL backup is refused by a SQLite deployment.
 *
 * On PostgreSQL (skipped with a clear line when unreachable; required under
 * NOTEWALL_REQUIRE_PG=1): a backup restored into a fresh schema pair equals the source table
 * for table; a backup taken while another connection keeps signing notes is one consistent
 * snapshot; a wrong passphrase, a changed or truncated file, a broken audit chain, a changed
 * signed note and a SQLite backup are each refused with their own message and change nothing.
 */
import { sql, type Kysely } from 'kysely';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { StoreConfig } from '../../src/config/config.ts';
import { createClient } from '../../src/db/chart/clients-repository.ts';
import { loadActor, type RepoContext } from '../../src/db/chart/context.ts';
import { addAddendum, createDraft, signNote } from '../../src/db/chart/notes-repository.ts';
import { passphraseSeal } from '../../src/db/crypto-box.ts';
import { StorageError } from '../../src/db/errors.ts';
import { createBackup, restoreBackup, verifyBackup } from '../../src/db/ops/backup.ts';
import { BackupWriter, openBackup, parseHeader, readFirstLine, readRecords, type BackupRecord } from '../../src/db/ops/backup-format.ts';
import { listTables } from '../../src/db/ops/backup-pg.ts';
import { setupPractice } from '../../src/db/ops/setup.ts';
import { openStores, type Stores } from '../../src/db/ops/stores.ts';
import { createUserWithVaultKey } from '../../src/db/ops/users.ts';
import { pgSuiteEnabled } from '../helpers/pg.ts';
import { makeKit, TEST_PASSWORD, type StoreKit } from './fixtures.ts';

const PASS = 'synthetic backup passphrase';

async function failure(p: Promise<unknown>): Promise<StorageError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(StorageError);
  return err as StorageError;
}

/** A practice with a clinician, a client, signed notes with an addendum, and a psychotherapy note. */
async function seed(config: StoreConfig): Promise<{ clinicianId: string; clientId: string; vaultNoteId: string }> {
  const { adminId } = await setupPractice(config, { practiceName: 'Synthetic Counselling', admin: { username: 'admin', displayName: 'A. D.', password: TEST_PASSWORD, roles: ['admin'] } });
  const stores = await openStores(config, { icd10Check: () => null });
  try {
    const admin: RepoContext = { store: stores.chart, actor: await loadActor(stores.chart, adminId) };
    const clin = await createUserWithVaultKey(stores, admin, { username: 'clin-a', displayName: 'C. A.', password: TEST_PASSWORD, roles: ['clinician'] });
    const ctx: RepoContext = { store: stores.chart, actor: await loadActor(stores.chart, clin.id) };
    const client = await createClient(ctx, { displayName: 'J.Q.' });
    for (let i = 1; i <= 3; i++) {
      const d = await createDraft(ctx, { clientId: client.id, content: { format: 'dap', session: { date: `2025-01-0${i}`, modality: 'individual' }, sections: { data: `Synthetic note ${i}.`, assessment: 'Stable.', plan: 'Continue.' } } });
      await signNote(ctx, d.id);
      if (i === 1) await addAddendum(ctx, d.id, 'Synthetic late entry: phone call on 2025-01-02.');
    }
    await createDraft(ctx, { clientId: client.id, content: { format: 'dap', session: { date: '2025-01-09', modality: 'individual' }, sections: { data: 'Unsigned draft.', assessment: 'x', plan: 'y' } } });
    const session = await stores.vault.unlock(clin.id, TEST_PASSWORD);
    const vaultNoteId = await stores.vault.createNote(session, { clientId: client.id, content: { sessionDate: '2025-01-01', body: 'Synthetic process note: themes of loss.' } });
    return { clinicianId: clin.id, clientId: client.id, vaultNoteId };
  } finally {
    await stores.close();
  }
}

type Dump = Record<string, string[]>;

/** Every row of every table of one store, as PostgreSQL's row text, in primary-key order. */
async function dumpStore(db: Kysely<unknown>, prefix: string): Promise<Dump> {
  const out: Dump = {};
  for (const t of await listTables(db)) {
    const order = (t.primaryKey.length > 0 ? t.primaryKey : t.columns.map((c) => c.name)).map((c) => `"${c}"`).join(', ');
    out[`${prefix}.${t.name}`] = (await sql.raw<{ r: string }>(`select (t.*)::text as r from "${t.name}" t order by ${order}`).execute(db)).rows.map((r) => r.r);
  }
  return out;
}

async function dumpAll(config: StoreConfig): Promise<Dump> {
  const stores = await openStores(config);
  try {
    return { ...(await dumpStore(stores.chart.db as unknown as Kysely<unknown>, 'chart')), ...(await dumpStore(stores.vault.database.db as unknown as Kysely<unknown>, 'vault')) };
  } finally {
    await stores.close();
  }
}

/** Rewrites a backup with `edit` applied to its records, sealed again under the same passphrase. */
async function rewrite(file: string, out: string, edit: (rec: BackupRecord, table: string) => BackupRecord): Promise<void> {
  const line = (await readFirstLine(file)) ?? '';
  const header = parseHeader(line);
  if (!header) throw new Error('not a v2 backup');
  const opened = await openBackup(file, line, header, PASS);
  const writer = await BackupWriter.create(out, header.dialect, PASS);
  let table = '';
  for await (const rec of readRecords(opened)) {
    if (rec.k === 'table') table = `${rec.store}.${rec.name}`;
    if (rec.k !== 'done') writer.push(edit(rec, table));
  }
  writer.finish();
}

describe('backup files across dialects (SQLite deployment)', () => {
  let kit: StoreKit;
  beforeAll(async () => {
    kit = await makeKit('sqlite');
    await setupPractice(kit.config, { practiceName: 'Synthetic Counselling', admin: { username: 'admin', displayName: 'A. D.', password: TEST_PASSWORD, roles: ['admin'] } });
  });
  afterAll(async () => {
    await kit.cleanup();
  });

  it('still verifies and restores a version 1 backup (one sealed bundle, no dialect marker)', async () => {
    const stores = await openStores(kit.config);
    const scratch = mkdtempSync(join(kit.dataDir, 'v1-'));
    try {
      await stores.chart.sqlite?.backup(join(scratch, 'chart.sqlite'));
      await stores.vault.database.sqlite?.backup(join(scratch, 'vault.sqlite'));
    } finally {
      await stores.close();
    }
    const bundle = { format: 'notewall-backup-bundle', createdAt: '2025-01-01T00:00:00.000Z', chart: readFileSync(join(scratch, 'chart.sqlite')).toString('base64'), vault: readFileSync(join(scratch, 'vault.sqlite')).toString('base64') };
    const box = await passphraseSeal(PASS, Buffer.from(JSON.stringify(bundle), 'utf8'), 'notewall-backup/v1');
    const file = join(kit.dataDir, 'old.nwb');
    writeFileSync(file, JSON.stringify({ format: 'notewall-backup', version: 1, ...box }));
    const checked = await verifyBackup(file, PASS, kit.dataDir, kit.config);
    expect(checked).toMatchObject({ dialect: 'sqlite', createdAt: '2025-01-01T00:00:00.000Z' });
    expect(checked.auditRows).toBeGreaterThan(0);
    expect((await failure(verifyBackup(file, 'a wrong passphrase', kit.dataDir))).message).toMatch(/passphrase: does not open this backup/);
    const restored = await restoreBackup(kit.config, file, PASS);
    expect(restored.auditRows).toBe(checked.auditRows);
  });

  it('refuses a PostgreSQL backup before asking for anything else', async () => {
    const file = join(kit.dataDir, 'pg.nwb');
    const w = await BackupWriter.create(file, 'postgres', PASS);
    w.finish();
    const before = readFileSync(join(kit.dataDir, 'chart.sqlite'));
    const err = await failure(restoreBackup(kit.config, file, 'not even the passphrase'));
    expect(err.code).toBe('invalid-input');
    expect(err.message).toMatch(/was taken from PostgreSQL, but this Notewall is configured for SQLite/);
    expect(readFileSync(join(kit.dataDir, 'chart.sqlite')).equals(before)).toBe(true);
  });
});

const pgOn = await pgSuiteEnabled('backup and restore');

if (pgOn) {
  describe('backup and restore on PostgreSQL', () => {
    let src: StoreKit;
    let dst: StoreKit;
    let seeded: Awaited<ReturnType<typeof seed>>;
    let file = '';

    beforeAll(async () => {
      src = await makeKit('postgres');
      dst = await makeKit('postgres');
      seeded = await seed(src.config);
      file = join(src.dataDir, 'quiet.nwb');
    });
    afterAll(async () => {
      await src?.cleanup();
      await dst?.cleanup();
    });

    it('restores into a fresh schema pair that then equals the source, table for table', async () => {
      await createBackup(src.config, file, PASS);
      expect(readFileSync(file, 'utf8')).not.toMatch(/themes of loss|Synthetic note|J\.Q\./);
      const source = await dumpAll(src.config);
      const check = await restoreBackup(dst.config, file, PASS);
      expect(check).toMatchObject({ dialect: 'postgres', signedNotes: 3 });
      const restored = await dumpAll(dst.config);
      expect(Object.keys(restored).sort()).toEqual(Object.keys(source).sort());
      for (const [table, rows] of Object.entries(source)) {
        if (table === 'chart.audit_log') continue;
        expect(restored[table], table).toEqual(rows);
      }
      // The audit log is the source's plus one row recording the restore.
      const audit = restored['chart.audit_log'] ?? [];
      expect(audit.slice(0, -1)).toEqual(source['chart.audit_log']);
      expect(audit.at(-1)).toMatch(/backup\.restore/);
      expect(check.auditRows).toBe(source['chart.audit_log']?.length);

      // The restored vault works: the author unlocks and reads their note.
      const stores: Stores = await openStores(dst.config);
      try {
        const session = await stores.vault.unlock(seeded.clinicianId, TEST_PASSWORD);
        expect((await stores.vault.readNote(session, seeded.vaultNoteId)).content.body).toBe('Synthetic process note: themes of loss.');
        // The protective triggers are all back on and still refuse changes to signed notes.
        const off = await sql<{ n: string }>`select count(*)::text as n from pg_trigger t join pg_class c on c.oid = t.tgrelid where c.relnamespace = current_schema()::regnamespace and not t.tgisinternal and t.tgenabled <> 'O'`.execute(stores.chart.db);
        expect(off.rows[0]?.n).toBe('0');
        await expect(sql`update progress_notes set content_json = '{}' where status = 'signed'`.execute(stores.chart.db)).rejects.toThrow(/cannot be changed/);
        await expect(sql`delete from audit_log`.execute(stores.chart.db)).rejects.toThrow(/append-only/);
      } finally {
        await stores.close();
      }
    });

    it('takes one consistent snapshot while another connection keeps signing notes', async () => {
      const signer = await openStores(src.config, { icd10Check: () => null });
      const ctx: RepoContext = { store: signer.chart, actor: await loadActor(signer.chart, seeded.clinicianId) };
      let signed = 0;
      let stop = false;
      const loop = (async () => {
        for (let i = 0; !stop; i++) {
          const d = await createDraft(ctx, { clientId: seeded.clientId, content: { format: 'dap', session: { date: `2025-02-${String(1 + (i % 28)).padStart(2, '0')}`, modality: 'individual' }, sections: { data: `Live note ${i}.`, assessment: 'a', plan: 'p' } } });
          await signNote(ctx, d.id);
          signed += 1;
        }
      })();
      const wait = async (n: number) => {
        const deadline = Date.now() + 15_000;
        while (signed < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        expect(signed).toBeGreaterThanOrEqual(n);
      };
      const live = join(src.dataDir, 'live.nwb');
      try {
        await wait(3);
        await createBackup(src.config, live, PASS);
        await wait(signed + 3);
      } finally {
        stop = true;
        await loop;
        await signer.close();
      }
      // Restoring over the previous restore: replaces a database that already has data.
      await restoreBackup(dst.config, live, PASS);
      const source = await dumpAll(src.config);
      const restored = await dumpAll(dst.config);
      const audit = (restored['chart.audit_log'] ?? []).slice(0, -1);
      // A snapshot: the restored audit log is an exact prefix of the live one, and shorter.
      expect(audit).toEqual((source['chart.audit_log'] ?? []).slice(0, audit.length));
      expect(audit.length).toBeLessThan(source['chart.audit_log']?.length ?? 0);
      // Every row restored is the live row, except drafts the signer has signed since.
      for (const [table, rows] of Object.entries(restored)) {
        if (table === 'chart.audit_log') continue;
        const liveRows = new Set(source[table]);
        for (const row of rows) {
          if (table === 'chart.progress_notes' && row.includes(',draft,')) continue;
          expect(liveRows.has(row), `${table}: ${row.slice(0, 80)}`).toBe(true);
        }
      }
      // And the tables agree with one another as of one instant: each note signed in the
      // restored chart has its audit row there, and each audited signing its signed note.
      const stores = await openStores(dst.config);
      try {
        const signedIds = (await stores.chart.db.selectFrom('progress_notes').select('id').where('status', '=', 'signed').execute()).map((r) => r.id).sort();
        const auditedIds = (await stores.chart.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'note.sign').where('outcome', '=', 'allowed').execute()).map((r) => r.entity_id ?? '').sort();
        const signatures = (await stores.chart.db.selectFrom('note_signatures').select('note_id').execute()).map((r) => r.note_id).sort();
        expect(auditedIds).toEqual(signedIds);
        expect(signatures).toEqual(signedIds);
        expect(signedIds.length).toBeGreaterThanOrEqual(3 + 3);
      } finally {
        await stores.close();
      }
    });

    it('refuses a wrong passphrase, a changed, truncated or forged file, and a SQLite backup, changing nothing', async () => {
      const before = await dumpAll(dst.config);
      const dir = src.dataDir;
      const text = readFileSync(file, 'utf8');
      const lines = text.split('\n').filter((l) => l.length > 0);

      const wrong = await failure(restoreBackup(dst.config, file, 'not the passphrase at all'));
      expect(wrong.message).toBe('passphrase: is wrong for this backup');

      const changed = join(dir, 'changed.nwb');
      const line1 = lines[1] ?? '';
      const at = Math.floor(line1.length / 2);
      writeFileSync(changed, [lines[0], line1.slice(0, at) + (line1[at] === 'A' ? 'B' : 'A') + line1.slice(at + 1), ...lines.slice(2)].join('\n') + '\n');
      const c = await failure(restoreBackup(dst.config, changed, PASS));
      expect(c.code).toBe('integrity');
      expect(c.message).toMatch(/chunk 1 of the backup does not authenticate/);

      const truncated = join(dir, 'truncated.nwb');
      writeFileSync(truncated, text.slice(0, Math.floor(text.length * 0.6)));
      expect((await failure(restoreBackup(dst.config, truncated, PASS))).code).toBe('integrity');
      const cut = join(dir, 'cut.nwb');
      writeFileSync(cut, `${lines.slice(0, -1).join('\n')}\n`);
      expect((await failure(restoreBackup(dst.config, cut, PASS))).message).toMatch(/the backup is truncated: it ends after chunk \d+ without its final chunk/);

      // Files that decrypt fine but whose content was forged by someone with the passphrase.
      const forgedAudit = join(dir, 'forged-audit.nwb');
      await rewrite(file, forgedAudit, (rec, table) =>
        rec.k === 'rows' && table === 'chart.audit_log' ? { k: 'rows', rows: rec.rows.map((r, i) => (i === 1 ? r.map((v, j) => (j === 2 ? 'someone-else' : v)) : r)) } : rec,
      );
      expect((await failure(restoreBackup(dst.config, forgedAudit, PASS))).message).toMatch(/the backup's audit log is broken: row 2 was altered/);
      const forgedNote = join(dir, 'forged-note.nwb');
      await rewrite(file, forgedNote, (rec, table) =>
        rec.k === 'rows' && table === 'chart.progress_notes' ? { k: 'rows', rows: rec.rows.map((r) => r.map((v) => (v?.includes('Synthetic note 2.') ? v.replace('Synthetic note 2.', 'Rewritten note 2.') : v))) } : rec,
      );
      expect((await failure(restoreBackup(dst.config, forgedNote, PASS))).message).toMatch(/signed note [0-9a-f-]{36} in the backup does not match its hash/);

      const sqliteKit = await makeKit('sqlite');
      try {
        await setupPractice(sqliteKit.config, { practiceName: 'S', admin: { username: 'admin', displayName: 'A', password: TEST_PASSWORD, roles: ['admin'] } });
        const sqliteFile = join(sqliteKit.dataDir, 'sqlite.nwb');
        await createBackup(sqliteKit.config, sqliteFile, PASS);
        const s = await failure(restoreBackup(dst.config, sqliteFile, PASS));
        expect(s.code).toBe('invalid-input');
        expect(s.message).toMatch(/was taken from SQLite, but this Notewall is configured for PostgreSQL/);
      } finally {
        await sqliteKit.cleanup();
      }

      expect(await dumpAll(dst.config)).toEqual(before);
    });

    it('works through the commands: backup, restore --check and restore', async () => {
      const saved = { ...process.env };
      Object.assign(process.env, {
        NOTEWALL_DATA_DIR: src.dataDir,
        DATABASE_URL: (src.config as Extract<StoreConfig, { kind: 'postgres' }>).chartUrl,
        VAULT_DATABASE_URL: (src.config as Extract<StoreConfig, { kind: 'postgres' }>).vaultUrl,
        NOTEWALL_PG_CHART_SCHEMA: (src.config as Extract<StoreConfig, { kind: 'postgres' }>).chartSchema,
        NOTEWALL_PG_VAULT_SCHEMA: (src.config as Extract<StoreConfig, { kind: 'postgres' }>).vaultSchema,
        NOTEWALL_BACKUP_PASSPHRASE: PASS,
      });
      let out = '';
      const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
      const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        const cliFile = join(src.dataDir, 'cli.nwb');
        expect(await main(['node', 'notewall', 'backup', '--out', cliFile])).toBe(0);
        expect(await main(['node', 'notewall', 'restore', cliFile, '--check'])).toBe(0);
        expect(out).toMatch(/verified: \d+ audit rows chain intact, \d+ signed notes match their hashes/);
        expect(await main(['node', 'notewall', 'restore', cliFile])).toBe(0);
        expect(out).toMatch(/restored: \d+ audit rows chain intact/);
        expect(await main(['node', 'notewall', 'audit', 'verify'])).toBe(0);
      } finally {
        o.mockRestore();
        e.mockRestore();
        process.env = saved;
      }
    });
  });
}
