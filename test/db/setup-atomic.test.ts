/**
 * Setup spans two stores that cannot share a transaction. Whatever fails part-way, and
 * even when the process dies before it can clean up, the stores are left in a state from
 * which `setup` simply succeeds on retry; and setup never wipes a vault that holds notes.
 * Failures are real database errors (a trigger that refuses the insert), not mocks.
 */
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/db/audit/audit-log.ts';
import { StorageError } from '../../src/db/errors.ts';
import { setupPractice } from '../../src/db/ops/setup.ts';
import { openStores, type Stores } from '../../src/db/ops/stores.ts';
import { makeKit, storeKinds, TEST_PASSWORD, type StoreKit } from './fixtures.ts';

const kinds = await storeKinds('setup atomicity');
const INPUT = { practiceName: 'Synthetic Counselling', admin: { username: 'admin', displayName: 'A. D.', password: TEST_PASSWORD, roles: ['admin' as const] } };

interface State {
  practices: number;
  users: number;
  vaultPractices: number;
  authorKeys: string[];
  vaultNotes: number;
}

async function withStores<T>(kit: StoreKit, fn: (s: Stores) => Promise<T>): Promise<T> {
  const stores = await openStores(kit.config);
  try {
    return await fn(stores);
  } finally {
    await stores.close();
  }
}

function state(kit: StoreKit): Promise<State> {
  return withStores(kit, async ({ chart, vault }) => {
    const v = vault.database.db;
    return {
      practices: (await chart.db.selectFrom('practice').select('id').execute()).length,
      users: (await chart.db.selectFrom('users').select('id').execute()).length,
      vaultPractices: (await v.selectFrom('vault_practice').select('id').execute()).length,
      authorKeys: (await v.selectFrom('author_keys').select('user_id').execute()).map((r) => r.user_id),
      vaultNotes: (await v.selectFrom('psychotherapy_notes').select('id').execute()).length,
    };
  });
}

const EMPTY: State = { practices: 0, users: 0, vaultPractices: 0, authorKeys: [], vaultNotes: 0 };

/** Makes inserts into `table` fail with a real database error, as a full disk or a lost connection would. */
async function breakInserts(stores: Stores, store: 'chart' | 'vault', table: string): Promise<void> {
  const db = store === 'chart' ? stores.chart.db : stores.vault.database.db;
  if (stores.chart.adapter.kind === 'sqlite') {
    await sql.raw(`CREATE TRIGGER test_fail BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`).execute(db);
  } else {
    await sql.raw(`CREATE FUNCTION test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated failure'; END $$`).execute(db);
    await sql.raw(`CREATE TRIGGER test_fail BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION test_fail()`).execute(db);
  }
}

async function repair(stores: Stores, store: 'chart' | 'vault', table: string): Promise<void> {
  const db = store === 'chart' ? stores.chart.db : stores.vault.database.db;
  if (stores.chart.adapter.kind === 'sqlite') {
    await sql.raw('DROP TRIGGER test_fail').execute(db);
  } else {
    await sql.raw(`DROP TRIGGER test_fail ON ${table}`).execute(db);
    await sql.raw('DROP FUNCTION test_fail()').execute(db);
  }
}

/** Setup succeeded completely: one practice, one admin whose vault key opens with the password. */
async function expectComplete(kit: StoreKit, adminId: string): Promise<void> {
  expect(await state(kit)).toEqual({ practices: 1, users: 1, vaultPractices: 1, authorKeys: [adminId], vaultNotes: 0 });
  await withStores(kit, async ({ chart, vault }) => {
    await expect(vault.unlock(adminId, TEST_PASSWORD)).resolves.toMatchObject({ sessionId: expect.any(String) as string });
    expect((await verifyAuditChain(chart.db, chart.adapter)).ok).toBe(true);
  });
}

describe.each(kinds)('setup across both stores on %s', (kind) => {
  let kit: StoreKit;
  beforeEach(async () => {
    kit = await makeKit(kind);
  });
  afterEach(async () => {
    await kit.cleanup();
  });

  it('removes the vault keys when the chart step fails, and succeeds on retry', async () => {
    await withStores(kit, (s) => breakInserts(s, 'chart', 'practice'));
    await expect(setupPractice(kit.config, INPUT)).rejects.toThrow(/simulated failure/);
    expect(await state(kit)).toEqual(EMPTY);
    const failed = await withStores(kit, ({ chart }) => chart.db.selectFrom('audit_log').select(['action', 'outcome']).where('outcome', '=', 'failed').execute());
    expect(failed).toEqual([{ action: 'practice.setup', outcome: 'failed' }]);

    await withStores(kit, (s) => repair(s, 'chart', 'practice'));
    const result = await setupPractice(kit.config, INPUT);
    expect(result.clearedUnfinished).toBe(false);
    await expectComplete(kit, result.adminId);
  });

  it('leaves nothing in either store when the vault step fails, and succeeds on retry', async () => {
    await withStores(kit, (s) => breakInserts(s, 'vault', 'author_keys'));
    await expect(setupPractice(kit.config, INPUT)).rejects.toThrow(/simulated failure/);
    expect(await state(kit)).toEqual(EMPTY);
    await withStores(kit, (s) => repair(s, 'vault', 'author_keys'));
    await expectComplete(kit, (await setupPractice(kit.config, INPUT)).adminId);
  });

  it('recognises the remains of a setup whose process died between the steps, and starts again', async () => {
    // What a setup killed after the vault step and before the chart commit leaves behind.
    const orphan = randomUUID();
    await withStores(kit, async ({ vault }) => {
      await vault.initPractice();
      await vault.createAuthorKey(orphan, TEST_PASSWORD);
    });
    expect(await state(kit)).toMatchObject({ practices: 0, vaultPractices: 1, authorKeys: [orphan] });
    const result = await setupPractice(kit.config, INPUT);
    expect(result.clearedUnfinished).toBe(true);
    await expectComplete(kit, result.adminId);
    // The recovery code printed now is the only one: the unfinished setup's key is gone.
    expect(result.adminId).not.toBe(orphan);
  });

  it('refuses, changing nothing, when the vault holds notes but the chart has no practice', async () => {
    const author = randomUUID();
    await withStores(kit, async ({ vault }) => {
      await vault.initPractice();
      await vault.createAuthorKey(author, TEST_PASSWORD);
      await vault.unsafeImportNote({ importerId: author, authorId: author, clientId: randomUUID(), content: { body: 'Synthetic note from another practice.' } });
    });
    const before = await state(kit);
    const err = await setupPractice(kit.config, INPUT).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ code: 'conflict' });
    expect((err as Error).message).toMatch(/do not belong together/);
    expect(await state(kit)).toEqual(before);
  });

  it('refuses a second setup once the first has finished', async () => {
    const first = await setupPractice(kit.config, INPUT);
    await expect(setupPractice(kit.config, INPUT)).rejects.toThrow(/already set up/);
    await expectComplete(kit, first.adminId);
  });
});
