/**
 * Row types of the chart database, as Kysely sees them. Ids are text (UUIDs), instants
 * UTC ISO strings, dates `YYYY-MM-DD`, lists and structured detail JSON text, so SQLite and
 * PostgreSQL store and return the same values. Nothing here refers to the vault.
 */

import { ROLES } from '../../api/roles.ts';

// One list of roles for the database, the server and the web client (src/api is pure).
export { ROLES };
export type Role = (typeof ROLES)[number];

export const ASSIGNMENT_RELATIONS = ['clinician', 'supervisor'] as const;
export type AssignmentRelation = (typeof ASSIGNMENT_RELATIONS)[number];

export interface PracticeTable {
  id: string;
  name: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  /** argon2id PHC string. */
  password_hash: string;
  active: number;
  created_at: string;
}

export interface UserRolesTable {
  user_id: string;
  role: Role;
}

export interface ClientsTable {
  id: string;
  /** The id the client had in a previous system (import), unique when present. */
  external_ref: string | null;
  display_name: string;
  date_of_birth: string | null;
  created_at: string;
  created_by: string;
}

export interface ClientAssignmentsTable {
  client_id: string;
  user_id: string;
  relation: AssignmentRelation;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  client_id: string;
  clinician_id: string;
  session_date: string;
  start_time: string | null;
  end_time: string | null;
  duration_minutes: number | null;
  modality: string;
  place_of_service: string;
  participants_json: string;
  cpt_codes_json: string;
  created_at: string;
  created_by: string;
}

export interface DiagnosesTable {
  id: string;
  client_id: string;
  code: string;
  description: string | null;
  onset_date: string | null;
  resolved_date: string | null;
  created_at: string;
  created_by: string;
}

export interface TreatmentGoalsTable {
  id: string;
  client_id: string;
  description: string;
  target_date: string | null;
  status: string;
  created_at: string;
  created_by: string;
}

export interface ProgressNotesTable {
  id: string;
  client_id: string;
  session_id: string | null;
  author_id: string;
  session_date: string;
  format: string;
  status: 'draft' | 'signed';
  version: number;
  /** Canonical JSON of the `ProgressNoteContent`. */
  content_json: string;
  content_hash: string | null;
  signed_by: string | null;
  signed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProgressNoteVersionsTable {
  note_id: string;
  version: number;
  content_json: string;
  saved_by: string;
  saved_at: string;
}

export interface NoteSignaturesTable {
  id: string;
  note_id: string;
  signer_id: string;
  kind: 'author' | 'cosign';
  content_hash: string;
  signed_at: string;
}

export interface NoteAddendaTable {
  id: string;
  note_id: string;
  author_id: string;
  body: string;
  /** The signed note's hash the addendum was written against. */
  note_hash: string;
  /** SHA-256 over the canonical JSON of the addendum (note id, note hash, author, body, time). */
  content_hash: string;
  signed_at: string;
}

export interface MeasureAdministrationsTable {
  id: string;
  client_id: string;
  session_id: string | null;
  instrument: string;
  administered_on: string;
  responses_json: string;
  total_score: number;
  created_by: string;
  created_at: string;
}

export interface AuthorizationsTable {
  id: string;
  client_id: string;
  kind: 'general' | 'psychotherapy-notes';
  recipient: string;
  purpose: string;
  signed_on: string;
  expires_on: string | null;
  revoked_on: string | null;
  details_json: string;
  created_by: string;
  created_at: string;
}

export interface RecordsRequestsTable {
  id: string;
  client_id: string;
  requester_kind: string;
  requester: string;
  received_on: string;
  due_on: string;
  status: string;
  details_json: string;
  created_by: string;
  created_at: string;
}

export interface DisclosuresTable {
  id: string;
  client_id: string;
  request_id: string | null;
  authorization_id: string | null;
  recipient: string;
  purpose: string;
  description: string;
  legal_basis: string;
  disclosed_on: string;
  created_by: string;
  created_at: string;
}

export interface StaffTrainingTable {
  id: string;
  user_id: string;
  module: string;
  completed_at: string;
  score: number | null;
  created_at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  client_id: string | null;
  outcome: 'allowed' | 'denied' | 'failed';
  request_id: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
}


export interface ChartDatabase {
  practice: PracticeTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  clients: ClientsTable;
  client_assignments: ClientAssignmentsTable;
  sessions: SessionsTable;
  diagnoses: DiagnosesTable;
  treatment_goals: TreatmentGoalsTable;
  progress_notes: ProgressNotesTable;
  progress_note_versions: ProgressNoteVersionsTable;
  note_signatures: NoteSignaturesTable;
  note_addenda: NoteAddendaTable;
  measure_administrations: MeasureAdministrationsTable;
  authorizations: AuthorizationsTable;
  records_requests: RecordsRequestsTable;
  disclosures: DisclosuresTable;
  staff_training: StaffTrainingTable;
  audit_log: AuditLogTable;
}

/** Tables whose rows are never updated or deleted once written. */
export const APPEND_ONLY_TABLES = [
  'progress_note_versions',
  'note_signatures',
  'note_addenda',
  'disclosures',
  'audit_log',
] as const satisfies readonly (keyof ChartDatabase)[];
