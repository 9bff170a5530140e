/**
 * The append-only, hash-chained audit log (45 CFR 164.312(b) audit controls; 164.312(c)
 * integrity). Each row carries the hash of the previous row; the hash covers every column
 * of the row, including its sequence number, so an update, a deletion or a reordering
 * breaks the chain at the first row touched. Rows are written inside the transaction of the
 * access they record, so the access and its record commit or vanish together.
 *
 * Rows hold ids only, never clinical content.
 */
import type { Kysely, Transaction } from 'kysely';
import { canonicalJson, sha256Hex } from '../canonical-json.ts';
import { nowIso } from '../clock.ts';
import type { DialectAdapter } from '../dialect.ts';
import type { AuditLogTable, ChartDatabase } from '../chart/schema.ts';

/** Every action the log records: a closed union (STYLE.md §4). */
export const AUDIT_ACTIONS = [
  'practice.setup',
  'user.create',
  'user.read',
  'training.record',
  'client.create',
  'client.read',
  'client.list',
  'client.assign',
  'session.create',
  'session.read',
  'diagnosis.create',
  'diagnosis.read',
  'goal.create',
  'goal.read',
  'note.create',
  'note.update',
  'note.read',
  'note.sign',
  'note.cosign',
  'note.addendum',
  'note.chart-page',
  'measure.create',
  'measure.read',
  'authorization.create',
  'authorization.read',
  'request.create',
  'request.read',
  'disclosure.record',
  'disclosure.read',
  'vault.key.create',
  'vault.key.rewrap',
  'vault.session.unlock',
  'vault.session.lock',
  'vault.note.create',
  'vault.note.update',
  'vault.note.read',
  'vault.note.list',
  'vault.emergency-access',
  'vault.export',
  'vault.release-packet.store',
  'vault.release-packet.open',
  'import.client',
  'backup.create',
  'backup.restore',
  'ai-consent.record',
  'ai-consent.revoke',
  'ai-consent.read',
  'note.polish',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OUTCOMES = ['allowed', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** What the caller supplies; sequence, time and hashes are added here. */
export interface AuditEvent {
  readonly actorId: string | null;
  readonly actorRole: string | null;
  readonly action: AuditAction;
  readonly entityType: string;
  readonly entityId?: string | null;
  readonly clientId?: string | null;
  readonly outcome: AuditOutcome;
  readonly requestId?: string | null;
  /** A stated reason (emergency access, disclosure); never clinical content. */
  readonly reason?: string | null;
}

/** The `prev_hash` of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

type ChartDb = Kysely<ChartDatabase> | Transaction<ChartDatabase>;

/** The hash of a row: SHA-256 over the previous hash and the canonical JSON of every other column. */
export function auditRowHash(row: Omit<AuditLogTable, 'hash'>): string {
  const { prev_hash, ...rest } = row;
  return sha256Hex(`${prev_hash}\n${canonicalJson(rest)}`);
}

/**
 * Appends one event inside `trx`. Call it in the same transaction as the access it
 * records. Returns the new row's sequence number.
 */
export async function appendAudit(
  trx: Transaction<ChartDatabase>,
  adapter: DialectAdapter,
  event: AuditEvent,
): Promise<number> {
  await adapter.lockAuditChain(trx as unknown as Kysely<never>);
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const seq = last ? adapter.toNumber(last.seq) + 1 : 1;
  const row: Omit<AuditLogTable, 'hash'> = {
    seq,
    at: nowIso(),
    actor_id: event.actorId,
    actor_role: event.actorRole,
    action: event.action,
    entity_type: event.entityType,
    entity_id: event.entityId ?? null,
    client_id: event.clientId ?? null,
    outcome: event.outcome,
    request_id: event.requestId ?? null,
    reason: event.reason ?? null,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await trx.insertInto('audit_log').values({ ...row, hash: auditRowHash(row) }).execute();
  return seq;
}

/** Appends one event in a transaction of its own (for denials and failures whose work rolled back). */
export async function appendAuditStandalone(
  db: Kysely<ChartDatabase>,
  adapter: DialectAdapter,
  event: AuditEvent,
): Promise<number> {
  return db.transaction().execute((trx) => appendAudit(trx, adapter, event));
}

/** The result of walking the chain. */
export type AuditVerification =
  | { readonly ok: true; readonly rows: number; readonly lastHash: string }
  | { readonly ok: false; readonly rows: number; readonly brokenSeq: number; readonly problem: string };

/**
 * Walks the whole chain in sequence order and reports the first row that does not verify:
 * a gap or duplicate in the sequence (deleted or reordered rows), a `prev_hash` that is
 * not the previous row's hash, or a hash that does not match the row's content.
 */
export async function verifyAuditChain(db: ChartDb, adapter: DialectAdapter, pageSize = 2000): Promise<AuditVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let rows = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq', 'asc')
      .limit(pageSize)
      .execute();
    if (page.length === 0) return { ok: true, rows, lastHash: prevHash };
    for (const raw of page) {
      const row: AuditLogTable = { ...raw, seq: adapter.toNumber(raw.seq) };
      if (row.seq !== expectedSeq) {
        return { ok: false, rows, brokenSeq: expectedSeq, problem: `row ${expectedSeq} is missing (next row is ${row.seq})` };
      }
      if (row.prev_hash !== prevHash) {
        return { ok: false, rows, brokenSeq: row.seq, problem: `row ${row.seq} does not chain to the row before it` };
      }
      const { hash, ...rest } = row;
      if (auditRowHash(rest) !== hash) {
        return { ok: false, rows, brokenSeq: row.seq, problem: `row ${row.seq} was altered (its hash does not match its content)` };
      }
      prevHash = hash;
      expectedSeq += 1;
      rows += 1;
    }
  }
}

/** Where a store outside the chart (the vault) sends its audit events: the chart's log. */
export type AuditSink = (event: AuditEvent) => Promise<void>;

/** An {@link AuditSink} that appends to the chart's audit log, one committed row per event. */
export function chartAuditSink(db: Kysely<ChartDatabase>, adapter: DialectAdapter): AuditSink {
  return async (event) => {
    await appendAuditStandalone(db, adapter, event);
  };
}
