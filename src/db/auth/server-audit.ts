/**
 * Audit events the server records that the chart's closed list (`AUDIT_ACTIONS` in
 * `src/db/audit/audit-log.ts`) does not name yet: logins, lockouts, logouts, TOTP, route
 * denials and reads of the audit log itself (45 CFR 164.312(b) audit controls;
 * 164.308(a)(5)(ii)(C) log-in monitoring). They go into the same hash-chained log through
 * the same `appendAudit`, so the chain and `notewall audit verify` cover them.
 *
 * This is a closed union of its own; {@link toAuditAction} is the one place it is widened
 * to the chart's type (the `action` column is text and the chain treats it as opaque).
 * Folding these names into `AUDIT_ACTIONS` belongs to the storage module's owner.
 */
import type { Kysely, Transaction } from 'kysely';
import { appendAudit, type AuditAction, type AuditOutcome } from '../audit/audit-log.ts';
import type { ChartStore } from '../chart/chart-store.ts';
import type { ChartDatabase } from '../chart/schema.ts';

export const SERVER_AUDIT_ACTIONS = [
  'auth.login',
  'auth.lockout',
  'auth.logout',
  'auth.session-expired',
  'auth.totp.enrol',
  'auth.totp.confirm',
  'auth.totp.policy',
  'auth.totp.reset',
  'auth.password',
  'user.update',
  'route.access',
  'audit.read',
  'audit.verify',
  'audit.access-report',
  'home.read',
] as const;
export type ServerAuditAction = (typeof SERVER_AUDIT_ACTIONS)[number];

/** Widens a server action to the chart's audit type (see the file comment). */
export function toAuditAction(action: ServerAuditAction | AuditAction): AuditAction {
  return action as AuditAction;
}

export interface ServerAuditEvent {
  readonly actorId: string | null;
  readonly actorRole?: string | null;
  readonly action: ServerAuditAction;
  readonly entityType: string;
  readonly entityId?: string | null;
  readonly clientId?: string | null;
  readonly outcome: AuditOutcome;
  readonly requestId?: string | null;
  /** Never clinical content: a code such as `locked`, a route id, a rule list. */
  readonly reason?: string | null;
}

/** Appends a server event inside `trx` (same transaction as the change it records). */
export async function appendServerAudit(trx: Transaction<ChartDatabase>, store: ChartStore, event: ServerAuditEvent): Promise<void> {
  await appendAudit(trx, store.adapter, { ...event, actorRole: event.actorRole ?? null, action: toAuditAction(event.action) });
}

/** Appends a server event in a transaction of its own. */
export async function appendServerAuditStandalone(store: ChartStore, event: ServerAuditEvent): Promise<void> {
  const db: Kysely<ChartDatabase> = store.db;
  await db.transaction().execute((trx) => appendServerAudit(trx, store, event));
}
