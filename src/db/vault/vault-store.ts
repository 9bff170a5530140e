/**
 * The psychotherapy-note vault (45 CFR 164.501, 164.508(a)(2)): the only code that opens
 * the vault database. Notes are readable by their author alone, through an unlocked
 * session; every access — allowed, denied or failed — is recorded in the chart's audit log
 * with ids only. Emergency access with the practice recovery code needs a stated reason,
 * is audited, and is shown to the author at their next unlock (164.312(a)(2)(ii)).
 *
 * Audit ordering across two databases: the audit row for a read is committed before any
 * plaintext is returned, and for a write before the write is attempted; a write that then
 * fails gets a second, `failed` row. An access is never left unrecorded.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { PsychotherapyNoteContent } from '../../core/notes/model.ts';
import type { PsychotherapyNoteContent as NoteContent } from '../../core/notes/model.ts';
import type { StoreConfig } from '../../config/config.ts';
import type { AuditAction, AuditSink } from '../audit/audit-log.ts';
import type { Role } from '../chart/schema.ts';
import { newId, nowIso } from '../clock.ts';
import { migrate, openDatabase, type DatabaseTarget, type OpenDatabase } from '../connection.ts';
import { aeadOpen, aeadSeal, CryptoError, deriveKey, newKdfParams, passphraseOpen, passphraseSeal, type KdfParams, type PassphraseBox } from '../crypto-box.ts';
import { StorageError, invalid } from '../errors.ts';
import { aad, createUnlockedSession, generateX25519KeyPair, newDataKey, openSealed, openUnlockedSession, publicKeyOf, sealTo } from './crypto.ts';
import { vaultMigrations } from './migrations.ts';
import { decodeRecoveryCode, encodeRecoveryCode, RecoveryCodeError } from './recovery-code.ts';
import type { PsychotherapyNotesTable, VaultDatabase } from './schema.ts';

/** File name of the vault database inside the data directory. */
export const VAULT_FILE = 'vault.sqlite';

/** Where the vault lives for a given configuration. */
export function vaultTarget(store: StoreConfig): DatabaseTarget {
  return store.kind === 'sqlite'
    ? { kind: 'sqlite', file: join(store.dataDir, VAULT_FILE) }
    : { kind: 'postgres', url: store.vaultUrl, schema: store.vaultSchema };
}

/** What the user's session cookie holds for the vault. */
export interface VaultSession {
  readonly sessionId: string;
  readonly sessionSecret: string;
}

/** A decrypted psychotherapy note, for its author's eyes. */
export interface PsychotherapyNote {
  readonly id: string;
  readonly authorId: string;
  readonly clientId: string;
  readonly content: NoteContent;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Shown to an author after someone used emergency access on their notes. */
export interface AccessNotice {
  readonly id: string;
  readonly accessedBy: string;
  readonly noteId: string | null;
  readonly reason: string;
  readonly accessedAt: string;
}

export const Password = z.string().min(12, 'must be at least 12 characters').max(1024);
export const EmergencyReason = z.string().trim().min(10, 'must state the reason (at least 10 characters)').max(2000);

/** Default idle timeout of an unlocked session (164.312(a)(2)(iii) automatic logoff). */
export const DEFAULT_IDLE_SECONDS = 15 * 60;

export interface VaultStoreOptions {
  /** Where audit events go: the chart's audit log. Required: the vault never works unaudited. */
  readonly audit: AuditSink;
  /** Clock, for tests of expiry. */
  readonly now?: () => Date;
}

const EXPORT_AAD = 'notewall-vault-export/v1';

export class VaultStore {
  private constructor(
    private readonly open: OpenDatabase<VaultDatabase>,
    private readonly audit: AuditSink,
    private readonly now: () => Date,
  ) {}

  /** Opens the vault and applies pending migrations. */
  static async open(target: DatabaseTarget, options: VaultStoreOptions): Promise<VaultStore> {
    const open = openDatabase<VaultDatabase>(target);
    try {
      await migrate(open, vaultMigrations);
    } catch (err) {
      await open.close();
      throw err;
    }
    return new VaultStore(open, options.audit, options.now ?? (() => new Date()));
  }

  /** The open database (for backup and the tests' own inspection). */
  get database(): OpenDatabase<VaultDatabase> {
    return this.open;
  }

  close(): Promise<void> {
    return this.open.close();
  }

  private get db() {
    return this.open.db;
  }

  private async record(action: AuditAction, e: { actorId: string; actorRole: string; outcome: 'allowed' | 'denied' | 'failed'; entityId?: string | null; clientId?: string | null; reason?: string | null; entityType?: string }, sink: AuditSink = this.audit): Promise<void> {
    await sink({ action, entityType: e.entityType ?? 'psychotherapy-note', actorId: e.actorId, actorRole: e.actorRole, outcome: e.outcome, entityId: e.entityId ?? null, clientId: e.clientId ?? null, reason: e.reason ?? null });
  }

  /**
   * Practice setup: creates the recovery key pair, stores only its public half, and returns
   * the recovery code to show once. Refuses when the vault is already initialised.
   */
  async initPractice(): Promise<{ recoveryCode: string }> {
    const existing = await this.db.selectFrom('vault_practice').select('id').executeTakeFirst();
    if (existing) throw new StorageError('conflict', 'the vault is already initialised');
    const pair = generateX25519KeyPair();
    await this.db.insertInto('vault_practice').values({ id: newId(), recovery_public_key: pair.publicKey, created_at: nowIso() }).execute();
    return { recoveryCode: encodeRecoveryCode(pair.privateKey) };
  }

  private async recoveryPublicKey(): Promise<string> {
    const row = await this.db.selectFrom('vault_practice').select('recovery_public_key').executeTakeFirst();
    if (!row) throw new StorageError('not-found', 'the vault is not initialised; run notewall setup');
    return row.recovery_public_key;
  }

  /** Creates an author's key pair, wrapped by their password and to the recovery key. */
  async createAuthorKey(userId: string, password: string): Promise<void> {
    const pw = Password.safeParse(password);
    if (!pw.success) throw invalid('password', pw.error.issues[0]?.message ?? 'is invalid');
    const recoveryPub = await this.recoveryPublicKey();
    const existing = await this.db.selectFrom('author_keys').select('user_id').where('user_id', '=', userId).executeTakeFirst();
    if (existing) throw new StorageError('conflict', 'the author already has a vault key');
    const pair = generateX25519KeyPair();
    const kdf = newKdfParams();
    const kek = await deriveKey(password, kdf);
    const at = nowIso();
    await this.record('vault.key.create', { actorId: userId, actorRole: 'author', outcome: 'allowed', entityType: 'vault-key', entityId: userId });
    await this.db
      .insertInto('author_keys')
      .values({
        user_id: userId,
        key_version: 1,
        public_key: pair.publicKey,
        password_kdf_json: JSON.stringify(kdf),
        password_wrapped_key: aeadSeal(kek, pair.privateKey, aad.passwordWrap(userId, 1)),
        recovery_wrapped_key: sealTo(recoveryPub, pair.privateKey, aad.recoveryWrap(userId, 1)),
        created_at: at,
        updated_at: at,
      })
      .execute();
  }

  private async authorKeyRow(userId: string) {
    const row = await this.db.selectFrom('author_keys').selectAll().where('user_id', '=', userId).executeTakeFirst();
    if (!row) throw new StorageError('not-found', 'no vault key for this user');
    return { ...row, key_version: Number(row.key_version) };
  }

  private async unwrapWithPassword(userId: string, password: string): Promise<{ privateKey: Buffer; keyVersion: number }> {
    const row = await this.authorKeyRow(userId);
    const kek = await deriveKey(password, JSON.parse(row.password_kdf_json) as KdfParams);
    try {
      return { privateKey: aeadOpen(kek, row.password_wrapped_key, aad.passwordWrap(userId, row.key_version)), keyVersion: row.key_version };
    } catch (err) {
      if (err instanceof CryptoError) throw invalid('password', 'is not correct');
      throw err;
    }
  }

  /** Password change: re-wraps the private key under the new password; no note is re-encrypted. */
  async changePassword(userId: string, oldPassword: string, newPassword: string): Promise<void> {
    const pw = Password.safeParse(newPassword);
    if (!pw.success) throw invalid('newPassword', pw.error.issues[0]?.message ?? 'is invalid');
    let unwrapped;
    try {
      unwrapped = await this.unwrapWithPassword(userId, oldPassword);
    } catch (err) {
      await this.record('vault.key.rewrap', { actorId: userId, actorRole: 'author', outcome: 'failed', entityType: 'vault-key', entityId: userId });
      throw err;
    }
    const kdf = newKdfParams();
    const kek = await deriveKey(newPassword, kdf);
    await this.record('vault.key.rewrap', { actorId: userId, actorRole: 'author', outcome: 'allowed', entityType: 'vault-key', entityId: userId });
    await this.db
      .updateTable('author_keys')
      .set({ password_kdf_json: JSON.stringify(kdf), password_wrapped_key: aeadSeal(kek, unwrapped.privateKey, aad.passwordWrap(userId, unwrapped.keyVersion)), updated_at: nowIso() })
      .where('user_id', '=', userId)
      .execute();
  }

  /**
   * Login-time unlock: checks the password by unwrapping the private key, then keeps it
   * only sealed under a fresh session secret. Returns what goes into the session cookie
   * and any emergency-access notices the author has not yet seen.
   */
  async unlock(userId: string, password: string, options: { idleSeconds?: number } = {}): Promise<VaultSession & { notices: AccessNotice[] }> {
    let privateKey: Buffer;
    try {
      privateKey = (await this.unwrapWithPassword(userId, password)).privateKey;
    } catch (err) {
      await this.record('vault.session.unlock', { actorId: userId, actorRole: 'author', outcome: 'failed', entityType: 'vault-session' });
      throw err;
    }
    const sessionId = newId();
    const idle = options.idleSeconds ?? DEFAULT_IDLE_SECONDS;
    const { sessionSecret, wrappedKeyForStore } = createUnlockedSession(privateKey, { sessionId, userId });
    await this.record('vault.session.unlock', { actorId: userId, actorRole: 'author', outcome: 'allowed', entityType: 'vault-session', entityId: sessionId });
    await this.db
      .insertInto('unlock_sessions')
      .values({ id: sessionId, user_id: userId, wrapped_key: wrappedKeyForStore, idle_seconds: idle, expires_at: this.expiry(idle), created_at: nowIso(), revoked_at: null })
      .execute();
    return { sessionId, sessionSecret, notices: await this.pendingNotices(userId) };
  }

  private expiry(idleSeconds: number): string {
    return new Date(this.now().getTime() + idleSeconds * 1000).toISOString();
  }

  /** Logout: destroys the stored half, so the cookie's secret opens nothing any more. */
  async lock(sessionId: string): Promise<void> {
    const row = await this.db.selectFrom('unlock_sessions').select('user_id').where('id', '=', sessionId).executeTakeFirst();
    await this.db.updateTable('unlock_sessions').set({ wrapped_key: null, revoked_at: nowIso() }).where('id', '=', sessionId).execute();
    if (row) await this.record('vault.session.lock', { actorId: row.user_id, actorRole: 'author', outcome: 'allowed', entityType: 'vault-session', entityId: sessionId });
  }

  /** Resolves a session to its user and private key, sliding the idle timeout; `locked` when over. */
  private async resolve(session: VaultSession): Promise<{ userId: string; privateKey: Buffer }> {
    const row = await this.db.selectFrom('unlock_sessions').selectAll().where('id', '=', session.sessionId).executeTakeFirst();
    if (!row || row.wrapped_key === null || row.revoked_at !== null) throw new StorageError('locked', 'the vault is locked; log in again');
    if (row.expires_at <= this.now().toISOString()) {
      await this.db.updateTable('unlock_sessions').set({ wrapped_key: null, revoked_at: nowIso() }).where('id', '=', row.id).execute();
      throw new StorageError('locked', 'the session timed out; log in again');
    }
    let privateKey: Buffer;
    try {
      privateKey = openUnlockedSession(session.sessionSecret, row.wrapped_key, { sessionId: row.id, userId: row.user_id });
    } catch {
      throw new StorageError('locked', 'the vault is locked; log in again');
    }
    await this.db.updateTable('unlock_sessions').set({ expires_at: this.expiry(Number(row.idle_seconds)) }).where('id', '=', row.id).execute();
    return { userId: row.user_id, privateKey };
  }

  private async encryptFor(authorId: string, noteId: string, content: NoteContent): Promise<{ key_version: number; wrapped_data_key: string; ciphertext: string }> {
    const key = await this.authorKeyRow(authorId);
    const dek = newDataKey();
    return {
      key_version: key.key_version,
      wrapped_data_key: sealTo(key.public_key, dek, aad.dataKey(noteId, authorId, key.key_version)),
      ciphertext: aeadSeal(dek, Buffer.from(JSON.stringify(content), 'utf8'), aad.note(noteId, authorId, key.key_version)),
    };
  }

  private decrypt(row: PsychotherapyNotesTable, privateKey: Buffer): PsychotherapyNote {
    const v = Number(row.key_version);
    const dek = openSealed(privateKey, row.wrapped_data_key, aad.dataKey(row.id, row.author_id, v));
    const content = PsychotherapyNoteContent.parse(JSON.parse(aeadOpen(dek, row.ciphertext, aad.note(row.id, row.author_id, v)).toString('utf8')));
    return { id: row.id, authorId: row.author_id, clientId: row.client_id, content, createdAt: row.created_at, updatedAt: row.updated_at };
  }

  private parseContent(content: unknown): NoteContent {
    const r = PsychotherapyNoteContent.safeParse(content);
    if (!r.success) {
      const i = r.error.issues[0];
      throw invalid(`note.${i?.path.map(String).join('.') ?? ''}`, i?.message ?? 'is invalid');
    }
    return r.data;
  }

  private async insertNote(actorId: string, actorRole: string, authorId: string, clientId: string, content: NoteContent, createdAt?: string, sink: AuditSink = this.audit): Promise<string> {
    const id = newId();
    const sealed = await this.encryptFor(authorId, id, content);
    await this.record('vault.note.create', { actorId, actorRole, outcome: 'allowed', entityId: id, clientId }, sink);
    try {
      const at = createdAt ?? nowIso();
      await this.db.insertInto('psychotherapy_notes').values({ id, author_id: authorId, client_id: clientId, ...sealed, created_at: at, updated_at: at }).execute();
    } catch (err) {
      await this.record('vault.note.create', { actorId, actorRole, outcome: 'failed', entityId: id, clientId }, sink);
      throw err;
    }
    return id;
  }

  /** The author writes a psychotherapy note about a client. */
  async createNote(session: VaultSession, input: { clientId: string; content: unknown }): Promise<string> {
    const content = this.parseContent(input.content);
    if (!input.clientId) throw invalid('note.clientId', 'is required');
    const { userId } = await this.resolve(session);
    return this.insertNote(userId, 'author', userId, input.clientId, content);
  }

  /**
   * Import: encrypts a note *to* an author (with their public key) without being able to
   * read it back. Unsafe because it skips the author's session; only the import command
   * calls it. `auditIn` lets the importer put the audit row into its open chart transaction.
   */
  async unsafeImportNote(input: { importerId: string; authorId: string; clientId: string; content: unknown; createdAt?: string; auditIn?: AuditSink }): Promise<string> {
    const content = this.parseContent(input.content);
    return this.insertNote(input.importerId, 'importer', input.authorId, input.clientId, content, input.createdAt, input.auditIn);
  }

  /**
   * Removes notes this import wrote when the chart half of the same client failed, so
   * nothing is left half-written. Audited as `failed` creations.
   */
  async unsafeRemoveImportedNotes(importerId: string, noteIds: readonly string[]): Promise<void> {
    if (noteIds.length === 0) return;
    const rows = await this.db.selectFrom('psychotherapy_notes').select(['id', 'client_id']).where('id', 'in', [...noteIds]).execute();
    await this.db.deleteFrom('psychotherapy_notes').where('id', 'in', [...noteIds]).execute();
    for (const r of rows) await this.record('vault.note.create', { actorId: importerId, actorRole: 'importer', outcome: 'failed', entityId: r.id, clientId: r.client_id, reason: 'import of this client was rolled back' });
  }

  /** Whether an author has a vault key (import checks this before writing). */
  async hasAuthorKey(userId: string): Promise<boolean> {
    return (await this.db.selectFrom('author_keys').select('user_id').where('user_id', '=', userId).executeTakeFirst()) !== undefined;
  }

  private async ownNote(userId: string, noteId: string, action: AuditAction): Promise<PsychotherapyNotesTable> {
    const row = await this.db.selectFrom('psychotherapy_notes').selectAll().where('id', '=', noteId).executeTakeFirst();
    if (!row || row.author_id !== userId) {
      // 164.508(a)(2): nobody but the author reads a psychotherapy note without authorization;
      // a non-author is told it does not exist.
      await this.record(action, { actorId: userId, actorRole: 'author', outcome: row ? 'denied' : 'failed', entityId: noteId, clientId: row?.client_id ?? null });
      throw new StorageError('not-found', `note ${noteId} not found`);
    }
    return row;
  }

  /** The author reads one of their notes. */
  async readNote(session: VaultSession, noteId: string): Promise<PsychotherapyNote> {
    const { userId, privateKey } = await this.resolve(session);
    const row = await this.ownNote(userId, noteId, 'vault.note.read');
    await this.record('vault.note.read', { actorId: userId, actorRole: 'author', outcome: 'allowed', entityId: noteId, clientId: row.client_id });
    return this.decrypt(row, privateKey);
  }

  /** The author replaces a note's content (new data key, new ciphertext). */
  async updateNote(session: VaultSession, noteId: string, contentInput: unknown): Promise<void> {
    const content = this.parseContent(contentInput);
    const { userId } = await this.resolve(session);
    const row = await this.ownNote(userId, noteId, 'vault.note.update');
    const sealed = await this.encryptFor(userId, noteId, content);
    await this.record('vault.note.update', { actorId: userId, actorRole: 'author', outcome: 'allowed', entityId: noteId, clientId: row.client_id });
    await this.db.updateTable('psychotherapy_notes').set({ ...sealed, updated_at: nowIso() }).where('id', '=', noteId).where('author_id', '=', userId).execute();
  }

  /** The author's notes (optionally for one client), newest first. */
  async listNotes(session: VaultSession, clientId?: string): Promise<PsychotherapyNote[]> {
    const { userId, privateKey } = await this.resolve(session);
    let q = this.db.selectFrom('psychotherapy_notes').selectAll().where('author_id', '=', userId);
    if (clientId) q = q.where('client_id', '=', clientId);
    const rows = await q.orderBy('created_at', 'desc').execute();
    await this.record('vault.note.list', { actorId: userId, actorRole: 'author', outcome: 'allowed', clientId: clientId ?? null });
    return rows.map((r) => this.decrypt(r, privateKey));
  }

  /**
   * Seals an approved release packet holding psychotherapy notes (45 CFR 164.508(a)(2)) so
   * that records staff can download it on any server instance, after any restart, while its
   * plaintext never rests outside the vault (ARCHITECTURE.md invariant 2). Runs in the
   * approving author's unlocked session. The PDF and FHIR bundle are sealed under one fresh
   * data key, which is sealed to the public key of each recipient that has a vault key;
   * returns those recipients. A recipient added later cannot open it (the author re-approves).
   */
  async storeReleasePacket(session: VaultSession, input: { packetId: string; clientId: string; recipientIds: readonly string[]; pdf: Uint8Array; bundleJson: string }): Promise<{ sealedFor: string[] }> {
    const { userId } = await this.resolve(session);
    const ids = [...new Set(input.recipientIds)];
    const keys = ids.length ? await this.db.selectFrom('author_keys').select(['user_id', 'key_version', 'public_key']).where('user_id', 'in', ids).orderBy('user_id').execute() : [];
    const base = { actorId: userId, actorRole: 'author', entityType: 'release-packet', entityId: input.packetId, clientId: input.clientId };
    if (keys.length === 0) {
      await this.record('vault.release-packet.store', { ...base, outcome: 'failed', reason: 'no records staff member has a vault key' });
      throw new StorageError('conflict', 'no active records staff member has a vault key to receive this packet');
    }
    const dek = newDataKey();
    const pdfCiphertext = aeadSeal(dek, input.pdf, aad.releasePacket(input.packetId, 'pdf'));
    const bundleCiphertext = aeadSeal(dek, Buffer.from(input.bundleJson, 'utf8'), aad.releasePacket(input.packetId, 'fhir'));
    const wrapped = keys.map((k) => {
      const v = Number(k.key_version);
      return { packet_id: input.packetId, recipient_id: k.user_id, key_version: v, wrapped_data_key: sealTo(k.public_key, dek, aad.releasePacketKey(input.packetId, k.user_id, v)) };
    });
    // Audited before the write is attempted; a failed write gets its own row (module header).
    await this.record('vault.release-packet.store', { ...base, outcome: 'allowed' });
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto('sealed_release_packets').values({ id: input.packetId, client_id: input.clientId, author_id: userId, pdf_ciphertext: pdfCiphertext, bundle_ciphertext: bundleCiphertext, created_at: nowIso() }).execute();
        await trx.insertInto('sealed_release_packet_keys').values(wrapped).execute();
      });
    } catch (err) {
      await this.record('vault.release-packet.store', { ...base, outcome: 'failed' });
      throw err;
    }
    return { sealedFor: wrapped.map((w) => w.recipient_id) };
  }

  /** Removes a sealed packet whose chart record could not be written (nothing left half-done). */
  async discardReleasePacket(session: VaultSession, packetId: string): Promise<void> {
    const { userId } = await this.resolve(session);
    const row = await this.db.selectFrom('sealed_release_packets').select(['client_id', 'author_id']).where('id', '=', packetId).executeTakeFirst();
    if (!row || row.author_id !== userId) return;
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('sealed_release_packet_keys').where('packet_id', '=', packetId).execute();
      await trx.deleteFrom('sealed_release_packets').where('id', '=', packetId).execute();
    });
    await this.record('vault.release-packet.store', { actorId: userId, actorRole: 'author', outcome: 'failed', entityType: 'release-packet', entityId: packetId, clientId: row.client_id, reason: 'the chart record of the packet was not written' });
  }

  /**
   * A recipient opens a sealed release packet with their own unlocked key. Someone the
   * packet was not sealed to is refused (`conflict`: the author has to approve again);
   * every attempt is audited with ids only, before any plaintext is returned.
   */
  async openReleasePacket(session: VaultSession, packetId: string): Promise<{ pdf: Buffer; bundleJson: string }> {
    const { userId, privateKey } = await this.resolve(session);
    const row = await this.db.selectFrom('sealed_release_packets').selectAll().where('id', '=', packetId).executeTakeFirst();
    const base = { actorId: userId, actorRole: 'records', entityType: 'release-packet', entityId: packetId, clientId: row?.client_id ?? null };
    if (!row) {
      await this.record('vault.release-packet.open', { ...base, outcome: 'failed' });
      throw new StorageError('conflict', 'this packet is not in the vault; ask the author to approve the release again');
    }
    const key = await this.db.selectFrom('sealed_release_packet_keys').selectAll().where('packet_id', '=', packetId).where('recipient_id', '=', userId).executeTakeFirst();
    if (!key) {
      // 164.508(a)(2): only the records staff the author's approval sealed it to.
      await this.record('vault.release-packet.open', { ...base, outcome: 'denied', reason: 'not sealed to this user' });
      throw new StorageError('conflict', 'this packet was sealed before your account could receive it; ask the author to approve the release again');
    }
    let dek: Buffer;
    try {
      dek = openSealed(privateKey, key.wrapped_data_key, aad.releasePacketKey(packetId, userId, Number(key.key_version)));
    } catch (err) {
      await this.record('vault.release-packet.open', { ...base, outcome: 'failed' });
      throw err;
    }
    await this.record('vault.release-packet.open', { ...base, outcome: 'allowed' });
    return { pdf: aeadOpen(dek, row.pdf_ciphertext, aad.releasePacket(packetId, 'pdf')), bundleJson: aeadOpen(dek, row.bundle_ciphertext, aad.releasePacket(packetId, 'fhir')).toString('utf8') };
  }

  /**
   * Emergency access (164.312(a)(2)(ii)): a privacy officer (admin) with the recovery code
   * and a stated reason reads one note. Audited with the reason; the author is notified at
   * their next unlock.
   */
  async emergencyReadNote(input: { officer: { userId: string; roles: readonly Role[] }; recoveryCode: string; reason: string; noteId: string }): Promise<PsychotherapyNote> {
    const { officer, noteId } = input;
    const reason = EmergencyReason.safeParse(input.reason);
    const base = { actorId: officer.userId, actorRole: 'privacy-officer', entityId: noteId };
    if (!reason.success) throw invalid('reason', reason.error.issues[0]?.message ?? 'is required');
    if (!officer.roles.includes('admin')) {
      await this.record('vault.emergency-access', { ...base, outcome: 'denied', reason: reason.data });
      throw new StorageError('not-found', `note ${noteId} not found`);
    }
    let recoveryKey: Buffer;
    try {
      recoveryKey = decodeRecoveryCode(input.recoveryCode);
      if (publicKeyOf(recoveryKey) !== (await this.recoveryPublicKey())) throw new RecoveryCodeError('this is not the practice recovery code');
    } catch (err) {
      await this.record('vault.emergency-access', { ...base, outcome: 'failed', reason: reason.data });
      if (err instanceof RecoveryCodeError) throw invalid('recoveryCode', err.message);
      throw err;
    }
    const row = await this.db.selectFrom('psychotherapy_notes').selectAll().where('id', '=', noteId).executeTakeFirst();
    if (!row) {
      await this.record('vault.emergency-access', { ...base, outcome: 'failed', reason: reason.data });
      throw new StorageError('not-found', `note ${noteId} not found`);
    }
    const key = await this.authorKeyRow(row.author_id);
    const authorKey = openSealed(recoveryKey, key.recovery_wrapped_key, aad.recoveryWrap(row.author_id, key.key_version));
    await this.record('vault.emergency-access', { ...base, outcome: 'allowed', clientId: row.client_id, reason: reason.data });
    await this.db
      .insertInto('access_notices')
      .values({ id: newId(), author_id: row.author_id, accessed_by: officer.userId, note_id: noteId, reason: reason.data, accessed_at: nowIso(), acknowledged_at: null })
      .execute();
    return this.decrypt(row, authorKey);
  }

  /** Emergency accesses the author has not yet acknowledged. */
  async pendingNotices(userId: string): Promise<AccessNotice[]> {
    const rows = await this.db.selectFrom('access_notices').selectAll().where('author_id', '=', userId).where('acknowledged_at', 'is', null).orderBy('accessed_at').execute();
    return rows.map((r) => ({ id: r.id, accessedBy: r.accessed_by, noteId: r.note_id, reason: r.reason, accessedAt: r.accessed_at }));
  }

  /** Marks the author's notices as seen. */
  async acknowledgeNotices(userId: string): Promise<void> {
    await this.db.updateTable('access_notices').set({ acknowledged_at: nowIso() }).where('author_id', '=', userId).where('acknowledged_at', 'is', null).execute();
  }

  /** The author's whole vault, decrypted and re-sealed under a passphrase (for leaving a practice). */
  async exportAuthorVault(session: VaultSession, passphrase: string): Promise<string> {
    const pp = z.string().min(12, 'must be at least 12 characters').safeParse(passphrase);
    if (!pp.success) throw invalid('passphrase', pp.error.issues[0]?.message ?? 'is invalid');
    const { userId, privateKey } = await this.resolve(session);
    const rows = await this.db.selectFrom('psychotherapy_notes').selectAll().where('author_id', '=', userId).orderBy('created_at').execute();
    await this.record('vault.export', { actorId: userId, actorRole: 'author', outcome: 'allowed', entityType: 'vault-export', entityId: userId });
    const notes = rows.map((r) => this.decrypt(r, privateKey));
    const box = await passphraseSeal(passphrase, Buffer.from(JSON.stringify({ authorId: userId, exportedAt: nowIso(), notes }), 'utf8'), EXPORT_AAD);
    return JSON.stringify({ format: 'notewall-vault-export', version: 1, ...box });
  }
}

/** Opens an author's vault export with its passphrase. */
export async function readVaultExport(text: string, passphrase: string): Promise<{ authorId: string; notes: PsychotherapyNote[] }> {
  const parsed = JSON.parse(text) as { format?: string; version?: number } & PassphraseBox;
  if (parsed.format !== 'notewall-vault-export' || parsed.version !== 1) throw invalid('export', 'is not a Notewall vault export');
  const plain = await passphraseOpen(passphrase, parsed, EXPORT_AAD);
  return JSON.parse(plain.toString('utf8')) as { authorId: string; notes: PsychotherapyNote[] };
}
