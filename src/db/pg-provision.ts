/**
 * The PostgreSQL layout of ARCHITECTURE.md invariant 1: a chart schema owned by a chart
 * login role and a vault schema owned by a separate vault login role, neither with any
 * grant on the other's schema. Run by a database administrator once (docs/storage.md shows
 * the same statements), and by the tests with random per-run names.
 */
export interface PgLayout {
  readonly chartSchema: string;
  readonly vaultSchema: string;
  readonly chartRole: string;
  readonly vaultRole: string;
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

function check(layout: PgLayout): void {
  for (const [k, v] of Object.entries(layout) as Array<[string, string]>) {
    if (!IDENT.test(v)) throw new Error(`${k} is not a safe SQL identifier: ${v}`);
  }
  if (layout.chartRole === layout.vaultRole) throw new Error('the chart and vault roles must differ');
  if (layout.chartSchema === layout.vaultSchema) throw new Error('the chart and vault schemas must differ');
}

/** Statements that create the roles and schemas (run as a superuser or CREATEROLE owner). */
export function provisionStatements(layout: PgLayout): string[] {
  check(layout);
  const { chartSchema, vaultSchema, chartRole, vaultRole } = layout;
  return [
    `CREATE ROLE ${chartRole} LOGIN`,
    `CREATE ROLE ${vaultRole} LOGIN`,
    `CREATE SCHEMA ${chartSchema} AUTHORIZATION ${chartRole}`,
    `CREATE SCHEMA ${vaultSchema} AUTHORIZATION ${vaultRole}`,
    // Nobody else may even look inside either schema.
    `REVOKE ALL ON SCHEMA ${chartSchema} FROM PUBLIC`,
    `REVOKE ALL ON SCHEMA ${vaultSchema} FROM PUBLIC`,
  ];
}

/** Statements that remove what {@link provisionStatements} created. */
export function dropStatements(layout: PgLayout): string[] {
  check(layout);
  const { chartSchema, vaultSchema, chartRole, vaultRole } = layout;
  return [
    `DROP SCHEMA IF EXISTS ${chartSchema} CASCADE`,
    `DROP SCHEMA IF EXISTS ${vaultSchema} CASCADE`,
    `DROP ROLE IF EXISTS ${chartRole}`,
    `DROP ROLE IF EXISTS ${vaultRole}`,
  ];
}
