/**
 * The note model: zod schemas are the types.
 *
 * Two kinds of note, kept apart by construction (45 CFR 164.501): a progress note belongs
 * to the medical record; a psychotherapy note is the clinician's private process material,
 * stored in the vault and never referenced from the chart. The schemas here hold no
 * storage concerns; repositories add ids and timestamps.
 */
import { z } from 'zod';
import { ICD10_CODE_PATTERN } from '../codes/icd10.ts';
import { ProgressNoteFormat, SectionName } from './formats.ts';

export const NOTE_KINDS = ['progress', 'psychotherapy'] as const;
export const NoteKind = z.enum(NOTE_KINDS);
export type NoteKind = z.infer<typeof NoteKind>;

/** A calendar date as `YYYY-MM-DD`, checked to be a real date. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => isRealDate(s), 'is not a real calendar date');

/** A wall-clock time as `HH:MM` (24-hour). */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM (24-hour)');

/** A five-digit CPT code (psychotherapy codes are 90785–90899; E/M codes are 99xxx). */
export const CptCode = z.string().regex(/^\d{5}$/, 'must be a five-digit CPT code');

/** ICD-10-CM code shape; existence is checked against the code list separately. */
export const Icd10Code = z.string().regex(ICD10_CODE_PATTERN, 'must be an ICD-10-CM code such as F41.1');

export const SESSION_MODALITIES = ['individual', 'couples', 'family', 'group', 'crisis', 'intake'] as const;
export const SessionModality = z.enum(SESSION_MODALITIES);
export type SessionModality = z.infer<typeof SessionModality>;

export const PLACES_OF_SERVICE = ['office', 'telehealth-home', 'telehealth-other', 'home', 'school', 'community', 'hospital'] as const;
export const PlaceOfService = z.enum(PLACES_OF_SERVICE);
export type PlaceOfService = z.infer<typeof PlaceOfService>;

export const Participant = z.object({
  role: z.enum(['client', 'partner', 'parent', 'guardian', 'sibling', 'child', 'other-family', 'group-member', 'interpreter', 'other']),
  /** Initials or a short description; never a full name in examples and tests. */
  label: z.string().trim().max(200).optional(),
});
export type Participant = z.infer<typeof Participant>;

/** Session logistics: everything 45 CFR 164.501 excludes from psychotherapy notes lives here. */
export const SessionLogistics = z
  .object({
    date: IsoDate,
    start: ClockTime.optional(),
    end: ClockTime.optional(),
    durationMinutes: z.number().int().min(1).max(24 * 60).optional(),
    cptCodes: z.array(CptCode).max(10).default([]),
    modality: SessionModality,
    participants: z.array(Participant).max(50).default([]),
    placeOfService: PlaceOfService.default('office'),
  })
  .superRefine((s, ctx) => {
    if (s.start && s.end && s.end <= s.start) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: `must be after the start time ${s.start}` });
    }
  });
export type SessionLogistics = z.infer<typeof SessionLogistics>;

export const DiagnosisEntry = z.object({
  code: Icd10Code,
  description: z.string().trim().max(500).optional(),
});

export const MedicationEntry = z.object({
  name: z.string().trim().min(1).max(200),
  dose: z.string().trim().max(100).optional(),
  note: z.string().trim().max(1000).optional(),
});

export const RiskAssessment = z.object({
  suicidalIdeation: z.enum(['denied', 'passive', 'active-without-plan', 'active-with-plan', 'not-assessed']),
  homicidalIdeation: z.enum(['denied', 'endorsed', 'not-assessed']),
  selfHarm: z.enum(['denied', 'recent', 'history', 'not-assessed']),
  level: z.enum(['low', 'moderate', 'high']).optional(),
  safetyPlan: z.enum(['not-needed', 'reviewed', 'created', 'updated']).optional(),
  notes: z.string().trim().max(5000).optional(),
});
export type RiskAssessment = z.infer<typeof RiskAssessment>;

export const GoalProgress = z.object({
  goal: z.string().trim().min(1).max(1000),
  progress: z.enum(['improved', 'maintained', 'declined', 'met', 'not-addressed']),
  note: z.string().trim().max(2000).optional(),
});

/** Free text of each section, keyed by section name; only the format's sections are used. */
export const SectionTexts = z.partialRecord(SectionName, z.string().max(200_000));

export const ProgressNoteContent = z.object({
  format: ProgressNoteFormat,
  session: SessionLogistics,
  diagnoses: z.array(DiagnosisEntry).max(20).default([]),
  functionalStatus: z.string().trim().max(5000).optional(),
  mentalStatus: z.string().trim().max(5000).optional(),
  interventions: z.array(z.string().trim().min(1).max(1000)).max(50).default([]),
  risk: RiskAssessment.optional(),
  medications: z.array(MedicationEntry).max(50).default([]),
  goals: z.array(GoalProgress).max(30).default([]),
  sections: SectionTexts.default({}),
});
export type ProgressNoteContent = z.infer<typeof ProgressNoteContent>;

export const NOTE_STATUSES = ['draft', 'signed'] as const;
export const NoteStatus = z.enum(NOTE_STATUSES);
export type NoteStatus = z.infer<typeof NoteStatus>;

/**
 * A psychotherapy note: process material only. It carries no session times, codes or
 * measures by design; the linter checks the body for excluded content.
 */
export const PsychotherapyNoteContent = z.object({
  /** The session date it relates to; a date is not among the 164.501 exclusions. */
  sessionDate: IsoDate.optional(),
  body: z.string().max(200_000),
});
export type PsychotherapyNoteContent = z.infer<typeof PsychotherapyNoteContent>;

function isRealDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}
