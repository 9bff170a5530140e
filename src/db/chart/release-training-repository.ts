/**
 * Release-of-information training completions (45 CFR 164.530(b)(1): train the workforce
 * on the practice's policies; 164.308(a)(5)). Each staff member records their own passed
 * attempt; the admin sees completion per staff member. Stored in the existing
 * `staff_training` table, module `release-of-information`.
 */
import { appendAudit } from '../audit/audit-log.ts';
import { newId, nowIso } from '../clock.ts';
import { StorageError } from '../errors.ts';
import { guarded, type RepoContext } from './context.ts';

/** The module name completions are filed under. */
export const RELEASE_TRAINING_MODULE = 'release-of-information';

/**
 * Records the actor's own completion with its score (percent). A person may always record
 * their own training, so no role grant is checked beyond an active login (the route checks
 * that); the write and its audit row commit together, as `guarded()` does for chart data.
 */
export async function recordOwnCompletion(ctx: RepoContext, scorePercent: number): Promise<string> {
  if (!Number.isInteger(scorePercent) || scorePercent < 0 || scorePercent > 100) throw new StorageError('invalid-input', 'must be a whole percentage', 'training.score');
  const { store, actor } = ctx;
  return store.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'active']).where('id', '=', actor.userId).executeTakeFirst();
    if (!user || store.adapter.toNumber(user.active) !== 1) throw new StorageError('not-found', 'user not found');
    const id = newId();
    const at = nowIso();
    await trx.insertInto('staff_training').values({ id, user_id: actor.userId, module: RELEASE_TRAINING_MODULE, completed_at: at, score: scorePercent, created_at: at }).execute();
    await appendAudit(trx, store.adapter, { actorId: actor.userId, actorRole: actor.roles[0] ?? null, action: 'training.record', entityType: 'training', entityId: id, clientId: null, outcome: 'allowed', requestId: actor.requestId ?? null });
    return id;
  });
}

export interface CompletionRow {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: string[];
  readonly active: boolean;
  /** The latest completion, or null when the person has not completed the module. */
  readonly completedAt: string | null;
  readonly score: number | null;
  readonly attempts: number;
}

/** Completion per staff member, for the admin (every user listed, completed or not). */
export async function completionReport(ctx: RepoContext): Promise<CompletionRow[]> {
  return guarded(ctx, { permission: 'training.record', action: 'user.read', entityType: 'training', clientId: null }, async (trx) => {
    const users = await trx.selectFrom('users').select(['id', 'username', 'display_name', 'active']).orderBy('username').execute();
    const roles = await trx.selectFrom('user_roles').select(['user_id', 'role']).execute();
    const done = await trx.selectFrom('staff_training').select(['user_id', 'completed_at', 'score']).where('module', '=', RELEASE_TRAINING_MODULE).orderBy('completed_at').execute();
    return {
      value: users.map((u) => {
        const mine = done.filter((d) => d.user_id === u.id);
        const last = mine.at(-1);
        return {
          userId: u.id,
          username: u.username,
          displayName: u.display_name,
          roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role),
          active: ctx.store.adapter.toNumber(u.active) === 1,
          completedAt: last?.completed_at ?? null,
          score: last?.score === null || last?.score === undefined ? null : ctx.store.adapter.toNumber(last.score),
          attempts: mine.length,
        };
      }),
    };
  });
}
