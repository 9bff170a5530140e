import { describe, expect, it } from 'vitest';
import type { ExpectedFinding } from './corpus.ts';
import { scoreNote, summarize } from './score.ts';

const text = 'She takes sertraline 100 mg and sertraline again. CBT weekly.';
const at = (needle: string, from = 0): { start: number; end: number } => {
  const start = text.indexOf(needle, from);
  return { start, end: start + needle.length };
};

describe('scoreNote', () => {
  const med: ExpectedFinding = { rule: 'psychotherapy-note/no-medication', match: 'sertraline' };

  it('counts a finding overlapping the match as a true positive', () => {
    const s = scoreNote(text, [{ rule: 'psychotherapy-note/no-medication', match: 'sertraline 100 mg' }], [
      { rule: 'psychotherapy-note/no-medication', ...at('100 mg') },
    ]);
    expect(s.truePositives).toHaveLength(1);
    expect(s.falsePositives).toHaveLength(0);
    expect(s.falseNegatives).toHaveLength(0);
  });

  it('needs two findings for a name listed twice, one per occurrence', () => {
    const first = at('sertraline');
    const second = at('sertraline', first.end);
    const both = scoreNote(text, [med, med], [
      { rule: med.rule, ...second },
      { rule: med.rule, ...first },
    ]);
    expect(both.truePositives).toHaveLength(2);
    const one = scoreNote(text, [med, med], [{ rule: med.rule, start: first.start, end: second.end }]);
    expect(one.truePositives).toHaveLength(1);
    expect(one.falseNegatives).toHaveLength(1);
  });

  it('rejects a wrong rule or a span elsewhere', () => {
    const s = scoreNote(text, [med], [
      { rule: 'psychotherapy-note/no-modality-frequency', ...at('sertraline') },
      { rule: med.rule, ...at('CBT') },
    ]);
    expect(s.truePositives).toHaveLength(0);
    expect(s.falsePositives).toHaveLength(2);
    expect(s.falseNegatives).toEqual([med]);
  });

  it('matches required-element findings by data.element, not by span', () => {
    const expected: ExpectedFinding[] = [
      { rule: 'progress-note/required-element', element: 'cpt' },
      { rule: 'progress-note/required-element', element: 'risk' },
    ];
    const s = scoreNote(text, expected, [
      { rule: 'progress-note/required-element', start: 0, end: 0, data: { element: 'risk' } },
      { rule: 'progress-note/required-element', start: 0, end: 0, data: { element: 'plan' } },
    ]);
    expect(s.truePositives.map((t) => t.expected.element)).toEqual(['risk']);
    expect(s.falseNegatives.map((f) => f.element)).toEqual(['cpt']);
    expect(s.falsePositives).toHaveLength(1);
  });

  it('finds the best assignment when greedy order would lose a match', () => {
    // The first actual overlaps both expected spans; the second overlaps only the first.
    const a: ExpectedFinding = { rule: 'psychotherapy-note/no-modality-frequency', match: 'CBT' };
    const b: ExpectedFinding = { rule: 'psychotherapy-note/no-modality-frequency', match: 'weekly' };
    const s = scoreNote(text, [a, b], [
      { rule: a.rule, start: at('CBT').start, end: at('weekly').end },
      { rule: a.rule, ...at('CBT') },
    ]);
    expect(s.truePositives).toHaveLength(2);
  });
});

describe('summarize', () => {
  it('computes per-rule and overall precision and recall', () => {
    const r = 'psychotherapy-note/no-medication';
    const s1 = scoreNote(text, [{ rule: r, match: 'sertraline 100 mg' }], [{ rule: r, ...at('sertraline') }, { rule: r, ...at('CBT') }]);
    const s2 = scoreNote(text, [{ rule: 'progress-note/required-element', element: 'date' }], []);
    const sum = summarize([s1, s2]);
    expect(sum.byRule.get(r)).toMatchObject({ tp: 1, fp: 1, fn: 0, precision: 0.5, recall: 1 });
    expect(sum.byRule.get('progress-note/required-element')).toMatchObject({ tp: 0, fp: 0, fn: 1, recall: 0 });
    expect(sum.total).toMatchObject({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
  });
});
