import { describe, expect, it } from 'vitest';
import { SHORTHAND, compileShorthand, expandShorthand } from './shorthand.ts';

const expand = (s: string): string => expandShorthand(s).text;

describe('shorthand table', () => {
  it('has at least 60 entries, each abbreviation once', () => {
    expect(SHORTHAND.length).toBeGreaterThanOrEqual(60);
    const seen = new Set(SHORTHAND.map((e) => e.abbr));
    expect(seen.size).toBe(SHORTHAND.length);
  });

  // Every entry, as written in the table, expands mid-sentence.
  for (const entry of SHORTHAND.filter((e) => e.resolve === undefined)) {
    it(`expands "${entry.abbr}" mid-sentence`, () => {
      expect(expand(`noted ${entry.abbr} today`)).toBe(`noted ${entry.expansion} today`);
    });
  }

  // ...and never inside another word or a joined token. ("w/o" followed by letters falls
  // back to "w/", which joins a word by design: "w/mom" is "with mom".)
  const hasOpenPrefix = (abbr: string): boolean =>
    SHORTHAND.some((o) => o.abbr !== abbr && !/[\p{L}\p{N}]$/u.test(o.abbr) && abbr.startsWith(o.abbr));
  for (const entry of SHORTHAND.filter((e) => /[\p{L}\p{N}]$/u.test(e.abbr) && !hasOpenPrefix(e.abbr))) {
    it(`does not expand "${entry.abbr}" inside a word`, () => {
      expect(expand(`noted ${entry.abbr}zq and zq${entry.abbr} and ${entry.abbr}-7 and x-${entry.abbr}`)).toBe(
        `noted ${entry.abbr}zq and zq${entry.abbr} and ${entry.abbr}-7 and x-${entry.abbr}`,
      );
    });
  }
});

describe('expandShorthand', () => {
  it.each([
    ['pt c/o poor sleep x2 wks', 'Client complains of poor sleep x2 weeks'],
    ['Pt denies SI/HI.', 'Client denies suicidal ideation/homicidal ideation.'],
    ['SI denied. HI denied.', 'Suicidal ideation denied. Homicidal ideation denied.'],
    ["discussed pt's hx of panic", "discussed client's history of panic"],
    ['used TF-CBT and CBT', 'used trauma-focused cognitive behavioral therapy (TF-CBT) and cognitive behavioral therapy (CBT)'],
    ['f/u w/ PCP re: sleep', 'Follow-up with primary care provider regarding sleep'],
    ['w/o AVH; MSE WNL', 'Without auditory or visual hallucinations; mental status exam within normal limits'],
    ['went out w/out telling anyone b/c scared', 'went out without telling anyone because scared'],
    ['A&Ox3, NAD', 'Alert and oriented to person, place and time, no acute distress'],
    ['MI to explore ambivalence re: ETOH', 'Motivational interviewing to explore ambivalence regarding alcohol'],
  ])('%s → %s', (input, output) => {
    expect(expand(input)).toBe(output);
  });

  it.each([
    // Case rules: acronyms that are words in lower case stay words.
    ['we will act on it', 'we will act on it'],
    ['si se puede', 'si se puede'],
    ['mi casa', 'mi casa'],
    // PT in capitals is physical therapy, not "patient".
    ['referred to PT for back pain', 'referred to PT for back pain'],
    // GAD-7 is a measure, not the disorder.
    ['GAD-7 total 12', 'GAD-7 total 12'],
    // Already defined in parentheses.
    ['cognitive behavioral therapy (CBT) continued', 'cognitive behavioral therapy (CBT) continued'],
    // Inside words.
    ['Patient history', 'Patient history'],
    ['optimistic, adept', 'optimistic, adept'],
  ])('leaves %s alone', (input, output) => {
    expect(expand(input)).toBe(output);
  });

  describe('CPT is resolved from context or left as written', () => {
    it.each([
      ['continued CPT, reviewed stuck points worksheet', 'continued cognitive processing therapy (CPT), reviewed stuck points worksheet'],
      ['CPT session 4 of 12: impact statement read aloud', 'Cognitive processing therapy (CPT) session 4 of 12: impact statement read aloud'],
      ['began CPT protocol for PTSD', 'began cognitive processing therapy (CPT) protocol for posttraumatic stress disorder (PTSD)'],
    ])('therapy: %s', (input, output) => {
      expect(expand(input)).toBe(output);
    });
    it.each([
      ['CPT 90834 billed', 'CPT 90834 billed'],
      ['CPT code for the trauma therapy session is 90837', 'CPT code for the trauma therapy session is 90837'],
      ['check CPT with the front desk', 'check CPT with the front desk'],
    ])('billing or unclear: %s', (input, output) => {
      expect(expand(input)).toBe(output);
    });
  });

  it('reports each replacement with offsets in the input', () => {
    const input = 'pt denies SI';
    const { replacements } = expandShorthand(input);
    expect(replacements.map((r) => input.slice(r.start, r.end))).toEqual(['pt', 'SI']);
    expect(replacements.map((r) => r.expansion)).toEqual(['Client', 'suicidal ideation']);
  });

  it('accepts a custom table', () => {
    const table = compileShorthand([{ abbr: 'ftf', expansion: 'face-to-face', caseRule: 'any' }]);
    expect(expandShorthand('FTF session; pt present', table).text).toBe('Face-to-face session; pt present');
  });
});
