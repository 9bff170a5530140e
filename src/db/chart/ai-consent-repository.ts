/**
 * The client's consent to language-model assistance with their progress-note drafts
 * (docs/drafting.md). Notewall policy on top of the Privacy Rule: a draft leaves the machine
 * for a model only while the client's newest consent row says `granted`. Consent is a
 * history (table `ai_consents`, migration `0003-ai-consent`, append-only by trigger): a
 * grant or a revocation adds a row and never rewrites one, so who recorded what and when
 * stays answerable (45 CFR 164.530(j) documentation). Every read and change is audited by
 * `guarded`, in the same transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { newId, nowIso } from '../clock.ts';
import { StorageError } from '../errors.ts';
import { guarded, parseInput, type RepoContext } from './context.ts';
import type { ChartDatabase } from './schema.ts';

export const AI_CONSENT_STATUSES = ['granted', 'revoked'] as const;
export type AiConsentStatus = (typeof AI_CONSENT_STATUSES)[number];

/** Row type of `ai_consents`. */
export interface AiConsentsTable {
  id: string;
  client_id: string;
  status: AiConsentStatus;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

/** The chart with the consent table (it exists once migration 0003 has run, which opening the store guarantees). */
export interface AiConsentDatabase extends ChartDatabase {
  ai_consents: AiConsentsTable;
}

function consentTrx(trx: Transaction<ChartDatabase>): Transaction<AiConsentDatabase> {
  return trx;
}

export const AiConsentInput = z.object({
  /** `true` records consent; `false` revokes it. */
  granted: z.boolean(),
  /** How consent was given or withdrawn ("signed form at intake"); never clinical content. */
  note: z.string().trim().max(1000).optional(),
});
export type AiConsentInput = z.input<typeof AiConsentInput>;

export interface AiConsentEvent {
  readonly status: AiConsentStatus;
  readonly note: string | null;
  readonly recordedBy: string;
  readonly recordedByName: string | null;
  readonly recordedAt: string;
}

/** The current state (the newest event) and the whole history, newest first. */
export interface AiConsentState {
  readonly clientId: string;
  readonly granted: boolean;
  readonly current: AiConsentEvent | null;
  readonly history: readonly AiConsentEvent[];
}

async function readState(db: Kysely<AiConsentDatabase> | Transaction<AiConsentDatabase>, clientId: string): Promise<AiConsentState> {
  const rows = await db
    .selectFrom('ai_consents')
    .leftJoin('users', 'users.id', 'ai_consents.recorded_by')
    .select(['ai_consents.status', 'ai_consents.note', 'ai_consents.recorded_by', 'ai_consents.recorded_at', 'users.display_name'])
    .where('ai_consents.client_id', '=', clientId)
    // recorded_at is strictly increasing per client (setAiConsent ensures it), so it orders the history.
    .orderBy('ai_consents.recorded_at', 'desc')
    .orderBy('ai_consents.id', 'desc')
    .execute();
  const history = rows.map((r) => ({ status: r.status, note: r.note, recordedBy: r.recorded_by, recordedByName: r.display_name, recordedAt: r.recorded_at }));
  const current = history[0] ?? null;
  return { clientId, granted: current?.status === 'granted', current, history };
}

/**
 * The client's consent as of now, inside a transaction the caller already guards (the
 * polish route reads it together with the note it is about to send). Skips the access
 * check: callers must have passed `guarded` for this client.
 */
export async function unsafeCurrentAiConsent(trx: Transaction<ChartDatabase>, clientId: string): Promise<boolean> {
  const row = await consentTrx(trx)
    .selectFrom('ai_consents')
    .select('status')
    .where('client_id', '=', clientId)
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.status === 'granted';
}

/** Reads the client's consent and its history (the client's clinician, or an admin). */
export async function getAiConsent(ctx: RepoContext, clientId: string): Promise<AiConsentState> {
  return guarded(ctx, { permission: 'ai-consent.read', action: 'ai-consent.read', entityType: 'ai-consent', clientId, entityId: clientId }, async (trx) => ({
    value: await readState(consentTrx(trx), clientId),
  }));
}

/**
 * Records (`granted: true`) or revokes (`granted: false`) consent. Revoking consent that is
 * not in force is a `conflict`, so a mistaken double revocation is visible rather than
 * silently stored. Recording again while granted adds a fresh row (a renewed form).
 */
export async function setAiConsent(ctx: RepoContext, clientId: string, input: AiConsentInput): Promise<AiConsentState> {
  const data = parseInput(AiConsentInput, input, 'consent');
  const action = data.granted ? 'ai-consent.record' : 'ai-consent.revoke';
  return guarded(ctx, { permission: 'ai-consent.write', action, entityType: 'ai-consent', clientId }, async (trx) => {
    const t = consentTrx(trx);
    if (!data.granted && !(await unsafeCurrentAiConsent(trx, clientId))) {
      throw new StorageError('conflict', 'there is no consent in force to revoke', 'consent.granted');
    }
    // Strictly after the newest row, even within one millisecond, so the newest row is the current state.
    const last = await t.selectFrom('ai_consents').select('recorded_at').where('client_id', '=', clientId).orderBy('recorded_at', 'desc').limit(1).executeTakeFirst();
    let at = nowIso();
    if (last && at <= last.recorded_at) at = new Date(Date.parse(last.recorded_at) + 1).toISOString();
    const id = newId();
    await t
      .insertInto('ai_consents')
      .values({ id, client_id: clientId, status: data.granted ? 'granted' : 'revoked', note: data.note && data.note !== '' ? data.note : null, recorded_by: ctx.actor.userId, recorded_at: at })
      .execute();
    return { value: await readState(t, clientId), entityId: id };
  });
}
