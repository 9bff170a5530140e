/**
 * The actor-scoped repository context and the one guard every chart access goes through:
 * check the actor's permission for the client, do the work, and write the audit row in the
 * same transaction (ARCHITECTURE.md invariant 5). A denial is audited and surfaces as
 * `not-found`, so it never reveals that the record exists (invariant 6).
 */
import type { Transaction } from 'kysely';
import { appendAudit, appendAuditStandalone, type AuditAction } from '../audit/audit-log.ts';
import { StorageError } from '../errors.ts';
import { decideAccess, type Permission } from './access-policy.ts';
import type { ChartStore } from './chart-store.ts';
import { ROLES, type AssignmentRelation, type ChartDatabase, type Role } from './schema.ts';

/** Who is acting: the user, their roles (from the database) and the request being served. */
export interface Actor {
  readonly userId: string;
  readonly roles: readonly Role[];
  readonly requestId?: string;
}

export interface RepoContext {
  readonly store: ChartStore;
  readonly actor: Actor;
}

/** Loads an active user's roles from the chart; unknown or inactive users get `not-found`. */
export async function loadActor(store: ChartStore, userId: string, requestId?: string): Promise<Actor> {
  const user = await store.db.selectFrom('users').select(['id', 'active']).where('id', '=', userId).executeTakeFirst();
  if (!user || store.adapter.toNumber(user.active) !== 1) throw new StorageError('not-found', 'user not found');
  const roles = await store.db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute();
  const known = new Set<string>(ROLES);
  return {
    userId,
    roles: roles.map((r) => r.role).filter((r): r is Role => known.has(r)),
    ...(requestId ? { requestId } : {}),
  };
}

export interface GuardSpec {
  readonly permission: Permission;
  readonly action: AuditAction;
  readonly entityType: string;
  /** The client concerned; `null` for practice-level actions. */
  readonly clientId: string | null;
  readonly entityId?: string | null;
  readonly reason?: string | null;
}

/** What the work function may return: the value, and the entity id to audit if it was created. */
export interface Guarded<T> {
  readonly value: T;
  readonly entityId?: string | null;
  /** The client concerned when the work created it. */
  readonly clientId?: string | null;
}

class Denied {
  constructor(readonly outcome: 'denied' | 'failed') {}
}

/**
 * Runs `work` inside one transaction after the access check and appends the audit row
 * in that same transaction. On denial (or an unknown client) it commits only an audit row
 * and throws `not-found`. When `work` throws, its writes roll back and a `failed` row is
 * appended on its own.
 */
export async function guarded<T>(
  ctx: RepoContext,
  spec: GuardSpec,
  work: (trx: Transaction<ChartDatabase>, role: Role) => Promise<Guarded<T>>,
): Promise<T> {
  const { store, actor } = ctx;
  const base = {
    actorId: actor.userId,
    action: spec.action,
    entityType: spec.entityType,
    clientId: spec.clientId,
    requestId: actor.requestId ?? null,
    reason: spec.reason ?? null,
  };
  let grantedRole: Role | null = null;
  // Inside a caller's transaction (bulk import) the work joins it, and a failure rolls the
  // whole unit back; the caller records that failure.
  const nested = store.db.isTransaction;
  const inTransaction = <R>(fn: (trx: Transaction<ChartDatabase>) => Promise<R>): Promise<R> =>
    nested ? fn(store.db as Transaction<ChartDatabase>) : store.db.transaction().execute(fn);
  try {
    const result = await inTransaction(async (trx) => {
      let relations: AssignmentRelation[] = [];
      if (spec.clientId !== null) {
        const client = await trx.selectFrom('clients').select('id').where('id', '=', spec.clientId).executeTakeFirst();
        if (!client) {
          await appendAudit(trx, store.adapter, { ...base, actorRole: null, entityId: spec.entityId ?? null, outcome: 'failed' });
          return new Denied('failed');
        }
        const rows = await trx
          .selectFrom('client_assignments')
          .select('relation')
          .where('client_id', '=', spec.clientId)
          .where('user_id', '=', actor.userId)
          .execute();
        relations = rows.map((r) => r.relation);
      }
      const decision = decideAccess(actor.roles, spec.permission, relations);
      if (!decision.allowed) {
        await appendAudit(trx, store.adapter, { ...base, actorRole: null, entityId: spec.entityId ?? null, outcome: 'denied' });
        return new Denied('denied');
      }
      grantedRole = decision.role;
      const out = await work(trx, decision.role);
      await appendAudit(trx, store.adapter, {
        ...base,
        actorRole: decision.role,
        entityId: out.entityId ?? spec.entityId ?? null,
        clientId: spec.clientId ?? out.clientId ?? null,
        outcome: 'allowed',
      });
      return out;
    });
    if (result instanceof Denied) {
      throw new StorageError('not-found', spec.clientId === null ? `${spec.entityType} not found` : `client ${spec.clientId} not found`);
    }
    return result.value;
  } catch (err) {
    if (grantedRole !== null && !nested) {
      // The work rolled back; record that it was attempted and failed.
      await appendAuditStandalone(store.db, store.adapter, {
        ...base,
        actorRole: grantedRole,
        entityId: spec.entityId ?? null,
        outcome: 'failed',
      });
    }
    throw err;
  }
}

/** Runs a zod-style parse and turns the first issue into a `StorageError` naming its field. */
export function parseInput<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } } },
  input: unknown,
  prefix: string,
): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue ? issue.path.map(String).join('.') : '';
  throw new StorageError('invalid-input', issue?.message ?? 'is invalid', path ? `${prefix}.${path}` : prefix);
}
