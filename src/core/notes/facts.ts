/**
 * Facts extracted from a note's text. Every fact carries the span of text it came from
 * (`start` inclusive, `end` exclusive, UTF-16 offsets into the whole note) so the linter
 * can point at it and the editor can highlight it.
 */
import type { InstrumentId } from '../measures/index.ts';
import type { SectionName } from './formats.ts';

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Where a fact came from: the note body or the optional YAML front matter. */
export type FactSource = 'text' | 'front-matter';

export interface DateFact extends Span {
  readonly source: FactSource;
  /** ISO `YYYY-MM-DD`. */
  readonly value: string;
}

/** A session start/stop: a range ("10:00–10:50") or a labelled start or end time. */
export interface TimeFact extends Span {
  readonly source: FactSource;
  readonly kind: 'range' | 'start' | 'end';
  /** Minutes after midnight. */
  readonly startMinutes?: number;
  readonly endMinutes?: number;
}

/** A stated session length ("50-minute session", "(50 min)", "Duration: 53 minutes"). */
export interface DurationFact extends Span {
  readonly source: FactSource;
  readonly minutes: number;
}

export interface CptFact extends Span {
  readonly source: FactSource;
  readonly code: string;
}

export interface Icd10Fact extends Span {
  readonly source: FactSource;
  readonly code: string;
}

export interface MeasureFact extends Span {
  readonly source: FactSource;
  readonly instrument: InstrumentId;
  /** The stated total, if one was given. */
  readonly score?: number;
  readonly scoreSpan?: Span;
  /** A stated severity label ("moderately severe"), as written. */
  readonly label?: string;
  readonly labelSpan?: Span;
}

/** PHQ-9 item 9 (thoughts of death or self-harm) with its stated value. */
export interface Item9Fact extends Span {
  readonly source: FactSource;
  readonly value: number;
}

/** A result of another clinical test or instrument ("MoCA 24/30", "lithium level 0.8"). */
export interface OtherTestFact extends Span {
  readonly name: string;
}

export interface MedicationFact extends Span {
  readonly kind: 'drug' | 'class' | 'dose' | 'management';
  readonly name: string;
}

export const RISK_TOPICS = ['suicidal', 'homicidal', 'self-harm', 'safety-plan', 'risk-assessment'] as const;
export type RiskTopic = (typeof RISK_TOPICS)[number];

export interface RiskFact extends Span {
  readonly source: FactSource;
  readonly topic: RiskTopic;
  /** `denied`: negated ("denies SI"); `history`: past, not current; `present`: stated or endorsed. */
  readonly polarity: 'denied' | 'history' | 'present';
}

export interface ModalityFact extends Span {
  readonly source: FactSource;
  readonly kind: 'modality' | 'frequency';
  readonly value: string;
}

/** A section heading and the extent of the text under it. */
export interface HeadingFact extends Span {
  readonly section: SectionName;
  readonly contentStart: number;
  readonly contentEnd: number;
  /** True when the section has any non-blank text under it. */
  readonly hasContent: boolean;
}

export const FIELD_LABELS = ['date', 'time', 'cpt', 'modality', 'diagnosis', 'interventions', 'risk', 'assessment', 'plan', 'medications', 'functional-status'] as const;
export type FieldLabel = (typeof FIELD_LABELS)[number];

/** A labelled field on one line ("Dx: F41.1", "Risk: low"), with its value's extent. */
export interface LabelFact extends Span {
  readonly field: FieldLabel;
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly hasContent: boolean;
}

/** Wording that summarises diagnosis, functional status, plan, symptoms, prognosis or progress. */
export const SUMMARY_CATEGORIES = ['diagnosis', 'functional-status', 'treatment-plan', 'symptoms', 'prognosis', 'progress'] as const;
export type SummaryCategory = (typeof SUMMARY_CATEGORIES)[number];

export interface SummaryFact extends Span {
  readonly category: SummaryCategory;
}

export interface InterventionFact extends Span {
  readonly value: string;
}

export type PsychotherapyNoteReferenceFact = Span;

export interface ProcessContentFact extends Span {
  readonly kind: 'countertransference' | 'clinician-feelings' | 'sexual-or-trauma-detail';
}

export interface FrontMatterProblem extends Span {
  readonly message: string;
}

export interface NoteFacts {
  /** Extent of the YAML front matter block, when present. */
  readonly frontMatter?: Span & { readonly kind?: 'progress' | 'psychotherapy'; readonly problems: readonly FrontMatterProblem[] };
  readonly dates: readonly DateFact[];
  readonly times: readonly TimeFact[];
  readonly durations: readonly DurationFact[];
  readonly cptCodes: readonly CptFact[];
  readonly icd10Codes: readonly Icd10Fact[];
  readonly measures: readonly MeasureFact[];
  readonly item9: readonly Item9Fact[];
  readonly otherTests: readonly OtherTestFact[];
  readonly medications: readonly MedicationFact[];
  readonly risk: readonly RiskFact[];
  readonly modality: readonly ModalityFact[];
  readonly headings: readonly HeadingFact[];
  readonly labels: readonly LabelFact[];
  readonly summaries: readonly SummaryFact[];
  readonly interventions: readonly InterventionFact[];
  readonly psychotherapyNoteReferences: readonly PsychotherapyNoteReferenceFact[];
  readonly processContent: readonly ProcessContentFact[];
  /** The documented session length in minutes: from start/stop times, else a stated duration. */
  readonly sessionMinutes?: number;
}
