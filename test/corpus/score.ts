/**
 * Scores a linter's findings against a corpus note's expected findings.
 *
 * An actual finding satisfies an expected one when the rule ids are equal and
 * - for `progress-note/required-element`: `data.element` equals the expected element;
 * - otherwise: the actual span `[start, end)` overlaps an occurrence of the expected
 *   `match` string in the note.
 * Each actual finding satisfies at most one expected finding and vice versa (a maximum
 * bipartite matching), so a medication named twice needs two findings and one finding
 * spanning both names counts once. Severity is not compared.
 */
import { occurrences, type ExpectedFinding } from './corpus.ts';

/** The part of a linter finding the score needs; extra fields are ignored. */
export interface ActualFinding {
  readonly rule: string;
  readonly start: number;
  readonly end: number;
  readonly data?: unknown;
}

export interface NoteScore<A extends ActualFinding = ActualFinding> {
  readonly truePositives: ReadonlyArray<{ readonly expected: ExpectedFinding; readonly actual: A }>;
  readonly falsePositives: readonly A[];
  readonly falseNegatives: readonly ExpectedFinding[];
}

export interface RuleTally {
  tp: number;
  fp: number;
  fn: number;
}

export interface CorpusScore {
  readonly byRule: ReadonlyMap<string, RuleTally & { readonly precision: number; readonly recall: number }>;
  readonly total: RuleTally & { readonly precision: number; readonly recall: number; readonly f1: number };
}

function elementOf(data: unknown): unknown {
  return typeof data === 'object' && data !== null && 'element' in data ? data.element : undefined;
}

function satisfies(text: string, expected: ExpectedFinding, actual: ActualFinding): boolean {
  if (expected.rule !== actual.rule) return false;
  if (expected.rule === 'progress-note/required-element') return elementOf(actual.data) === expected.element;
  if (expected.match === undefined) return false;
  // A zero-width span still points at one character for the purpose of overlap.
  const aEnd = Math.max(actual.end, actual.start + 1);
  return occurrences(text, expected.match).some((o) => actual.start < o.end && o.start < aEnd);
}

/** Compares one note's actual findings with its expected ones. */
export function scoreNote<A extends ActualFinding>(text: string, expected: readonly ExpectedFinding[], actual: readonly A[]): NoteScore<A> {
  const edges = expected.map((e) => actual.flatMap((a, j) => (satisfies(text, e, a) ? [j] : [])));
  const owner = new Array<number>(actual.length).fill(-1);
  // Kuhn's augmenting paths: the corpus has a handful of findings per note, so this is cheap.
  const augment = (i: number, seen: boolean[]): boolean => {
    for (const j of edges[i] ?? []) {
      if (seen[j]) continue;
      seen[j] = true;
      if (owner[j] === -1 || augment(owner[j]!, seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < expected.length; i++) augment(i, new Array<boolean>(actual.length).fill(false));

  const matchedExpected = new Set<number>();
  const truePositives: Array<{ expected: ExpectedFinding; actual: A }> = [];
  const falsePositives: A[] = [];
  actual.forEach((a, j) => {
    const i = owner[j]!;
    if (i === -1) falsePositives.push(a);
    else {
      matchedExpected.add(i);
      truePositives.push({ expected: expected[i]!, actual: a });
    }
  });
  const falseNegatives = expected.filter((_, i) => !matchedExpected.has(i));
  return { truePositives, falsePositives, falseNegatives };
}

const ratio = (num: number, den: number): number => (den === 0 ? 1 : num / den);

/** Sums note scores into per-rule and overall precision and recall (micro-averaged). */
export function summarize(scores: readonly NoteScore[]): CorpusScore {
  const tallies = new Map<string, RuleTally>();
  const tally = (rule: string): RuleTally => {
    let t = tallies.get(rule);
    if (!t) tallies.set(rule, (t = { tp: 0, fp: 0, fn: 0 }));
    return t;
  };
  for (const s of scores) {
    for (const tp of s.truePositives) tally(tp.expected.rule).tp++;
    for (const fp of s.falsePositives) tally(fp.rule).fp++;
    for (const fn of s.falseNegatives) tally(fn.rule).fn++;
  }
  const total: RuleTally = { tp: 0, fp: 0, fn: 0 };
  const byRule = new Map<string, RuleTally & { precision: number; recall: number }>();
  for (const [rule, t] of [...tallies].sort(([a], [b]) => a.localeCompare(b))) {
    total.tp += t.tp;
    total.fp += t.fp;
    total.fn += t.fn;
    byRule.set(rule, { ...t, precision: ratio(t.tp, t.tp + t.fp), recall: ratio(t.tp, t.tp + t.fn) });
  }
  const precision = ratio(total.tp, total.tp + total.fp);
  const recall = ratio(total.tp, total.tp + total.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { byRule, total: { ...total, precision, recall, f1 } };
}
