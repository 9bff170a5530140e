/** Diagnoses (ICD-10-CM), treatment-plan goals and measure administrations. */
import { z } from 'zod';
import { InstrumentIdSchema, MeasureInputError, scoreMeasure } from '../../core/measures/index.ts';
import { normaliseIcd10Code } from '../../core/codes/icd10.ts';
import { Icd10Code, IsoDate } from '../../core/notes/model.ts';
import { newId, nowIso } from '../clock.ts';
import { StorageError } from '../errors.ts';
import { guarded, parseInput, type RepoContext } from './context.ts';

export const NewDiagnosisInput = z.object({
  clientId: z.string().min(1, 'is required'),
  code: Icd10Code.transform(normaliseIcd10Code),
  description: z.string().trim().max(500).optional(),
  onsetDate: IsoDate.optional(),
});
export type NewDiagnosisInput = z.input<typeof NewDiagnosisInput>;

export interface Diagnosis {
  readonly id: string;
  readonly clientId: string;
  readonly code: string;
  readonly description: string | null;
  readonly onsetDate: string | null;
}

/** Records a diagnosis; a code that is well-formed but not in the code list is refused. */
export async function addDiagnosis(ctx: RepoContext, input: NewDiagnosisInput): Promise<Diagnosis> {
  const data = parseInput(NewDiagnosisInput, input, 'diagnosis');
  const problem = ctx.store.icd10Check(data.code);
  if (problem) throw new StorageError('invalid-input', problem, 'diagnosis.code');
  return guarded(ctx, { permission: 'diagnosis.write', action: 'diagnosis.create', entityType: 'diagnosis', clientId: data.clientId }, async (trx) => {
    const id = newId();
    await trx
      .insertInto('diagnoses')
      .values({ id, client_id: data.clientId, code: data.code, description: data.description ?? null, onset_date: data.onsetDate ?? null, resolved_date: null, created_at: nowIso(), created_by: ctx.actor.userId })
      .execute();
    return { value: { id, clientId: data.clientId, code: data.code, description: data.description ?? null, onsetDate: data.onsetDate ?? null }, entityId: id };
  });
}

/** A client's diagnoses, oldest first. */
export async function listDiagnoses(ctx: RepoContext, clientId: string): Promise<Diagnosis[]> {
  return guarded(ctx, { permission: 'diagnosis.read', action: 'diagnosis.read', entityType: 'diagnosis', clientId }, async (trx) => {
    const rows = await trx.selectFrom('diagnoses').selectAll().where('client_id', '=', clientId).orderBy('created_at').orderBy('id').execute();
    return { value: rows.map((r) => ({ id: r.id, clientId: r.client_id, code: r.code, description: r.description, onsetDate: r.onset_date })) };
  });
}

export const GOAL_STATUSES = ['active', 'met', 'discontinued'] as const;

export const NewGoalInput = z.object({
  clientId: z.string().min(1, 'is required'),
  description: z.string().trim().min(1, 'is required').max(2000),
  targetDate: IsoDate.optional(),
  status: z.enum(GOAL_STATUSES).default('active'),
});
export type NewGoalInput = z.input<typeof NewGoalInput>;

/** Adds a treatment-plan goal. */
export async function addGoal(ctx: RepoContext, input: NewGoalInput): Promise<string> {
  const data = parseInput(NewGoalInput, input, 'goal');
  return guarded(ctx, { permission: 'goal.write', action: 'goal.create', entityType: 'goal', clientId: data.clientId }, async (trx) => {
    const id = newId();
    await trx
      .insertInto('treatment_goals')
      .values({ id, client_id: data.clientId, description: data.description, target_date: data.targetDate ?? null, status: data.status, created_at: nowIso(), created_by: ctx.actor.userId })
      .execute();
    return { value: id, entityId: id };
  });
}

/** A client's goals. */
export async function listGoals(ctx: RepoContext, clientId: string): Promise<Array<{ id: string; description: string; targetDate: string | null; status: string }>> {
  return guarded(ctx, { permission: 'goal.read', action: 'goal.read', entityType: 'goal', clientId }, async (trx) => {
    const rows = await trx.selectFrom('treatment_goals').selectAll().where('client_id', '=', clientId).orderBy('created_at').execute();
    return { value: rows.map((r) => ({ id: r.id, description: r.description, targetDate: r.target_date, status: r.status })) };
  });
}

export const NewMeasureInput = z.object({
  clientId: z.string().min(1, 'is required'),
  sessionId: z.string().min(1).optional(),
  instrument: InstrumentIdSchema,
  administeredOn: IsoDate,
  items: z.array(z.number()),
});
export type NewMeasureInput = z.input<typeof NewMeasureInput>;

/** Records a measure administration, scored by the core scorer (items checked there). */
export async function recordMeasure(ctx: RepoContext, input: NewMeasureInput): Promise<{ id: string; total: number }> {
  const data = parseInput(NewMeasureInput, input, 'measure');
  let total: number;
  try {
    total = scoreMeasure(data.instrument, data.items).total;
  } catch (err) {
    if (err instanceof MeasureInputError) throw new StorageError('invalid-input', err.message, `measure.${err.field}`);
    throw err;
  }
  return guarded(ctx, { permission: 'measure.write', action: 'measure.create', entityType: 'measure', clientId: data.clientId }, async (trx) => {
    if (data.sessionId) {
      const s = await trx.selectFrom('sessions').select('id').where('id', '=', data.sessionId).where('client_id', '=', data.clientId).executeTakeFirst();
      if (!s) throw new StorageError('invalid-input', "is not one of this client's sessions", 'measure.sessionId');
    }
    const id = newId();
    await trx
      .insertInto('measure_administrations')
      .values({ id, client_id: data.clientId, session_id: data.sessionId ?? null, instrument: data.instrument, administered_on: data.administeredOn, responses_json: JSON.stringify(data.items), total_score: total, created_by: ctx.actor.userId, created_at: nowIso() })
      .execute();
    return { value: { id, total }, entityId: id };
  });
}
