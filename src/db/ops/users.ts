/** Creating a user gives them a vault key at once, so notes can be written (and imported) to them. */
import { createUser, type NewUserInput, type UserSummary } from '../chart/users-repository.ts';
import type { RepoContext } from '../chart/context.ts';
import type { Stores } from './stores.ts';

export async function createUserWithVaultKey(stores: Stores, ctx: RepoContext, input: NewUserInput): Promise<UserSummary> {
  const user = await createUser(ctx, input);
  await stores.vault.createAuthorKey(user.id, input.password);
  return user;
}
