/**
 * The server's only door to the vault (test/db/import-boundaries.test.ts lists
 * `src/server/vault/` as an allowed importer): login unlock, logout lock, author keys for
 * new users, the author's own psychotherapy notes, and emergency access. Every other
 * server file talks to this wrapper, never to `src/db/vault`.
 */
import type { StoreConfig } from '../../config/config.ts';
import { chartAuditSink } from '../../db/audit/audit-log.ts';
import type { ChartStore } from '../../db/chart/chart-store.ts';
import type { Role } from '../../db/chart/schema.ts';
import { StorageError } from '../../db/errors.ts';
import { VaultStore, vaultTarget, type AccessNotice, type PsychotherapyNote, type VaultSession } from '../../db/vault/vault-store.ts';

export type { AccessNotice, PsychotherapyNote, VaultSession };

export class ServerVault {
  private constructor(readonly store: VaultStore) {}

  /** Opens the vault with its audit events going into the chart's log. */
  static async open(config: StoreConfig, chart: ChartStore): Promise<ServerVault> {
    return new ServerVault(await VaultStore.open(vaultTarget(config), { audit: chartAuditSink(chart.db, chart.adapter) }));
  }

  close(): Promise<void> {
    return this.store.close();
  }

  /**
   * Login-time unlock. Null when the user has no vault key (they can use the chart but
   * write no psychotherapy notes). The vault's own idle limit is set to the session's
   * absolute lifetime: the login session's idle timeout, checked on every request and by
   * the sweeper, is what locks it earlier.
   */
  async unlock(userId: string, password: string, lifetimeSeconds: number): Promise<(VaultSession & { notices: AccessNotice[] }) | null> {
    if (!(await this.store.hasAuthorKey(userId))) return null;
    return this.store.unlock(userId, password, { idleSeconds: lifetimeSeconds });
  }

  async lock(sessionId: string): Promise<void> {
    await this.store.lock(sessionId);
  }

  hasAuthorKey(userId: string): Promise<boolean> {
    return this.store.hasAuthorKey(userId);
  }

  /** Re-wraps the author's key under a new password; no note is re-encrypted. */
  changePassword(userId: string, oldPassword: string, newPassword: string): Promise<void> {
    return this.store.changePassword(userId, oldPassword, newPassword);
  }

  async createAuthorKey(userId: string, password: string): Promise<void> {
    await this.store.createAuthorKey(userId, password);
  }

  pendingNotices(userId: string): Promise<AccessNotice[]> {
    return this.store.pendingNotices(userId);
  }

  acknowledgeNotices(userId: string): Promise<void> {
    return this.store.acknowledgeNotices(userId);
  }

  /** The author's vault session from the request, or `vault-locked`. */
  static require(session: VaultSession | null): VaultSession {
    if (!session) throw new StorageError('locked', 'your account has no unlocked vault; log in again');
    return session;
  }

  createNote(session: VaultSession, clientId: string, content: unknown): Promise<string> {
    return this.store.createNote(session, { clientId, content });
  }

  readNote(session: VaultSession, noteId: string): Promise<PsychotherapyNote> {
    return this.store.readNote(session, noteId);
  }

  updateNote(session: VaultSession, noteId: string, content: unknown): Promise<void> {
    return this.store.updateNote(session, noteId, content);
  }

  listNotes(session: VaultSession, clientId?: string): Promise<PsychotherapyNote[]> {
    return this.store.listNotes(session, clientId);
  }

  /** Seals an approved psychotherapy-note packet to the given records staff (see VaultStore). */
  storeReleasePacket(session: VaultSession, input: { packetId: string; clientId: string; recipientIds: readonly string[]; pdf: Uint8Array; bundleJson: string }): Promise<{ sealedFor: string[] }> {
    return this.store.storeReleasePacket(session, input);
  }

  discardReleasePacket(session: VaultSession, packetId: string): Promise<void> {
    return this.store.discardReleasePacket(session, packetId);
  }

  /** Opens a sealed packet with the requesting records user's unlocked key. */
  openReleasePacket(session: VaultSession, packetId: string): Promise<{ pdf: Buffer; bundleJson: string }> {
    return this.store.openReleasePacket(session, packetId);
  }

  emergencyRead(officer: { userId: string; roles: readonly Role[] }, recoveryCode: string, reason: string, noteId: string): Promise<PsychotherapyNote> {
    return this.store.emergencyReadNote({ officer, recoveryCode, reason, noteId });
  }
}
