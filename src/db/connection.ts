/**
 * Opening a Kysely database on SQLite (better-sqlite3, WAL, `synchronous=FULL`) or on
 * PostgreSQL (one schema, selected through `search_path`). Used by the chart and, from
 * inside `src/db/vault/` only, by the vault.
 */
import Database from 'better-sqlite3';
import { CompiledQuery, Kysely, Migrator, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type Migration } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { postgresAdapter, sqliteAdapter, type DialectAdapter } from './dialect.ts';
import { DEFAULT_GROUP_COMMIT, GroupCommitSqliteDialect, type GroupCommitOptions, type GroupCommitStats } from './group-commit.ts';

// Instants and dates come back from PostgreSQL as the strings SQLite returns
// (timestamptz 1184, timestamp 1114, date 1082); bigint (20) stays a string and is
// converted with `adapter.toNumber`.
pg.types.setTypeParser(1184, (v: string) => v);
pg.types.setTypeParser(1114, (v: string) => v);
pg.types.setTypeParser(1082, (v: string) => v);

/** Where a database lives. */
export type DatabaseTarget =
  | {
      readonly kind: 'sqlite';
      readonly file: string;
      /**
       * Group commit (`src/db/group-commit.ts`): on by default with
       * {@link DEFAULT_GROUP_COMMIT}; `false` commits every transaction on its own (one
       * fsync each), which the benchmarks use as the comparison.
       */
      readonly groupCommit?: Partial<GroupCommitOptions> | false;
    }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema: string; readonly poolSize?: number };

/** An open database with its dialect adapter. */
export interface OpenDatabase<DB> {
  readonly db: Kysely<DB>;
  readonly adapter: DialectAdapter;
  readonly target: DatabaseTarget;
  /** The better-sqlite3 handle (SQLite only), for online backup. */
  readonly sqlite?: Database.Database;
  /** SQLite with group commit: the writer queue's counters (batches, units, reads). */
  readonly writeStats?: () => GroupCommitStats;
  close(): Promise<void>;
}

/**
 * Without group commit, SQLite transactions start with `BEGIN IMMEDIATE`: every transaction here reads and then
 * writes (the audit append), and a deferred transaction that upgrades to a writer while
 * another process writes fails at once with SQLITE_BUSY instead of waiting. Taking the
 * write lock up front lets `busy_timeout` queue writers from other processes (a backup or
 * import next to the running app).
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly handle: Database.Database) {
    super({ database: handle });
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.handle });
  }
}

const SAFE_SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens (creating the file and its folder if needed) a database. */
export function openDatabase<DB>(target: DatabaseTarget): OpenDatabase<DB> {
  if (target.kind === 'sqlite') {
    mkdirSync(dirname(target.file), { recursive: true });
    const handle = new Database(target.file);
    handle.pragma('busy_timeout = 5000');
    handle.pragma('journal_mode = WAL');
    // Every commit reaches the disk before the call returns (ARCHITECTURE.md invariant 4).
    handle.pragma('synchronous = FULL');
    handle.pragma('foreign_keys = ON');
    handle.pragma('recursive_triggers = ON');
    if (target.groupCommit === false) {
      const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect(handle) });
      return { db, adapter: sqliteAdapter, target, sqlite: handle, close: () => db.destroy() };
    }
    // Group commit: the writer runs concurrent transactions as savepoints of one shared
    // `BEGIN IMMEDIATE … COMMIT` (still `synchronous=FULL`; each caller's promise settles
    // only after that COMMIT), and plain reads go to a second, read-only connection that
    // sees only committed, synced data (WAL). An in-memory database has no second
    // connection onto the same data, so its reads stay on the writer.
    const reader = target.file === ':memory:' || target.file === '' ? null : new Database(target.file);
    reader?.pragma('busy_timeout = 5000');
    reader?.pragma('query_only = ON');
    const dialect = new GroupCommitSqliteDialect(handle, reader, { ...DEFAULT_GROUP_COMMIT, ...target.groupCommit });
    const db = new Kysely<DB>({ dialect });
    const queue = dialect.driver.queue;
    return { db, adapter: sqliteAdapter, target, sqlite: handle, writeStats: () => queue.stats(), close: () => db.destroy() };
  }
  if (!SAFE_SCHEMA.test(target.schema)) throw new Error(`not a safe schema name: ${target.schema}`);
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    options: `-c search_path=${target.schema}`,
  });
  // An idle pooled connection that the server closes (restart, failover, an administrator's
  // pg_terminate_backend) makes the pool emit 'error'; without a listener that would crash the
  // process. The pool has already dropped that client and opens a new one for the next query,
  // so nothing is lost: say so and carry on.
  pool.on('error', (err) => {
    process.emitWarning(`PostgreSQL closed an idle connection (${err.message}); the pool will reconnect`, { code: 'NOTEWALL_PG_IDLE' });
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, adapter: postgresAdapter(target.schema), target, close: () => db.destroy() };
}

/** Runs every pending migration; throws with the failing migration's name. */
export async function migrate<DB>(
  open: OpenDatabase<DB>,
  migrations: (adapter: DialectAdapter) => Record<string, Migration>,
): Promise<void> {
  const all = migrations(open.adapter);
  const migrator = new Migrator({
    db: open.db,
    provider: { getMigrations: () => Promise.resolve(all) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const cause = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`, { cause: error });
  }
}
