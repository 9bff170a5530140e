/** Sessions: date, start/stop, modality, participants, place of service (telehealth or not). */
import { z } from 'zod';
import { SessionLogistics, type SessionLogistics as Logistics } from '../../core/notes/model.ts';
import { newId, nowIso } from '../clock.ts';
import { StorageError } from '../errors.ts';
import { guarded, parseInput, type RepoContext } from './context.ts';

export const NewSessionInput = z.object({
  clientId: z.string().min(1, 'is required'),
  /** Defaults to the acting user. */
  clinicianId: z.string().min(1).optional(),
  logistics: SessionLogistics,
});
export type NewSessionInput = z.input<typeof NewSessionInput>;

export interface Session {
  readonly id: string;
  readonly clientId: string;
  readonly clinicianId: string;
  readonly logistics: Logistics;
  readonly createdAt: string;
}

/** Minutes since midnight of an `HH:MM` time. */
function minutes(t: string): number {
  const [h, m] = t.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/**
 * Creates a session. Refuses reversed times (the schema names `logistics.end`), a date in
 * the future, and a time range that overlaps another session of the same clinician or of
 * the same client on that date (`logistics.start`, naming the other session).
 */
export async function createSession(ctx: RepoContext, input: NewSessionInput): Promise<Session> {
  const data = parseInput(NewSessionInput, input, 'session');
  const l = data.logistics;
  const today = new Date().toISOString().slice(0, 10);
  if (l.date > today) throw new StorageError('invalid-input', `is in the future (${l.date})`, 'session.logistics.date');
  if ((l.start === undefined) !== (l.end === undefined)) {
    throw new StorageError('invalid-input', 'start and end times go together; give both or neither', l.start ? 'session.logistics.end' : 'session.logistics.start');
  }
  const clinicianId = data.clinicianId ?? ctx.actor.userId;
  return guarded(ctx, { permission: 'session.write', action: 'session.create', entityType: 'session', clientId: data.clientId }, async (trx) => {
    if (clinicianId !== ctx.actor.userId) {
      const assigned = await trx
        .selectFrom('client_assignments')
        .select('user_id')
        .where('client_id', '=', data.clientId)
        .where('user_id', '=', clinicianId)
        .where('relation', '=', 'clinician')
        .executeTakeFirst();
      if (!assigned) throw new StorageError('invalid-input', 'is not a clinician assigned to this client', 'session.clinicianId');
    }
    if (l.start && l.end) {
      const sameDay = await trx
        .selectFrom('sessions')
        .select(['id', 'start_time', 'end_time', 'client_id', 'clinician_id'])
        .where('session_date', '=', l.date)
        .where((eb) => eb.or([eb('clinician_id', '=', clinicianId), eb('client_id', '=', data.clientId)]))
        .execute();
      const s = minutes(l.start);
      const e = minutes(l.end);
      for (const other of sameDay) {
        if (!other.start_time || !other.end_time) continue;
        if (s < minutes(other.end_time) && minutes(other.start_time) < e) {
          const whose = other.clinician_id === clinicianId ? "the clinician's" : "the client's";
          throw new StorageError(
            'invalid-input',
            `${l.start}–${l.end} overlaps ${whose} session ${other.id} (${other.start_time}–${other.end_time}) on ${l.date}`,
            'session.logistics.start',
          );
        }
      }
    }
    const id = newId();
    const at = nowIso();
    await trx
      .insertInto('sessions')
      .values({
        id,
        client_id: data.clientId,
        clinician_id: clinicianId,
        session_date: l.date,
        start_time: l.start ?? null,
        end_time: l.end ?? null,
        duration_minutes: l.durationMinutes ?? (l.start && l.end ? minutes(l.end) - minutes(l.start) : null),
        modality: l.modality,
        place_of_service: l.placeOfService,
        participants_json: JSON.stringify(l.participants),
        cpt_codes_json: JSON.stringify(l.cptCodes),
        created_at: at,
        created_by: ctx.actor.userId,
      })
      .execute();
    return { value: { id, clientId: data.clientId, clinicianId, logistics: l, createdAt: at }, entityId: id };
  });
}

/** A client's sessions, newest first. Billers see these (dates, times, codes) under minimum necessary. */
export async function listSessions(ctx: RepoContext, clientId: string): Promise<Session[]> {
  return guarded(ctx, { permission: 'session.read', action: 'session.read', entityType: 'session', clientId }, async (trx) => {
    const rows = await trx.selectFrom('sessions').selectAll().where('client_id', '=', clientId).orderBy('session_date', 'desc').orderBy('start_time', 'desc').execute();
    return {
      value: rows.map((r) => ({
        id: r.id,
        clientId: r.client_id,
        clinicianId: r.clinician_id,
        createdAt: r.created_at,
        logistics: SessionLogistics.parse({
          date: r.session_date,
          ...(r.start_time ? { start: r.start_time } : {}),
          ...(r.end_time ? { end: r.end_time } : {}),
          ...(r.duration_minutes !== null ? { durationMinutes: ctx.store.adapter.toNumber(r.duration_minutes) } : {}),
          cptCodes: JSON.parse(r.cpt_codes_json) as unknown,
          modality: r.modality,
          participants: JSON.parse(r.participants_json) as unknown,
          placeOfService: r.place_of_service,
        }),
      })),
    };
  });
}
