/**
 * Login sessions, failed-login counters and lockouts, TOTP factors and the per-role TOTP
 * policy (45 CFR 164.312(a)(2)(i) unique user identification, (a)(2)(iii) automatic
 * logoff, (d) person or entity authentication). Everything lives in the chart database, so
 * a second server instance sees the same sessions and the same lockouts.
 *
 * Login happens before there is an actor, so the functions that serve it take the store,
 * not a {@link RepoContext}; each still writes its audit row in the same transaction.
 */
import type { Kysely } from 'kysely';
import { newId } from '../clock.ts';
import { StorageError } from '../errors.ts';
import type { ChartStore } from '../chart/chart-store.ts';
import { guarded, type RepoContext } from '../chart/context.ts';
import { ROLES, type Role } from '../chart/schema.ts';
import { appendServerAudit, toAuditAction } from './server-audit.ts';
import type { AuthDatabase, AuthSessionsTable, AuthTotpTable } from './schema.ts';

function authDb(store: ChartStore): Kysely<AuthDatabase> {
  return store.db.withTables<AuthDatabase>();
}

const iso = (d: Date): string => d.toISOString();

export interface NewLoginSession {
  readonly tokenHash: string;
  readonly userId: string;
  readonly vaultSessionId: string | null;
  readonly now: Date;
  readonly absoluteSeconds: number;
  readonly totpEnrolmentRequired: boolean;
  readonly requestId: string;
  readonly username: string;
}

/** Stores a new session, clears the username's failure counter and audits the login, in one transaction. */
export async function createLoginSession(store: ChartStore, s: NewLoginSession): Promise<AuthSessionsTable> {
  const row: AuthSessionsTable = {
    id_hash: s.tokenHash,
    user_id: s.userId,
    vault_session_id: s.vaultSessionId,
    created_at: iso(s.now),
    last_seen_at: iso(s.now),
    absolute_expires_at: iso(new Date(s.now.getTime() + s.absoluteSeconds * 1000)),
    revoked_at: null,
    revoked_reason: null,
    totp_enrolment_required: s.totpEnrolmentRequired ? 1 : 0,
  };
  await store.db.transaction().execute(async (trx) => {
    const t = trx.withTables<AuthDatabase>();
    await t.insertInto('auth_sessions').values(row).execute();
    await t.deleteFrom('auth_login_failures').where('username', '=', s.username).execute();
    await appendServerAudit(trx, store, { actorId: s.userId, action: 'auth.login', entityType: 'user', entityId: s.userId, outcome: 'allowed', requestId: s.requestId });
  });
  return row;
}

/** The session with this token hash, if any (revoked ones included, for the reason). */
export async function findLoginSession(store: ChartStore, tokenHash: string): Promise<AuthSessionsTable | undefined> {
  const row = await authDb(store).selectFrom('auth_sessions').selectAll().where('id_hash', '=', tokenHash).executeTakeFirst();
  return row ? { ...row, totp_enrolment_required: store.adapter.toNumber(row.totp_enrolment_required) } : undefined;
}

/** Slides the idle timer. */
export async function touchLoginSession(store: ChartStore, tokenHash: string, now: Date): Promise<void> {
  await authDb(store).updateTable('auth_sessions').set({ last_seen_at: iso(now) }).where('id_hash', '=', tokenHash).where('revoked_at', 'is', null).execute();
}

export const REVOKE_REASONS = ['logout', 'idle', 'absolute', 'user-inactive'] as const;
export type RevokeReason = (typeof REVOKE_REASONS)[number];

/**
 * Ends a session (logout or timeout) and audits it. Returns the vault session to lock, or
 * null when the row was already revoked (another instance got there first).
 */
export async function revokeLoginSession(store: ChartStore, tokenHash: string, reason: RevokeReason, now: Date, requestId: string | null): Promise<{ userId: string; vaultSessionId: string | null } | null> {
  return store.db.transaction().execute(async (trx) => {
    const t = trx.withTables<AuthDatabase>();
    const row = await t.selectFrom('auth_sessions').select(['user_id', 'vault_session_id', 'revoked_at']).where('id_hash', '=', tokenHash).executeTakeFirst();
    if (!row || row.revoked_at !== null) return null;
    await t.updateTable('auth_sessions').set({ revoked_at: iso(now), revoked_reason: reason }).where('id_hash', '=', tokenHash).where('revoked_at', 'is', null).execute();
    await appendServerAudit(trx, store, {
      actorId: row.user_id,
      action: reason === 'logout' ? 'auth.logout' : 'auth.session-expired',
      entityType: 'login-session',
      outcome: 'allowed',
      requestId,
      reason,
    });
    return { userId: row.user_id, vaultSessionId: row.vault_session_id };
  });
}

/** Sessions past their idle or absolute limit that are not revoked yet (for the sweeper). */
export async function expiredLoginSessions(store: ChartStore, now: Date, idleSeconds: number, limit = 100): Promise<Array<{ tokenHash: string; reason: RevokeReason }>> {
  const idleBefore = iso(new Date(now.getTime() - idleSeconds * 1000));
  const rows = await authDb(store)
    .selectFrom('auth_sessions')
    .select(['id_hash', 'last_seen_at', 'absolute_expires_at'])
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('last_seen_at', '<=', idleBefore), eb('absolute_expires_at', '<=', iso(now))]))
    .limit(limit)
    .execute();
  return rows.map((r) => ({ tokenHash: r.id_hash, reason: r.absolute_expires_at <= iso(now) ? 'absolute' : 'idle' }));
}

/** Marks a session's TOTP enrolment as done. */
export async function clearTotpEnrolmentRequirement(store: ChartStore, userId: string): Promise<void> {
  await authDb(store).updateTable('auth_sessions').set({ totp_enrolment_required: 0 }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}

/** Lockout policy: so many failures within the window lock the username for `lockSeconds`. */
export interface LockoutPolicy {
  readonly maxFailures: number;
  readonly windowSeconds: number;
  readonly lockSeconds: number;
}

/** 164.308(a)(5)(ii)(C): 5 failures in 15 minutes lock the account for 15 minutes. */
export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, windowSeconds: 15 * 60, lockSeconds: 15 * 60 };

/** When the username is locked, until when; otherwise null. */
export async function lockedUntil(store: ChartStore, username: string, now: Date): Promise<string | null> {
  const row = await authDb(store).selectFrom('auth_lockouts').select('locked_until').where('username', '=', username).executeTakeFirst();
  return row && row.locked_until > iso(now) ? row.locked_until : null;
}

/**
 * Records a failed login (audited with the user id when the username exists) and locks the
 * username when the policy says so. Unknown usernames are counted too, so a lockout never
 * tells an attacker which usernames exist.
 */
export async function recordLoginFailure(
  store: ChartStore,
  input: { username: string; userId: string | null; now: Date; requestId: string; reason: string; policy: LockoutPolicy },
): Promise<{ locked: boolean }> {
  return store.db.transaction().execute(async (trx) => {
    const t = trx.withTables<AuthDatabase>();
    const at = iso(input.now);
    await t.insertInto('auth_login_failures').values({ id: newId(), username: input.username, at }).execute();
    await appendServerAudit(trx, store, { actorId: input.userId, action: 'auth.login', entityType: 'user', entityId: input.userId, outcome: 'failed', requestId: input.requestId, reason: input.reason });
    const since = iso(new Date(input.now.getTime() - input.policy.windowSeconds * 1000));
    const count = await t.selectFrom('auth_login_failures').select((eb) => eb.fn.countAll().as('n')).where('username', '=', input.username).where('at', '>', since).executeTakeFirst();
    if (store.adapter.toNumber(count?.n) < input.policy.maxFailures) return { locked: false };
    const until = iso(new Date(input.now.getTime() + input.policy.lockSeconds * 1000));
    await t.deleteFrom('auth_lockouts').where('username', '=', input.username).execute();
    await t.insertInto('auth_lockouts').values({ username: input.username, locked_at: at, locked_until: until }).execute();
    await t.deleteFrom('auth_login_failures').where('username', '=', input.username).execute();
    await appendServerAudit(trx, store, { actorId: input.userId, action: 'auth.lockout', entityType: 'user', entityId: input.userId, outcome: 'denied', requestId: input.requestId, reason: `locked until ${until}` });
    return { locked: true };
  });
}

/** Audits a refused login attempt that is not a credential failure (e.g. the account is locked). */
export async function auditLoginRefused(store: ChartStore, input: { userId: string | null; requestId: string; reason: string }): Promise<void> {
  await store.db.transaction().execute((trx) =>
    appendServerAudit(trx, store, { actorId: input.userId, action: 'auth.login', entityType: 'user', entityId: input.userId, outcome: 'denied', requestId: input.requestId, reason: input.reason }),
  );
}

/** A user id for a username (login, before an actor exists); null when unknown. */
export async function userIdByUsername(store: ChartStore, username: string): Promise<string | null> {
  const row = await store.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  return row?.id ?? null;
}

/** Each user's TOTP state for the admin's user list: a confirmed factor, or an enrolment not yet confirmed. */
export async function totpStatusByUser(store: ChartStore): Promise<ReadonlyMap<string, 'enrolled' | 'pending'>> {
  const rows = await authDb(store).selectFrom('auth_totp').select(['user_id', 'confirmed_at']).execute();
  return new Map(rows.map((r) => [r.user_id, r.confirmed_at !== null ? 'enrolled' : 'pending'] as const));
}

/** The user's TOTP factor, if any. */
export async function getTotp(store: ChartStore, userId: string): Promise<AuthTotpTable | undefined> {
  const row = await authDb(store).selectFrom('auth_totp').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return row ? { ...row, last_step: row.last_step === null ? null : store.adapter.toNumber(row.last_step) } : undefined;
}

/** Starts (or restarts) enrolment with a new secret; an already confirmed factor is refused by the caller. */
export async function startTotpEnrolment(store: ChartStore, userId: string, secret: string, requestId: string): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    const t = trx.withTables<AuthDatabase>();
    await t.deleteFrom('auth_totp').where('user_id', '=', userId).where('confirmed_at', 'is', null).execute();
    await t.insertInto('auth_totp').values({ user_id: userId, secret, confirmed_at: null, last_step: null, created_at: new Date().toISOString() }).execute();
    await appendServerAudit(trx, store, { actorId: userId, action: 'auth.totp.enrol', entityType: 'totp', entityId: userId, outcome: 'allowed', requestId });
  });
}

/**
 * Accepts a verified time step: only if it is newer than the last accepted one (a code
 * is never used twice, 164.312(d)). Confirms the factor on first use. Returns false on replay.
 */
export async function acceptTotpStep(store: ChartStore, userId: string, step: number, requestId: string, confirming: boolean): Promise<boolean> {
  return store.db.transaction().execute(async (trx) => {
    const t = trx.withTables<AuthDatabase>();
    const res = await t
      .updateTable('auth_totp')
      .set({ last_step: step, ...(confirming ? { confirmed_at: new Date().toISOString() } : {}) })
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
      .executeTakeFirst();
    const ok = Number(res.numUpdatedRows) === 1;
    if (confirming) await appendServerAudit(trx, store, { actorId: userId, action: 'auth.totp.confirm', entityType: 'totp', entityId: userId, outcome: ok ? 'allowed' : 'failed', requestId });
    return ok;
  });
}

export type TotpPolicy = Readonly<Record<Role, boolean>>;

/** Which roles must use a second factor. Roles without a row do not. */
export async function getTotpPolicy(store: ChartStore): Promise<TotpPolicy> {
  const rows = await authDb(store).selectFrom('auth_role_totp_policy').select(['role', 'required']).execute();
  const out = Object.fromEntries(ROLES.map((r) => [r, false])) as Record<Role, boolean>;
  for (const r of rows) if ((ROLES as readonly string[]).includes(r.role)) out[r.role] = store.adapter.toNumber(r.required) === 1;
  return out;
}

/** Sets the per-role TOTP policy (admins: the `user.manage` grant), audited. */
export async function setTotpPolicy(ctx: RepoContext, policy: Partial<Record<Role, boolean>>): Promise<TotpPolicy> {
  await guarded(ctx, { permission: 'user.manage', action: toAuditAction('auth.totp.policy'), entityType: 'totp-policy', clientId: null }, async (trx) => {
    const t = trx.withTables<AuthDatabase>();
    for (const role of ROLES) {
      const required = policy[role];
      if (required === undefined) continue;
      await t.deleteFrom('auth_role_totp_policy').where('role', '=', role).execute();
      await t.insertInto('auth_role_totp_policy').values({ role, required: required ? 1 : 0, updated_at: new Date().toISOString(), updated_by: ctx.actor.userId }).execute();
    }
    return { value: undefined };
  });
  return getTotpPolicy(ctx.store);
}

/** The logged-in user's own name and username (for the session response). */
export async function userProfile(store: ChartStore, userId: string): Promise<{ id: string; username: string; displayName: string } | undefined> {
  const row = await store.db.selectFrom('users').select(['id', 'username', 'display_name']).where('id', '=', userId).executeTakeFirst();
  return row ? { id: row.id, username: row.username, displayName: row.display_name } : undefined;
}

/**
 * Ends every open session of a user (except `keepTokenHash`), audited; returns the vault
 * sessions to lock. Used when a password changes or an account is deactivated.
 */
export async function revokeUserSessions(store: ChartStore, userId: string, reason: RevokeReason, now: Date, requestId: string | null, keepTokenHash?: string): Promise<string[]> {
  let q = authDb(store).selectFrom('auth_sessions').select('id_hash').where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (keepTokenHash) q = q.where('id_hash', '!=', keepTokenHash);
  const rows = await q.execute();
  const vaultSessions: string[] = [];
  for (const r of rows) {
    const ended = await revokeLoginSession(store, r.id_hash, reason, now, requestId);
    if (ended?.vaultSessionId) vaultSessions.push(ended.vaultSessionId);
  }
  return vaultSessions;
}

/** An admin removes a user's TOTP factor (lost device); the user enrols again. Audited. */
export async function resetTotp(ctx: RepoContext, userId: string): Promise<void> {
  await guarded(ctx, { permission: 'user.manage', action: toAuditAction('auth.totp.reset'), entityType: 'totp', clientId: null, entityId: userId }, async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
    if (!user) throw new StorageError('not-found', 'user not found');
    await trx.withTables<AuthDatabase>().deleteFrom('auth_totp').where('user_id', '=', userId).execute();
    return { value: undefined };
  });
}

/** Audits a password change (the hashes themselves change in the chart and the vault). */
export async function auditPasswordChange(store: ChartStore, userId: string, outcome: 'allowed' | 'failed', requestId: string): Promise<void> {
  await store.db.transaction().execute((trx) => appendServerAudit(trx, store, { actorId: userId, action: 'auth.password', entityType: 'user', entityId: userId, outcome, requestId }));
}

/**
 * Retention for the login tables: revoked or expired session rows older than
 * `keepSeconds`, and failure rows past the lockout window, are deleted (the audit log keeps
 * the events). Returns how many rows went.
 */
export async function pruneAuthTables(store: ChartStore, now: Date, policy: LockoutPolicy, keepSeconds = 7 * 24 * 3600): Promise<number> {
  const db = authDb(store);
  const keepAfter = iso(new Date(now.getTime() - keepSeconds * 1000));
  const sessions = await db
    .deleteFrom('auth_sessions')
    .where((eb) => eb.or([eb.and([eb('revoked_at', 'is not', null), eb('revoked_at', '<', keepAfter)]), eb('absolute_expires_at', '<', keepAfter)]))
    .executeTakeFirst();
  const failures = await db.deleteFrom('auth_login_failures').where('at', '<', iso(new Date(now.getTime() - policy.windowSeconds * 1000))).executeTakeFirst();
  const lockouts = await db.deleteFrom('auth_lockouts').where('locked_until', '<', iso(now)).executeTakeFirst();
  return Number(sessions.numDeletedRows) + Number(failures.numDeletedRows) + Number(lockouts.numDeletedRows);
}
