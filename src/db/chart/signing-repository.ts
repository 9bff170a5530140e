/**
 * Signing with the compliance check the server owes the record: before a progress note is
 * signed, the linter runs again on the note's canonical text (the same text the signature
 * binds) with the full ICD-10-CM list. Error-level findings block the signature unless the
 * clinician states an override reason; the reason and the overridden rule ids are stored
 * next to the note and written to the audit log in the signing transaction
 * (45 CFR 164.312(b), 164.316(b)(1) documentation of the decision).
 *
 * Built on `signNote` and `guarded()`: the access check and audit stay where they are.
 */
import { z } from 'zod';
import { lint, type Finding } from '../../core/rules/index.ts';
import { renderProgressNote } from '../../core/notes/render.ts';
import { loadFullIcd10Lookup } from '../../reference/icd10-full.ts';
import { appendAuditStandalone } from '../audit/audit-log.ts';
import { newId, nowIso } from '../clock.ts';
import { StorageError } from '../errors.ts';
import type { AuthDatabase } from '../auth/schema.ts';
import { guarded, parseInput, type RepoContext } from './context.ts';
import { signNote, type ProgressNote } from './notes-repository.ts';
import { ProgressNoteContent } from '../../core/notes/model.ts';

/** Why a clinician signs despite error findings: a sentence, not clinical content. */
export const OverrideReason = z.string().trim().min(10, 'must state why the findings do not apply (at least 10 characters)').max(2000);

/** Raised when error-level findings block the signature; carries them for the editor. */
export class LintBlockedError extends Error {
  override readonly name = 'LintBlockedError';
  constructor(readonly findings: readonly Finding[]) {
    super(`${findings.length} error-level finding(s) block signing; fix them or give an override reason`);
  }
}

/** The server-side lint of a progress note's canonical text, with the full code list. */
export function lintProgressNote(content: ProgressNoteContent): readonly Finding[] {
  return lint(renderProgressNote(content).text, { kind: 'progress', icd10: loadFullIcd10Lookup() }).findings;
}

export interface SignOptions {
  /** The version the clinician reviewed; signing a newer version is a conflict. */
  readonly expectedVersion?: number;
  /** Required when the linter reports error-level findings. */
  readonly overrideReason?: string;
}

export interface SignResult {
  readonly note: ProgressNote;
  /** Every finding at signing time (warnings included), so the client can show them. */
  readonly findings: readonly Finding[];
  readonly overridden: readonly string[];
}

/** The client a note belongs to (access is checked by the guard that follows). */
async function clientOfNote(ctx: RepoContext, noteId: string): Promise<string> {
  const row = await ctx.store.db.selectFrom('progress_notes').select('client_id').where('id', '=', noteId).executeTakeFirst();
  // An unknown note: `signNote` audits the failed lookup and answers not-found.
  return row?.client_id ?? '';
}

/**
 * Lints and signs a draft in one durable transaction (see the file comment): the guard
 * checks `note.sign`, the work reads the draft, lints it, refuses on error findings without
 * an override, and signs through `signNote` joined to the same transaction. A blocked
 * attempt rolls back and is audited as `failed` with the rule ids.
 */
export async function signProgressNote(ctx: RepoContext, noteId: string, options: SignOptions = {}): Promise<SignResult> {
  const override = options.overrideReason === undefined ? undefined : parseInput(OverrideReason, options.overrideReason, 'sign.overrideReason');
  const clientId = await clientOfNote(ctx, noteId);
  if (!clientId) return { note: await signNote(ctx, noteId, options.expectedVersion), findings: [], overridden: [] };
  let blocked: LintBlockedError | null = null;
  try {
    return await guarded(ctx, { permission: 'note.sign', action: 'note.sign', entityType: 'progress-note-lint', clientId, entityId: noteId }, async (trx) => {
      const row = await trx.selectFrom('progress_notes').select(['status', 'content_json', 'version', 'author_id']).where('id', '=', noteId).executeTakeFirstOrThrow();
      if (row.status === 'signed') throw new StorageError('immutable', 'the note is already signed');
      const version = ctx.store.adapter.toNumber(row.version);
      if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
        throw new StorageError('conflict', `the note is at version ${version}, not ${options.expectedVersion}; review it before signing`, 'sign.version');
      }
      const findings = lintProgressNote(ProgressNoteContent.parse(JSON.parse(row.content_json)));
      const errors = [...new Set(findings.filter((f) => f.severity === 'error').map((f) => f.rule))];
      if (errors.length > 0 && override === undefined) {
        blocked = new LintBlockedError(findings.filter((f) => f.severity === 'error'));
        throw blocked;
      }
      // The inner sign joins this transaction: the signature, the override row and the
      // audit rows commit together or not at all.
      const note = await signNote({ store: { ...ctx.store, db: trx }, actor: ctx.actor }, noteId, version);
      if (errors.length > 0) {
        await trx
          .withTables<AuthDatabase>()
          .insertInto('note_sign_overrides')
          .values({ id: newId(), note_id: noteId, signer_id: ctx.actor.userId, reason: override ?? '', rule_ids_json: JSON.stringify(errors), created_at: nowIso() })
          .execute();
      }
      // The audit log holds ids and codes only; the stated reason itself is in note_sign_overrides.
      return { value: { note, findings, overridden: errors } };
    });
  } catch (err) {
    if (err === blocked && blocked !== null) {
      const rules = [...new Set((blocked as LintBlockedError).findings.map((f) => f.rule))];
      await appendAuditStandalone(ctx.store.db, ctx.store.adapter, {
        actorId: ctx.actor.userId,
        actorRole: null,
        action: 'note.sign',
        entityType: 'progress-note',
        entityId: noteId,
        clientId,
        outcome: 'failed',
        requestId: ctx.actor.requestId ?? null,
        reason: `blocked by linter: ${rules.join(', ')}`,
      });
    }
    throw err;
  }
}
