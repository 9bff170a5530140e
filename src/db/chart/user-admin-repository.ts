/**
 * Changing users (admins; 45 CFR 164.308(a)(3)(ii)(C) termination procedures and
 * (a)(4)(ii)(C) access modification): roles, display name, and deactivation. A deactivated
 * user cannot log in and their open sessions end (loadActor refuses inactive users). The
 * practice never loses its last active admin.
 */
import { z } from 'zod';
import { toAuditAction } from '../auth/server-audit.ts';
import { StorageError } from '../errors.ts';
import { guarded, parseInput, type RepoContext } from './context.ts';
import { ROLES, type Role } from './schema.ts';

export const UserUpdateInput = z
  .object({
    displayName: z.string().trim().min(1, 'is required').max(200).optional(),
    roles: z.array(z.enum(ROLES)).min(1, 'needs at least one role').max(5).optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type UserUpdateInput = z.input<typeof UserUpdateInput>;

export interface UserDetail {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly active: boolean;
}

/** Applies an admin's change to a user, in one audited transaction. */
export async function updateUser(ctx: RepoContext, userId: string, input: UserUpdateInput): Promise<UserDetail> {
  const data = parseInput(UserUpdateInput, input, 'user');
  return guarded(ctx, { permission: 'user.manage', action: toAuditAction('user.update'), entityType: 'user', clientId: null, entityId: userId }, async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'username', 'display_name', 'active']).where('id', '=', userId).executeTakeFirst();
    if (!user) throw new StorageError('not-found', 'user not found');
    if (data.active === false && userId === ctx.actor.userId) throw new StorageError('invalid-input', 'you cannot deactivate yourself', 'user.active');
    const current = (await trx.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute()).map((r) => r.role);
    const roles = data.roles ? [...new Set(data.roles)] : current;
    const active = data.active ?? ctx.store.adapter.toNumber(user.active) === 1;
    if (current.includes('admin') && (!roles.includes('admin') || !active)) {
      const admins = await trx
        .selectFrom('user_roles')
        .innerJoin('users', 'users.id', 'user_roles.user_id')
        .select('users.id')
        .where('user_roles.role', '=', 'admin')
        .where('users.active', '=', 1)
        .where('users.id', '!=', userId)
        .execute();
      if (admins.length === 0) throw new StorageError('conflict', 'the practice needs at least one active admin', data.roles ? 'user.roles' : 'user.active');
    }
    await trx
      .updateTable('users')
      .set({ display_name: data.displayName ?? user.display_name, active: active ? 1 : 0 })
      .where('id', '=', userId)
      .execute();
    if (data.roles) {
      await trx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
      for (const role of roles) await trx.insertInto('user_roles').values({ user_id: userId, role }).execute();
    }
    return { value: { id: userId, username: user.username, displayName: data.displayName ?? user.display_name, roles, active } };
  });
}
