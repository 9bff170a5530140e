/**
 * Backup and restore on PostgreSQL, without superuser rights and without giving either
 * login role a grant on the other's schema (ARCHITECTURE.md invariant 1).
 *
 * **Snapshot.** The chart role opens a `REPEATABLE READ READ ONLY` transaction and exports
 * its snapshot (`pg_export_snapshot()`); the vault role opens its own and adopts that
 * snapshot (`SET TRANSACTION SNAPSHOT`). Both then read the database as of one instant,
 * each only its own schema, while the app keeps writing. Every table is read through a
 * cursor, in foreign-key order (parents first), ordered by primary key, every value in its
 * text form, and streamed into the backup file.
 *
 * **Restore.** After the whole file has been verified (`scanBackup`) and its tables,
 * columns and migrations match the live schemas, each store is replaced inside one
 * transaction: lock every table `ACCESS EXCLUSIVE`, disable the tables' own triggers
 * (`DISABLE TRIGGER USER`), delete the old rows, re-enable the triggers, insert the backup's
 * rows with every trigger live, check the triggers are all enabled again and the audit chain
 * verifies, append the `backup.restore` audit row, and commit. `ALTER TABLE` is
 * transactional and needs only table ownership: no other session ever sees the triggers
 * disabled (the exclusive locks keep it out until commit, and an abort rolls the change
 * back), unlike `session_replication_role`, which needs superuser and would switch off
 * foreign keys too. The chart commits first and then the vault; if the vault's commit
 * fails after the chart's (the process dies in between), run the restore again: it is
 * idempotent.
 */
import { sql, type ControlledTransaction, type Kysely, type Transaction } from 'kysely';
import { appendAudit, auditRowHash, GENESIS_HASH, verifyAuditChain } from '../audit/audit-log.ts';
import type { AuditLogTable, ChartDatabase } from '../chart/schema.ts';
import { verifyStoredNote } from '../chart/notes-repository.ts';
import { StorageError } from '../errors.ts';
import { damaged, readRecords, type BackupColumn, type BackupStore, type BackupWriter, type OpenedBackup } from './backup-format.ts';
import type { Stores } from './stores.ts';

const FETCH_ROWS = 1000;
/** PostgreSQL allows 65,535 bind parameters per statement. */
const MAX_PARAMS = 30_000;

/** A table as the catalog describes it. */
export interface PgTable {
  readonly name: string;
  readonly columns: readonly BackupColumn[];
  readonly primaryKey: readonly string[];
  readonly hasUserTriggers: boolean;
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Kysely's migration lock tables hold no data worth keeping, only a transient flag. */
function isMigrationLock(t: { name: string; columns: readonly BackupColumn[] }): boolean {
  return t.name.endsWith('_lock') && t.columns.map((c) => c.name).join(',') === 'id,is_locked';
}

/** A Kysely migration table (`name`, `timestamp`): its rows say which migrations ran. */
function isMigrationTable(t: { name: string; columns: readonly BackupColumn[] }): boolean {
  return t.columns.map((c) => c.name).join(',') === 'name,timestamp';
}

/**
 * Every table of the connection's schema (its `search_path`), parents before children
 * (foreign keys), then in creation order; migration lock tables left out.
 */
export async function listTables(db: Kysely<unknown> | Transaction<unknown>): Promise<PgTable[]> {
  const rels = (
    await sql<{ oid: string; name: string }>`
      select c.oid::text as oid, c.relname as name from pg_class c
      where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
      order by c.oid`.execute(db)
  ).rows;
  const cols = (
    await sql<{ oid: string; name: string; type: string }>`
      select a.attrelid::text as oid, a.attname as name, format_type(a.atttypid, a.atttypmod) as type
      from pg_attribute a join pg_class c on c.oid = a.attrelid
      where c.relnamespace = current_schema()::regnamespace and a.attnum > 0 and not a.attisdropped
      order by a.attrelid, a.attnum`.execute(db)
  ).rows;
  const pks = (
    await sql<{ oid: string; name: string }>`
      select i.indrelid::text as oid, a.attname as name
      from pg_index i join pg_class c on c.oid = i.indrelid
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where c.relnamespace = current_schema()::regnamespace and i.indisprimary
      order by i.indrelid, array_position(i.indkey::int2[], a.attnum)`.execute(db)
  ).rows;
  const fks = (
    await sql<{ child: string; parent: string }>`
      select conrelid::text as child, confrelid::text as parent from pg_constraint
      where contype = 'f' and connamespace = current_schema()::regnamespace`.execute(db)
  ).rows;
  const triggers = new Set(
    (
      await sql<{ oid: string }>`
        select distinct t.tgrelid::text as oid from pg_trigger t join pg_class c on c.oid = t.tgrelid
        where c.relnamespace = current_schema()::regnamespace and not t.tgisinternal`.execute(db)
    ).rows.map((r) => r.oid),
  );
  const byOid = new Map<string, PgTable>();
  for (const r of rels) {
    byOid.set(r.oid, {
      name: r.name,
      columns: cols.filter((c) => c.oid === r.oid).map((c) => ({ name: c.name, type: c.type })),
      primaryKey: pks.filter((p) => p.oid === r.oid).map((p) => p.name),
      hasUserTriggers: triggers.has(r.oid),
    });
  }
  // Kahn's algorithm; ties keep creation (oid) order, so the order is migration order.
  const parents = new Map<string, Set<string>>(rels.map((r) => [r.oid, new Set<string>()]));
  for (const fk of fks) if (fk.child !== fk.parent) parents.get(fk.child)?.add(fk.parent);
  const ordered: PgTable[] = [];
  const done = new Set<string>();
  while (done.size < rels.length) {
    const next = rels.find((r) => !done.has(r.oid) && [...(parents.get(r.oid) ?? [])].every((p) => done.has(p)));
    if (!next) throw new Error('foreign keys form a cycle; cannot order the tables');
    done.add(next.oid);
    const table = byOid.get(next.oid);
    if (table && !isMigrationLock(table)) ordered.push(table);
  }
  return ordered;
}

async function dumpSchema(trx: Transaction<unknown>, store: BackupStore, writer: BackupWriter): Promise<void> {
  for (const table of await listTables(trx)) {
    writer.push({ k: 'table', store, name: table.name, columns: [...table.columns] });
    const select = table.columns.map((c, i) => `${quote(c.name)}::text as c${i}`).join(', ');
    const order = (table.primaryKey.length > 0 ? table.primaryKey : table.columns.map((c) => c.name)).map(quote).join(', ');
    await sql.raw(`declare nw_backup no scroll cursor for select ${select} from ${quote(table.name)} order by ${order}`).execute(trx);
    let count = 0;
    for (;;) {
      const page = (await sql.raw<Record<string, string | null>>(`fetch forward ${FETCH_ROWS} from nw_backup`).execute(trx)).rows;
      if (page.length === 0) break;
      writer.push({ k: 'rows', rows: page.map((row) => table.columns.map((_, i) => row[`c${i}`] ?? null)) });
      count += page.length;
      if (page.length < FETCH_ROWS) break;
    }
    await sql.raw('close nw_backup').execute(trx);
    writer.push({ k: 'end', rows: count });
  }
}

/**
 * Streams one consistent snapshot of both schemas into `writer`: the chart's transaction
 * exports its snapshot and the vault's adopts it, so both are read as of the same instant.
 */
export async function writePostgresSnapshot(stores: Stores, writer: BackupWriter): Promise<void> {
  const chartDb = stores.chart.db as unknown as Kysely<unknown>;
  const vaultDb = stores.vault.database.db as unknown as Kysely<unknown>;
  await chartDb
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (ctrx) => {
      const snapshot = (await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(ctrx)).rows[0]?.id;
      if (!snapshot || !/^[0-9A-F-]+$/.test(snapshot)) throw new Error(`unexpected snapshot id ${String(snapshot)}`);
      await vaultDb
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute(async (vtrx) => {
          // Must be the transaction's first statement.
          await sql.raw(`set transaction snapshot '${snapshot}'`).execute(vtrx);
          await dumpSchema(ctrx, 'chart', writer);
          await dumpSchema(vtrx, 'vault', writer);
        });
    });
}

/** What a full pass over a PostgreSQL backup found; nothing in it has touched a database. */
export interface ScanResult {
  readonly tables: Readonly<Record<BackupStore, ReadonlyArray<{ name: string; columns: readonly BackupColumn[]; rows: number }>>>;
  /** Migration names per `store.table` for each Kysely migration table. */
  readonly migrations: Readonly<Record<string, readonly string[]>>;
  readonly auditRows: number;
  readonly lastAuditHash: string;
  readonly signedNotes: number;
}

const INTEGER_TYPES = new Set(['smallint', 'integer', 'real', 'double precision']);

/** Turns a text cell back into what node-postgres returns for the column's type. */
function decode(value: string | null, type: string): string | number | boolean | null {
  if (value === null) return null;
  if (INTEGER_TYPES.has(type)) return Number(value);
  if (type === 'boolean') return value === 'true' || value === 't';
  return value;
}

/** Checks the audit chain row by row, as `verifyAuditChain` does on a live database. */
class ChainWalker {
  rows = 0;
  prevHash = GENESIS_HASH;
  check(raw: Record<string, unknown>): void {
    const row = { ...raw, seq: Number(raw['seq']) } as unknown as AuditLogTable;
    const expected = this.rows + 1;
    if (row.seq !== expected) throw damaged(`the backup's audit log is broken: row ${expected} is missing (next row is ${row.seq})`);
    if (row.prev_hash !== this.prevHash) throw damaged(`the backup's audit log is broken: row ${row.seq} does not chain to the row before it`);
    const { hash, ...rest } = row;
    if (auditRowHash(rest) !== hash) throw damaged(`the backup's audit log is broken: row ${row.seq} was altered (its hash does not match its content)`);
    this.prevHash = hash;
    this.rows += 1;
  }
}

/**
 * Reads a PostgreSQL backup from end to end and verifies it: every chunk authenticates,
 * the records are in order and complete, each table's row count matches, the audit chain
 * verifies and every signed note matches its hash. Throws `integrity` otherwise.
 */
export async function scanBackup(backup: OpenedBackup): Promise<ScanResult> {
  const tables: Record<BackupStore, Array<{ name: string; columns: readonly BackupColumn[]; rows: number }>> = { chart: [], vault: [] };
  const migrations: Record<string, string[]> = {};
  const chain = new ChainWalker();
  let signedNotes = 0;
  let current: { store: BackupStore; name: string; columns: readonly BackupColumn[]; rows: number } | null = null;
  let finished = false;
  const seen = new Set<string>();
  for await (const rec of readRecords(backup)) {
    if (finished) throw damaged('the backup has records after its end');
    switch (rec.k) {
      case 'table': {
        if (current) throw damaged(`table ${current.name} in the backup is not closed`);
        const key = `${rec.store}.${rec.name}`;
        if (seen.has(key)) throw damaged(`table ${key} appears twice in the backup`);
        if (rec.store === 'chart' && tables.vault.length > 0) throw damaged('chart tables follow the vault in the backup');
        seen.add(key);
        current = { store: rec.store, name: rec.name, columns: rec.columns, rows: 0 };
        if (isMigrationTable(current)) migrations[key] = [];
        break;
      }
      case 'rows': {
        if (!current) throw damaged('rows outside any table in the backup');
        const t = current;
        for (const cells of rec.rows) {
          if (cells.length !== t.columns.length) throw damaged(`a row of ${t.name} in the backup has ${cells.length} values for ${t.columns.length} columns`);
          const row: Record<string, unknown> = {};
          t.columns.forEach((c, i) => (row[c.name] = decode(cells[i] ?? null, c.type)));
          if (t.store === 'chart' && t.name === 'audit_log') chain.check(row);
          if (t.store === 'chart' && t.name === 'progress_notes' && row['status'] === 'signed') {
            // 45 CFR 164.312(c)(1): a signed note must still match the hash stored at signing.
            const ok = verifyStoredNote({ status: 'signed', content_json: String(row['content_json']), content_hash: row['content_hash'] as string | null });
            if (!ok) throw damaged(`signed note ${String(row['id'])} in the backup does not match its hash`);
            signedNotes += 1;
          }
          const m = migrations[`${t.store}.${t.name}`];
          if (m) m.push(String(row['name']));
        }
        t.rows += rec.rows.length;
        break;
      }
      case 'end': {
        if (!current) throw damaged('a table end outside any table in the backup');
        if (rec.rows !== current.rows) throw damaged(`table ${current.name} in the backup should have ${rec.rows} rows but has ${current.rows}`);
        tables[current.store].push({ name: current.name, columns: current.columns, rows: current.rows });
        current = null;
        break;
      }
      case 'done':
        if (current) throw damaged(`table ${current.name} in the backup is not closed`);
        finished = true;
        break;
      case 'file':
      case 'bytes':
        throw damaged('a PostgreSQL backup holds a SQLite file record');
    }
  }
  if (!finished) throw damaged('the backup ends before its end marker');
  for (const needed of ['audit_log', 'progress_notes', 'practice']) {
    if (!tables.chart.some((t) => t.name === needed)) throw damaged(`the backup has no chart table ${needed}`);
  }
  if (!tables.vault.some((t) => t.name === 'psychotherapy_notes')) throw damaged('the backup has no vault table psychotherapy_notes');
  return { tables, migrations, auditRows: chain.rows, lastAuditHash: chain.prevHash, signedNotes };
}

async function migrationNames(db: Kysely<unknown> | Transaction<unknown>, table: string): Promise<string[]> {
  return (await sql<{ name: string }>`select name from ${sql.table(table)} order by name`.execute(db)).rows.map((r) => r.name);
}

/**
 * Refuses (`invalid-input`) a backup whose tables, columns or applied migrations differ from
 * the live schema's: its rows would not fit, or the next start would re-run migrations.
 */
async function checkCompatible(db: Kysely<unknown>, store: BackupStore, scan: ScanResult): Promise<PgTable[]> {
  const live = await listTables(db);
  const backup = scan.tables[store];
  const liveNames = live.map((t) => t.name).sort();
  const backupNames = backup.map((t) => t.name).sort();
  const missing = backupNames.filter((n) => !liveNames.includes(n));
  const extra = liveNames.filter((n) => !backupNames.includes(n));
  const advice = 'restore it with the Notewall version that wrote it, into a database at the same migration';
  if (missing.length > 0 || extra.length > 0) {
    throw new StorageError('invalid-input', `the backup's ${store} tables differ from this database's (${[...missing.map((n) => `only in the backup: ${n}`), ...extra.map((n) => `only in the database: ${n}`)].join('; ')}); ${advice}`, 'file');
  }
  for (const t of backup) {
    const l = live.find((x) => x.name === t.name);
    const sig = (cols: readonly BackupColumn[]) => cols.map((c) => `${c.name} ${c.type}`).sort().join(', ');
    if (!l || sig(l.columns) !== sig(t.columns)) {
      throw new StorageError('invalid-input', `the backup's ${store} table ${t.name} has columns (${sig(t.columns)}) but this database has (${l ? sig(l.columns) : 'none'}); ${advice}`, 'file');
    }
    const m = scan.migrations[`${store}.${t.name}`];
    if (m) {
      const liveM = await migrationNames(db, t.name);
      if (m.join(',') !== liveM.join(',')) {
        throw new StorageError('invalid-input', `the backup was taken at ${store} migrations [${m.join(', ')}] but this database is at [${liveM.join(', ')}]; ${advice}`, 'file');
      }
    }
  }
  return live;
}

/** Checks the backup fits the live schemas (tables, columns, migrations); throws if not. */
export async function checkPostgresCompatible(stores: Stores, scan: ScanResult): Promise<void> {
  await checkCompatible(stores.chart.db as unknown as Kysely<unknown>, 'chart', scan);
  await checkCompatible(stores.vault.database.db as unknown as Kysely<unknown>, 'vault', scan);
}

async function clearStore(trx: Transaction<unknown>, tables: readonly PgTable[]): Promise<void> {
  // Wait at most this long for the running app's transactions to finish.
  await sql`set local lock_timeout = '15s'`.execute(trx);
  await sql.raw(`lock table ${tables.map((t) => quote(t.name)).join(', ')} in access exclusive mode`).execute(trx);
  const guarded = tables.filter((t) => t.hasUserTriggers);
  // The one narrow bypass: the append-only and signed-note triggers refuse DELETE, which a
  // restore needs. Off only inside this transaction, behind exclusive locks (see above).
  for (const t of guarded) await sql.raw(`alter table ${quote(t.name)} disable trigger user`).execute(trx);
  for (const t of [...tables].reverse()) await sql.raw(`delete from ${quote(t.name)}`).execute(trx);
  for (const t of guarded) await sql.raw(`alter table ${quote(t.name)} enable trigger user`).execute(trx);
  const off = (
    await sql<{ name: string }>`
      select t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where c.relnamespace = current_schema()::regnamespace and not t.tgisinternal and t.tgenabled <> 'O'`.execute(trx)
  ).rows;
  if (off.length > 0) throw new Error(`triggers still disabled after clearing: ${off.map((r) => r.name).join(', ')}`);
}

async function insertRows(trx: Transaction<unknown>, table: string, columns: readonly BackupColumn[], rows: ReadonlyArray<ReadonlyArray<string | null>>): Promise<void> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const cols = sql.join(columns.map((c) => sql.ref(c.name)));
  for (let i = 0; i < rows.length; i += perStatement) {
    const batch = rows.slice(i, i + perStatement);
    // Untyped parameters take the target column's type, as COPY's text format does.
    const values = sql.join(batch.map((r) => sql`(${sql.join(r.map((v) => sql`${v}`))})`));
    await sql`insert into ${sql.table(table)} (${cols}) values ${values}`.execute(trx);
  }
}

/**
 * Replaces both schemas with a verified backup (see the module comment). `scan` is the
 * result of {@link scanBackup} on the same file; the records are read and authenticated
 * again as they are inserted, and any difference aborts both transactions.
 */
export async function restorePostgres(stores: Stores, backup: OpenedBackup, scan: ScanResult): Promise<void> {
  const chartDb = stores.chart.db as unknown as Kysely<unknown>;
  const vaultDb = stores.vault.database.db as unknown as Kysely<unknown>;
  const liveChart = await checkCompatible(chartDb, 'chart', scan);
  const liveVault = await checkCompatible(vaultDb, 'vault', scan);
  const ctrx = await chartDb.startTransaction().execute();
  let vtrx: ControlledTransaction<unknown> | null = null;
  let chartCommitted = false;
  try {
    vtrx = await vaultDb.startTransaction().execute();
    const trx: Record<BackupStore, Transaction<unknown>> = { chart: ctrx, vault: vtrx };
    await clearStore(ctrx, liveChart);
    await clearStore(vtrx, liveVault);
    let current: { store: BackupStore; name: string; columns: readonly BackupColumn[]; rows: number } | null = null;
    let done = false;
    for await (const rec of readRecords(backup)) {
      if (rec.k === 'table') {
        current = { store: rec.store, name: rec.name, columns: rec.columns, rows: 0 };
      } else if (rec.k === 'rows' && current) {
        await insertRows(trx[current.store], current.name, current.columns, rec.rows);
        current.rows += rec.rows.length;
      } else if (rec.k === 'end' && current) {
        if (current.rows !== rec.rows) throw damaged(`table ${current.name} changed between verification and restore`);
        current = null;
      } else if (rec.k === 'done') {
        done = true;
      }
    }
    if (!done) throw damaged('the backup changed between verification and restore');
    // Belt and braces: the restored chain is the verified one, read back from the database.
    const chart = ctrx as unknown as Transaction<ChartDatabase>;
    const audit = await verifyAuditChain(chart, stores.chart.adapter);
    if (!audit.ok || audit.rows !== scan.auditRows || audit.lastHash !== scan.lastAuditHash) {
      throw damaged('the restored audit log differs from the verified backup');
    }
    await appendAudit(chart, stores.chart.adapter, { actorId: null, actorRole: null, action: 'backup.restore', entityType: 'backup', outcome: 'allowed', reason: `restored backup taken ${backup.header.createdAt}` });
    await ctrx.commit().execute();
    chartCommitted = true;
    await vtrx.commit().execute();
  } catch (err) {
    if (!chartCommitted) await ctrx.rollback().execute().catch(() => undefined);
    if (vtrx && !vtrx.isCommitted) await vtrx.rollback().execute().catch(() => undefined);
    if (chartCommitted) {
      throw new StorageError('integrity', `the chart was restored but the vault's commit failed (${err instanceof Error ? err.message : String(err)}); run the same restore again to finish it`);
    }
    throw err;
  }
}
