/**
 * The storage side of "polish with the language model": read the author's own draft and
 * the client's AI consent in one guarded, audited transaction before anything is sent, and
 * record the outcome of the call afterwards. Audit rows carry ids and outcome codes only,
 * never note text (ARCHITECTURE.md invariant 5).
 *
 * Only the chart's progress note is read here; nothing in this module can reach the vault,
 * so psychotherapy notes cannot enter a prompt by this path (45 CFR 164.508(a)(2)).
 */
import { ProgressNoteContent } from '../../core/notes/model.ts';
import { appendAudit, appendAuditStandalone, type AuditOutcome } from '../audit/audit-log.ts';
import { StorageError } from '../errors.ts';
import { unsafeCurrentAiConsent } from './ai-consent-repository.ts';
import { guarded, type RepoContext } from './context.ts';

export interface PolishSource {
  readonly noteId: string;
  readonly clientId: string;
  readonly version: number;
  readonly content: ProgressNoteContent;
  /** The client's consent at the moment of reading; the gate decides on this. */
  readonly clientConsent: boolean;
}

/**
 * Reads the caller's own draft and the client's consent (`note.polish`, audited). A note
 * that does not exist, is not the caller's, or belongs to a client they do not treat is
 * `not-found`; a signed note is `immutable` (it is never rephrased).
 */
export async function readPolishSource(ctx: RepoContext, noteId: string): Promise<PolishSource> {
  const row = await ctx.store.db.selectFrom('progress_notes').select('client_id').where('id', '=', noteId).executeTakeFirst();
  if (!row) {
    await appendAuditStandalone(ctx.store.db, ctx.store.adapter, {
      actorId: ctx.actor.userId,
      actorRole: null,
      action: 'note.polish',
      entityType: 'progress-note',
      entityId: noteId,
      outcome: 'failed',
      requestId: ctx.actor.requestId ?? null,
    });
    throw new StorageError('not-found', `note ${noteId} not found`);
  }
  const clientId = row.client_id;
  return guarded(ctx, { permission: 'note.write', action: 'note.polish', entityType: 'progress-note', clientId, entityId: noteId, reason: 'read-for-polish' }, async (trx) => {
    const note = await trx.selectFrom('progress_notes').selectAll().where('id', '=', noteId).executeTakeFirstOrThrow();
    // Drafts are their author's alone until signed.
    if (note.author_id !== ctx.actor.userId) throw new StorageError('not-found', `note ${noteId} not found`);
    if (note.status === 'signed') throw new StorageError('immutable', 'a signed note is not rephrased; add an addendum instead');
    return {
      value: {
        noteId,
        clientId,
        version: ctx.store.adapter.toNumber(note.version),
        content: ProgressNoteContent.parse(JSON.parse(note.content_json)),
        clientConsent: await unsafeCurrentAiConsent(trx, clientId),
      },
    };
  });
}

/** What happened to one polish request, for the audit row. */
export type PolishAuditOutcome = { readonly outcome: AuditOutcome; readonly reason: string };

/**
 * Records the result of the call: `allowed` with `sent:<status>` when the gate let the draft
 * go, `denied` with the gate's code when it did not. Codes only, never text.
 */
export async function recordPolishOutcome(ctx: RepoContext, source: Pick<PolishSource, 'noteId' | 'clientId'>, result: PolishAuditOutcome): Promise<void> {
  await ctx.store.db.transaction().execute((trx) =>
    appendAudit(trx, ctx.store.adapter, {
      actorId: ctx.actor.userId,
      actorRole: 'clinician',
      action: 'note.polish',
      entityType: 'progress-note',
      entityId: source.noteId,
      clientId: source.clientId,
      outcome: result.outcome,
      requestId: ctx.actor.requestId ?? null,
      reason: result.reason,
    }),
  );
}
