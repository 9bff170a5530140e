/**
 * First-run setup: the practice, its first admin, the vault's recovery key (whose private
 * half is returned once as the recovery code and never stored) and the admin's own vault
 * key. Refuses when the practice is already set up.
 *
 * Two stores cannot share a transaction, so the steps are ordered to make a failure at any
 * point leave a state from which setup simply runs again:
 *
 * 1. Validate everything (nothing is written on bad input).
 * 2. **Vault**: the recovery key and the admin's author key, for an admin id chosen here.
 *    Nothing can use them yet: no chart user has that id.
 * 3. **Chart**, in one transaction: the practice, the admin (with that id), its roles and
 *    the audit row. Its commit is the moment setup takes effect.
 *
 * If step 2 or 3 fails, the vault rows of step 2 are removed (compensation) and a `failed`
 * audit row is written. If the process dies before it can compensate, the next `setup`
 * finds vault keys but no practice in the chart, recognises an unfinished setup (the vault
 * holds no notes, and its recovery code was never shown), clears it and starts again.
 */
import { hash } from '@node-rs/argon2';
import type { StoreConfig } from '../../config/config.ts';
import { appendAudit, appendAuditStandalone } from '../audit/audit-log.ts';
import type { ChartStore } from '../chart/chart-store.ts';
import { parseInput } from '../chart/context.ts';
import { practiceExists, PracticeSetupInput } from '../chart/users-repository.ts';
import { newId, nowIso } from '../clock.ts';
import { StorageError } from '../errors.ts';
import { openStores, type Stores } from './stores.ts';

export interface SetupResult {
  readonly practiceId: string;
  readonly adminId: string;
  /** Show once; Notewall keeps no copy (45 CFR 164.312(a)(2)(ii)). */
  readonly recoveryCode: string;
  /** True when the vault held the remains of an earlier, unfinished setup, now cleared. */
  readonly clearedUnfinished: boolean;
}

/**
 * The login password hash: argon2id at the OWASP minimum, the parameters
 * `users-repository.ts` uses, so `authenticate` verifies it (164.312(d)).
 */
const PASSWORD_HASH_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * Removes what an unfinished setup left in the vault. Refuses (`conflict`) when the vault
 * holds psychotherapy notes: then it belongs to some other chart, and nothing is touched.
 * Returns whether anything was removed.
 */
async function clearUnfinishedVault(stores: Stores): Promise<boolean> {
  const db = stores.vault.database.db;
  return db.transaction().execute(async (trx) => {
    const practice = await trx.selectFrom('vault_practice').select('id').executeTakeFirst();
    const keys = await trx.selectFrom('author_keys').select('user_id').executeTakeFirst();
    if (!practice && !keys) return false;
    const note = await trx.selectFrom('psychotherapy_notes').select('id').limit(1).executeTakeFirst();
    if (note) {
      throw new StorageError('conflict', 'the vault holds psychotherapy notes but the chart has no practice: these stores do not belong together (check NOTEWALL_DATA_DIR, or DATABASE_URL and VAULT_DATABASE_URL)');
    }
    await trx.deleteFrom('access_notices').execute();
    await trx.deleteFrom('unlock_sessions').execute();
    await trx.deleteFrom('author_keys').execute();
    await trx.deleteFrom('vault_practice').execute();
    return true;
  });
}

/** The chart step: practice, admin with the id the vault key was made for, roles, audit row. */
async function createPracticeRows(chart: ChartStore, parsed: ReturnType<typeof PracticeSetupInput.parse>, adminId: string, passwordHash: string): Promise<string> {
  return chart.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('practice').select('id').limit(1).executeTakeFirst();
    if (existing) throw new StorageError('conflict', 'the practice is already set up');
    const practiceId = newId();
    const at = nowIso();
    await trx.insertInto('practice').values({ id: practiceId, name: parsed.practiceName, created_at: at }).execute();
    await trx
      .insertInto('users')
      .values({ id: adminId, username: parsed.admin.username, display_name: parsed.admin.displayName, password_hash: passwordHash, active: 1, created_at: at })
      .execute();
    for (const role of new Set(parsed.admin.roles)) await trx.insertInto('user_roles').values({ user_id: adminId, role }).execute();
    await appendAudit(trx, chart.adapter, { actorId: adminId, actorRole: 'admin', action: 'practice.setup', entityType: 'practice', entityId: practiceId, outcome: 'allowed' });
    return practiceId;
  });
}

/** Sets the practice up (see the module comment for how a failure part-way is handled). */
export async function setupPractice(config: StoreConfig, input: PracticeSetupInput): Promise<SetupResult> {
  const data = parseInput(PracticeSetupInput, input, 'setup');
  const passwordHash = await hash(data.admin.password, PASSWORD_HASH_OPTIONS);
  const stores = await openStores(config);
  try {
    if (await practiceExists(stores.chart)) throw new StorageError('conflict', 'the practice is already set up');
    const clearedUnfinished = await clearUnfinishedVault(stores);
    if (clearedUnfinished) {
      await appendAuditStandalone(stores.chart.db, stores.chart.adapter, { actorId: null, actorRole: null, action: 'practice.setup', entityType: 'practice', outcome: 'failed', reason: 'cleared the vault keys of an unfinished setup' });
    }
    const adminId = newId();
    try {
      const { recoveryCode } = await stores.vault.initPractice();
      await stores.vault.createAuthorKey(adminId, data.admin.password);
      const practiceId = await createPracticeRows(stores.chart, data, adminId, passwordHash);
      return { practiceId, adminId, recoveryCode, clearedUnfinished };
    } catch (err) {
      // Compensate: the chart step did not commit, so this attempt's vault keys go. If even
      // that fails, the next setup recognises and clears them (see the module comment).
      try {
        await clearUnfinishedVault(stores);
        await appendAuditStandalone(stores.chart.db, stores.chart.adapter, { actorId: null, actorRole: null, action: 'practice.setup', entityType: 'practice', outcome: 'failed', reason: 'setup failed; its vault keys were removed' });
      } catch {
        // The original error is the one to report.
      }
      throw err;
    }
  } finally {
    await stores.close();
  }
}
