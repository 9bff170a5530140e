/**
 * Group commit for SQLite: concurrent transactions share one durable COMMIT.
 *
 * With `synchronous=FULL` every COMMIT waits for an fsync of the WAL (1–3 ms on a typical
 * disk), and one SQLite connection commits one transaction at a time, so one commit per
 * request caps the API at the disk's fsync rate. Here every top-level `transaction()` is a
 * *unit* that runs as `SAVEPOINT … RELEASE` inside a shared *batch* (one
 * `BEGIN IMMEDIATE … COMMIT`). Units run one after another on the single writer
 * connection; the batch commits when no unit is waiting to run (checked on the next
 * event-loop turn, so requests that arrived meanwhile can join), or once it holds
 * `maxUnits` units or is `maxBatchMs` old. Nothing is weakened:
 *
 * - **Durability (ARCHITECTURE.md invariant 4).** A unit's `transaction()` promise resolves
 *   only after the COMMIT of the batch that holds its writes has returned, which with
 *   `synchronous=FULL` means the WAL is synced. A caller therefore answers only for writes
 *   that are on disk, exactly as before.
 * - **Audit in the same transaction (invariant 5).** A unit's audit row is written inside
 *   its savepoint, so the access and its record are released, rolled back and committed
 *   together.
 * - **A failed unit** rolls back to its savepoint: only its own writes go; the units before
 *   it in the batch keep theirs. Its `failed` audit row (written by `guarded()` after the
 *   rollback) is a unit of its own, in the same or the next batch.
 * - **A failed batch** (COMMIT fails, or SQLite rolls the whole transaction back under a
 *   unit, e.g. on SQLITE_FULL or SQLITE_IOERR) rejects every unit in it with a
 *   {@link GroupCommitError}: none of them is reported as done.
 * - **Ordering and isolation.** Units are serialized on the one writer connection, so each
 *   sees the state the units before it left, committed-in-batch. That is safe because no
 *   unit's result leaves the process before the batch is durable: if the batch fails, the
 *   earlier units fail with it and nothing built on their writes was ever acknowledged.
 *   The audit chain stays one chain for the same reason (each append reads the row the
 *   previous unit appended; a rolled-back append disappears with its savepoint).
 * - **Reads outside a transaction** go to a second, read-only connection. In WAL mode it
 *   sees only committed data, and SQLite publishes a commit to other connections only
 *   after its fsync (`synchronous=FULL`), so a plain read never observes a batch that is
 *   not yet durable, and never waits for one.
 *
 * Statements outside a transaction that write are units of their own. Connection-level
 * statements (`PRAGMA`, `VACUUM`, `ATTACH`, …) close the open batch first and then run on
 * their own, because they may not run (or mean something else) inside a transaction.
 */
import type Database from 'better-sqlite3';
import {
  CompiledQuery,
  RawNode,
  SelectQueryNode,
  SqliteDialect,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';

/** When a batch closes. */
export interface GroupCommitOptions {
  /** Close the batch once it has run this many units. */
  readonly maxUnits: number;
  /** Close the batch once it has been open this long, even if units are waiting. */
  readonly maxBatchMs: number;
}

/**
 * Defaults: a batch of 64 units keeps one fsync's cost per request small, and 10 ms bounds
 * the wait a unit adds to the units before it (PRODUCT.md: p99 under 50 ms).
 */
export const DEFAULT_GROUP_COMMIT: GroupCommitOptions = { maxUnits: 64, maxBatchMs: 10 };

/** Counters of the writer queue, for tests and benchmarks. */
export interface GroupCommitStats {
  /** Batches that committed (one COMMIT, one fsync each). */
  readonly commits: number;
  /** Batches that failed: every unit in them was rejected. */
  readonly failedBatches: number;
  /** Units that released their savepoint into a batch. */
  readonly units: number;
  /** Units that rolled back to their savepoint. */
  readonly rolledBackUnits: number;
  /** The most units one batch held. */
  readonly largestBatch: number;
  /** Statements outside a transaction served by the read-only connection. */
  readonly reads: number;
}

/** A unit was not committed because the batch it ran in failed; its writes are not on disk. */
export class GroupCommitError extends Error {
  override readonly name = 'GroupCommitError';
  constructor(message: string, cause: unknown) {
    super(message, { cause });
  }
}

const UNIT = 'nw_unit';
/** Statements that must run on the bare connection, outside any transaction. */
const CONNECTION_LEVEL = /^\s*(pragma|vacuum|attach|detach|begin|commit|end|rollback|savepoint|release|analyze|reindex)\b/i;

interface Waiter {
  resolve(): void;
  reject(err: Error): void;
}

interface Batch {
  readonly openedAt: number;
  units: number;
  /** Units that released their savepoint and wait for the COMMIT. */
  readonly pending: Waiter[];
}

type MutableStats = { -readonly [K in keyof GroupCommitStats]: GroupCommitStats[K] };

function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * The per-store writer queue: who holds the writer connection, the open batch, and when
 * it commits. One instance per SQLite database handle.
 */
export class WriteQueue {
  #held = false;
  readonly #waiters: Array<() => void> = [];
  #batch: Batch | null = null;
  #flushScheduled = false;
  readonly #idle: Array<() => void> = [];
  readonly #stats: MutableStats = { commits: 0, failedBatches: 0, units: 0, rolledBackUnits: 0, largestBatch: 0, reads: 0 };

  constructor(
    readonly writer: Database.Database,
    private readonly options: GroupCommitOptions,
  ) {}

  stats(): GroupCommitStats {
    return { ...this.#stats };
  }

  countRead(): void {
    this.#stats.reads += 1;
  }

  /** Waits for the writer connection (first come, first served). */
  acquire(): Promise<void> {
    if (!this.#held && this.#waiters.length === 0) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Hands the writer to the next waiter, or schedules the batch's COMMIT when none waits. */
  release(): void {
    this.#held = false;
    const batch = this.#batch;
    if (batch && this.#waiters.length > 0 && this.#full(batch)) this.close();
    const next = this.#waiters.shift();
    if (next) {
      this.#held = true;
      next();
      return;
    }
    if (this.#batch) {
      if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        // One event-loop turn: requests whose data arrived meanwhile reach their
        // transaction and join this batch instead of paying for their own fsync.
        setImmediate(() => {
          this.#flushScheduled = false;
          if (!this.#held && this.#waiters.length === 0) this.close();
        });
      }
      return;
    }
    this.#notifyIdle();
  }

  /** Opens a batch if none is open (closing a full one first), then the unit's savepoint. Writer held. */
  beginUnit(): Batch {
    if (this.#batch && this.#full(this.#batch)) this.close();
    let batch = this.#batch;
    if (!batch) {
      this.writer.exec('BEGIN IMMEDIATE');
      batch = { openedAt: performance.now(), units: 0, pending: [] };
      this.#batch = batch;
    }
    try {
      this.writer.exec(`SAVEPOINT ${UNIT}`);
    } catch (err) {
      this.abortIfGone(batch, err);
      throw err;
    }
    batch.units += 1;
    return batch;
  }

  /** Releases the unit's savepoint into the batch; the promise settles when the batch does. */
  releaseUnit(batch: Batch): Promise<void> {
    this.writer.exec(`RELEASE ${UNIT}`);
    this.#stats.units += 1;
    return new Promise<void>((resolve, reject) => batch.pending.push({ resolve, reject }));
  }

  /** Undoes the unit's writes only; the batch stays open for the others. */
  rollbackUnit(batch: Batch): void {
    this.#stats.rolledBackUnits += 1;
    if (!this.isOpen(batch)) return;
    try {
      this.writer.exec(`ROLLBACK TO ${UNIT}`);
      this.writer.exec(`RELEASE ${UNIT}`);
    } catch (err) {
      this.abort(batch, err);
    }
  }

  /** Whether `batch` is still the open batch (and SQLite still has its transaction). */
  isOpen(batch: Batch): boolean {
    return this.#batch === batch && this.writer.inTransaction;
  }

  /** After a failed statement: if SQLite rolled the whole transaction back, fail the batch. */
  abortIfGone(batch: Batch, cause: unknown): void {
    if (this.#batch === batch && !this.writer.inTransaction) this.abort(batch, cause);
  }

  /** Rolls the batch back and rejects every unit that was waiting for it. */
  abort(batch: Batch, cause: unknown): void {
    if (this.#batch !== batch) return;
    this.#batch = null;
    if (this.writer.inTransaction) {
      try {
        this.writer.exec('ROLLBACK');
      } catch {
        // The transaction is gone either way; the units are told below.
      }
    }
    this.#settle(batch, toError(cause));
  }

  /** Commits the open batch now (writer not held by a unit) and settles its units. */
  close(): void {
    const batch = this.#batch;
    if (!batch) return;
    this.#batch = null;
    let failure: Error | null = null;
    try {
      this.writer.exec('COMMIT');
    } catch (err) {
      failure = toError(err);
      if (this.writer.inTransaction) {
        try {
          this.writer.exec('ROLLBACK');
        } catch {
          // Reported through `failure`.
        }
      }
    }
    this.#settle(batch, failure);
    if (!this.#held) this.#notifyIdle();
  }

  /** Resolves when no unit runs or waits and no batch is open. */
  whenIdle(): Promise<void> {
    if (!this.#held && this.#waiters.length === 0 && !this.#batch) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #settle(batch: Batch, failure: Error | null): void {
    this.#stats.largestBatch = Math.max(this.#stats.largestBatch, batch.units);
    if (failure) {
      this.#stats.failedBatches += 1;
      const err = new GroupCommitError(`the shared transaction was rolled back (${failure.message}); these writes were not saved`, failure);
      for (const w of batch.pending) w.reject(err);
    } else {
      this.#stats.commits += 1;
      for (const w of batch.pending) w.resolve();
    }
  }

  #full(batch: Batch): boolean {
    return batch.units >= this.options.maxUnits || performance.now() - batch.openedAt >= this.options.maxBatchMs;
  }

  #notifyIdle(): void {
    if (this.#held || this.#waiters.length > 0 || this.#batch) return;
    for (const resolve of this.#idle.splice(0)) resolve();
  }
}

/**
 * Prepared statements by SQL text, per connection. Kysely emits the same SQL for the same
 * query shape (values are bound parameters), and preparing costs about as much as running
 * a small statement; a signed note takes some 15 statements. SQLite re-prepares a cached
 * statement by itself after a schema change. Streaming (`iterate`) never uses the cache,
 * because a statement that is iterating cannot run again until it is done.
 */
const STATEMENT_CACHE_SIZE = 500;
const statementCaches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepare(handle: Database.Database, sqlText: string): Database.Statement {
  let cache = statementCaches.get(handle);
  if (!cache) {
    cache = new Map();
    statementCaches.set(handle, cache);
  }
  const hit = cache.get(sqlText);
  if (hit) return hit;
  const stmt = handle.prepare(sqlText);
  if (cache.size >= STATEMENT_CACHE_SIZE) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(sqlText, stmt);
  return stmt;
}

function run<R>(handle: Database.Database, query: CompiledQuery): QueryResult<R> {
  const stmt = prepare(handle, query.sql);
  const params = query.parameters as unknown[];
  if (stmt.reader) return { rows: stmt.all(...params) as R[] };
  const { changes, lastInsertRowid } = stmt.run(...params);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

/**
 * One Kysely connection acquisition. Outside a transaction, reads go to the read-only
 * connection and writes become single-statement units; between `begin()` and
 * `commit()`/`rollback()` every statement runs in this unit's savepoint on the writer.
 */
class UnitConnection implements DatabaseConnection {
  #batch: Batch | null = null;
  #holds = false;

  constructor(
    private readonly queue: WriteQueue,
    private readonly reader: Database.Database | null,
  ) {}

  async begin(): Promise<void> {
    if (this.#batch) throw new Error('a unit is already open on this connection');
    await this.queue.acquire();
    this.#holds = true;
    try {
      this.#batch = this.queue.beginUnit();
    } catch (err) {
      this.#release();
      throw err;
    }
  }

  async commit(): Promise<void> {
    const batch = this.#batch;
    if (!batch) throw new Error('no unit is open on this connection');
    if (!this.queue.isOpen(batch)) {
      this.#batch = null;
      this.#release();
      throw new GroupCommitError('the shared transaction was rolled back; these writes were not saved', null);
    }
    // If RELEASE itself throws, the unit stays open and Kysely rolls it back.
    const durable = this.queue.releaseUnit(batch);
    this.#batch = null;
    this.#release();
    await durable;
  }

  rollback(): Promise<void> {
    const batch = this.#batch;
    if (!batch) return Promise.resolve(); // the batch failed at commit: already rolled back and reported
    this.#batch = null;
    try {
      this.queue.rollbackUnit(batch);
    } finally {
      this.#release();
    }
    return Promise.resolve();
  }

  /** Kysely's `releaseConnection`: gives the writer back if an error left it held. */
  releaseAll(): void {
    const batch = this.#batch;
    if (batch) {
      this.#batch = null;
      this.queue.rollbackUnit(batch);
    }
    this.#release();
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#batch) return this.#inUnit<R>(this.#batch, query);
    if (this.#isRead(query)) {
      this.queue.countRead();
      return run<R>(this.reader as Database.Database, query);
    }
    if (CONNECTION_LEVEL.test(query.sql)) return this.#alone<R>(query);
    await this.begin();
    let result: QueryResult<R>;
    try {
      result = this.#inUnit<R>(this.#batch as unknown as Batch, query);
    } catch (err) {
      await this.rollback();
      throw err;
    }
    await this.commit();
    return result;
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) throw new Error('only select queries can be streamed');
    if (this.#batch) {
      if (!this.queue.isOpen(this.#batch)) throw new GroupCommitError('the shared transaction was rolled back', null);
      for (const row of this.queue.writer.prepare(query.sql).iterate(...(query.parameters as unknown[]))) yield { rows: [row as R] };
      return;
    }
    if (this.reader) {
      this.queue.countRead();
      for (const row of this.reader.prepare(query.sql).iterate(...(query.parameters as unknown[]))) yield { rows: [row as R] };
      return;
    }
    yield await this.executeQuery<R>(query);
  }

  #inUnit<R>(batch: Batch, query: CompiledQuery): QueryResult<R> {
    if (!this.queue.isOpen(batch)) throw new GroupCommitError('the shared transaction was rolled back; these writes were not saved', null);
    try {
      return run<R>(this.queue.writer, query);
    } catch (err) {
      // SQLITE_FULL, SQLITE_IOERR and a few others roll back the whole transaction, not
      // just the statement: then every unit in the batch has lost its writes.
      this.queue.abortIfGone(batch, err);
      throw err;
    }
  }

  /** A connection-level statement: commit the open batch, then run it outside any transaction. */
  async #alone<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    await this.queue.acquire();
    this.#holds = true;
    try {
      this.queue.close();
      return run<R>(this.queue.writer, query);
    } finally {
      this.#release();
    }
  }

  #isRead(query: CompiledQuery): boolean {
    if (!this.reader) return false;
    if (SelectQueryNode.is(query.query)) return true;
    if (!RawNode.is(query.query) || CONNECTION_LEVEL.test(query.sql)) return false;
    try {
      const stmt = prepare(this.reader, query.sql);
      return stmt.reader && stmt.readonly;
    } catch {
      return false; // let the writer report the error
    }
  }

  #release(): void {
    if (!this.#holds) return;
    this.#holds = false;
    this.queue.release();
  }
}

/** A Kysely driver over one writer connection (with group commit) and one read-only connection. */
export class GroupCommitSqliteDriver implements Driver {
  readonly queue: WriteQueue;

  constructor(
    writer: Database.Database,
    private readonly reader: Database.Database | null,
    options: GroupCommitOptions,
  ) {
    this.queue = new WriteQueue(writer, options);
  }

  async init(): Promise<void> {}

  acquireConnection(): Promise<DatabaseConnection> {
    return Promise.resolve(new UnitConnection(this.queue, this.reader));
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as UnitConnection).begin();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as UnitConnection).commit();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as UnitConnection).rollback();
  }

  // Kysely's nested savepoints (`trx.savepoint(name)`) run inside the unit's own.
  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteName(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoteName(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoteName(name)}`));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as UnitConnection).releaseAll();
    return Promise.resolve();
  }

  /** Lets running units finish, commits the last batch, then closes both connections. */
  async destroy(): Promise<void> {
    await this.queue.whenIdle();
    this.queue.close();
    this.reader?.close();
    this.queue.writer.close();
  }
}

function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Kysely's SQLite dialect (adapter, compiler, introspector) on the group-commit driver. */
export class GroupCommitSqliteDialect extends SqliteDialect {
  readonly driver: GroupCommitSqliteDriver;

  constructor(writer: Database.Database, reader: Database.Database | null, options: GroupCommitOptions = DEFAULT_GROUP_COMMIT) {
    super({ database: writer });
    this.driver = new GroupCommitSqliteDriver(writer, reader, options);
  }

  override createDriver(): Driver {
    return this.driver;
  }
}
