/**
 * The practice and its users. `unsafeCreatePractice` runs before any user exists (first-run
 * setup), so it has no actor to check; everything else is scoped to an actor.
 */
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { appendAudit } from '../audit/audit-log.ts';
import { newId, nowIso } from '../clock.ts';
import { StorageError } from '../errors.ts';
import type { ChartStore } from './chart-store.ts';
import { guarded, parseInput, type RepoContext } from './context.ts';
import { ROLES, type Role } from './schema.ts';

/** 164.312(d) person authentication: argon2id at the OWASP minimum (dependencies.md §4.4). */
const PASSWORD_HASH_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const Password = z.string().min(12, 'must be at least 12 characters').max(1024);
export const Username = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'must be 2–63 lower-case letters, digits, dots, dashes or underscores');

export const NewUserInput = z.object({
  username: Username,
  displayName: z.string().trim().min(1, 'is required').max(200),
  password: Password,
  roles: z.array(z.enum(ROLES)).min(1, 'needs at least one role'),
});
export type NewUserInput = z.input<typeof NewUserInput>;

export const PracticeSetupInput = z.object({
  practiceName: z.string().trim().min(1, 'is required').max(200),
  admin: NewUserInput,
});
export type PracticeSetupInput = z.input<typeof PracticeSetupInput>;

export interface UserSummary {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
}

/** Whether the practice has been set up. */
export async function practiceExists(store: ChartStore): Promise<boolean> {
  const row = await store.db.selectFrom('practice').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * First-run setup: the practice row and its first admin, in one transaction with its audit
 * row. Unsafe because there is no actor yet; refuses (`conflict`) once a practice exists.
 */
export async function unsafeCreatePractice(
  store: ChartStore,
  input: PracticeSetupInput,
  options: { readonly adminId?: string } = {},
): Promise<{ practiceId: string; adminId: string }> {
  const data = parseInput(PracticeSetupInput, input, 'setup');
  const passwordHash = await hash(data.admin.password, PASSWORD_HASH_OPTIONS);
  return store.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('practice').select('id').limit(1).executeTakeFirst();
    if (existing) throw new StorageError('conflict', 'the practice is already set up');
    const practiceId = newId();
    // Setup chooses the admin id up front when the vault key is made for it first.
    const adminId = options.adminId ?? newId();
    const at = nowIso();
    await trx.insertInto('practice').values({ id: practiceId, name: data.practiceName, created_at: at }).execute();
    await trx
      .insertInto('users')
      .values({ id: adminId, username: data.admin.username, display_name: data.admin.displayName, password_hash: passwordHash, active: 1, created_at: at })
      .execute();
    for (const role of new Set(data.admin.roles)) await trx.insertInto('user_roles').values({ user_id: adminId, role }).execute();
    await appendAudit(trx, store.adapter, {
      actorId: adminId,
      actorRole: 'admin',
      action: 'practice.setup',
      entityType: 'practice',
      entityId: practiceId,
      outcome: 'allowed',
    });
    return { practiceId, adminId };
  });
}

/** Creates a user (admins only). A taken username is a `conflict` naming the field. */
export async function createUser(ctx: RepoContext, input: NewUserInput): Promise<UserSummary> {
  const data = parseInput(NewUserInput, input, 'user');
  const passwordHash = await hash(data.password, PASSWORD_HASH_OPTIONS);
  return guarded(ctx, { permission: 'user.manage', action: 'user.create', entityType: 'user', clientId: null }, async (trx) => {
    const taken = await trx.selectFrom('users').select('id').where('username', '=', data.username).executeTakeFirst();
    if (taken) throw new StorageError('conflict', `username ${data.username} is taken`, 'user.username');
    const id = newId();
    await trx
      .insertInto('users')
      .values({ id, username: data.username, display_name: data.displayName, password_hash: passwordHash, active: 1, created_at: nowIso() })
      .execute();
    const roles = [...new Set(data.roles)];
    for (const role of roles) await trx.insertInto('user_roles').values({ user_id: id, role }).execute();
    return { value: { id, username: data.username, displayName: data.displayName, roles }, entityId: id };
  });
}

let decoyHash: Promise<string> | undefined;

/**
 * Checks a username and password; returns the user id or `null`. Used by login before an
 * actor exists. A wrong username costs the same argon2 work as a wrong password.
 */
export async function authenticate(store: ChartStore, username: string, password: string): Promise<string | null> {
  const user = await store.db
    .selectFrom('users')
    .select(['id', 'password_hash', 'active'])
    .where('username', '=', username)
    .executeTakeFirst();
  decoyHash ??= hash('not-a-password-of-anyone', PASSWORD_HASH_OPTIONS);
  const ok = await verify(user?.password_hash ?? (await decoyHash), password).catch(() => false);
  return ok && user && store.adapter.toNumber(user.active) === 1 ? user.id : null;
}

/** Replaces a user's login password hash (the vault re-wraps the key separately). */
export async function unsafeSetPasswordHash(store: ChartStore, userId: string, password: string): Promise<void> {
  const data = parseInput(Password, password, 'password');
  const passwordHash = await hash(data, PASSWORD_HASH_OPTIONS);
  await store.db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

export const TrainingInput = z.object({
  userId: z.string().min(1),
  module: z.string().trim().min(1, 'is required').max(200),
  completedAt: z.iso.datetime({ message: 'must be an ISO date-time' }),
  score: z.number().int().min(0).max(100).optional(),
});
export type TrainingInput = z.input<typeof TrainingInput>;

/** Records a staff-training completion (164.308(a)(5) security awareness and training). */
export async function recordTraining(ctx: RepoContext, input: TrainingInput): Promise<string> {
  const data = parseInput(TrainingInput, input, 'training');
  return guarded(ctx, { permission: 'training.record', action: 'training.record', entityType: 'training', clientId: null }, async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('id', '=', data.userId).executeTakeFirst();
    if (!user) throw new StorageError('invalid-input', 'is not a known user', 'training.userId');
    const id = newId();
    await trx
      .insertInto('staff_training')
      .values({ id, user_id: data.userId, module: data.module, completed_at: data.completedAt, score: data.score ?? null, created_at: nowIso() })
      .execute();
    return { value: id, entityId: id };
  });
}

/** Lists users and their roles (admins only). */
/** A row of the admin's user list: the summary plus whether the account is active. */
export interface UserListEntry extends UserSummary {
  readonly active: boolean;
}

export async function listUsers(ctx: RepoContext): Promise<UserListEntry[]> {
  return guarded(ctx, { permission: 'user.manage', action: 'user.read', entityType: 'user', clientId: null }, async (trx) => {
    const users = await trx.selectFrom('users').select(['id', 'username', 'display_name', 'active']).orderBy('username').execute();
    const roles = await trx.selectFrom('user_roles').select(['user_id', 'role']).execute();
    const value = users.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role),
      active: ctx.store.adapter.toNumber(u.active) === 1,
    }));
    return { value };
  });
}
