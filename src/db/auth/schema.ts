/**
 * Row types of the server's own tables, kept in the chart database next to the users they
 * refer to (never in the vault: invariant 1) and migrated by their own migration set
 * (`auth_migrations`), after the chart's. Nothing here is held in process memory, so any
 * instance can serve any request (horizontal scale).
 */
import type { Role } from '../chart/schema.ts';

/** A login session. Only the SHA-256 of the cookie's session token is stored. */
export type AuthSessionsTable = {
  id_hash: string;
  user_id: string;
  /** The vault unlock session whose secret is the second half of the cookie; null when the user has no vault key. */
  vault_session_id: string | null;
  created_at: string;
  last_seen_at: string;
  absolute_expires_at: string;
  revoked_at: string | null;
  revoked_reason: string | null;
  /** 1 while the user must enrol a TOTP factor (their role requires one) before anything else. */
  totp_enrolment_required: number;
};

/** One failed login for a username (existing or not), for the lockout window. */
export type AuthLoginFailuresTable = {
  id: string;
  username: string;
  at: string;
};

export type AuthLockoutsTable = {
  username: string;
  locked_at: string;
  locked_until: string;
};

/** A user's TOTP factor (RFC 6238). `confirmed_at` is null until a first code was verified. */
export type AuthTotpTable = {
  user_id: string;
  /** Base32 secret. */
  secret: string;
  confirmed_at: string | null;
  /** The last accepted time step: a code is never accepted twice (replay). */
  last_step: number | null;
  created_at: string;
};

/** Whether a role must use a second factor (set by an admin). */
export type AuthRoleTotpPolicyTable = {
  role: Role;
  required: number;
  updated_at: string;
  updated_by: string;
};

/** A signature given despite error-level linter findings, with the clinician's stated reason. */
export type NoteSignOverridesTable = {
  id: string;
  note_id: string;
  signer_id: string;
  reason: string;
  /** JSON array of the rule ids that were overridden. */
  rule_ids_json: string;
  created_at: string;
};

export type AuthDatabase = {
  auth_sessions: AuthSessionsTable;
  auth_login_failures: AuthLoginFailuresTable;
  auth_lockouts: AuthLockoutsTable;
  auth_totp: AuthTotpTable;
  auth_role_totp_policy: AuthRoleTotpPolicyTable;
  note_sign_overrides: NoteSignOverridesTable;
};
