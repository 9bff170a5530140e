/**
 * The server's migration set, run against the chart database after the chart's own
 * migrations, tracked in `auth_migrations` so it never collides with the chart's list.
 * Append-only: never edit a shipped migration.
 */
import { Migrator, type Kysely, type Migration } from 'kysely';
import type { ChartStore } from '../chart/chart-store.ts';

function authMigrations(): Record<string, Migration> {
  return {
    '0001-auth': {
      async up(db: Kysely<unknown>) {
        const s = db.schema;
        await s
          .createTable('auth_sessions')
          .addColumn('id_hash', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('vault_session_id', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_seen_at', 'text', (c) => c.notNull())
          .addColumn('absolute_expires_at', 'text', (c) => c.notNull())
          .addColumn('revoked_at', 'text')
          .addColumn('revoked_reason', 'text')
          .addColumn('totp_enrolment_required', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await s.createIndex('auth_sessions_open').on('auth_sessions').columns(['revoked_at', 'last_seen_at']).execute();
        await s
          .createTable('auth_login_failures')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .execute();
        await s.createIndex('auth_login_failures_user').on('auth_login_failures').columns(['username', 'at']).execute();
        await s
          .createTable('auth_lockouts')
          .addColumn('username', 'text', (c) => c.primaryKey())
          .addColumn('locked_at', 'text', (c) => c.notNull())
          .addColumn('locked_until', 'text', (c) => c.notNull())
          .execute();
        await s
          .createTable('auth_totp')
          .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
          .addColumn('secret', 'text', (c) => c.notNull())
          .addColumn('confirmed_at', 'text')
          .addColumn('last_step', 'bigint')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await s
          .createTable('auth_role_totp_policy')
          .addColumn('role', 'text', (c) => c.primaryKey())
          .addColumn('required', 'integer', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
          .execute();
        await s
          .createTable('note_sign_overrides')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('note_id', 'text', (c) => c.notNull().references('progress_notes.id'))
          .addColumn('signer_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('rule_ids_json', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await s.createIndex('note_sign_overrides_note').on('note_sign_overrides').column('note_id').execute();
      },
    },
  };
}

/** Applies the server's pending migrations to the (already migrated) chart database. */
export async function migrateAuth(store: ChartStore): Promise<void> {
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: () => Promise.resolve(authMigrations()) },
    migrationTableName: 'auth_migrations',
    migrationLockTableName: 'auth_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const cause = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(`auth migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`, { cause: error });
  }
}
