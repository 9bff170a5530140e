/**
 * The linter's vocabulary: rule ids (fixed: the CLI, the web app and the docs refer to
 * them), findings, and the rule interface every rule file implements.
 */
import type { Icd10Lookup } from '../codes/icd10.ts';
import type { NoteFacts, Span } from '../notes/facts.ts';
import type { NoteKind } from '../notes/model.ts';

export const RULE_IDS = [
  'psychotherapy-note/no-medication',
  'psychotherapy-note/no-session-times',
  'psychotherapy-note/no-modality-frequency',
  'psychotherapy-note/no-test-results',
  'psychotherapy-note/no-clinical-summary',
  'progress-note/no-psychotherapy-note-reference',
  'progress-note/required-element',
  'progress-note/cpt-duration-mismatch',
  'progress-note/cpt-add-on',
  'progress-note/diagnosis-code',
  'progress-note/measure-out-of-range',
  'progress-note/measure-severity-mismatch',
  'progress-note/risk-follow-up',
  'progress-note/process-content',
  'note/front-matter',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const SEVERITIES = ['error', 'warning'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const REQUIRED_ELEMENTS = ['date', 'time', 'cpt', 'modality', 'diagnosis', 'interventions', 'risk', 'assessment', 'plan'] as const;
export type RequiredElement = (typeof REQUIRED_ELEMENTS)[number];

/** One problem in a note: what, where (UTF-16 offsets, end exclusive), how to fix it, and the rule behind it. */
export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly message: string;
  readonly fix: string;
  readonly citation: string;
  readonly start: number;
  readonly end: number;
  readonly data?: Readonly<Record<string, string | number | boolean>>;
}

export interface RuleContext {
  readonly text: string;
  readonly kind: NoteKind;
  readonly facts: NoteFacts;
  readonly icd10: Icd10Lookup;
}

/** What a rule reports; the runner adds the rule id, and the default severity and citation. */
export interface RuleReport extends Span {
  readonly message: string;
  readonly fix: string;
  readonly severity?: Severity;
  readonly citation?: string;
  readonly data?: Readonly<Record<string, string | number | boolean>>;
}

export interface Rule {
  readonly id: RuleId;
  /** The note kinds the rule applies to. */
  readonly kinds: readonly NoteKind[];
  readonly severity: Severity;
  readonly citation: string;
  /** One sentence for the docs and the editor's rule list. */
  readonly description: string;
  check(ctx: RuleContext): RuleReport[];
}
