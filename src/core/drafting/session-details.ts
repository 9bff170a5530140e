/**
 * Session details: the structured input the composer drafts a progress note from.
 *
 * Every group is optional except the session date, because the composer never invents:
 * whatever is left out simply does not appear in the note, and the compliance linter then
 * flags the missing element (`progress-note/required-element`). In particular an absent
 * `risk` group, or an absent field inside it, means "not assessed", never "denied".
 *
 * Free-text fields (`text`, `notes`, …) may be written in clinician shorthand ("pt c/o
 * poor sleep, denies SI"); the composer expands it from the table in `shorthand.ts`.
 * Measures carry item answers or a total only: severity bands and change are computed by
 * `src/core/measures`, never read from text.
 */
import { z } from 'zod';
import {
  ClockTime,
  CptCode,
  DiagnosisEntry,
  IsoDate,
  Participant,
  PlaceOfService,
  SessionModality,
} from '../notes/model.ts';
import { InstrumentIdSchema, MeasureInputError, bandForTotal, scoreMeasure, totalRange } from './deps.ts';

/** A short free-text field in clinician shorthand. */
const FreeText = z.string().trim().min(1, 'must not be empty; leave the field out instead').max(5000);

/** Session logistics: what 45 CFR 164.501 keeps out of psychotherapy notes lives here. */
export const DraftLogistics = z
  .object({
    date: IsoDate,
    start: ClockTime.optional(),
    end: ClockTime.optional(),
    /** Face-to-face minutes, when start/stop times are not recorded (hipaa-facts §9). */
    durationMinutes: z.number().int().min(1).max(24 * 60).optional(),
    cptCodes: z.array(CptCode).max(10).optional(),
    placeOfService: PlaceOfService.optional(),
    /** For telehealth: video or audio-only. */
    telehealthMode: z.enum(['video', 'audio-only']).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.start && s.end && s.end <= s.start) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: `must be after the start time ${s.start}` });
    }
    if (s.telehealthMode && s.placeOfService && !s.placeOfService.startsWith('telehealth')) {
      ctx.addIssue({
        code: 'custom',
        path: ['telehealthMode'],
        message: `is only meaningful for a telehealth place of service, not "${s.placeOfService}"`,
      });
    }
  });
export type DraftLogistics = z.infer<typeof DraftLogistics>;

export const DraftModality = z
  .object({
    type: SessionModality,
    participants: z.array(Participant).max(50).optional(),
  })
  .strict();

/** The client's report: presenting concerns and events since the last session. */
export const ClientReport = z
  .object({
    /** The main concern in a few words ("work stress", "panic attacks"). */
    concern: FreeText.optional(),
    text: FreeText.optional(),
  })
  .strict();

/** Mental status observations; each field optional, written as observed ("euthymic"). */
export const MENTAL_STATUS_FIELDS = [
  'appearance',
  'behavior',
  'speech',
  'mood',
  'affect',
  'thoughtProcess',
  'thoughtContent',
  'perception',
  'orientation',
  'cognition',
  'insight',
  'judgment',
] as const;
export type MentalStatusField = (typeof MENTAL_STATUS_FIELDS)[number];

export const Observations = z
  .object({
    appearance: FreeText.optional(),
    behavior: FreeText.optional(),
    speech: FreeText.optional(),
    /** The client's mood in their words or as reported ("anxious"). */
    mood: FreeText.optional(),
    affect: FreeText.optional(),
    thoughtProcess: FreeText.optional(),
    thoughtContent: FreeText.optional(),
    perception: FreeText.optional(),
    orientation: FreeText.optional(),
    cognition: FreeText.optional(),
    insight: FreeText.optional(),
    judgment: FreeText.optional(),
    text: FreeText.optional(),
  })
  .strict();
export type Observations = z.infer<typeof Observations>;

export const Interventions = z
  .object({
    /** Techniques used, one per entry ("cognitive restructuring", "DBT distress tolerance"). */
    list: z.array(FreeText).max(50).optional(),
    text: FreeText.optional(),
  })
  .strict();

/** A measure given this session: item answers (preferred) or a total; scored by core. */
export const DraftMeasure = z
  .object({
    instrument: InstrumentIdSchema,
    items: z.array(z.number()).optional(),
    total: z.number().int().optional(),
    /** The baseline total to compare with (e.g. at intake). */
    baselineTotal: z.number().int().optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.items === undefined && m.total === undefined) {
      ctx.addIssue({ code: 'custom', path: ['items'], message: 'give the item answers or a total' });
      return;
    }
    if (m.items !== undefined && m.total !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['total'], message: 'give the item answers or a total, not both' });
      return;
    }
    // Range and count checks are the measures module's; reuse them instead of copying.
    if (m.items !== undefined) {
      try {
        scoreMeasure(m.instrument, m.items);
      } catch (err) {
        if (!(err instanceof MeasureInputError)) throw err;
        ctx.addIssue({ code: 'custom', path: err.field.replace(/\[(\d+)\]/, '.$1').split('.').map(toPathKey), message: err.message });
      }
    }
    for (const key of ['total', 'baselineTotal'] as const) {
      const v = m[key];
      if (v !== undefined && bandForTotal(m.instrument, v) === undefined) {
        const r = totalRange(m.instrument);
        ctx.addIssue({ code: 'custom', path: [key], message: `must be a whole number ${r.min}–${r.max} for this instrument` });
      }
    }
  });
export type DraftMeasure = z.infer<typeof DraftMeasure>;

function toPathKey(s: string): string | number {
  return /^\d+$/.test(s) ? Number(s) : s;
}

/** Risk assessment. Every field is optional: absent means not assessed, never "denied". */
export const DraftRisk = z
  .object({
    suicidalIdeation: z.enum(['denied', 'passive', 'active-without-plan', 'active-with-plan']).optional(),
    homicidalIdeation: z.enum(['denied', 'endorsed']).optional(),
    selfHarm: z.enum(['denied', 'recent', 'history']).optional(),
    level: z.enum(['low', 'moderate', 'high']).optional(),
    safetyPlan: z.enum(['not-needed', 'reviewed', 'created', 'updated']).optional(),
    protectiveFactors: z.array(FreeText).max(20).optional(),
    notes: FreeText.optional(),
  })
  .strict();
export type DraftRisk = z.infer<typeof DraftRisk>;

export const DraftMedication = z
  .object({
    name: z.string().trim().min(1).max(200),
    dose: z.string().trim().min(1).max(100).optional(),
    adherence: z.enum(['as-prescribed', 'missed-doses', 'stopped', 'not-discussed']).optional(),
    note: FreeText.optional(),
  })
  .strict();

export const Medications = z
  .object({
    list: z.array(DraftMedication).max(50).optional(),
    text: FreeText.optional(),
  })
  .strict();

export const DraftGoal = z
  .object({
    goal: z.string().trim().min(1).max(1000),
    progress: z.enum(['improved', 'maintained', 'declined', 'met', 'not-addressed']).optional(),
    note: FreeText.optional(),
  })
  .strict();

export const DraftAssessment = z
  .object({
    /** The clinician's impression, in shorthand or prose. */
    text: FreeText.optional(),
    /** The client's response to this session's interventions. */
    response: FreeText.optional(),
    functionalStatus: FreeText.optional(),
    prognosis: z.enum(['good', 'fair', 'guarded', 'poor']).optional(),
  })
  .strict();

export const DraftPlan = z
  .object({
    text: FreeText.optional(),
    homework: FreeText.optional(),
    referrals: z.array(FreeText).max(20).optional(),
  })
  .strict();

export const NextSession = z
  .object({
    date: IsoDate.optional(),
    time: ClockTime.optional(),
    /** Frequency of treatment ("weekly"); belongs in the progress note (45 CFR 164.501). */
    frequency: z.enum(['twice-weekly', 'weekly', 'every-other-week', 'monthly', 'as-needed']).optional(),
    text: FreeText.optional(),
  })
  .strict();

/**
 * The whole input of `composeNote`. Unknown keys are rejected so a misspelt field name is
 * reported instead of silently dropped.
 */
export const SessionDetails = z
  .object({
    /** A note for people reading the file; the composer ignores it. */
    about: z.string().max(2000).optional(),
    logistics: DraftLogistics,
    modality: DraftModality.optional(),
    diagnoses: z.array(DiagnosisEntry.strict()).max(20).optional(),
    report: ClientReport.optional(),
    observations: Observations.optional(),
    interventions: Interventions.optional(),
    measures: z.array(DraftMeasure).max(20).optional(),
    risk: DraftRisk.optional(),
    medications: Medications.optional(),
    goals: z.array(DraftGoal).max(30).optional(),
    assessment: DraftAssessment.optional(),
    plan: DraftPlan.optional(),
    nextSession: NextSession.optional(),
  })
  .strict();
export type SessionDetails = z.infer<typeof SessionDetails>;

/** A problem in session details: the dotted field path (`risk.level`, `measures[0].items[3]`) and what is wrong. */
export interface SessionDetailsIssue {
  readonly path: string;
  readonly message: string;
}

/** Formats a zod path as the dotted path used in provenance (`measures[0].items`). */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * Validates unknown input as session details. On failure every issue names the field
 * that is wrong, so the CLI and the form can point at it.
 */
export function parseSessionDetails(
  input: unknown,
): { ok: true; details: SessionDetails } | { ok: false; issues: SessionDetailsIssue[] } {
  const result = SessionDetails.safeParse(input);
  if (result.success) return { ok: true, details: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((i) => {
      // zod reports unknown keys on the parent object; name the key itself.
      const extra = i.code === 'unrecognized_keys' ? i.keys : [];
      const path = extra.length === 1 ? [...i.path, extra[0]!] : i.path;
      return { path: formatFieldPath(path), message: i.message };
    }),
  };
}
