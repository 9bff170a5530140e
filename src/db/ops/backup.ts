/**
 * Encrypted backups of both stores, and verified restore.
 *
 * SQLite: better-sqlite3's online `backup()` copies each database page-consistently while
 * the app keeps running (WAL readers and writers are not blocked). The two snapshots are
 * bundled and sealed under a passphrase (AES-256-GCM, argon2id). Restore opens the bundle,
 * checks each database (`PRAGMA integrity_check`, migrations, the audit chain and every
 * signed note's hash) in a scratch directory, and only then moves the files into place.
 *
 * PostgreSQL deployments back up with the server's own tools (docs/storage.md); this
 * module refuses them with that advice rather than produce a partial copy.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { StoreConfig } from '../../config/config.ts';
import { appendAuditStandalone, verifyAuditChain } from '../audit/audit-log.ts';
import { CHART_FILE, openChartStore } from '../chart/chart-store.ts';
import { verifyStoredNote } from '../chart/notes-repository.ts';
import { passphraseOpen, passphraseSeal, type PassphraseBox } from '../crypto-box.ts';
import { StorageError, invalid } from '../errors.ts';
import { VAULT_FILE } from '../vault/vault-store.ts';
import { openStores } from './stores.ts';

const BACKUP_AAD = 'notewall-backup/v1';

interface BackupBundle {
  readonly format: 'notewall-backup-bundle';
  readonly createdAt: string;
  readonly chart: string;
  readonly vault: string;
}

function requireSqlite(config: StoreConfig): asserts config is Extract<StoreConfig, { kind: 'sqlite' }> {
  if (config.kind !== 'sqlite') {
    throw new StorageError('invalid-input', 'PostgreSQL is backed up with pg_dump per schema (see docs/storage.md), not with notewall backup', 'DATABASE_URL');
  }
}

/** Writes an encrypted snapshot of chart and vault to `outFile`; returns the bytes written. */
export async function createBackup(config: StoreConfig, outFile: string, passphrase: string, actorId: string | null = null): Promise<{ bytes: number }> {
  requireSqlite(config);
  if (passphrase.length < 12) throw invalid('passphrase', 'must be at least 12 characters');
  const stores = await openStores(config);
  const scratch = mkdtempSync(join(config.dataDir, '.backup-'));
  try {
    // Recorded before the snapshot, so the backup contains its own audit row.
    await appendAuditStandalone(stores.chart.db, stores.chart.adapter, { actorId, actorRole: actorId ? 'admin' : null, action: 'backup.create', entityType: 'backup', outcome: 'allowed' });
    const chartHandle = stores.chart.sqlite;
    const vaultHandle = stores.vault.database.sqlite;
    if (!chartHandle || !vaultHandle) throw new Error('SQLite handles missing');
    await chartHandle.backup(join(scratch, CHART_FILE));
    await vaultHandle.backup(join(scratch, VAULT_FILE));
    const bundle: BackupBundle = {
      format: 'notewall-backup-bundle',
      createdAt: new Date().toISOString(),
      chart: readFileSync(join(scratch, CHART_FILE)).toString('base64'),
      vault: readFileSync(join(scratch, VAULT_FILE)).toString('base64'),
    };
    const box = await passphraseSeal(passphrase, Buffer.from(JSON.stringify(bundle), 'utf8'), BACKUP_AAD);
    const text = JSON.stringify({ format: 'notewall-backup', version: 1, ...box });
    writeFileSync(outFile, text, { mode: 0o600 });
    return { bytes: Buffer.byteLength(text) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    await stores.close();
  }
}

/** What a verified backup contains. */
export interface BackupCheck {
  readonly createdAt: string;
  readonly auditRows: number;
  readonly signedNotes: number;
}

async function verifyScratch(dir: string): Promise<BackupCheck & { createdAt: string }> {
  for (const file of [CHART_FILE, VAULT_FILE]) {
    const db = new Database(join(dir, file), { readonly: true });
    try {
      const r = db.pragma('integrity_check', { simple: true });
      if (r !== 'ok') throw new StorageError('integrity', `${file} in the backup is damaged: ${String(r)}`);
    } finally {
      db.close();
    }
  }
  const chart = await openChartStore({ kind: 'sqlite', file: join(dir, CHART_FILE) });
  try {
    const audit = await verifyAuditChain(chart.db, chart.adapter);
    if (!audit.ok) throw new StorageError('integrity', `the backup's audit log is broken: ${audit.problem}`);
    const notes = await chart.db.selectFrom('progress_notes').select(['id', 'status', 'content_json', 'content_hash']).where('status', '=', 'signed').execute();
    const bad = notes.find((n) => !verifyStoredNote(n));
    if (bad) throw new StorageError('integrity', `signed note ${bad.id} in the backup does not match its hash`);
    return { createdAt: '', auditRows: audit.rows, signedNotes: notes.length };
  } finally {
    await chart.close();
  }
}

/** Decrypts and checks a backup file without touching the live data; throws on any problem. */
export async function verifyBackup(file: string, passphrase: string, scratchParent: string): Promise<BackupCheck> {
  const scratch = await unpack(file, passphrase, scratchParent);
  try {
    const check = await verifyScratch(scratch.dir);
    return { ...check, createdAt: scratch.createdAt };
  } finally {
    rmSync(scratch.dir, { recursive: true, force: true });
  }
}

async function unpack(file: string, passphrase: string, scratchParent: string): Promise<{ dir: string; createdAt: string }> {
  let outer: { format?: string; version?: number } & PassphraseBox;
  try {
    outer = JSON.parse(readFileSync(file, 'utf8')) as typeof outer;
  } catch {
    throw invalid('file', 'is not a Notewall backup (not JSON)');
  }
  if (outer.format !== 'notewall-backup' || outer.version !== 1) throw invalid('file', 'is not a Notewall backup');
  let bundle: BackupBundle;
  try {
    bundle = JSON.parse((await passphraseOpen(passphrase, outer, BACKUP_AAD)).toString('utf8')) as BackupBundle;
  } catch {
    throw invalid('passphrase', 'does not open this backup (wrong passphrase, or the file was changed)');
  }
  const dir = mkdtempSync(join(scratchParent, '.restore-'));
  writeFileSync(join(dir, CHART_FILE), Buffer.from(bundle.chart, 'base64'));
  writeFileSync(join(dir, VAULT_FILE), Buffer.from(bundle.vault, 'base64'));
  return { dir, createdAt: bundle.createdAt };
}

/**
 * Replaces the live stores with a backup, after verifying it completely. Run with the app
 * stopped. The previous files are kept beside the new ones as `*.before-restore`.
 */
export async function restoreBackup(config: StoreConfig, file: string, passphrase: string): Promise<BackupCheck> {
  requireSqlite(config);
  const scratch = await unpack(file, passphrase, config.dataDir);
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
    return { ...check, createdAt: scratch.createdAt };
  } finally {
    rmSync(scratch.dir, { recursive: true, force: true });
  }
}
