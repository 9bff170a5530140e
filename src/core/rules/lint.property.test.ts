/**
 * Properties of the linter over arbitrary input: it never throws, every span lies inside the
 * text, and the output is deterministic. Random strings rarely hit the patterns, so a second
 * generator splices note-like fragments (headings, times, codes, measures, drugs) with noise.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOTE_KINDS } from '../notes/model.ts';
import { lint } from './index.ts';

const FRAGMENTS = [
  'S:', 'O —', '**Assessment**', '## Plan', 'SUBJECTIVE\n', 'B/I/R/P', 'Date: 03/14/2026', '2026-02-30', 'March 14, 2026',
  '10:00–10:50', 'Start: 10:00 AM | End: 10:46 AM', '(50 min)', '50-minute session', 'Session: #14 (50 min)', '12:50-1:40',
  'CPT: 90837', '+90785', '90839', '90840', 'Dx: F41.1', 'F43.1', 'F99.99', 'A1C', 'PHQ-9: 14 (moderately severe)',
  'PHQ-9 item 9 = 2', 'GAD-7 of 24', 'PCL-5 total 52, probable PTSD', 'scored 31 on the PCL-5', 'sertraline 100 mg BID',
  'Zoloft', 'meds', 'SSRI', 'Denies SI/HI', 'passive SI', 'safety plan reviewed', 'C-SSRS', 'weekly sessions', 'CBT',
  'telehealth', 'See my process notes', 'I felt irritated', 'countertransference', 'prognosis is fair', 'symptoms',
  '---\ndate: 2026-03-14\ncpt: [90834]\n---\n', '---\n: : bad yaml [\n---\n', '"', '\u201c', '\n', ' ', '.', ';', '—', '💬', '\u0000', '\ud800',
];

const noteLike = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 })), { maxLength: 300 })
  .map((parts) => parts.join(' ').slice(0, 20_000));

const anyText = fc.oneof(fc.string({ maxLength: 20_000 }), fc.string({ maxLength: 20_000, size: 'max' }), fc.string({ unit: 'binary', maxLength: 5_000, size: 'large' }), noteLike);

describe('lint() properties', () => {
  it('never throws, keeps spans inside the text, and is deterministic', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...NOTE_KINDS), (text, kind) => {
        const a = lint(text, { kind });
        for (const f of a.findings) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeGreaterThanOrEqual(f.start);
          expect(f.end).toBeLessThanOrEqual(text.length);
          expect(['error', 'warning']).toContain(f.severity);
          expect(f.rule.startsWith(kind === 'progress' ? 'progress-note/' : 'psychotherapy-note/') || f.rule === 'note/front-matter').toBe(true);
        }
        const b = lint(text, { kind });
        expect(b.findings).toEqual(a.findings);
      }),
      { numRuns: 300 },
    );
  });

  it('handles a 20,000-character note of fragments', () => {
    const text = FRAGMENTS.join(' ').repeat(40).slice(0, 20_000);
    for (const kind of NOTE_KINDS) {
      const { findings } = lint(text, { kind });
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.every((f) => f.end <= text.length)).toBe(true);
    }
  });
});
