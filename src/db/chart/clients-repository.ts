/** Clients and their clinician / supervisor assignments. */
import { z } from 'zod';
import { IsoDate } from '../../core/notes/model.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { newId, nowIso } from '../clock.ts';
import { StorageError } from '../errors.ts';
import { ROLE_GRANTS } from './access-policy.ts';
import { guarded, parseInput, type RepoContext } from './context.ts';
import { ASSIGNMENT_RELATIONS, type AssignmentRelation } from './schema.ts';

export const NewClientInput = z.object({
  /** Initials or a short label; the chart is not the place for more identity than needed. */
  displayName: z.string().trim().min(1, 'is required').max(200),
  dateOfBirth: IsoDate.optional(),
  externalRef: z.string().trim().min(1).max(200).optional(),
});
export type NewClientInput = z.input<typeof NewClientInput>;

export interface Client {
  readonly id: string;
  readonly displayName: string;
  readonly dateOfBirth: string | null;
  readonly externalRef: string | null;
  readonly createdAt: string;
}

/**
 * Creates a client. A clinician who creates a client is assigned to them as their
 * clinician in the same transaction, so they can chart at once.
 */
export async function createClient(ctx: RepoContext, input: NewClientInput): Promise<Client> {
  const data = parseInput(NewClientInput, input, 'client');
  if (data.dateOfBirth && data.dateOfBirth > new Date().toISOString().slice(0, 10)) {
    throw new StorageError('invalid-input', 'is in the future', 'client.dateOfBirth');
  }
  return guarded(ctx, { permission: 'client.create', action: 'client.create', entityType: 'client', clientId: null }, async (trx) => {
    if (data.externalRef) {
      const dup = await trx.selectFrom('clients').select('id').where('external_ref', '=', data.externalRef).executeTakeFirst();
      if (dup) throw new StorageError('conflict', `a client with external reference ${data.externalRef} exists`, 'client.externalRef');
    }
    const id = newId();
    const at = nowIso();
    await trx
      .insertInto('clients')
      .values({ id, display_name: data.displayName, date_of_birth: data.dateOfBirth ?? null, external_ref: data.externalRef ?? null, created_at: at, created_by: ctx.actor.userId })
      .execute();
    if (ctx.actor.roles.includes('clinician')) {
      await trx.insertInto('client_assignments').values({ client_id: id, user_id: ctx.actor.userId, relation: 'clinician', created_at: at }).execute();
    }
    return {
      value: { id, displayName: data.displayName, dateOfBirth: data.dateOfBirth ?? null, externalRef: data.externalRef ?? null, createdAt: at },
      entityId: id,
      clientId: id,
    };
  });
}

/** One client, if the actor may see them; otherwise `not-found`. */
export async function getClient(ctx: RepoContext, clientId: string): Promise<Client> {
  return guarded(ctx, { permission: 'client.read', action: 'client.read', entityType: 'client', clientId, entityId: clientId }, async (trx) => {
    const row = await trx.selectFrom('clients').selectAll().where('id', '=', clientId).executeTakeFirstOrThrow();
    return { value: toClient(row) };
  });
}

/** The clients the actor may see: all for practice-wide roles, else their assigned clients. */
export async function listClients(ctx: RepoContext): Promise<Client[]> {
  const { actor, store } = ctx;
  const allRole = actor.roles.find((r) => ROLE_GRANTS[r]['client.read'] === 'all');
  const relations = new Set<AssignmentRelation>();
  for (const r of actor.roles) {
    const scope = ROLE_GRANTS[r]['client.read'];
    if (scope === 'assigned') ASSIGNMENT_RELATIONS.forEach((x) => relations.add(x));
    if (scope === 'assigned-clinician') relations.add('clinician');
    if (scope === 'assigned-supervisor') relations.add('supervisor');
  }
  const role = allRole ?? actor.roles.find((r) => ROLE_GRANTS[r]['client.read'] !== undefined) ?? null;
  return store.db.transaction().execute(async (trx) => {
    let value: Client[] = [];
    if (allRole || relations.size > 0) {
      let q = trx.selectFrom('clients').selectAll().orderBy('display_name').orderBy('id');
      if (!allRole) {
        q = q.where(
          'id',
          'in',
          trx.selectFrom('client_assignments').select('client_id').where('user_id', '=', actor.userId).where('relation', 'in', [...relations]),
        );
      }
      value = (await q.execute()).map(toClient);
    }
    await appendAudit(trx, store.adapter, {
      actorId: actor.userId,
      actorRole: role,
      action: 'client.list',
      entityType: 'client',
      outcome: role ? 'allowed' : 'denied',
      requestId: actor.requestId ?? null,
    });
    return value;
  });
}

export const AssignmentInput = z.object({
  clientId: z.string().min(1),
  userId: z.string().min(1),
  relation: z.enum(ASSIGNMENT_RELATIONS),
});
export type AssignmentInput = z.input<typeof AssignmentInput>;

/** Assigns a user to a client as clinician or supervisor (admins). Idempotent. */
export async function assignClient(ctx: RepoContext, input: AssignmentInput): Promise<void> {
  const data = parseInput(AssignmentInput, input, 'assignment');
  await guarded(ctx, { permission: 'client.assign', action: 'client.assign', entityType: 'assignment', clientId: data.clientId, entityId: data.userId }, async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('id', '=', data.userId).executeTakeFirst();
    if (!user) throw new StorageError('invalid-input', 'is not a known user', 'assignment.userId');
    const roles = (await trx.selectFrom('user_roles').select('role').where('user_id', '=', data.userId).execute()).map((r) => r.role);
    if (!roles.includes(data.relation)) {
      throw new StorageError('invalid-input', `the user does not hold the ${data.relation} role`, 'assignment.relation');
    }
    const existing = await trx
      .selectFrom('client_assignments')
      .select('client_id')
      .where('client_id', '=', data.clientId)
      .where('user_id', '=', data.userId)
      .where('relation', '=', data.relation)
      .executeTakeFirst();
    if (!existing) {
      await trx.insertInto('client_assignments').values({ client_id: data.clientId, user_id: data.userId, relation: data.relation, created_at: nowIso() }).execute();
    }
    return { value: undefined };
  });
}

function toClient(row: { id: string; display_name: string; date_of_birth: string | null; external_ref: string | null; created_at: string }): Client {
  return { id: row.id, displayName: row.display_name, dateOfBirth: row.date_of_birth, externalRef: row.external_ref, createdAt: row.created_at };
}
