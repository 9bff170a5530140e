/**
 * Store fixtures for the database tests: a fresh SQLite data directory, or a throw-away
 * PostgreSQL layout (test/helpers/pg.ts), behind one interface, plus a seeded practice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreConfig } from '../../src/config/config.ts';
import { chartTarget, openChartStore, type ChartStore, type ChartStoreOptions } from '../../src/db/chart/chart-store.ts';
import { loadActor, type Actor, type RepoContext } from '../../src/db/chart/context.ts';
import { createUser, unsafeCreatePractice } from '../../src/db/chart/users-repository.ts';
import type { Role } from '../../src/db/chart/schema.ts';
import { createPgSandbox, pgSuiteEnabled } from '../helpers/pg.ts';

export const STORE_KINDS = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export interface StoreKit {
  readonly kind: StoreKind;
  readonly config: StoreConfig;
  readonly dataDir: string;
  cleanup(): Promise<void>;
}

/** The store kinds to run a suite on: SQLite always, PostgreSQL when reachable (or required). */
export async function storeKinds(suite: string): Promise<StoreKind[]> {
  return (await pgSuiteEnabled(suite)) ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** A fresh, empty pair of stores of `kind`. */
export async function makeKit(kind: StoreKind): Promise<StoreKit> {
  const dataDir = mkdtempSync(join(tmpdir(), 'notewall-test-'));
  const rmData = () => rmSync(dataDir, { recursive: true, force: true });
  if (kind === 'sqlite') {
    return { kind, dataDir, config: { kind: 'sqlite', dataDir }, cleanup: () => Promise.resolve(rmData()) };
  }
  const sandbox = await createPgSandbox();
  return {
    kind,
    dataDir,
    config: {
      kind: 'postgres',
      dataDir,
      chartUrl: sandbox.chartUrl,
      vaultUrl: sandbox.vaultUrl,
      chartSchema: sandbox.chartSchema,
      vaultSchema: sandbox.vaultSchema,
    },
    async cleanup() {
      await sandbox.drop();
      rmData();
    },
  };
}

export function openChart(kit: StoreKit, options?: ChartStoreOptions): Promise<ChartStore> {
  return openChartStore(chartTarget(kit.config), options);
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** The seeded practice: one user per role, plus a second clinician. */
export interface Practice {
  readonly adminId: string;
  readonly users: Readonly<Record<'clinician' | 'clinician2' | 'supervisor' | 'records' | 'biller', string>>;
  ctx(userId: string): Promise<RepoContext>;
  actor(userId: string): Promise<Actor>;
}

export async function seedPractice(store: ChartStore): Promise<Practice> {
  const { adminId } = await unsafeCreatePractice(store, {
    practiceName: 'Synthetic Counselling Group',
    admin: { username: 'admin', displayName: 'A. D.', password: TEST_PASSWORD, roles: ['admin'] },
  });
  const admin = { store, actor: await loadActor(store, adminId) };
  const mk = async (username: string, roles: Role[]) => (await createUser(admin, { username, displayName: username.toUpperCase(), password: TEST_PASSWORD, roles })).id;
  const users = {
    clinician: await mk('clin-a', ['clinician']),
    clinician2: await mk('clin-b', ['clinician']),
    supervisor: await mk('super-s', ['supervisor', 'clinician']),
    records: await mk('records-r', ['records']),
    biller: await mk('biller-b', ['biller']),
  };
  const actor = (userId: string) => loadActor(store, userId);
  return { adminId, users, actor, ctx: async (userId) => ({ store, actor: await actor(userId) }) };
}

/** Row counts of every chart table except the audit log: "nothing changed" checks compare these. */
export async function chartCounts(store: ChartStore): Promise<Record<string, number>> {
  const tables = [
    'practice', 'users', 'user_roles', 'clients', 'client_assignments', 'sessions', 'diagnoses', 'treatment_goals',
    'progress_notes', 'progress_note_versions', 'note_signatures', 'note_addenda', 'measure_administrations',
    'authorizations', 'records_requests', 'disclosures', 'staff_training',
  ] as const;
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await store.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    out[t] = store.adapter.toNumber(r.n);
  }
  return out;
}

/** A valid progress-note content for tests (synthetic). */
export function noteContent(date = '2025-03-04', extra: Record<string, unknown> = {}) {
  return {
    format: 'soap' as const,
    session: { date, start: '10:00', end: '10:53', modality: 'individual' as const, cptCodes: ['90837'] },
    diagnoses: [{ code: 'F41.1' }],
    risk: { suicidalIdeation: 'denied' as const, homicidalIdeation: 'denied' as const, selfHarm: 'denied' as const },
    sections: { subjective: 'Client J.Q. reports improved sleep.', objective: 'Calm, engaged.', assessment: 'Progressing.', plan: 'Continue weekly.' },
    ...extra,
  };
}
