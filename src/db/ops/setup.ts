/**
 * First-run setup: the practice, its first admin, the vault's recovery key (whose private
 * half is returned once as the recovery code and never stored) and the admin's own vault
 * key. Refuses when either store is already set up.
 */
import type { StoreConfig } from '../../config/config.ts';
import { practiceExists, unsafeCreatePractice, type PracticeSetupInput } from '../chart/users-repository.ts';
import { StorageError } from '../errors.ts';
import { openStores } from './stores.ts';

export interface SetupResult {
  readonly practiceId: string;
  readonly adminId: string;
  /** Show once; Notewall keeps no copy (45 CFR 164.312(a)(2)(ii)). */
  readonly recoveryCode: string;
}

export async function setupPractice(config: StoreConfig, input: PracticeSetupInput): Promise<SetupResult> {
  const stores = await openStores(config);
  try {
    if (await practiceExists(stores.chart)) throw new StorageError('conflict', 'the practice is already set up');
    // Chart first: it validates the input and is one transaction. The vault steps follow;
    // if they fail, setup reports it and the data directory should be removed and setup re-run.
    const { practiceId, adminId } = await unsafeCreatePractice(stores.chart, input);
    const { recoveryCode } = await stores.vault.initPractice();
    await stores.vault.createAuthorKey(adminId, input.admin.password);
    return { practiceId, adminId, recoveryCode };
  } finally {
    await stores.close();
  }
}
