/**
 * The billing view of a client (45 CFR 164.502(b) minimum necessary): session dates,
 * times, CPT codes, modality and place of service, and diagnosis codes. No note text, no
 * participants, no measures.
 */
import { guarded, type RepoContext } from './context.ts';

export interface BillingSession {
  readonly id: string;
  readonly date: string;
  readonly start: string | null;
  readonly end: string | null;
  readonly durationMinutes: number | null;
  readonly cptCodes: readonly string[];
  readonly modality: string;
  readonly placeOfService: string;
  readonly clinicianId: string;
}

export interface BillingView {
  readonly clientId: string;
  readonly sessions: readonly BillingSession[];
  readonly diagnosisCodes: readonly string[];
}

export async function billingView(ctx: RepoContext, clientId: string): Promise<BillingView> {
  return guarded(ctx, { permission: 'session.read', action: 'session.read', entityType: 'billing-view', clientId }, async (trx) => {
    const sessions = await trx
      .selectFrom('sessions')
      .select(['id', 'session_date', 'start_time', 'end_time', 'duration_minutes', 'cpt_codes_json', 'modality', 'place_of_service', 'clinician_id'])
      .where('client_id', '=', clientId)
      .orderBy('session_date', 'desc')
      .execute();
    const dx = await trx.selectFrom('diagnoses').select('code').where('client_id', '=', clientId).where('resolved_date', 'is', null).orderBy('created_at').execute();
    return {
      value: {
        clientId,
        sessions: sessions.map((s) => ({
          id: s.id,
          date: s.session_date,
          start: s.start_time,
          end: s.end_time,
          durationMinutes: s.duration_minutes === null ? null : ctx.store.adapter.toNumber(s.duration_minutes),
          cptCodes: JSON.parse(s.cpt_codes_json) as string[],
          modality: s.modality,
          placeOfService: s.place_of_service,
          clinicianId: s.clinician_id,
        })),
        diagnosisCodes: [...new Set(dx.map((d) => d.code))],
      },
    };
  });
}
