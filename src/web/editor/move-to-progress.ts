/**
 * "Move to progress note": where each kind of excluded content goes in each progress-note
 * format, and how the offending sentence is cut out of the psychotherapy note so that
 * nothing of it is left behind. 45 CFR 164.501 excludes these items from psychotherapy
 * notes; they belong in the medical record.
 */
import type { ProgressNoteFormat, SectionName } from '../../core/notes/formats.ts';
import { sentenceBounds } from '../../core/notes/text.ts';
import type { Finding, RuleId } from '../../core/rules/index.ts';

/** The psychotherapy-note rules whose content belongs in the progress note. */
export const EXCLUSION_RULES = [
  'psychotherapy-note/no-medication',
  'psychotherapy-note/no-session-times',
  'psychotherapy-note/no-modality-frequency',
  'psychotherapy-note/no-test-results',
  'psychotherapy-note/no-clinical-summary',
] as const satisfies readonly RuleId[];
export type ExclusionRule = (typeof EXCLUSION_RULES)[number];

export interface MoveTarget {
  readonly sections: Readonly<Record<ProgressNoteFormat, SectionName>>;
  /** Shown after the move when the content also has a structured home. */
  readonly note?: string;
}

/** Rule id → destination section per format. */
export const MOVE_TARGETS: Readonly<Record<ExclusionRule, MoveTarget>> = {
  // Medication prescription and monitoring (164.501) is observed/reported data.
  'psychotherapy-note/no-medication': { sections: { soap: 'objective', dap: 'data', birp: 'behavior', girp: 'response' } },
  // Results of clinical tests (164.501).
  'psychotherapy-note/no-test-results': { sections: { soap: 'objective', dap: 'data', birp: 'behavior', girp: 'response' } },
  // Session start and stop times (164.501) are structured logistics; the sentence lands in
  // the first section so nothing is lost, and the clinician is told to enter the times.
  'psychotherapy-note/no-session-times': {
    sections: { soap: 'subjective', dap: 'data', birp: 'behavior', girp: 'goals' },
    note: 'Session times belong in the structured start and end fields; enter them there and edit the moved sentence.',
  },
  // Summary of diagnosis, functional status, treatment plan, symptoms, prognosis, progress (164.501).
  'psychotherapy-note/no-clinical-summary': { sections: { soap: 'assessment', dap: 'assessment', birp: 'response', girp: 'response' } },
  // Modalities and frequencies of treatment furnished (164.501).
  'psychotherapy-note/no-modality-frequency': { sections: { soap: 'plan', dap: 'plan', birp: 'intervention', girp: 'intervention' } },
};

/** True for findings that offer "Move to progress note". */
export function isExclusionFinding(finding: Finding): finding is Finding & { rule: ExclusionRule } {
  return (EXCLUSION_RULES as readonly string[]).includes(finding.rule);
}

/** The progress-note section that receives a finding's sentence in `format`. */
export function targetSectionFor(rule: ExclusionRule, format: ProgressNoteFormat): SectionName {
  return MOVE_TARGETS[rule].sections[format];
}

/**
 * Cuts the sentence holding a finding out of the psychotherapy note. The cut covers the
 * whole sentence and, if the finding runs past it, the sentences it runs into, so no part
 * of the excluded item stays behind. White space left at the seam is tidied.
 */
export function extractSentence(body: string, finding: Pick<Finding, 'start' | 'end'>): { sentence: string; rest: string } {
  const first = sentenceBounds(body, Math.min(finding.start, Math.max(body.length - 1, 0)));
  const last = finding.end > finding.start ? sentenceBounds(body, Math.max(finding.end - 1, finding.start)) : first;
  const start = Math.min(first.start, finding.start);
  const end = Math.max(last.end, finding.end);
  const sentence = body.slice(start, end).trim();
  const before = body.slice(0, start).replace(/[ \t]+$/, '');
  let after = body.slice(end).replace(/^[ \t]+/, '');
  let joined: string;
  if (before === '') joined = after.replace(/^\s*\n/, '');
  else if (after === '') joined = before.replace(/\n\s*$/, '');
  else if (before.endsWith('\n')) {
    // The sentence was a whole line: drop its line break too, so no empty line is left.
    if (after.startsWith('\n')) after = after.slice(1);
    joined = before + after;
  } else if (after.startsWith('\n')) joined = before + after;
  // Inside a paragraph: one space at the seam.
  else joined = `${before} ${after}`;
  return { sentence, rest: joined.replace(/\n{3,}/g, '\n\n') };
}
