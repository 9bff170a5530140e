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
import type { StoreConfig } from '../../config/config.ts';
import { appendAuditStandalone } from '../audit/audit-log.ts';
import { parseInput } from '../chart/context.ts';
import { practiceExists, PracticeSetupInput, unsafeCreatePractice } from '../chart/users-repository.ts';
import { newId } from '../clock.ts';
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

/** Sets the practice up (see the module comment for how a failure part-way is handled). */
export async function setupPractice(config: StoreConfig, input: PracticeSetupInput): Promise<SetupResult> {
  const data = parseInput(PracticeSetupInput, input, 'setup');
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
      // The chart step, last: one transaction (practice, admin with this id, roles, audit row).
      const { practiceId } = await unsafeCreatePractice(stores.chart, data, { adminId });
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
