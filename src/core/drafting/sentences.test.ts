import { describe, expect, it } from 'vitest';
import { segmentSentences } from './sentences.ts';

const seg = (text: string): string[] => segmentSentences(text).map((s) => text.slice(s.start, s.end));

describe('segmentSentences', () => {
  it.each<[string, string, string[]]>([
    ['plain prose', 'Client arrived on time. She was tearful! Why now?', ['Client arrived on time.', 'She was tearful!', 'Why now?']],
    ['titles', 'Coordinated with Dr. Ortiz and Ms. Lee today. Plan unchanged.', ['Coordinated with Dr. Ortiz and Ms. Lee today.', 'Plan unchanged.']],
    ['Latin abbreviations', 'Uses avoidance, e.g. skipping class, i.e. most days. Discussed.', ['Uses avoidance, e.g. skipping class, i.e. most days.', 'Discussed.']],
    ['dose units mid-sentence', 'Takes sertraline 50 mg. daily per report. Pt denies SI.', ['Takes sertraline 50 mg. daily per report.', 'Pt denies SI.']],
    ['dose units ending a sentence', 'Increased to 100 mg. She agreed.', ['Increased to 100 mg.', 'She agreed.']],
    ['clock markers', 'Session began at 3 p.m. and ended at 3:50 p.m. She left calm.', ['Session began at 3 p.m. and ended at 3:50 p.m.', 'She left calm.']],
    ['initials', 'A.B. reported that C. D. called her. Next.', ['A.B. reported that C. D. called her.', 'Next.']],
    ['decimals', 'Lithium level 0.7 last week. Stable.', ['Lithium level 0.7 last week.', 'Stable.']],
    ['lower-case shorthand', 'pt calm. denies SI. affect flat', ['pt calm.', 'denies SI.', 'affect flat']],
    ['quotation that closes', 'She said, "I am done. I can\'t." and left. Then silence.', ['She said, "I am done. I can\'t." and left.', 'Then silence.']],
    ['quotation ending the sentence', 'He said "I give up." Then he cried.', ['He said "I give up."', 'Then he cried.']],
    ['ellipsis', "I don't know... maybe. Later... She left.", ["I don't know... maybe.", 'Later...', 'She left.']],
    ['parenthesis', 'PHQ-9 was 14 (moderate.) Plan follows.', ['PHQ-9 was 14 (moderate.)', 'Plan follows.']],
  ])('%s', (_name, text, expected) => {
    expect(seg(text)).toEqual(expected);
  });

  it('treats list items and label lines as their own sentences, without the marker', () => {
    const text = 'Mood: anxious\nAffect: constricted\n- felt pulled to rescue\n* denies SI\n1. continue weekly\n2) f/u 1 wk\n• homework given';
    expect(seg(text)).toEqual([
      'Mood: anxious',
      'Affect: constricted',
      'felt pulled to rescue',
      'denies SI',
      'continue weekly',
      'f/u 1 wk',
      'homework given',
    ]);
  });

  it('joins hard-wrapped prose and splits line-based notes', () => {
    const text = 'Client reported that she has been\nsleeping poorly since the move. She\nwas tearful.\nAppeared tired\nGood eye contact';
    expect(seg(text)).toEqual([
      'Client reported that she has been\nsleeping poorly since the move.',
      'She\nwas tearful.',
      'Appeared tired',
      'Good eye contact',
    ]);
  });

  it('keeps headings apart from the text under them', () => {
    expect(seg('S:\npt reports low mood\n\nO: calm, cooperative')).toEqual(['S:', 'pt reports low mood', 'O: calm, cooperative']);
  });

  it('returns spans that index the original text, in order and non-overlapping', () => {
    const text = '  Pt late.  \r\n\r\n- note one\r\n  She said "no."   ';
    const spans = segmentSentences(text);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['Pt late.', 'note one', 'She said "no."']);
  });

  it('returns nothing for blank text', () => {
    expect(segmentSentences('  \n\n\t ')).toEqual([]);
  });
});
