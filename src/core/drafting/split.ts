/**
 * The splitter: raw session notes in, every sentence routed to the progress note or the
 * psychotherapy note, with the reasons.
 *
 * Two stages, in this order:
 * 1. Exclusions (45 CFR 164.501). The whole text is linted as a psychotherapy note; any
 *    sentence a `psychotherapy-note/*` finding touches carries medication, session times,
 *    modality/frequency, test results or a clinical summary, and ALWAYS goes to `progress`
 *    with the rule ids as its reasons. Nothing in stage 2 can override this.
 * 2. Everything else is scored against the cue table in `split-cues.ts`: process material
 *    (the clinician's reactions, hypotheses, transference, verbatim narrative) goes to
 *    `psychotherapy` when its score reaches the threshold; the rest stays in the record.
 */
import { lint, type RuleId } from './deps.ts';
import { segmentSentences } from './sentences.ts';
import { PSYCHOTHERAPY_THRESHOLD, SPLIT_CUES, type SplitCue } from './split-cues.ts';

export const SPLIT_DESTINATIONS = ['progress', 'psychotherapy'] as const;
export type SplitDestination = (typeof SPLIT_DESTINATIONS)[number];

export interface SplitSegment {
  /** The sentence, exactly `text.slice(start, end)` of the input. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly destination: SplitDestination;
  /**
   * Why: the linter rule ids for an excluded item (`psychotherapy-note/no-medication`), or
   * the cues that matched (`process/hypothesis`, `record/mental-status`), or
   * `record/no-process-cue` when nothing pointed to process material.
   */
  readonly reasons: readonly string[];
  /** The cue score (process positive, record negative); 0 for excluded sentences. */
  readonly score: number;
}

export interface SplitResult {
  readonly segments: readonly SplitSegment[];
}

export interface SplitOptions {
  /** Replace the cue table (for experiments); the exclusion stage cannot be replaced. */
  readonly cues?: readonly SplitCue[];
  readonly threshold?: number;
}

const EXCLUSION_PREFIX = 'psychotherapy-note/';

/** Routes every sentence of `text`. Pure and deterministic. */
export function splitNote(text: string, options: SplitOptions = {}): SplitResult {
  const spans = segmentSentences(text);
  const cues = options.cues ?? SPLIT_CUES;
  const threshold = options.threshold ?? PSYCHOTHERAPY_THRESHOLD;
  // 45 CFR 164.501: ask the linter which spans hold an excluded item.
  const exclusions = lint(text, { kind: 'psychotherapy' }).findings.filter((f) => f.rule.startsWith(EXCLUSION_PREFIX));

  const segments = spans.map(({ start, end }): SplitSegment => {
    const sentence = text.slice(start, end);
    const rules: RuleId[] = [];
    for (const f of exclusions) {
      const touches = f.start < end && start < f.end || (f.start === f.end && f.start >= start && f.start < end);
      if (touches && !rules.includes(f.rule)) rules.push(f.rule);
    }
    if (rules.length > 0) return { text: sentence, start, end, destination: 'progress', reasons: rules, score: 0 };
    const { score, reasons } = scoreSentence(sentence, cues);
    const destination: SplitDestination = score >= threshold ? 'psychotherapy' : 'progress';
    return { text: sentence, start, end, destination, reasons: reasons.length > 0 ? reasons : ['record/no-process-cue'], score };
  });
  return { segments };
}

const QUOTED = /["“][^"”]*["”]/g;

/** Scores one sentence against the cue table; each cue counts once. */
export function scoreSentence(sentence: string, cues: readonly SplitCue[] = SPLIT_CUES): { score: number; reasons: string[] } {
  const unquoted = sentence.replace(QUOTED, (q) => ' '.repeat(q.length));
  let score = 0;
  const reasons: string[] = [];
  for (const cue of cues) {
    const subject = cue.scope === 'outside-quotes' ? unquoted : sentence;
    if (!cue.pattern.test(subject)) continue;
    score += cue.side === 'process' ? cue.weight : -cue.weight;
    reasons.push(`${cue.side}/${cue.id}`);
  }
  return { score, reasons };
}
