import { describe, expect, it } from 'vitest';
import { inventedContent } from './invented.ts';
import { wordDiff } from './word-diff.ts';

describe('wordDiff', () => {
  it('marks added and removed words and keeps the rest', () => {
    const parts = wordDiff('Client reports low mood this week.', 'The client reports a low mood this week.');
    expect(parts.map((p) => p.kind)).toContain('added');
    expect(parts.filter((p) => p.kind !== 'removed').map((p) => p.text).join('')).toBe('The client reports a low mood this week.');
    expect(parts.filter((p) => p.kind !== 'added').map((p) => p.text).join('')).toBe('Client reports low mood this week.');
  });

  it('is one same part for identical text, and handles empty sides', () => {
    expect(wordDiff('a b c', 'a b c')).toEqual([{ kind: 'same', text: 'a b c' }]);
    expect(wordDiff('', 'new')).toEqual([{ kind: 'added', text: 'new' }]);
    expect(wordDiff('old', '')).toEqual([{ kind: 'removed', text: 'old' }]);
  });
});

describe('inventedContent', () => {
  const draft = 'Date: 2026-03-14. CPT 90834. Client denies SI. PHQ-9 total 11 (moderate). Takes sertraline 50 mg.';

  it('accepts a rephrasing that keeps every fact', () => {
    expect(inventedContent(draft, 'On 2026-03-14 (CPT 90834) the client denies SI. Her PHQ-9 total was 11 (moderate). She takes sertraline 50 mg.')).toEqual([]);
  });

  it.each([
    ['a new number', 'Date: 2026-03-14. CPT 90834. Client denies SI. PHQ-9 total 12 (moderate). Takes sertraline 50 mg.', 'number'],
    ['a new code', 'Date: 2026-03-14. CPT 90837. Client denies SI. PHQ-9 total 11 (moderate). Takes sertraline 50 mg.', 'number'],
    ['a new medication', draft.replace('sertraline', 'sertraline and bupropion'), 'medication'],
    ['a new risk statement', `${draft} Denies HI.`, 'risk'],
  ])('flags %s', (_label, rephrased, kind) => {
    expect(inventedContent(draft, rephrased).map((i) => i.kind)).toContain(kind);
  });

  it('flags a flipped negation', () => {
    const d = 'Client reports passive SI.';
    expect(inventedContent(d, 'Client reports no passive SI.').length).toBeGreaterThan(0);
  });
});
