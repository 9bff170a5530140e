/**
 * The clinician's home page: today's sessions, unsigned drafts, notes awaiting my
 * co-signature, and PHQ-9 item-9 alerts without a documented follow-up. Every query is
 * scoped to the actor's own assignments and authorship, so it can only return what
 * `guarded()` would allow one client at a time; the read is audited once.
 */
import { ProgressNoteContent } from '../../core/notes/model.ts';
import { appendServerAudit } from '../auth/server-audit.ts';
import type { RepoContext } from './context.ts';

export interface HomePage {
  readonly today: string;
  readonly todaysSessions: ReadonlyArray<{ id: string; clientId: string; clientName: string; start: string | null; end: string | null; modality: string }>;
  readonly drafts: ReadonlyArray<{ id: string; clientId: string; clientName: string; sessionDate: string; updatedAt: string }>;
  readonly awaitingCosign: ReadonlyArray<{ id: string; clientId: string; clientName: string; sessionDate: string; authorId: string; signedAt: string | null }>;
  /**
   * PHQ-9 administrations with item 9 above zero and no progress note dated on or after
   * them that records a suicide-risk assessment (the same follow-up the linter's
   * `progress-note/risk-follow-up` rule asks for).
   */
  readonly item9Alerts: ReadonlyArray<{ measureId: string; clientId: string; clientName: string; administeredOn: string; item9: number }>;
}

export async function clinicianHome(ctx: RepoContext, today: string): Promise<HomePage> {
  const { store, actor } = ctx;
  const me = actor.userId;
  return store.db.transaction().execute(async (trx) => {
    const mine = (relation: 'clinician' | 'supervisor') =>
      trx.selectFrom('client_assignments').select('client_id').where('user_id', '=', me).where('relation', '=', relation);
    const todaysSessions = await trx
      .selectFrom('sessions')
      .innerJoin('clients', 'clients.id', 'sessions.client_id')
      .select(['sessions.id', 'sessions.client_id', 'clients.display_name', 'sessions.start_time', 'sessions.end_time', 'sessions.modality'])
      .where('sessions.clinician_id', '=', me)
      .where('sessions.session_date', '=', today)
      .where('sessions.client_id', 'in', mine('clinician'))
      .orderBy('sessions.start_time')
      .execute();
    const drafts = await trx
      .selectFrom('progress_notes')
      .innerJoin('clients', 'clients.id', 'progress_notes.client_id')
      .select(['progress_notes.id', 'progress_notes.client_id', 'clients.display_name', 'progress_notes.session_date', 'progress_notes.updated_at'])
      .where('progress_notes.author_id', '=', me)
      .where('progress_notes.status', '=', 'draft')
      .where('progress_notes.client_id', 'in', mine('clinician'))
      .orderBy('progress_notes.session_date')
      .execute();
    const awaiting = await trx
      .selectFrom('progress_notes')
      .innerJoin('clients', 'clients.id', 'progress_notes.client_id')
      .select(['progress_notes.id', 'progress_notes.client_id', 'clients.display_name', 'progress_notes.session_date', 'progress_notes.author_id', 'progress_notes.signed_at'])
      .where('progress_notes.status', '=', 'signed')
      .where('progress_notes.author_id', '!=', me)
      .where('progress_notes.client_id', 'in', mine('supervisor'))
      .where('progress_notes.id', 'not in', trx.selectFrom('note_signatures').select('note_id').where('signer_id', '=', me).where('kind', '=', 'cosign'))
      .orderBy('progress_notes.signed_at')
      .limit(200)
      .execute();
    const phq = await trx
      .selectFrom('measure_administrations')
      .innerJoin('clients', 'clients.id', 'measure_administrations.client_id')
      .select(['measure_administrations.id', 'measure_administrations.client_id', 'clients.display_name', 'measure_administrations.administered_on', 'measure_administrations.responses_json'])
      .where('measure_administrations.instrument', '=', 'phq9')
      .where('measure_administrations.client_id', 'in', mine('clinician'))
      .execute();
    const positive = phq
      .map((m) => ({ m, item9: (JSON.parse(m.responses_json) as number[])[8] ?? 0 }))
      .filter((x) => x.item9 > 0);
    const item9Alerts: Array<HomePage['item9Alerts'][number]> = [];
    for (const { m, item9 } of positive) {
      const notes = await trx
        .selectFrom('progress_notes')
        .select('content_json')
        .where('client_id', '=', m.client_id)
        .where('session_date', '>=', m.administered_on)
        .execute();
      const followedUp = notes.some((n) => {
        const c = ProgressNoteContent.safeParse(JSON.parse(n.content_json));
        return c.success && c.data.risk !== undefined && c.data.risk.suicidalIdeation !== 'not-assessed';
      });
      if (!followedUp) item9Alerts.push({ measureId: m.id, clientId: m.client_id, clientName: m.display_name, administeredOn: m.administered_on, item9 });
    }
    await appendServerAudit(trx, store, {
      actorId: me,
      actorRole: actor.roles.find((r) => r === 'clinician' || r === 'supervisor') ?? null,
      action: 'home.read',
      entityType: 'home',
      outcome: 'allowed',
      requestId: actor.requestId ?? null,
    });
    return {
      today,
      todaysSessions: todaysSessions.map((s) => ({ id: s.id, clientId: s.client_id, clientName: s.display_name, start: s.start_time, end: s.end_time, modality: s.modality })),
      drafts: drafts.map((d) => ({ id: d.id, clientId: d.client_id, clientName: d.display_name, sessionDate: d.session_date, updatedAt: d.updated_at })),
      awaitingCosign: awaiting.map((a) => ({ id: a.id, clientId: a.client_id, clientName: a.display_name, sessionDate: a.session_date, authorId: a.author_id, signedAt: a.signed_at })),
      item9Alerts,
    };
  });
}
