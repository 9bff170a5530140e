/**
 * Progress notes: drafts with versions, signing, supervisor co-signature, addenda and the
 * chart page. A signed note never changes (ARCHITECTURE.md invariant 4; 45 CFR
 * 164.312(c)(1) integrity): this repository refuses, and the database refuses again by
 * trigger, whatever path the SQL takes. Corrections are addenda.
 *
 * A progress note never holds or references a psychotherapy note (45 CFR 164.501); nothing
 * here knows the vault exists.
 */
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { ProgressNoteContent, type ProgressNoteContent as Content } from '../../core/notes/model.ts';
import { canonicalJson, sha256Hex } from '../canonical-json.ts';
import { newId, nowIso } from '../clock.ts';
import { StorageError } from '../errors.ts';
import { guarded, parseInput, type RepoContext } from './context.ts';
import { appendAuditStandalone } from '../audit/audit-log.ts';
import type { ChartDatabase, ProgressNotesTable } from './schema.ts';

/** SHA-256 (hex) over the canonical JSON of a note's content: what a signature binds. */
export function noteContentHash(content: Content): string {
  return sha256Hex(canonicalJson(content));
}

/** True when the stored content still hashes to the stored signature hash. */
export function verifyStoredNote(row: Pick<ProgressNotesTable, 'content_json' | 'content_hash' | 'status'>): boolean {
  if (row.status !== 'signed' || !row.content_hash) return false;
  const parsed = ProgressNoteContent.safeParse(JSON.parse(row.content_json));
  return parsed.success && noteContentHash(parsed.data) === row.content_hash && sha256Hex(row.content_json) === row.content_hash;
}

export const NewNoteInput = z.object({
  clientId: z.string().min(1, 'is required'),
  sessionId: z.string().min(1).optional(),
  content: ProgressNoteContent,
});
export type NewNoteInput = z.input<typeof NewNoteInput>;

export interface Signature {
  readonly signerId: string;
  readonly kind: 'author' | 'cosign';
  readonly contentHash: string;
  readonly signedAt: string;
}

export interface Addendum {
  readonly id: string;
  readonly authorId: string;
  readonly body: string;
  readonly noteHash: string;
  readonly contentHash: string;
  readonly signedAt: string;
}

export interface ProgressNote {
  readonly id: string;
  readonly clientId: string;
  readonly sessionId: string | null;
  readonly authorId: string;
  readonly status: 'draft' | 'signed';
  readonly version: number;
  readonly content: Content;
  readonly contentHash: string | null;
  readonly signedBy: string | null;
  readonly signedAt: string | null;
  readonly signatures: readonly Signature[];
  readonly addenda: readonly Addendum[];
}

/** One row of the chart page (no note text: the page lists, the note view reads). */
export interface ChartPageRow {
  readonly id: string;
  /** The session the note documents, when it was created for one. */
  readonly sessionId: string | null;
  readonly sessionDate: string;
  readonly format: string;
  readonly status: 'draft' | 'signed';
  readonly authorId: string;
  readonly signedAt: string | null;
}

export interface ChartPage {
  readonly rows: readonly ChartPageRow[];
  /** Pass back as `before` for the next (older) page; absent on the last page. */
  readonly next?: { readonly sessionDate: string; readonly id: string };
}

/** Resolves a note's client, auditing a lookup of a note that does not exist. */
async function clientOfNote(ctx: RepoContext, noteId: string, action: 'note.read' | 'note.update' | 'note.sign' | 'note.cosign' | 'note.addendum'): Promise<string> {
  const row = await ctx.store.db.selectFrom('progress_notes').select('client_id').where('id', '=', noteId).executeTakeFirst();
  if (!row) {
    await appendAuditStandalone(ctx.store.db, ctx.store.adapter, {
      actorId: ctx.actor.userId,
      actorRole: null,
      action,
      entityType: 'progress-note',
      entityId: noteId,
      outcome: 'failed',
      requestId: ctx.actor.requestId ?? null,
    });
    throw new StorageError('not-found', `note ${noteId} not found`);
  }
  return row.client_id;
}

async function checkSession(trx: Transaction<ChartDatabase>, clientId: string, sessionId: string | undefined, date: string): Promise<void> {
  if (!sessionId) return;
  const s = await trx.selectFrom('sessions').select(['id', 'session_date']).where('id', '=', sessionId).where('client_id', '=', clientId).executeTakeFirst();
  if (!s) throw new StorageError('invalid-input', "is not one of this client's sessions", 'note.sessionId');
  if (s.session_date !== date) {
    throw new StorageError('invalid-input', `is ${date} but the session is on ${s.session_date}`, 'note.content.session.date');
  }
}

/** Creates a draft progress note (version 1). */
export async function createDraft(ctx: RepoContext, input: NewNoteInput): Promise<ProgressNote> {
  const data = parseInput(NewNoteInput, input, 'note');
  return guarded(ctx, { permission: 'note.write', action: 'note.create', entityType: 'progress-note', clientId: data.clientId }, async (trx) => {
    await checkSession(trx, data.clientId, data.sessionId, data.content.session.date);
    const id = newId();
    const at = nowIso();
    const contentJson = canonicalJson(data.content);
    await trx
      .insertInto('progress_notes')
      .values({
        id,
        client_id: data.clientId,
        session_id: data.sessionId ?? null,
        author_id: ctx.actor.userId,
        session_date: data.content.session.date,
        format: data.content.format,
        status: 'draft',
        version: 1,
        content_json: contentJson,
        content_hash: null,
        signed_by: null,
        signed_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await trx.insertInto('progress_note_versions').values({ note_id: id, version: 1, content_json: contentJson, saved_by: ctx.actor.userId, saved_at: at }).execute();
    const note = await readNote(trx, ctx, id);
    return { value: note, entityId: id };
  });
}

/**
 * Saves a new version of a draft. `expectedVersion` guards against lost updates. A signed
 * note is refused with `immutable`.
 */
export async function updateDraft(ctx: RepoContext, noteId: string, content: z.input<typeof ProgressNoteContent>, expectedVersion: number): Promise<ProgressNote> {
  const parsed = parseInput(ProgressNoteContent, content, 'note.content');
  const clientId = await clientOfNote(ctx, noteId, 'note.update');
  return guarded(ctx, { permission: 'note.write', action: 'note.update', entityType: 'progress-note', clientId, entityId: noteId }, async (trx) => {
    const row = await trx.selectFrom('progress_notes').selectAll().where('id', '=', noteId).executeTakeFirstOrThrow();
    if (row.status === 'signed') throw new StorageError('immutable', 'a signed note cannot be changed; add an addendum instead');
    if (row.author_id !== ctx.actor.userId) throw new StorageError('not-found', `note ${noteId} not found`);
    const version = ctx.store.adapter.toNumber(row.version);
    if (version !== expectedVersion) {
      throw new StorageError('conflict', `the note is at version ${version}, not ${expectedVersion}; reload it`, 'note.version');
    }
    await checkSession(trx, clientId, row.session_id ?? undefined, parsed.session.date);
    const at = nowIso();
    const contentJson = canonicalJson(parsed);
    const next = version + 1;
    // The status and version predicates make a concurrent sign or save lose the race visibly.
    const res = await trx
      .updateTable('progress_notes')
      .set({ content_json: contentJson, version: next, session_date: parsed.session.date, format: parsed.format, updated_at: at })
      .where('id', '=', noteId)
      .where('status', '=', 'draft')
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new StorageError('conflict', 'the note changed while saving; reload it', 'note.version');
    await trx.insertInto('progress_note_versions').values({ note_id: noteId, version: next, content_json: contentJson, saved_by: ctx.actor.userId, saved_at: at }).execute();
    return { value: await readNote(trx, ctx, noteId) };
  });
}

/**
 * Signs a draft: stores the content hash, signer and time, and the author signature row,
 * in one durable transaction. Only the note's author signs it.
 */
export async function signNote(ctx: RepoContext, noteId: string, expectedVersion?: number): Promise<ProgressNote> {
  const clientId = await clientOfNote(ctx, noteId, 'note.sign');
  return guarded(ctx, { permission: 'note.sign', action: 'note.sign', entityType: 'progress-note', clientId, entityId: noteId }, async (trx) => {
    const row = await trx.selectFrom('progress_notes').selectAll().where('id', '=', noteId).executeTakeFirstOrThrow();
    if (row.status === 'signed') throw new StorageError('immutable', 'the note is already signed');
    if (row.author_id !== ctx.actor.userId) throw new StorageError('invalid-input', "only the note's author signs it", 'note.authorId');
    const version = ctx.store.adapter.toNumber(row.version);
    if (expectedVersion !== undefined && version !== expectedVersion) {
      throw new StorageError('conflict', `the note is at version ${version}, not ${expectedVersion}; review it before signing`, 'note.version');
    }
    const content = ProgressNoteContent.parse(JSON.parse(row.content_json));
    const canonical = canonicalJson(content);
    const hash = sha256Hex(canonical);
    const at = nowIso();
    const res = await trx
      .updateTable('progress_notes')
      .set({ status: 'signed', content_json: canonical, content_hash: hash, signed_by: ctx.actor.userId, signed_at: at, updated_at: at })
      .where('id', '=', noteId)
      .where('status', '=', 'draft')
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new StorageError('conflict', 'the note changed while signing; reload it', 'note.version');
    await trx.insertInto('note_signatures').values({ id: newId(), note_id: noteId, signer_id: ctx.actor.userId, kind: 'author', content_hash: hash, signed_at: at }).execute();
    return { value: await readNote(trx, ctx, noteId) };
  });
}

/** A supervisor co-signs a signed note of a supervisee's client; the note itself is untouched. */
export async function cosignNote(ctx: RepoContext, noteId: string): Promise<ProgressNote> {
  const clientId = await clientOfNote(ctx, noteId, 'note.cosign');
  return guarded(ctx, { permission: 'note.cosign', action: 'note.cosign', entityType: 'progress-note', clientId, entityId: noteId }, async (trx) => {
    const row = await trx.selectFrom('progress_notes').selectAll().where('id', '=', noteId).executeTakeFirstOrThrow();
    if (row.status !== 'signed' || !row.content_hash) throw new StorageError('invalid-input', 'only a signed note can be co-signed', 'note.status');
    if (row.author_id === ctx.actor.userId) throw new StorageError('invalid-input', 'the author cannot co-sign their own note', 'note.signerId');
    const dup = await trx.selectFrom('note_signatures').select('id').where('note_id', '=', noteId).where('signer_id', '=', ctx.actor.userId).where('kind', '=', 'cosign').executeTakeFirst();
    if (dup) throw new StorageError('conflict', 'you have already co-signed this note');
    await trx.insertInto('note_signatures').values({ id: newId(), note_id: noteId, signer_id: ctx.actor.userId, kind: 'cosign', content_hash: row.content_hash, signed_at: nowIso() }).execute();
    return { value: await readNote(trx, ctx, noteId) };
  });
}

export const AddendumBody = z.string().trim().min(1, 'is required').max(50_000);

/** Adds a signed addendum to a signed note: the only way to correct or extend it. */
export async function addAddendum(ctx: RepoContext, noteId: string, body: string): Promise<Addendum> {
  const text = parseInput(AddendumBody, body, 'addendum.body');
  const clientId = await clientOfNote(ctx, noteId, 'note.addendum');
  return guarded(ctx, { permission: 'note.addendum', action: 'note.addendum', entityType: 'progress-note', clientId, entityId: noteId }, async (trx) => {
    const row = await trx.selectFrom('progress_notes').selectAll().where('id', '=', noteId).executeTakeFirstOrThrow();
    if (row.status !== 'signed' || !row.content_hash) throw new StorageError('invalid-input', 'addenda go on signed notes; edit the draft instead', 'note.status');
    const id = newId();
    const at = nowIso();
    const contentHash = sha256Hex(canonicalJson({ id, noteId, noteHash: row.content_hash, authorId: ctx.actor.userId, body: text, signedAt: at }));
    await trx.insertInto('note_addenda').values({ id, note_id: noteId, author_id: ctx.actor.userId, body: text, note_hash: row.content_hash, content_hash: contentHash, signed_at: at }).execute();
    return { value: { id, authorId: ctx.actor.userId, body: text, noteHash: row.content_hash, contentHash, signedAt: at }, entityId: id };
  });
}

/** Reads one note with its signatures and addenda. */
export async function getNote(ctx: RepoContext, noteId: string): Promise<ProgressNote> {
  const clientId = await clientOfNote(ctx, noteId, 'note.read');
  return guarded(ctx, { permission: 'note.read', action: 'note.read', entityType: 'progress-note', clientId, entityId: noteId }, async (trx) => ({
    value: await readNote(trx, ctx, noteId),
  }));
}

export const ChartPageInput = z.object({
  limit: z.number().int().min(1).max(200).default(50),
  before: z.object({ sessionDate: z.string(), id: z.string() }).optional(),
});
export type ChartPageInput = z.input<typeof ChartPageInput>;

/** One page of a client's notes, newest session first (keyset pagination on the chart-page index). */
export async function chartPage(ctx: RepoContext, clientId: string, input: ChartPageInput = {}): Promise<ChartPage> {
  const opts = parseInput(ChartPageInput, input, 'page');
  return guarded(ctx, { permission: 'note.read', action: 'note.chart-page', entityType: 'progress-note', clientId }, async (trx) => {
    let q = trx
      .selectFrom('progress_notes')
      .select(['id', 'session_id', 'session_date', 'format', 'status', 'author_id', 'signed_at'])
      .where('client_id', '=', clientId);
    const before = opts.before;
    if (before) {
      q = q.where((eb) =>
        eb.or([eb('session_date', '<', before.sessionDate), eb.and([eb('session_date', '=', before.sessionDate), eb('id', '<', before.id)])]),
      );
    }
    const rows = await q.orderBy('session_date', 'desc').orderBy('id', 'desc').limit(opts.limit + 1).execute();
    const page = rows.slice(0, opts.limit).map((r) => ({ id: r.id, sessionId: r.session_id, sessionDate: r.session_date, format: r.format, status: r.status, authorId: r.author_id, signedAt: r.signed_at }));
    const last = page[page.length - 1];
    return { value: rows.length > opts.limit && last ? { rows: page, next: { sessionDate: last.sessionDate, id: last.id } } : { rows: page } };
  });
}

async function readNote(trx: Transaction<ChartDatabase>, ctx: RepoContext, noteId: string): Promise<ProgressNote> {
  const row = await trx.selectFrom('progress_notes').selectAll().where('id', '=', noteId).executeTakeFirstOrThrow();
  const sigs = await trx.selectFrom('note_signatures').selectAll().where('note_id', '=', noteId).orderBy('signed_at').execute();
  const addenda = await trx.selectFrom('note_addenda').selectAll().where('note_id', '=', noteId).orderBy('signed_at').execute();
  return {
    id: row.id,
    clientId: row.client_id,
    sessionId: row.session_id,
    authorId: row.author_id,
    status: row.status,
    version: ctx.store.adapter.toNumber(row.version),
    content: ProgressNoteContent.parse(JSON.parse(row.content_json)),
    contentHash: row.content_hash,
    signedBy: row.signed_by,
    signedAt: row.signed_at,
    signatures: sigs.map((s) => ({ signerId: s.signer_id, kind: s.kind, contentHash: s.content_hash, signedAt: s.signed_at })),
    addenda: addenda.map((a) => ({ id: a.id, authorId: a.author_id, body: a.body, noteHash: a.note_hash, contentHash: a.content_hash, signedAt: a.signed_at })),
  };
}
