/**
 * Row types of the vault database (SQLite `vault.sqlite`, or the PostgreSQL vault schema
 * under its own role). Nothing here is readable without a key: note content, data keys
 * and private keys are stored sealed. `client_id` and `author_id` are chart ids kept as
 * plain text with no foreign key, view or join to the chart (ARCHITECTURE.md invariant 1).
 */
export interface VaultPracticeTable {
  id: string;
  /** X25519 public key (base64url) of the practice recovery key; its private half is never stored. */
  recovery_public_key: string;
  created_at: string;
}

export interface AuthorKeysTable {
  user_id: string;
  key_version: number;
  public_key: string;
  /** JSON {@link KdfParams} for the password-derived key. */
  password_kdf_json: string;
  password_wrapped_key: string;
  recovery_wrapped_key: string;
  created_at: string;
  updated_at: string;
}

export interface PsychotherapyNotesTable {
  id: string;
  author_id: string;
  client_id: string;
  key_version: number;
  wrapped_data_key: string;
  ciphertext: string;
  created_at: string;
  updated_at: string;
}

export interface UnlockSessionsTable {
  id: string;
  user_id: string;
  /** Sealed under the secret in the user's cookie; set to null on logout or expiry. */
  wrapped_key: string | null;
  idle_seconds: number;
  expires_at: string;
  created_at: string;
  revoked_at: string | null;
}

export interface AccessNoticesTable {
  id: string;
  author_id: string;
  accessed_by: string;
  note_id: string | null;
  reason: string;
  accessed_at: string;
  acknowledged_at: string | null;
}

/**
 * A release packet holding psychotherapy notes the author approved (migration
 * `0002-release-packets`): the PDF and FHIR bundle sealed under one random data key. The id
 * is the chart's packet id, kept as plain text like `client_id` (no join to the chart).
 */
export interface SealedReleasePacketsTable {
  id: string;
  client_id: string;
  /** The approving author, in whose unlocked session the packet was sealed. */
  author_id: string;
  pdf_ciphertext: string;
  bundle_ciphertext: string;
  created_at: string;
}

/** The packet's data key sealed to one records user's public key (who may open it). */
export interface SealedReleasePacketKeysTable {
  packet_id: string;
  recipient_id: string;
  key_version: number;
  wrapped_data_key: string;
}

export interface VaultDatabase {
  vault_practice: VaultPracticeTable;
  author_keys: AuthorKeysTable;
  psychotherapy_notes: PsychotherapyNotesTable;
  unlock_sessions: UnlockSessionsTable;
  access_notices: AccessNoticesTable;
  sealed_release_packets: SealedReleasePacketsTable;
  sealed_release_packet_keys: SealedReleasePacketKeysTable;
}
