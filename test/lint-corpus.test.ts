/**
 * The linter against the hand-labelled corpus in test/corpus: every expected finding must
 * be reported (recall) and nothing else (precision), note by note. `npm run bench` prints
 * the same numbers as precision and recall per rule.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../src/core/rules/index.ts';
import { loadFullIcd10Lookup } from '../src/reference/icd10-full.ts';
import { loadCorpus } from './corpus/corpus.ts';
import { scoreNote } from './corpus/score.ts';

const icd10 = loadFullIcd10Lookup();
const notes = loadCorpus();

describe('linter on the labelled corpus', () => {
  it.each(notes.map((n) => [n.id, n] as const))('%s', (_id, note) => {
    const { findings } = lint(note.text, { kind: note.expected.kind, icd10 });
    const score = scoreNote(note.text, note.expected.findings, findings);
    const describeActual = score.falsePositives.map((f) => `${f.rule} ${JSON.stringify(note.text.slice(f.start, f.end))}${f.data && 'element' in f.data ? ` (${String(f.data.element)})` : ''}`);
    const describeMissed = score.falseNegatives.map((f) => `${f.rule} ${f.match ?? f.element ?? ''}`);
    expect({ unexpected: describeActual, missed: describeMissed }).toEqual({ unexpected: [], missed: [] });
  });
});
