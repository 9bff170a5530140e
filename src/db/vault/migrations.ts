/** Vault migrations: one list for SQLite and PostgreSQL; nothing here references the chart. */
import type { Kysely, Migration } from 'kysely';
import type { DialectAdapter } from '../dialect.ts';

export function vaultMigrations(_adapter: DialectAdapter): Record<string, Migration> {
  return {
    '0001-vault': {
      async up(db: Kysely<unknown>) {
        const s = db.schema;
        await s
          .createTable('vault_practice')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('recovery_public_key', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await s
          .createTable('author_keys')
          .addColumn('user_id', 'text', (c) => c.primaryKey())
          .addColumn('key_version', 'integer', (c) => c.notNull())
          .addColumn('public_key', 'text', (c) => c.notNull())
          .addColumn('password_kdf_json', 'text', (c) => c.notNull())
          .addColumn('password_wrapped_key', 'text', (c) => c.notNull())
          .addColumn('recovery_wrapped_key', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await s
          .createTable('psychotherapy_notes')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('author_id', 'text', (c) => c.notNull().references('author_keys.user_id'))
          .addColumn('client_id', 'text', (c) => c.notNull())
          .addColumn('key_version', 'integer', (c) => c.notNull())
          .addColumn('wrapped_data_key', 'text', (c) => c.notNull())
          .addColumn('ciphertext', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await s.createIndex('psychotherapy_notes_author').on('psychotherapy_notes').columns(['author_id', 'client_id', 'created_at']).execute();
        await s
          .createTable('unlock_sessions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('author_keys.user_id'))
          .addColumn('wrapped_key', 'text')
          .addColumn('idle_seconds', 'integer', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('revoked_at', 'text')
          .execute();
        await s
          .createTable('access_notices')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('author_id', 'text', (c) => c.notNull())
          .addColumn('accessed_by', 'text', (c) => c.notNull())
          .addColumn('note_id', 'text')
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('accessed_at', 'text', (c) => c.notNull())
          .addColumn('acknowledged_at', 'text')
          .execute();
        await s.createIndex('access_notices_author').on('access_notices').columns(['author_id', 'acknowledged_at']).execute();
      },
    },
    // Approved psychotherapy-note release packets, sealed so any server instance can serve
    // them to records staff after a restart (docs/release-workflow.md).
    '0002-release-packets': {
      async up(db: Kysely<unknown>) {
        const s = db.schema;
        await s
          .createTable('sealed_release_packets')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('client_id', 'text', (c) => c.notNull())
          .addColumn('author_id', 'text', (c) => c.notNull().references('author_keys.user_id'))
          .addColumn('pdf_ciphertext', 'text', (c) => c.notNull())
          .addColumn('bundle_ciphertext', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await s
          .createTable('sealed_release_packet_keys')
          .addColumn('packet_id', 'text', (c) => c.notNull().references('sealed_release_packets.id'))
          .addColumn('recipient_id', 'text', (c) => c.notNull().references('author_keys.user_id'))
          .addColumn('key_version', 'integer', (c) => c.notNull())
          .addColumn('wrapped_data_key', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('sealed_release_packet_keys_pk', ['packet_id', 'recipient_id'])
          .execute();
      },
    },
  };
}
