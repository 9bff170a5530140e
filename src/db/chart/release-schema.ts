/**
 * Row types of the release-of-information workflow tables (migration
 * `0002-release-workflow`), and the typed view of a chart transaction that includes them.
 * Every one of these tables is append-only (the database refuses UPDATE and DELETE).
 */
import type { Kysely, Transaction } from 'kysely';
import type { ChartDatabase } from './schema.ts';

export interface ReleaseAttachmentsTable {
  id: string;
  client_id: string;
  request_id: string | null;
  authorization_id: string | null;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: string;
  uploaded_at: string;
}

export interface ReleaseRequestEventsTable {
  id: string;
  request_id: string;
  client_id: string;
  kind: string;
  step: string | null;
  occurred_on: string;
  note: string | null;
  data_json: string;
  recorded_by: string;
  recorded_at: string;
}

export interface ReleaseRevocationsTable {
  id: string;
  authorization_id: string;
  client_id: string;
  received_on: string;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface ReleasePacketsTable {
  id: string;
  request_id: string;
  client_id: string;
  kind: 'release' | 'access-copy';
  decision_json: string;
  summary_json: string;
  accountable: number;
  with_psychotherapy_notes: number;
  pdf: Uint8Array | null;
  bundle_json: string | null;
  pdf_sha256: string;
  bundle_sha256: string;
  built_by: string;
  built_at: string;
}

export interface ReleaseApprovalsTable {
  id: string;
  request_id: string;
  client_id: string;
  author_id: string;
  outcome: 'approved' | 'declined';
  note_count: number;
  reason: string | null;
  decided_at: string;
}

export interface ReleaseDeliveriesTable {
  id: string;
  packet_id: string;
  request_id: string;
  client_id: string;
  delivered_on: string;
  method: string;
  disclosure_id: string | null;
  delivered_by: string;
  delivered_at: string;
}

/** The chart with the release workflow's tables. */
export interface ReleaseDatabase extends ChartDatabase {
  release_attachments: ReleaseAttachmentsTable;
  release_request_events: ReleaseRequestEventsTable;
  release_revocations: ReleaseRevocationsTable;
  release_packets: ReleasePacketsTable;
  release_approvals: ReleaseApprovalsTable;
  release_deliveries: ReleaseDeliveriesTable;
}

/**
 * The same transaction, typed with the workflow tables. `ChartDatabase` (owned by the
 * storage layer) predates them; the tables exist once migration 0002 has run, which
 * opening the chart store guarantees.
 */
export function releaseTrx(trx: Transaction<ChartDatabase>): Transaction<ReleaseDatabase> {
  return trx;
}

/** The open chart connection, typed with the workflow tables. */
export function releaseDb(db: Kysely<ChartDatabase>): Kysely<ReleaseDatabase> {
  return db;
}
