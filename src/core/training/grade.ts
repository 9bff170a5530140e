/**
 * Grading a staff member's attempt at the training scenarios. Pure: recording who completed
 * what, and when, belongs to the database layer.
 */
import type { Scenario } from './scenario.ts';
import { SCENARIOS } from './scenarios.ts';

/** A staff member's answers: scenario id → index of the chosen choice. */
export type Answers = Readonly<Record<string, number>>;

export interface QuestionFeedback {
  readonly id: string;
  /** The chosen index, or null when the question was not answered (or the index is not a choice). */
  readonly chosen: number | null;
  readonly correct: boolean;
  readonly correctChoice: number;
  readonly correctText: string;
  /** Plain-words reason, the same whether the answer was right or wrong. */
  readonly explanation: string;
  readonly citation: string;
}

export interface GradeResult {
  readonly total: number;
  readonly correctCount: number;
  /** Fraction correct, 0..1. */
  readonly score: number;
  readonly passed: boolean;
  readonly passMark: number;
  readonly feedback: readonly QuestionFeedback[];
  /** Answer keys that name no scenario (ignored for the score). */
  readonly unknownIds: readonly string[];
}

export interface GradeOptions {
  readonly scenarios?: readonly Scenario[];
  /** Fraction needed to pass; default 0.8. */
  readonly passMark?: number;
}

/**
 * Scores an attempt over every scenario: unanswered questions count as wrong, and every
 * question gets feedback with its explanation and citation.
 */
export function gradeAttempt(answers: Answers, options: GradeOptions = {}): GradeResult {
  const scenarios = options.scenarios ?? SCENARIOS;
  const passMark = options.passMark ?? 0.8;
  if (!(passMark >= 0 && passMark <= 1)) throw new RangeError(`passMark must be between 0 and 1, got ${passMark}`);

  const feedback = scenarios.map((s): QuestionFeedback => {
    const raw = Object.hasOwn(answers, s.id) ? answers[s.id] : undefined;
    const chosen = raw !== undefined && Number.isInteger(raw) && raw >= 0 && raw < s.choices.length ? raw : null;
    return {
      id: s.id,
      chosen,
      correct: chosen === s.correct,
      correctChoice: s.correct,
      correctText: s.choices[s.correct]?.text ?? '',
      explanation: s.explanation,
      citation: s.citation,
    };
  });
  const known = new Set(scenarios.map((s) => s.id));
  const correctCount = feedback.filter((f) => f.correct).length;
  const total = scenarios.length;
  const score = total === 0 ? 0 : correctCount / total;
  return {
    total,
    correctCount,
    score,
    passed: total > 0 && score >= passMark,
    passMark,
    feedback,
    unknownIds: Object.keys(answers).filter((id) => !known.has(id)).sort(),
  };
}
