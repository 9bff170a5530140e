import { describe, expect, it } from 'vitest';
import { lint } from './deps.ts';
import { splitNote, scoreSentence } from './split.ts';
import { PSYCHOTHERAPY_THRESHOLD, SPLIT_CUES } from './split-cues.ts';

describe('splitNote', () => {
  it('routes process material to the psychotherapy note and record material to the progress note, with reasons', () => {
    const text = 'Pt calm, affect congruent. I felt a strong pull to rescue her today. I wonder whether her silence protects me.';
    const { segments } = splitNote(text);
    expect(segments.map((s) => s.destination)).toEqual(['progress', 'psychotherapy', 'psychotherapy']);
    expect(segments[0]!.reasons).toContain('record/mental-status');
    expect(segments[1]!.reasons).toContain('process/clinician-feeling');
    expect(segments[2]!.reasons).toContain('process/hypothesis');
  });

  it('sends a sentence with an excluded item to progress even when it is full of process cues (45 CFR 164.501)', () => {
    const text = 'I felt anxious and wondered if she is angry at me about the sertraline 100 mg increase.';
    const process = scoreSentence(text);
    expect(process.score).toBeGreaterThanOrEqual(PSYCHOTHERAPY_THRESHOLD);
    const [seg] = splitNote(text).segments;
    expect(seg!.destination).toBe('progress');
    expect(seg!.reasons).toEqual(['psychotherapy-note/no-medication']);
  });

  it.each([
    ['Session 10:00-10:50; I felt sleepy the whole time.', 'psychotherapy-note/no-session-times'],
    ['I suspect she under-reports, though her PHQ-9 was 18 today.', 'psychotherapy-note/no-test-results'],
    ['Continue weekly individual therapy, which I think she resents.', 'psychotherapy-note/no-modality-frequency'],
  ])('excluded item wins: %s', (text, rule) => {
    const [seg] = splitNote(text).segments;
    expect(seg!.destination).toBe('progress');
    expect(seg!.reasons).toContain(rule);
  });

  it('takes each exclusion from the linter, sentence by sentence', () => {
    const text = 'I felt bored. She takes lithium 300 mg BID. My sense is she is testing me.';
    const findings = lint(text, { kind: 'psychotherapy' }).findings.filter((f) => f.rule.startsWith('psychotherapy-note/'));
    expect(findings.length).toBeGreaterThan(0);
    const { segments } = splitNote(text);
    for (const s of segments) {
      const hit = findings.some((f) => f.start < s.end && s.start < f.end);
      if (hit) expect(s.destination).toBe('progress');
    }
    expect(segments.map((s) => s.destination)).toEqual(['psychotherapy', 'progress', 'psychotherapy']);
  });

  it('defaults to the record when no cue matches', () => {
    const [seg] = splitNote('The weather was discussed briefly.').segments;
    expect(seg).toMatchObject({ destination: 'progress', reasons: ['record/no-process-cue'], score: 0 });
  });

  it('returns spans that slice the input exactly, for lists and line-based notes', () => {
    const text = 'Mood: "fine"\n- I felt shut out\n- denies SI/HI\n\nLong silence after I mentioned the brother; it felt like a warning.';
    const { segments } = splitNote(text);
    for (const s of segments) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(segments.map((s) => s.text)).toEqual(['Mood: "fine"', 'I felt shut out', 'denies SI/HI', 'Long silence after I mentioned the brother; it felt like a warning.']);
    expect(segments.map((s) => s.destination)).toEqual(['progress', 'psychotherapy', 'progress', 'psychotherapy']);
  });

  it('does not count a client quote as the clinician writing in the first person', () => {
    expect(scoreSentence('Client stated, "I feel better."').reasons).not.toContain('process/first-person');
    expect(scoreSentence('I feel better about this case.').reasons).toContain('process/first-person');
  });

  it('is deterministic and handles empty input', () => {
    const text = 'She described a dream about the lake. Pt denies SI.';
    expect(splitNote(text)).toEqual(splitNote(text));
    expect(splitNote('').segments).toEqual([]);
  });

  it('accepts a replacement cue table, but never for the exclusion stage', () => {
    const everything = [{ id: 'all', side: 'process', weight: 10, scope: 'all', pattern: /./, description: 'test' }] as const;
    const { segments } = splitNote('She was quiet. Her GAD-7 was 12.', { cues: everything });
    expect(segments.map((s) => s.destination)).toEqual(['psychotherapy', 'progress']);
  });
});

describe('cue table', () => {
  it('is data: unique ids, positive weights, stateless patterns', () => {
    expect(new Set(SPLIT_CUES.map((c) => c.id)).size).toBe(SPLIT_CUES.length);
    for (const cue of SPLIT_CUES) {
      expect(cue.weight).toBeGreaterThan(0);
      expect(cue.pattern.global || cue.pattern.sticky).toBe(false);
      expect(cue.description.length).toBeGreaterThan(0);
    }
    expect(SPLIT_CUES.some((c) => c.side === 'process')).toBe(true);
    expect(SPLIT_CUES.some((c) => c.side === 'record')).toBe(true);
  });
});

describe('splitNote on any text (property)', () => {
  it('never throws; segments are ordered, disjoint, trimmed and slice the input exactly', async () => {
    const fc = (await import('fast-check')).default;
    const pieces = fc.constantFrom('Dr. A. said "no." ', 'I felt sad. ', 'pt denies SI\n', '- item\n', 'mg. ', '... ', '?', '"', '\n\n', 'e.g. ', 'PHQ-9 14. ', 'S:\n', '10:00-10:50 ', 'x');
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.array(pieces, { maxLength: 60 }).map((a) => a.join(''))), (text) => {
        const { segments } = splitNote(text);
        let last = 0;
        for (const s of segments) {
          expect(s.start).toBeGreaterThanOrEqual(last);
          expect(s.end).toBeGreaterThan(s.start);
          expect(text.slice(s.start, s.end)).toBe(s.text);
          expect(s.text).toBe(s.text.trim());
          expect(s.reasons.length).toBeGreaterThan(0);
          last = s.end;
        }
      }),
      { numRuns: 300 },
    );
  });
});
