/**
 * The audit chain catches tampering (45 CFR 164.312(b), (c)(1)). The tests play an attacker
 * with direct database access who first disables the append-only triggers, then updates,
 * deletes or reorders rows; verification names the first broken row each time.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/db/audit/audit-log.ts';
import type { ChartStore } from '../../src/db/chart/chart-store.ts';
import { createClient, getClient } from '../../src/db/chart/clients-repository.ts';
import { loadActor } from '../../src/db/chart/context.ts';
import { unsafeCreatePractice } from '../../src/db/chart/users-repository.ts';
import { makeKit, openChart, storeKinds, TEST_PASSWORD, type StoreKit } from './fixtures.ts';

const kinds = await storeKinds('audit chain');

describe.each(kinds)('audit chain on %s', (kind) => {
  let kit: StoreKit;
  let store: ChartStore;

  beforeEach(async () => {
    kit = await makeKit(kind);
    store = await openChart(kit);
    // One argon2 hash only: the admin is the only user these tests need.
    const { adminId } = await unsafeCreatePractice(store, {
      practiceName: 'Synthetic Practice',
      admin: { username: 'admin', displayName: 'A. D.', password: TEST_PASSWORD, roles: ['admin'] },
    });
    const ctx = { store, actor: await loadActor(store, adminId) };
    const c = await createClient(ctx, { displayName: 'R.S.' });
    for (let i = 0; i < 6; i++) await getClient(ctx, c.id);
    await getClient({ store, actor: { userId: adminId, roles: ['biller'] } }, 'no-such-client').catch(() => undefined);
    await getClient({ store, actor: { userId: adminId, roles: [] } }, c.id).catch(() => undefined);
    // The attacker lifts the append-only protection first.
    const drops =
      kind === 'sqlite'
        ? ['DROP TRIGGER audit_log_no_update', 'DROP TRIGGER audit_log_no_delete']
        : ['ALTER TABLE audit_log DISABLE TRIGGER USER'];
    for (const s of drops) await sql.raw(s).execute(store.db);
  });
  afterEach(async () => {
    await store.close();
    await kit.cleanup();
  });

  const run = (s: string) => sql.raw(s).execute(store.db);

  it('verifies an untouched chain and counts its rows', async () => {
    const r = await verifyAuditChain(store.db, store.adapter);
    expect(r.ok).toBe(true);
    expect(r.rows).toBeGreaterThanOrEqual(10);
  });

  it('names the first updated row', async () => {
    await run(`UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = 9`);
    await run(`UPDATE audit_log SET reason = 'x' WHERE seq = 10`);
    const r = await verifyAuditChain(store.db, store.adapter, 3);
    expect(r).toMatchObject({ ok: false, brokenSeq: 9 });
  });

  it('catches an update that also recomputes nothing but the hash column (chain link breaks)', async () => {
    await run(`UPDATE audit_log SET hash = (SELECT hash FROM audit_log WHERE seq = 2) WHERE seq = 5`);
    const r = await verifyAuditChain(store.db, store.adapter);
    expect(r).toMatchObject({ ok: false, brokenSeq: 5 });
  });

  it('names the first deleted row', async () => {
    await run(`DELETE FROM audit_log WHERE seq = 7`);
    const r = await verifyAuditChain(store.db, store.adapter);
    expect(r).toMatchObject({ ok: false, brokenSeq: 7 });
    if (!r.ok) expect(r.problem).toMatch(/missing/);
  });

  it('catches reordered rows (sequence numbers swapped)', async () => {
    await run(`UPDATE audit_log SET seq = -1 WHERE seq = 4`);
    await run(`UPDATE audit_log SET seq = 4 WHERE seq = 6`);
    await run(`UPDATE audit_log SET seq = 6 WHERE seq = -1`);
    const r = await verifyAuditChain(store.db, store.adapter);
    expect(r).toMatchObject({ ok: false, brokenSeq: 4 });
  });
});
