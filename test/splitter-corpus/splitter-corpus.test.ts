import { describe, expect, it } from 'vitest';
import { EXCLUDED_ITEMS, HOLDOUT_PATH, evaluateSplitter, loadCorpus } from './evaluate.ts';

const corpus = loadCorpus();

describe('splitter corpus', () => {
  it('has at least 220 labelled sentences of both kinds and every excluded item', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(220);
    expect(corpus.filter((e) => e.destination === 'psychotherapy').length).toBeGreaterThanOrEqual(80);
    expect(corpus.filter((e) => e.destination === 'progress').length).toBeGreaterThanOrEqual(80);
    for (const item of EXCLUDED_ITEMS) expect(corpus.some((e) => e.excluded.includes(item))).toBe(true);
    expect(new Set(corpus.map((e) => e.text)).size).toBe(corpus.length);
  });

  const score = evaluateSplitter(corpus);

  it('routes every sentence with a 164.501-excluded item to the progress note (recall 100%)', () => {
    const leaked = score.misses.filter((m) => m.entry.excluded.length > 0).map((m) => m.entry.text);
    expect(leaked).toEqual([]);
    expect(score.excludedRecall).toBe(1);
  });

  it('routes at least 90% of all sentences as labelled', () => {
    expect(score.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('the evaluation can fail: a splitter that sends everything to psychotherapy leaks every excluded item', () => {
    const bad = evaluateSplitter(corpus, () => [{ destination: 'psychotherapy', reasons: [] }]);
    expect(bad.excludedRecall).toBe(0);
    expect(bad.accuracy).toBeLessThan(0.5);
  });

  it('held-out sentences (written after the cue table): every excluded item still goes to progress', () => {
    const holdout = evaluateSplitter(loadCorpus(HOLDOUT_PATH));
    expect(holdout.total).toBeGreaterThanOrEqual(50);
    expect(holdout.misses.filter((m) => m.entry.excluded.length > 0).map((m) => m.entry.text)).toEqual([]);
  });
});
