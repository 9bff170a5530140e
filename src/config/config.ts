/**
 * Typed configuration, loaded once at startup. Every problem is collected and reported
 * together so an operator fixes the environment in one pass (STYLE.md §7).
 *
 * - `NOTEWALL_DATA_DIR` (default `./data`): where the SQLite chart and vault files live.
 * - `DATABASE_URL`: when set, the chart is in PostgreSQL (schema `chart` by default).
 * - `VAULT_DATABASE_URL`: required with `DATABASE_URL`; the vault's own login role, which
 *   has grants only on the vault schema (ARCHITECTURE.md invariant 1).
 */
import { resolve } from 'node:path';
import { z } from 'zod';

const PgIdentifier = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier');
const PgUrl = z
  .string()
  .trim()
  .refine((s) => /^postgres(ql)?:\/\//.test(s), 'must be a postgres:// or postgresql:// URL');

const EnvSchema = z
  .object({
    NOTEWALL_DATA_DIR: z.string().trim().min(1, 'must not be empty').optional(),
    DATABASE_URL: PgUrl.optional(),
    VAULT_DATABASE_URL: PgUrl.optional(),
    NOTEWALL_PG_CHART_SCHEMA: PgIdentifier.optional(),
    NOTEWALL_PG_VAULT_SCHEMA: PgIdentifier.optional(),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_URL && !env.VAULT_DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['VAULT_DATABASE_URL'],
        message: 'is required when DATABASE_URL is set: the vault connects with its own role',
      });
    }
    if (env.VAULT_DATABASE_URL && !env.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'is required when VAULT_DATABASE_URL is set' });
    }
    if (env.DATABASE_URL && env.VAULT_DATABASE_URL && env.DATABASE_URL === env.VAULT_DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['VAULT_DATABASE_URL'],
        message: 'must use a different login role from DATABASE_URL (the chart role has no grant on the vault)',
      });
    }
  });

/** Where the stores are. */
export type StoreConfig =
  | { readonly kind: 'sqlite'; readonly dataDir: string }
  | {
      readonly kind: 'postgres';
      readonly dataDir: string;
      readonly chartUrl: string;
      readonly vaultUrl: string;
      readonly chartSchema: string;
      readonly vaultSchema: string;
    };

export interface AppConfig {
  readonly store: StoreConfig;
}

/** Raised with every configuration problem at once. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment into an {@link AppConfig}; throws {@link ConfigError} listing every problem. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env, cwd = process.cwd()): AppConfig {
  const picked = Object.fromEntries(
    Object.keys(EnvSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = EnvSchema.safeParse(picked);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'} ${i.message}`));
  }
  const e = parsed.data;
  const dataDir = resolve(cwd, e.NOTEWALL_DATA_DIR ?? './data');
  if (e.DATABASE_URL && e.VAULT_DATABASE_URL) {
    return {
      store: {
        kind: 'postgres',
        dataDir,
        chartUrl: e.DATABASE_URL,
        vaultUrl: e.VAULT_DATABASE_URL,
        chartSchema: e.NOTEWALL_PG_CHART_SCHEMA ?? 'chart',
        vaultSchema: e.NOTEWALL_PG_VAULT_SCHEMA ?? 'vault',
      },
    };
  }
  return { store: { kind: 'sqlite', dataDir } };
}
