/**
 * The one place where SQLite and PostgreSQL differ. Every migration and query is written
 * once against Kysely; what cannot be (trigger syntax, the audit-chain lock, number
 * decoding) is a method on this adapter.
 */
import { sql, type Kysely } from 'kysely';
import { createHash } from 'node:crypto';

export const DIALECT_KINDS = ['sqlite', 'postgres'] as const;
export type DialectKind = (typeof DIALECT_KINDS)[number];

export interface DialectAdapter {
  readonly kind: DialectKind;
  /**
   * Serialises appends to the audit chain inside `trx` so two writers never chain onto the
   * same previous row. PostgreSQL: a transaction-scoped advisory lock keyed by schema;
   * SQLite: a no-op, because writes run one transaction at a time on one connection.
   */
  lockAuditChain(trx: Kysely<never>): Promise<void>;
  /** DDL that makes `table` append-only: no UPDATE, DELETE (or TRUNCATE) ever succeeds. */
  appendOnlyDdl(table: string): string[];
  /**
   * DDL that refuses UPDATE and DELETE of any row of `table` whose `column` equals `value`,
   * and any INSERT that would replace such a row.
   */
  freezeRowsDdl(table: string, column: string, value: string): string[];
  /** `count(*)` and bigints come back as numbers on SQLite and strings on PostgreSQL. */
  toNumber(value: string | number | bigint | null | undefined): number;
}

function toNumber(value: string | number | bigint | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : Number(value);
}

const IDENT = /^[a-z_][a-z0-9_]*$/;
function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`not a safe SQL identifier: ${name}`);
  return name;
}

export const sqliteAdapter: DialectAdapter = {
  kind: 'sqlite',
  async lockAuditChain() {
    // better-sqlite3 runs one statement at a time on one writer connection and SQLite
    // admits a single writer; the group-commit queue (group-commit.ts) runs transactions
    // one after another, each as a savepoint of the shared batch, so every append reads
    // the row the previous transaction appended (or, after its rollback, the one before).
  },
  appendOnlyDdl(table) {
    const t = ident(table);
    return [
      `CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only'); END`,
      `CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only'); END`,
    ];
  },
  freezeRowsDdl(table, column, value) {
    const t = ident(table);
    const c = ident(column);
    const v = value.replace(/'/g, "''");
    const msg = `${t}: a row with ${c} = ${v} cannot be changed`;
    return [
      `CREATE TRIGGER ${t}_frozen_no_update BEFORE UPDATE ON ${t} WHEN OLD.${c} = '${v}' BEGIN SELECT RAISE(ABORT, '${msg}'); END`,
      `CREATE TRIGGER ${t}_frozen_no_delete BEFORE DELETE ON ${t} WHEN OLD.${c} = '${v}' BEGIN SELECT RAISE(ABORT, '${msg}'); END`,
      // INSERT OR REPLACE deletes the old row without firing delete triggers unless
      // recursive_triggers is on; refuse the insert itself before conflict resolution.
      `CREATE TRIGGER ${t}_frozen_no_replace BEFORE INSERT ON ${t} WHEN EXISTS (SELECT 1 FROM ${t} WHERE id = NEW.id AND ${c} = '${v}') BEGIN SELECT RAISE(ABORT, '${msg}'); END`,
    ];
  },
  toNumber,
};

/** The PostgreSQL adapter for tables in `schema` (used to key the audit lock). */
export function postgresAdapter(schema: string): DialectAdapter {
  // Advisory-lock keys are one bigint namespace per server; derive ours from the schema so
  // parallel test schemas (and chart vs. anything else) do not contend.
  const lockKey = createHash('sha256').update(`notewall-audit:${schema}`).digest().readBigInt64BE(0).toString();
  return {
    kind: 'postgres',
    async lockAuditChain(trx) {
      await sql`select pg_advisory_xact_lock(${sql.lit(lockKey)}::bigint)`.execute(trx);
    },
    appendOnlyDdl(table) {
      const t = ident(table);
      return [
        `CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION nw_forbid_change()`,
        `CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION nw_forbid_change()`,
      ];
    },
    freezeRowsDdl(table, column, value) {
      const t = ident(table);
      const c = ident(column);
      const v = value.replace(/'/g, "''");
      const fn = `nw_${t}_frozen`;
      return [
        `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF OLD.${c} = '${v}' THEN
             RAISE EXCEPTION '${t}: a row with ${c} = ${v} cannot be changed' USING ERRCODE = 'P0001';
           END IF;
           IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
           RETURN NEW;
         END $$`,
        `CREATE TRIGGER ${t}_frozen BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
        `CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION nw_forbid_change()`,
      ];
    },
    toNumber,
  };
}

/** Shared PostgreSQL helper function the append-only triggers call; created by the first migration. */
export const PG_FORBID_CHANGE_FUNCTION = `CREATE FUNCTION nw_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001';
END $$`;
