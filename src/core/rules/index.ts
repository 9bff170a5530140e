/**
 * The compliance linter. `lint(text, { kind })` extracts the note's facts and runs every
 * rule for that kind of note. Pure, deterministic and fast enough for every keystroke.
 */
import { behavioralIcd10Lookup, type Icd10Lookup } from '../codes/icd10.ts';
import { extractFacts } from '../notes/extract.ts';
import type { NoteFacts } from '../notes/facts.ts';
import type { NoteKind } from '../notes/model.ts';
import { frontMatter } from './front-matter.ts';
import { cptAddOn, cptDurationMismatch } from './progress-cpt.ts';
import { diagnosisCode } from './progress-diagnosis-code.ts';
import { measureOutOfRange, measureSeverityMismatch } from './progress-measures.ts';
import { noPsychotherapyNoteReference } from './progress-no-psychotherapy-note-reference.ts';
import { processContent } from './progress-process-content.ts';
import { requiredElement } from './progress-required-element.ts';
import { riskFollowUp } from './progress-risk-follow-up.ts';
import { noClinicalSummary } from './psychotherapy-no-clinical-summary.ts';
import { noMedication } from './psychotherapy-no-medication.ts';
import { noModalityFrequency } from './psychotherapy-no-modality-frequency.ts';
import { noSessionTimes } from './psychotherapy-no-session-times.ts';
import { noTestResults } from './psychotherapy-no-test-results.ts';
import type { Finding, Rule } from './types.ts';

export * from './types.ts';

/** Every rule, in the order findings are reported for the same position. */
export const RULES: readonly Rule[] = [
  frontMatter,
  noMedication,
  noSessionTimes,
  noModalityFrequency,
  noTestResults,
  noClinicalSummary,
  noPsychotherapyNoteReference,
  requiredElement,
  cptDurationMismatch,
  cptAddOn,
  diagnosisCode,
  measureOutOfRange,
  measureSeverityMismatch,
  riskFollowUp,
  processContent,
];

export interface LintOptions {
  readonly kind: NoteKind;
  /** The ICD-10-CM code list to check codes against; the browser's behavioural subset by default. */
  readonly icd10?: Icd10Lookup;
}

export interface LintResult {
  readonly kind: NoteKind;
  readonly findings: readonly Finding[];
  readonly facts: NoteFacts;
}

/** Lints a note's text. Never throws on any string; findings are sorted by position. */
export function lint(text: string, options: LintOptions): LintResult {
  const facts = extractFacts(text);
  const ctx = { text, kind: options.kind, facts, icd10: options.icd10 ?? behavioralIcd10Lookup() };
  const findings: Finding[] = [];
  for (const rule of RULES) {
    if (!rule.kinds.includes(options.kind)) continue;
    for (const r of rule.check(ctx)) {
      findings.push({
        rule: rule.id,
        severity: r.severity ?? rule.severity,
        message: r.message,
        fix: r.fix,
        citation: r.citation ?? rule.citation,
        start: r.start,
        end: r.end,
        ...(r.data ? { data: r.data } : {}),
      });
    }
  }
  const order = new Map(RULES.map((r, i) => [r.id, i]));
  findings.sort((a, b) => a.start - b.start || a.end - b.end || order.get(a.rule)! - order.get(b.rule)!);
  return { kind: options.kind, findings, facts };
}

/** True when any finding is an error (the CLI exits 1, signing needs an override). */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
