/**
 * PostgreSQL for tests: probe the server named by `TEST_DATABASE_URL` (default the local
 * `test` database), and create a throw-away layout (chart and vault schemas, each with its
 * own login role, random suffix) so parallel test files never collide.
 *
 * When the server is unreachable the PostgreSQL suites print one "skipping PostgreSQL
 * suite: …" line and register nothing, unless `NOTEWALL_REQUIRE_PG=1` (CI), in which case
 * they fail.
 */
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { dropStatements, provisionStatements, type PgLayout } from '../../src/db/pg-provision.ts';

export const TEST_PG_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REQUIRE_PG = process.env['NOTEWALL_REQUIRE_PG'] === '1';

export type PgProbe = { readonly ok: true } | { readonly ok: false; readonly reason: string };

let probed: Promise<PgProbe> | undefined;

/** Whether the test server answers (cached per process). */
export function probePg(): Promise<PgProbe> {
  probed ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return { ok: true } as const;
    } catch (err) {
      return { ok: false, reason: `${TEST_PG_URL} is unreachable (${err instanceof Error ? err.message : String(err)})` } as const;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return probed;
}

/**
 * Decides whether to register a PostgreSQL suite: true when the server is up; false (with
 * the skip line printed) when it is down; throws when it is down and `NOTEWALL_REQUIRE_PG=1`.
 */
export async function pgSuiteEnabled(suite: string): Promise<boolean> {
  const probe = await probePg();
  if (probe.ok) return true;
  if (REQUIRE_PG) throw new Error(`PostgreSQL is required (NOTEWALL_REQUIRE_PG=1) but ${probe.reason}`);
  console.warn(`skipping PostgreSQL suite: ${suite}: ${probe.reason}; set TEST_DATABASE_URL or start PostgreSQL to run it`);
  return false;
}

/** A throw-away chart + vault layout with its connection URLs. */
export interface PgSandbox extends PgLayout {
  readonly adminUrl: string;
  readonly chartUrl: string;
  readonly vaultUrl: string;
  drop(): Promise<void>;
}

function urlFor(role: string): string {
  const u = new URL(TEST_PG_URL);
  u.username = role;
  u.password = '';
  return u.toString();
}

async function runAsAdmin(statements: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    for (const s of statements) await client.query(s);
  } finally {
    await client.end();
  }
}

/** Creates schemas `nwc_<suffix>` / `nwv_<suffix>` owned by roles of the same names. */
export async function createPgSandbox(): Promise<PgSandbox> {
  const suffix = randomBytes(5).toString('hex');
  const layout: PgLayout = {
    chartSchema: `nwc_${suffix}`,
    vaultSchema: `nwv_${suffix}`,
    chartRole: `nwc_${suffix}`,
    vaultRole: `nwv_${suffix}`,
  };
  await runAsAdmin(provisionStatements(layout));
  return {
    ...layout,
    adminUrl: TEST_PG_URL,
    chartUrl: urlFor(layout.chartRole),
    vaultUrl: urlFor(layout.vaultRole),
    async drop() {
      await runAsAdmin([
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename IN ('${layout.chartRole}', '${layout.vaultRole}')`,
        ...dropStatements(layout),
      ]);
    },
  };
}

/** Runs one query as the admin (for tests that play an attacker with direct database access). */
export async function adminQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}
