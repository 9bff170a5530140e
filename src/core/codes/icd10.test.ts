import { describe, expect, it } from 'vitest';
import {
  behavioralIcd10Lookup,
  createIcd10Lookup,
  ICD10_CODE_PATTERN,
  normaliseIcd10Code,
  parseIcd10Tsv,
  type Icd10Entry,
} from './icd10.ts';
import { ICD10_BEHAVIORAL_ROWS, ICD10_CODE_SET_VERSION } from './icd10-behavioral.data.ts';
import { BEHAVIORAL_ICD10_SCOPE, isBehavioralIcd10Code } from './icd10-scope.ts';

describe('ICD10_CODE_PATTERN', () => {
  it.each([
    ['F41.1', true],
    ['F41', true],
    ['F32.A', true],
    ['F10.239', true],
    ['T74.11XA', true],
    ['U07.1', true],
    ['QA0.0101', true],
    ['F4', false],
    ['F41.', false],
    ['F41.12345', false],
    ['f41.1', false],
    ['41.1', false],
    ['F41-1', false],
  ])('%s → %s', (code, ok) => {
    expect(ICD10_CODE_PATTERN.test(code)).toBe(ok);
  });
});

describe('normaliseIcd10Code', () => {
  it.each([
    ['f411', 'F41.1'],
    [' F41.1 ', 'F41.1'],
    ['f32a', 'F32.A'],
    ['F41', 'F41'],
    ['t7411xa', 'T74.11XA'],
  ])('%j → %s', (input, out) => {
    expect(normaliseIcd10Code(input)).toBe(out);
  });
});

describe('parseIcd10Tsv', () => {
  it('reads the shared four-column layout and the shipped three-column one', () => {
    const shared = 'code\tbillable\tshort\tlong\nF41\t0\tOth anxiety\tOther anxiety disorders\nF41.1\t1\tGAD\tGeneralized anxiety disorder\n';
    expect(parseIcd10Tsv(shared)).toEqual([
      { code: 'F41', billable: false, title: 'Other anxiety disorders' },
      { code: 'F41.1', billable: true, title: 'Generalized anxiety disorder' },
    ]);
    expect(parseIcd10Tsv('code\tbillable\tlong\r\nZ63.0\t1\tProblems in relationship with spouse or partner\r\n')).toEqual([
      { code: 'Z63.0', billable: true, title: 'Problems in relationship with spouse or partner' },
    ]);
  });

  it.each([
    ['code\tbillable\tlong\nF41.1\t2\tGeneralized anxiety disorder\n', /line 2 is malformed/],
    ['code\tbillable\tlong\nF41.1\t1\n', /line 2 is malformed/],
    ['code\tbillable\tlong\nF41\t0\tx\nnot a code\t1\tx\n', /line 3 is malformed/],
    ['icd\tbillable\tlong\nF41.1\t1\tx\n', /header must name code, billable and long/],
  ])('rejects %j', (text, message) => {
    expect(() => parseIcd10Tsv(text)).toThrow(message);
  });
});

describe('behavioralIcd10Lookup', () => {
  const lookup = behavioralIcd10Lookup();

  it('is a singleton with the code-set version and scope', () => {
    expect(behavioralIcd10Lookup()).toBe(lookup);
    expect(lookup.version).toBe('FY2026');
    expect(ICD10_CODE_SET_VERSION).toBe('FY2026');
    expect(lookup.scope).toBe('behavioral');
    expect(lookup.size).toBe(ICD10_BEHAVIORAL_ROWS.length);
  });

  it.each([
    ['F41.1', true, 'Generalized anxiety disorder'],
    ['f411', true, 'Generalized anxiety disorder'],
    ['F43.1', false, 'Post-traumatic stress disorder (PTSD)'],
    ['F43.10', true, 'Post-traumatic stress disorder, unspecified'],
    ['F32.A', true, 'Depression, unspecified'],
    ['Z63.0', true, 'Problems in relationship with spouse or partner'],
    ['R45.851', true, 'Suicidal ideations'],
    ['T74.11XA', true, 'Adult physical abuse, confirmed, initial encounter'],
  ])('get(%s) → billable %s, "%s"', (code, billable, title) => {
    expect(lookup.get(code)).toEqual({ code: normaliseIcd10Code(code), billable, title });
  });

  it.each(['F99.99', 'A00.0', 'Z91', 'I10', ''])('get(%j) is undefined (unknown or outside the scope)', (code) => {
    expect(lookup.get(code)).toBeUndefined();
  });

  it('holds chapter F and only the documented scope, each code once and well formed', () => {
    const codes = ICD10_BEHAVIORAL_ROWS.map(([code]) => code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(ICD10_CODE_PATTERN.test(code), code).toBe(true);
      expect(isBehavioralIcd10Code(code), code).toBe(true);
    }
    expect(codes.filter((c) => c.startsWith('F')).length).toBeGreaterThan(1000);
    for (const { prefix } of BEHAVIORAL_ICD10_SCOPE) {
      expect(codes.some((c) => c.startsWith(prefix)), prefix).toBe(true);
    }
    expect(codes.length).toBeLessThan(3000);
  });

  it('finds codes by prefix, parents first', () => {
    expect(lookup.search('F41', 4).map((e) => e.code)).toEqual(['F41', 'F41.0', 'F41.1', 'F41.3']);
    expect(lookup.search('f41.1').map((e) => e.code)[0]).toBe('F41.1');
    expect(lookup.search('z63.0')[0]?.code).toBe('Z63.0');
    expect(lookup.search('F43.1', 3).map((e) => e.code)).toEqual(['F43.1', 'F43.10', 'F43.11']);
  });

  it('finds codes by words of the title, with a partial last word', () => {
    expect(lookup.search('generalized anxiety disorder')[0]?.code).toBe('F41.1');
    expect(lookup.search('gen anx')[0]?.code).toBe('F41.1');
    expect(lookup.search('ptsd').map((e) => e.code)).toContain('F43.1');
    expect(lookup.search('spouse partner').map((e) => e.code)).toContain('Z63.0');
    expect(lookup.search('suicidal ideation')[0]?.code).toBe('R45.851');
    const mdd = lookup.search('major depressive recurrent severe psychotic');
    expect(mdd.map((e) => e.code)).toContain('F33.3');
  });

  it('respects the limit and returns nothing for no match', () => {
    expect(lookup.search('disorder', 5)).toHaveLength(5);
    expect(lookup.search('anxiety').length).toBeLessThanOrEqual(20);
    expect(lookup.search('')).toEqual([]);
    expect(lookup.search('   ')).toEqual([]);
    expect(lookup.search('qqqxz')).toEqual([]);
    expect(lookup.search('anxiety', 0)).toEqual([]);
  });
});

describe('createIcd10Lookup ranking (synthetic entries)', () => {
  const entries: Icd10Entry[] = [
    { code: 'F90', billable: false, title: 'Panicky behaviour of the test kind' },
    { code: 'F91.1', billable: true, title: 'Other panic disorder of the test kind' },
    { code: 'F92', billable: true, title: 'Panic disorder' },
    { code: 'X93', billable: true, title: 'Panic disorder' },
    { code: 'F94', billable: true, title: 'Mood disorder with panic and worry' },
  ];
  const lookup = createIcd10Lookup(entries, { version: 'TEST', scope: 'full' });

  it('ranks an exact title first, chapter F before equal titles, whole words before prefixes', () => {
    expect(lookup.search('panic disorder').map((e) => e.code)).toEqual(['F92', 'X93', 'F91.1', 'F94']);
    // "panic" as a whole word beats the prefix of "panicky" even at the start of a title;
    // equal scores go to the shorter title.
    expect(lookup.search('panic').map((e) => e.code)).toEqual(['F92', 'X93', 'F94', 'F91.1', 'F90']);
  });

  it('ignores stop words for matching unless the query has nothing else', () => {
    expect(lookup.search('disorder of the').map((e) => e.code)).toEqual(['F91.1', 'F92', 'F94', 'X93']);
    expect(lookup.search('the').map((e) => e.code)).toEqual(['F90', 'F91.1']);
  });

  it('needs every non-stop word to match', () => {
    expect(lookup.search('panic worry').map((e) => e.code)).toEqual(['F94']);
    expect(lookup.search('panic zebra')).toEqual([]);
  });

  it('lists code matches before word matches without repeating an entry', () => {
    const withCodeWords = createIcd10Lookup(
      [
        { code: 'F41', billable: false, title: 'Other anxiety disorders' },
        { code: 'F41.1', billable: true, title: 'Generalized anxiety disorder' },
        { code: 'Z99', billable: true, title: 'F41 mentioned in a title' },
      ],
      { version: 'TEST', scope: 'behavioral' },
    );
    expect(withCodeWords.search('f41').map((e) => e.code)).toEqual(['F41', 'F41.1', 'Z99']);
    expect(withCodeWords.search('f41', 2).map((e) => e.code)).toEqual(['F41', 'F41.1']);
    expect(withCodeWords.entries()).toHaveLength(3);
  });
});
