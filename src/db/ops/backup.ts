/**
 * Encrypted backups of both stores, and verified restore, on SQLite and PostgreSQL.
 *
 * The file is the version 2 format of `backup-format.ts`: a header naming the dialect, then
 * passphrase-sealed chunks (argon2id, AES-256-GCM), streamed.
 *
 * - SQLite: better-sqlite3's online `backup()` copies each database page-consistently while
 *   the app keeps running; the two copies are streamed into the file. Restore writes them
 *   to a scratch directory, checks each (`PRAGMA integrity_check`, migrations, the audit
 *   chain and every signed note's hash) and only then moves them into place.
 * - PostgreSQL: one snapshot of both schemas, read table by table (`backup-pg.ts`).
 *   Restore verifies the whole file first, then replaces each schema in one transaction.
 *
 * Version 1 files (SQLite only, written before the dialect marker existed) still restore.
 * A backup restores only into the kind of database it came from.
 */
import Database from 'better-sqlite3';
import { closeSync, createReadStream, existsSync, mkdtempSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { StoreConfig } from '../../config/config.ts';
import { appendAuditStandalone, verifyAuditChain } from '../audit/audit-log.ts';
import { CHART_FILE, openChartStore } from '../chart/chart-store.ts';
import { verifyStoredNote } from '../chart/notes-repository.ts';
import { passphraseOpen, type PassphraseBox } from '../crypto-box.ts';
import type { DialectKind } from '../dialect.ts';
import { invalid, type StorageError } from '../errors.ts';
import { VAULT_FILE } from '../vault/vault-store.ts';
import { BackupWriter, damaged, openBackup, parseHeader, readFirstLine, readRecords, SQLITE_BACKUP_FILES, type BackupHeader, type OpenedBackup } from './backup-format.ts';
import { checkPostgresCompatible, restorePostgres, scanBackup, writePostgresSnapshot } from './backup-pg.ts';
import { openStores } from './stores.ts';

const BACKUP_V1_AAD = 'notewall-backup/v1';
const FILE_PIECE = 192 * 1024;

const DIALECT_NAMES: Readonly<Record<DialectKind, string>> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** What a verified backup contains. */
export interface BackupCheck {
  readonly createdAt: string;
  readonly dialect: DialectKind;
  readonly auditRows: number;
  readonly signedNotes: number;
}

/** Writes an encrypted, consistent snapshot of chart and vault to `outFile`; returns the bytes written. */
export async function createBackup(config: StoreConfig, outFile: string, passphrase: string, actorId: string | null = null): Promise<{ bytes: number }> {
  if (passphrase.length < 12) throw invalid('passphrase', 'must be at least 12 characters');
  const stores = await openStores(config);
  let scratch: string | null = null;
  let writer: BackupWriter | null = null;
  try {
    // Recorded before the snapshot, so the backup contains its own audit row (45 CFR 164.312(b)).
    await appendAuditStandalone(stores.chart.db, stores.chart.adapter, { actorId, actorRole: actorId ? 'admin' : null, action: 'backup.create', entityType: 'backup', outcome: 'allowed' });
    writer = await BackupWriter.create(outFile, config.kind, passphrase);
    if (config.kind === 'postgres') {
      await writePostgresSnapshot(stores, writer);
    } else {
      const chartHandle = stores.chart.sqlite;
      const vaultHandle = stores.vault.database.sqlite;
      if (!chartHandle || !vaultHandle) throw new Error('SQLite handles missing');
      scratch = mkdtempSync(join(config.dataDir, '.backup-'));
      // Copy every page in one step: a step-wise copy restarts whenever another process
      // commits in between, and a busy writer could keep it restarting indefinitely.
      const oneStep = { progress: () => 0x7fffffff };
      await chartHandle.backup(join(scratch, CHART_FILE), oneStep);
      await vaultHandle.backup(join(scratch, VAULT_FILE), oneStep);
      for (const name of SQLITE_BACKUP_FILES) await streamFile(writer, name, join(scratch, name));
    }
    return writer.finish();
  } catch (err) {
    writer?.abort();
    throw err;
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    await stores.close();
  }
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function streamFile(writer: BackupWriter, name: (typeof SQLITE_BACKUP_FILES)[number], path: string): Promise<void> {
  writer.push({ k: 'file', name, bytes: statSync(path).size, sha256: await sha256File(path) });
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(FILE_PIECE);
    for (;;) {
      const n = readSync(fd, buf, 0, FILE_PIECE, null);
      if (n === 0) break;
      writer.push({ k: 'bytes', data: buf.subarray(0, n).toString('base64') });
    }
  } finally {
    closeSync(fd);
  }
}

/** A backup file after its header (and, for version 2, its passphrase) has been checked. */
type Opened =
  | { readonly version: 1; readonly dialect: 'sqlite'; readonly box: PassphraseBox; readonly passphrase: string }
  | { readonly version: 2; readonly dialect: DialectKind; readonly backup: OpenedBackup };

/** Reads the header: format, version and dialect. Nothing is decrypted yet. */
async function readHeader(file: string): Promise<{ version: 1; box: PassphraseBox } | { version: 2; line: string; header: BackupHeader }> {
  const line = await readFirstLine(file);
  if (line === null) throw invalid('file', 'is empty: not a Notewall backup');
  const header = parseHeader(line);
  if (header) return { version: 2, line, header };
  let outer: { format?: unknown; version?: unknown } & Partial<PassphraseBox>;
  try {
    outer = JSON.parse(line) as typeof outer;
  } catch {
    if (line.startsWith('{"format":"notewall-backup"')) throw damaged('the backup header is damaged or cut short');
    throw invalid('file', 'is not a Notewall backup (not JSON)');
  }
  if (outer.format !== 'notewall-backup') throw invalid('file', 'is not a Notewall backup');
  if (outer.version === 1 && outer.kdf && typeof outer.sealed === 'string') return { version: 1, box: { kdf: outer.kdf, sealed: outer.sealed } };
  if (outer.version === 2) throw damaged('the backup header is damaged');
  throw invalid('file', `is backup format version ${String(outer.version)}; this Notewall reads versions 1 and 2`);
}

function dialectMismatch(backup: DialectKind, config: StoreConfig): StorageError {
  const configured = config.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL is set)' : 'SQLite (DATABASE_URL is not set)';
  return invalid('file', `was taken from ${DIALECT_NAMES[backup]}, but this Notewall is configured for ${configured}; a backup restores only into the kind of database it came from`);
}

async function open(file: string, passphrase: string, config: StoreConfig | null): Promise<Opened> {
  const head = await readHeader(file);
  const dialect = head.version === 1 ? 'sqlite' : head.header.dialect;
  // Checked before the passphrase: a PostgreSQL deployment never starts unpacking SQLite files.
  if (config && config.kind !== dialect) throw dialectMismatch(dialect, config);
  if (head.version === 1) return { version: 1, dialect: 'sqlite', box: head.box, passphrase };
  return { version: 2, dialect, backup: await openBackup(file, head.line, head.header, passphrase) };
}

/** Unpacks a SQLite backup (either version) into a fresh scratch directory. */
async function unpackSqlite(opened: Opened, scratchParent: string): Promise<{ dir: string; createdAt: string }> {
  if (opened.version === 1) {
    let bundle: { chart: string; vault: string; createdAt: string };
    try {
      bundle = JSON.parse((await passphraseOpen(opened.passphrase, opened.box, BACKUP_V1_AAD)).toString('utf8')) as typeof bundle;
    } catch {
      throw invalid('passphrase', 'does not open this backup (wrong passphrase, or the file was changed)');
    }
    const dir = mkdtempSync(join(scratchParent, '.restore-'));
    writeFileSync(join(dir, CHART_FILE), Buffer.from(bundle.chart, 'base64'));
    writeFileSync(join(dir, VAULT_FILE), Buffer.from(bundle.vault, 'base64'));
    return { dir, createdAt: bundle.createdAt };
  }
  const dir = mkdtempSync(join(scratchParent, '.restore-'));
  try {
    let file: { name: string; fd: number; bytes: number; expectBytes: number; sha256: string; hash: ReturnType<typeof createHash> } | null = null;
    const seen = new Set<string>();
    const close = () => {
      if (!file) return;
      closeSync(file.fd);
      if (file.bytes !== file.expectBytes || file.hash.digest('hex') !== file.sha256) throw damaged(`${file.name} in the backup does not match its recorded size and hash`);
      file = null;
    };
    let done = false;
    for await (const rec of readRecords(opened.backup)) {
      if (rec.k === 'file') {
        close();
        if (seen.has(rec.name)) throw damaged(`${rec.name} appears twice in the backup`);
        seen.add(rec.name);
        file = { name: rec.name, fd: openSync(join(dir, rec.name), 'w', 0o600), bytes: 0, expectBytes: rec.bytes, sha256: rec.sha256, hash: createHash('sha256') };
      } else if (rec.k === 'bytes') {
        if (!file) throw damaged('file data outside any file in the backup');
        const buf = Buffer.from(rec.data, 'base64');
        writeSync(file.fd, buf);
        file.hash.update(buf);
        file.bytes += buf.length;
      } else if (rec.k === 'done') {
        close();
        done = true;
      } else {
        throw damaged('a SQLite backup holds a table record');
      }
    }
    if (!done) throw damaged('the backup ends before its end marker');
    for (const name of SQLITE_BACKUP_FILES) if (!seen.has(name)) throw damaged(`the backup has no ${name}`);
    return { dir, createdAt: opened.backup.header.createdAt };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

async function verifyScratch(dir: string): Promise<{ auditRows: number; signedNotes: number }> {
  for (const file of [CHART_FILE, VAULT_FILE]) {
    let db: Database.Database;
    try {
      db = new Database(join(dir, file), { readonly: true });
    } catch (err) {
      throw damaged(`${file} in the backup cannot be opened: ${err instanceof Error ? err.message : String(err)}`);
    }
    try {
      const r = db.pragma('integrity_check', { simple: true });
      if (r !== 'ok') throw damaged(`${file} in the backup is damaged: ${String(r)}`);
    } finally {
      db.close();
    }
  }
  const chart = await openChartStore({ kind: 'sqlite', file: join(dir, CHART_FILE) });
  try {
    const audit = await verifyAuditChain(chart.db, chart.adapter);
    if (!audit.ok) throw damaged(`the backup's audit log is broken: ${audit.problem}`);
    const notes = await chart.db.selectFrom('progress_notes').select(['id', 'status', 'content_json', 'content_hash']).where('status', '=', 'signed').execute();
    const bad = notes.find((n) => !verifyStoredNote(n));
    if (bad) throw damaged(`signed note ${bad.id} in the backup does not match its hash`);
    return { auditRows: audit.rows, signedNotes: notes.length };
  } finally {
    await chart.close();
  }
}

/**
 * Decrypts and checks a backup file without touching the live data; throws on any problem.
 * With `config`, also refuses a backup that could not be restored into it (dialect, and on
 * PostgreSQL tables, columns and migrations).
 */
export async function verifyBackup(file: string, passphrase: string, scratchParent: string, config: StoreConfig | null = null): Promise<BackupCheck> {
  const opened = await open(file, passphrase, config);
  if (opened.version === 2 && opened.dialect === 'postgres') {
    const scan = await scanBackup(opened.backup);
    if (config?.kind === 'postgres') {
      const stores = await openStores(config);
      try {
        await checkPostgresCompatible(stores, scan);
      } finally {
        await stores.close();
      }
    }
    return { createdAt: opened.backup.header.createdAt, dialect: 'postgres', auditRows: scan.auditRows, signedNotes: scan.signedNotes };
  }
  const scratch = await unpackSqlite(opened, scratchParent);
  try {
    return { ...(await verifyScratch(scratch.dir)), createdAt: scratch.createdAt, dialect: 'sqlite' };
  } finally {
    rmSync(scratch.dir, { recursive: true, force: true });
  }
}

/**
 * Replaces the live stores with a backup, after verifying it completely.
 *
 * SQLite: run with the app stopped; the previous files are kept beside the new ones as
 * `*.before-restore`. PostgreSQL: each schema is replaced in one transaction that waits for
 * (and then blocks) the app's own; stopping the app first is still advised.
 */
export async function restoreBackup(config: StoreConfig, file: string, passphrase: string): Promise<BackupCheck> {
  const opened = await open(file, passphrase, config);
  if (opened.version === 2 && opened.dialect === 'postgres') {
    // The whole file is read and verified before anything is replaced.
    const scan = await scanBackup(opened.backup);
    const stores = await openStores(config);
    try {
      await restorePostgres(stores, opened.backup, scan);
    } finally {
      await stores.close();
    }
    return { createdAt: opened.backup.header.createdAt, dialect: 'postgres', auditRows: scan.auditRows, signedNotes: scan.signedNotes };
  }
  const scratch = await unpackSqlite(opened, config.dataDir);
  try {
    const check = await verifyScratch(scratch.dir);
    for (const name of [CHART_FILE, VAULT_FILE]) {
      const live = join(config.dataDir, name);
      // Keep the replaced database (with its WAL) beside the new one.
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(`${live}${suffix}`)) renameSync(`${live}${suffix}`, `${live}.before-restore${suffix}`);
      }
      renameSync(join(scratch.dir, name), live);
    }
    const stores = await openStores(config);
    try {
      await appendAuditStandalone(stores.chart.db, stores.chart.adapter, { actorId: null, actorRole: null, action: 'backup.restore', entityType: 'backup', outcome: 'allowed', reason: `restored backup taken ${scratch.createdAt}` });
    } finally {
      await stores.close();
    }
    return { ...check, createdAt: scratch.createdAt, dialect: 'sqlite' };
  } finally {
    rmSync(scratch.dir, { recursive: true, force: true });
  }
}
