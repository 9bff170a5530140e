/**
 * Loads the labelled splitter corpus and scores the splitter on it. Shared by the corpus
 * test and `bench/drafting.bench.ts`.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { splitNote, type SplitDestination } from '../../src/core/drafting/index.ts';

export const EXCLUDED_ITEMS = ['medication', 'times', 'modality-frequency', 'test-results', 'clinical-summary'] as const;

export const CorpusEntry = z
  .object({
    text: z.string().min(1),
    destination: z.enum(['progress', 'psychotherapy']),
    excluded: z.array(z.enum(EXCLUDED_ITEMS)),
  })
  .strict()
  .refine((e) => e.excluded.length === 0 || e.destination === 'progress', {
    message: 'a sentence with an excluded item must be labelled progress (45 CFR 164.501)',
  });
export type CorpusEntry = z.infer<typeof CorpusEntry>;

export const CORPUS_PATH = new URL('./sentences.jsonl', import.meta.url);
/** Sentences written after the cue table, never used to tune it: a measure of generalisation. */
export const HOLDOUT_PATH = new URL('./holdout.jsonl', import.meta.url);

export function loadCorpus(path: URL = CORPUS_PATH): CorpusEntry[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = CorpusEntry.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`sentences.jsonl line ${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return parsed.data;
    });
}

export interface CorpusMiss {
  readonly entry: CorpusEntry;
  readonly predicted: SplitDestination;
  readonly reasons: readonly string[];
}

export interface CorpusScore {
  readonly total: number;
  readonly correct: number;
  readonly accuracy: number;
  /** Sentences labelled with an excluded item, and how many of them went to progress. */
  readonly excludedTotal: number;
  readonly excludedRouted: number;
  readonly excludedRecall: number;
  readonly misses: readonly CorpusMiss[];
}

/**
 * Runs the splitter on each entry on its own. An entry the segmenter cuts in two counts as
 * `progress` when any part goes there (the conservative reading).
 */
export function evaluateSplitter(corpus: readonly CorpusEntry[], split: (text: string) => readonly { destination: SplitDestination; reasons: readonly string[] }[] = (t) => splitNote(t).segments): CorpusScore {
  let correct = 0;
  let excludedTotal = 0;
  let excludedRouted = 0;
  const misses: CorpusMiss[] = [];
  for (const entry of corpus) {
    const segments = split(entry.text);
    const predicted: SplitDestination = segments.some((s) => s.destination === 'progress') || segments.length === 0 ? 'progress' : 'psychotherapy';
    if (predicted === entry.destination) correct++;
    else misses.push({ entry, predicted, reasons: segments.flatMap((s) => s.reasons) });
    if (entry.excluded.length > 0) {
      excludedTotal++;
      if (predicted === 'progress') excludedRouted++;
    }
  }
  return {
    total: corpus.length,
    correct,
    accuracy: corpus.length === 0 ? 0 : correct / corpus.length,
    excludedTotal,
    excludedRouted,
    excludedRecall: excludedTotal === 0 ? 1 : excludedRouted / excludedTotal,
    misses,
  };
}
