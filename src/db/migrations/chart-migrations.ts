/**
 * Chart migrations: one list for SQLite and PostgreSQL. Dialect differences (trigger
 * syntax) come from the adapter. Migrations are append-only; never edit a shipped one.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { PG_FORBID_CHANGE_FUNCTION, type DialectAdapter } from '../dialect.ts';
import { APPEND_ONLY_TABLES, ASSIGNMENT_RELATIONS, ROLES } from '../chart/schema.ts';

const inList = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

/** The chart's migrations, keyed by name (applied in name order). */
export function chartMigrations(adapter: DialectAdapter): Record<string, Migration> {
  return {
    '0001-chart': {
      async up(db: Kysely<unknown>) {
        const s = db.schema;
        await s
          .createTable('practice')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await s
          .createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('username', 'text', (c) => c.notNull().unique())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await s
          .createTable('user_roles')
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('role', 'text', (c) => c.notNull().check(sql.raw(`role in (${inList(ROLES)})`)))
          .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
          .execute();
        await s
          .createTable('clients')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('external_ref', 'text', (c) => c.unique())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('date_of_birth', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
          .execute();
        await s
          .createTable('client_assignments')
          .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('relation', 'text', (c) =>
            c.notNull().check(sql.raw(`relation in (${inList(ASSIGNMENT_RELATIONS)})`)),
          )
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('client_assignments_pk', ['client_id', 'user_id', 'relation'])
          .execute();
        await s.createIndex('client_assignments_user').on('client_assignments').columns(['user_id', 'client_id']).execute();
        await s
          .createTable('sessions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
          .addColumn('clinician_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('session_date', 'text', (c) => c.notNull())
          .addColumn('start_time', 'text')
          .addColumn('end_time', 'text')
          .addColumn('duration_minutes', 'integer')
          .addColumn('modality', 'text', (c) => c.notNull())
          .addColumn('place_of_service', 'text', (c) => c.notNull())
          .addColumn('participants_json', 'text', (c) => c.notNull())
          .addColumn('cpt_codes_json', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
          .addCheckConstraint('sessions_times_ordered', sql`start_time is null or end_time is null or end_time > start_time`)
          .execute();
        await s.createIndex('sessions_client_date').on('sessions').columns(['client_id', 'session_date']).execute();
        await s.createIndex('sessions_clinician_date').on('sessions').columns(['clinician_id', 'session_date']).execute();
        await s
          .createTable('diagnoses')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
          .addColumn('code', 'text', (c) => c.notNull())
          .addColumn('description', 'text')
          .addColumn('onset_date', 'text')
          .addColumn('resolved_date', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
          .execute();
        await s.createIndex('diagnoses_client').on('diagnoses').column('client_id').execute();
        await s
          .createTable('treatment_goals')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
          .addColumn('description', 'text', (c) => c.notNull())
          .addColumn('target_date', 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
          .execute();
        await s.createIndex('treatment_goals_client').on('treatment_goals').column('client_id').execute();
        await s
          .createTable('progress_notes')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
          .addColumn('session_id', 'text', (c) => c.references('sessions.id'))
          .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('session_date', 'text', (c) => c.notNull())
          .addColumn('format', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'signed')`))
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('content_json', 'text', (c) => c.notNull())
          .addColumn('content_hash', 'text')
          .addColumn('signed_by', 'text', (c) => c.references('users.id'))
          .addColumn('signed_at', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          // A signed row always carries its hash, signer and time.
          .addCheckConstraint(
            'progress_notes_signed_complete',
            sql`status = 'draft' or (content_hash is not null and signed_by is not null and signed_at is not null)`,
          )
          .execute();
        // The chart page: one client's notes, newest session first.
        await s.createIndex('progress_notes_chart_page').on('progress_notes').columns(['client_id', 'session_date', 'id']).execute();
        await s
          .createTable('progress_note_versions')
          .addColumn('note_id', 'text', (c) => c.notNull().references('progress_notes.id'))
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('content_json', 'text', (c) => c.notNull())
          .addColumn('saved_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('saved_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('progress_note_versions_pk', ['note_id', 'version'])
          .execute();
        await s
          .createTable('note_signatures')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('note_id', 'text', (c) => c.notNull().references('progress_notes.id'))
          .addColumn('signer_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('author', 'cosign')`))
          .addColumn('content_hash', 'text', (c) => c.notNull())
          .addColumn('signed_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('note_signatures_once', ['note_id', 'signer_id', 'kind'])
          .execute();
        await s
          .createTable('note_addenda')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('note_id', 'text', (c) => c.notNull().references('progress_notes.id'))
          .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('note_hash', 'text', (c) => c.notNull())
          .addColumn('content_hash', 'text', (c) => c.notNull())
          .addColumn('signed_at', 'text', (c) => c.notNull())
          .execute();
        await s.createIndex('note_addenda_note').on('note_addenda').column('note_id').execute();
        await s
          .createTable('measure_administrations')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
          .addColumn('session_id', 'text', (c) => c.references('sessions.id'))
          .addColumn('instrument', 'text', (c) => c.notNull())
          .addColumn('administered_on', 'text', (c) => c.notNull())
          .addColumn('responses_json', 'text', (c) => c.notNull())
          .addColumn('total_score', 'integer', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await s.createIndex('measure_administrations_client').on('measure_administrations').columns(['client_id', 'administered_on']).execute();
        await s
          .createTable('authorizations')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
          .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('general', 'psychotherapy-notes')`))
          .addColumn('recipient', 'text', (c) => c.notNull())
          .addColumn('purpose', 'text', (c) => c.notNull())
          .addColumn('signed_on', 'text', (c) => c.notNull())
          .addColumn('expires_on', 'text')
          .addColumn('revoked_on', 'text')
          .addColumn('details_json', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await s.createIndex('authorizations_client').on('authorizations').column('client_id').execute();
        await s
          .createTable('records_requests')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
          .addColumn('requester_kind', 'text', (c) => c.notNull())
          .addColumn('requester', 'text', (c) => c.notNull())
          .addColumn('received_on', 'text', (c) => c.notNull())
          .addColumn('due_on', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('details_json', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await s.createIndex('records_requests_client').on('records_requests').column('client_id').execute();
        await s
          .createTable('disclosures')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
          .addColumn('request_id', 'text', (c) => c.references('records_requests.id'))
          .addColumn('authorization_id', 'text', (c) => c.references('authorizations.id'))
          .addColumn('recipient', 'text', (c) => c.notNull())
          .addColumn('purpose', 'text', (c) => c.notNull())
          .addColumn('description', 'text', (c) => c.notNull())
          .addColumn('legal_basis', 'text', (c) => c.notNull())
          .addColumn('disclosed_on', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await s.createIndex('disclosures_client').on('disclosures').columns(['client_id', 'disclosed_on']).execute();
        await s
          .createTable('staff_training')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('module', 'text', (c) => c.notNull())
          .addColumn('completed_at', 'text', (c) => c.notNull())
          .addColumn('score', 'integer')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await s
          .createTable('audit_log')
          .addColumn('seq', 'integer', (c) => c.primaryKey())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor_id', 'text')
          .addColumn('actor_role', 'text')
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('entity_type', 'text', (c) => c.notNull())
          .addColumn('entity_id', 'text')
          .addColumn('client_id', 'text')
          .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('allowed', 'denied', 'failed')`))
          .addColumn('request_id', 'text')
          .addColumn('reason', 'text')
          .addColumn('prev_hash', 'text', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .execute();
        // "Who accessed this record" per client.
        await s.createIndex('audit_log_client').on('audit_log').columns(['client_id', 'seq']).execute();

        if (adapter.kind === 'postgres') await run(db, [PG_FORBID_CHANGE_FUNCTION]);
        // 45 CFR 164.312(c)(1) integrity: signed notes, their history, signatures, addenda,
        // the accounting of disclosures (164.528) and the audit log (164.312(b)) are
        // refused any change by the database itself, whatever code path issues the SQL.
        for (const table of APPEND_ONLY_TABLES) await run(db, adapter.appendOnlyDdl(table));
        await run(db, adapter.freezeRowsDdl('progress_notes', 'status', 'signed'));
      },
    },
    // Release-of-information workflow (docs/release-workflow.md). Every table here is
    // append-only: what happened to a request (deadline extension notices, subpoena
    // checklist steps, author approvals, built packets, deliveries, revocations, scanned
    // documents) is a history that is added to, never rewritten (45 CFR 164.530(j)
    // documentation; 164.528(d) for what backs the accounting).
    '0002-release-workflow': {
      async up(db: Kysely<unknown>) {
        const s = db.schema;
        const bytes = adapter.kind === 'postgres' ? 'bytea' : 'blob';
        await s
          .createTable('release_attachments')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
          .addColumn('request_id', 'text', (c) => c.references('records_requests.id'))
          .addColumn('authorization_id', 'text', (c) => c.references('authorizations.id'))
          .addColumn('filename', 'text', (c) => c.notNull())
          .addColumn('content_type', 'text', (c) => c.notNull())
          .addColumn('size_bytes', 'integer', (c) => c.notNull())
          .addColumn('sha256', 'text', (c) => c.notNull())
          .addColumn('content', bytes, (c) => c.notNull())
          .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('uploaded_at', 'text', (c) => c.notNull())
          .addCheckConstraint('release_attachments_one_owner', sql`(request_id is null) <> (authorization_id is null)`)
          .execute();
        await s.createIndex('release_attachments_client').on('release_attachments').column('client_id').execute();
        await s
          .createTable('release_request_events')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('request_id', 'text', (c) => c.notNull().references('records_requests.id'))
          .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('step', 'text')
          .addColumn('occurred_on', 'text', (c) => c.notNull())
          .addColumn('note', 'text')
          .addColumn('data_json', 'text', (c) => c.notNull())
          .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('recorded_at', 'text', (c) => c.notNull())
          .execute();
        await s.createIndex('release_request_events_request').on('release_request_events').columns(['request_id', 'recorded_at']).execute();
        await s
          .createTable('release_revocations')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('authorization_id', 'text', (c) => c.notNull().unique().references('authorizations.id'))
          .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
          .addColumn('received_on', 'text', (c) => c.notNull())
          .addColumn('note', 'text')
          .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('recorded_at', 'text', (c) => c.notNull())
          .execute();
        await s
          .createTable('release_packets')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('request_id', 'text', (c) => c.notNull().references('records_requests.id'))
          .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
          .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('release', 'access-copy')`))
          .addColumn('decision_json', 'text', (c) => c.notNull())
          .addColumn('summary_json', 'text', (c) => c.notNull())
          .addColumn('accountable', 'integer', (c) => c.notNull())
          .addColumn('with_psychotherapy_notes', 'integer', (c) => c.notNull())
          // Null when the packet holds psychotherapy notes: their plaintext is never at
          // rest outside the vault (ARCHITECTURE.md invariant 2); the bytes live only in
          // the server's memory until delivered or expired.
          .addColumn('pdf', bytes)
          .addColumn('bundle_json', 'text')
          .addColumn('pdf_sha256', 'text', (c) => c.notNull())
          .addColumn('bundle_sha256', 'text', (c) => c.notNull())
          .addColumn('built_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('built_at', 'text', (c) => c.notNull())
          .execute();
        await s.createIndex('release_packets_request').on('release_packets').columns(['request_id', 'built_at']).execute();
        await s
          .createTable('release_approvals')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('request_id', 'text', (c) => c.notNull().references('records_requests.id'))
          .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
          .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('approved', 'declined')`))
          .addColumn('note_count', 'integer', (c) => c.notNull())
          .addColumn('reason', 'text')
          .addColumn('decided_at', 'text', (c) => c.notNull())
          .execute();
        await s.createIndex('release_approvals_request').on('release_approvals').columns(['request_id', 'author_id']).execute();
        await s
          .createTable('release_deliveries')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('packet_id', 'text', (c) => c.notNull().unique().references('release_packets.id'))
          .addColumn('request_id', 'text', (c) => c.notNull().references('records_requests.id'))
          .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
          .addColumn('delivered_on', 'text', (c) => c.notNull())
          .addColumn('method', 'text', (c) => c.notNull())
          .addColumn('disclosure_id', 'text', (c) => c.references('disclosures.id'))
          .addColumn('delivered_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('delivered_at', 'text', (c) => c.notNull())
          .execute();
        for (const table of RELEASE_APPEND_ONLY_TABLES) await run(db, adapter.appendOnlyDdl(table));
      },
    },
    // Per-client consent to language-model assistance (docs/drafting.md): a history of
    // grants and revocations, never rewritten; the newest row is the current state.
    '0003-ai-consent': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('ai_consents')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
          .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('granted', 'revoked')`))
          .addColumn('note', 'text')
          .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('recorded_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('ai_consents_client').on('ai_consents').columns(['client_id', 'recorded_at']).execute();
        await run(db, adapter.appendOnlyDdl('ai_consents'));
      },
    },
  };
}

/** The release workflow's tables; none is ever updated or deleted. */
export const RELEASE_APPEND_ONLY_TABLES = [
  'release_attachments',
  'release_request_events',
  'release_revocations',
  'release_packets',
  'release_approvals',
  'release_deliveries',
] as const;
