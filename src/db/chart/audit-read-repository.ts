/**
 * Reading the audit log: the admin's filtered view, the chain verification, and the
 * per-client "who accessed this record" report (45 CFR 164.312(b) audit controls;
 * 164.308(a)(1)(ii)(D) information system activity review). Reading the log is itself
 * audited. The admin-only `user.manage` grant stands for practice administration here
 * until the access policy names an `audit.read` permission of its own.
 */
import { z } from 'zod';
import { AUDIT_OUTCOMES, verifyAuditChain, type AuditVerification } from '../audit/audit-log.ts';
import { toAuditAction } from '../auth/server-audit.ts';
import { guarded, parseInput, type RepoContext } from './context.ts';

export const AuditQuery = z.object({
  clientId: z.string().min(1).max(100).optional(),
  actorId: z.string().min(1).max(100).optional(),
  action: z.string().min(1).max(100).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  /** Inclusive lower bound on the time, ISO instant. */
  from: z.iso.datetime().optional(),
  /** Exclusive upper bound on the time, ISO instant. */
  to: z.iso.datetime().optional(),
  /** Rows with a sequence number below this (newest-first paging). */
  beforeSeq: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.input<typeof AuditQuery>;

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actorId: string | null;
  readonly actorRole: string | null;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | null;
  readonly clientId: string | null;
  readonly outcome: 'allowed' | 'denied' | 'failed';
  readonly requestId: string | null;
  readonly reason: string | null;
}

/** A page of the log, newest first, each row with the actor's display name (null for unknown or no actor). */
export async function listAudit(ctx: RepoContext, query: AuditQuery): Promise<{ entries: Array<AuditEntry & { actorDisplayName: string | null }>; nextBeforeSeq: number | null }> {
  const q = parseInput(AuditQuery, query, 'audit');
  return guarded(ctx, { permission: 'user.manage', action: toAuditAction('audit.read'), entityType: 'audit-log', clientId: null }, async (trx) => {
    let s = trx.selectFrom('audit_log').leftJoin('users', 'users.id', 'audit_log.actor_id').selectAll('audit_log').select('users.display_name as actor_display_name');
    if (q.clientId) s = s.where('audit_log.client_id', '=', q.clientId);
    if (q.actorId) s = s.where('audit_log.actor_id', '=', q.actorId);
    if (q.action) s = s.where('audit_log.action', '=', q.action);
    if (q.outcome) s = s.where('audit_log.outcome', '=', q.outcome);
    if (q.from) s = s.where('audit_log.at', '>=', new Date(q.from).toISOString());
    if (q.to) s = s.where('audit_log.at', '<', new Date(q.to).toISOString());
    if (q.beforeSeq) s = s.where('audit_log.seq', '<', q.beforeSeq);
    const rows = await s.orderBy('audit_log.seq', 'desc').limit(q.limit + 1).execute();
    const entries = rows.slice(0, q.limit).map((r) => ({ ...toEntry(r, ctx), actorDisplayName: r.actor_display_name }));
    const last = entries[entries.length - 1];
    return { value: { entries, nextBeforeSeq: rows.length > q.limit && last ? last.seq : null } };
  });
}

/** Walks the hash chain (admin). */
export async function verifyAudit(ctx: RepoContext): Promise<AuditVerification> {
  return guarded(ctx, { permission: 'user.manage', action: toAuditAction('audit.verify'), entityType: 'audit-log', clientId: null }, async (trx) => ({
    value: await verifyAuditChain(trx, ctx.store.adapter),
  }));
}

export interface AccessReportRow extends AuditEntry {
  readonly actorUsername: string | null;
  readonly actorDisplayName: string | null;
}

/** Everyone who touched one client's record (chart and vault), newest first. */
export async function accessReport(ctx: RepoContext, clientId: string, limit = 500): Promise<AccessReportRow[]> {
  return guarded(ctx, { permission: 'client.read', action: toAuditAction('audit.access-report'), entityType: 'audit-log', clientId, entityId: clientId }, async (trx) => {
    const rows = await trx
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.actor_id')
      .selectAll('audit_log')
      .select(['users.username as actor_username', 'users.display_name as actor_display_name'])
      .where('audit_log.client_id', '=', clientId)
      .orderBy('audit_log.seq', 'desc')
      .limit(limit)
      .execute();
    return { value: rows.map((r) => ({ ...toEntry(r, ctx), actorUsername: r.actor_username, actorDisplayName: r.actor_display_name })) };
  });
}

function toEntry(
  r: { seq: number; at: string; actor_id: string | null; actor_role: string | null; action: string; entity_type: string; entity_id: string | null; client_id: string | null; outcome: 'allowed' | 'denied' | 'failed'; request_id: string | null; reason: string | null },
  ctx: RepoContext,
): AuditEntry {
  return {
    seq: ctx.store.adapter.toNumber(r.seq),
    at: r.at,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    clientId: r.client_id,
    outcome: r.outcome,
    requestId: r.request_id,
    reason: r.reason,
  };
}
