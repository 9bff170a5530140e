import { describe, expect, it } from 'vitest';
import {
  DOSE_FREQUENCIES,
  DOSE_UNITS,
  EXCLUDED_BRAND_NAMES,
  MEDICATION_BY_NAME,
  MEDICATION_CLASSES,
  MEDICATION_CLASS_TERMS,
  MEDICATION_MANAGEMENT_TERMS,
  MEDICATION_NAMES,
  MEDICATIONS,
  PSYCHOTROPIC_CLASSES,
} from './medications.ts';

/**
 * Ordinary words a therapy note is likely to contain, including words that sound like
 * drug brands ("sonata", "concert", "focus", "serenity"). No medication name may equal one
 * of them, or the extractor would flag ordinary prose.
 */
const COMMON_WORDS = `
a about after again against all also always am an and anger angry anxiety anxious any
are argue aura away back bad balance because bed before being best better between bliss
body both brother but by calm can care career change child children clarity client
close come concert could couple dad daughter day days did do does done down dream each
ease easy else emend energy even evening every faith family father fear feel feeling
felt few fine first focal focus for friend friends from fun get go good grace grief
had happy harmony has have he health heart help her here him his home hope horizon
house how hurt i if in intermezzo into is it job joy just kind know last later life
like little long lost love made make man many may me mean mind moment mom money more
morning mother much must my need never new next night no not now of off often ok on
once one only or other our out over pain panic parent partner past patience peace
people plan play please rayos relief remember rest restore revive right sad safe said
same saw say school see seem serenity she should since sister sleep slow so some son
sonata soon sorry spring still stop story stress such summer support sure talk teacher
tell than that the their them then there these they thing think this those though
through time to today together told too tried trust try under until up upset us very
wake walk want was way we week well went were what when where which while who why will
wish with woman word work worry would year yes yet you young your zen allegra bayer
`
  .split(/\s+/)
  .filter((w) => w.length > 0);

const ALL_NAMES = MEDICATIONS.flatMap((m) => [m.generic, ...m.brands]);

describe('medication list', () => {
  it('has a word list of about 200 common words to check against', () => {
    expect(COMMON_WORDS.length).toBeGreaterThanOrEqual(200);
  });

  it('has no duplicate names, case-insensitively, across generics and brands', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const name of ALL_NAMES) {
      const key = name.toLowerCase();
      if (seen.has(key)) duplicates.push(`${name} (also ${seen.get(key)})`);
      seen.set(key, name);
    }
    expect(duplicates).toEqual([]);
    expect(MEDICATION_BY_NAME.size).toBe(ALL_NAMES.length);
  });

  it('gives every entry a known class, and uses every class', () => {
    const classes = new Set<string>(MEDICATION_CLASSES);
    for (const m of MEDICATIONS) expect(classes.has(m.class), `${m.generic}: ${m.class}`).toBe(true);
    const used = new Set(MEDICATIONS.map((m) => m.class));
    expect(MEDICATION_CLASSES.filter((c) => !used.has(c))).toEqual([]);
  });

  it('has no name that is a common English word', () => {
    const words = new Set(COMMON_WORDS);
    expect(ALL_NAMES.filter((n) => words.has(n.toLowerCase()))).toEqual([]);
  });

  it('keeps the excluded brand names out of the list, and keeps their generics in', () => {
    for (const excluded of EXCLUDED_BRAND_NAMES) {
      expect(MEDICATION_BY_NAME.has(excluded.name.toLowerCase()), excluded.name).toBe(false);
      expect(MEDICATION_BY_NAME.get(excluded.generic)?.generic, excluded.generic).toBe(excluded.generic);
      expect(excluded.reason.length).toBeGreaterThan(0);
    }
  });

  it('writes names without stray whitespace, generics in lower case', () => {
    for (const name of ALL_NAMES) {
      expect(name, name).toBe(name.trim());
      expect(name, name).not.toMatch(/\s{2,}/);
      expect(name, name).toMatch(/^[A-Za-z][A-Za-z0-9 .-]*$/);
    }
    for (const m of MEDICATIONS) expect(m.generic).toBe(m.generic.toLowerCase());
  });

  it.each([
    ['sertraline', 'ssri'],
    ['zoloft', 'ssri'],
    ['suboxone', 'addiction-medicine'],
    ['vivitrol', 'addiction-medicine'],
    ['disulfiram', 'addiction-medicine'],
    ['acamprosate', 'addiction-medicine'],
    ['methadone', 'addiction-medicine'],
    ['spravato', 'rapid-acting-antidepressant'],
    ['auvelity', 'rapid-acting-antidepressant'],
    ['zuranolone', 'neurosteroid-antidepressant'],
    ['brexanolone', 'neurosteroid-antidepressant'],
    ['cobenfy', 'antipsychotic-muscarinic'],
    ['invega sustenna', 'antipsychotic-long-acting-injectable'],
    ['aristada', 'antipsychotic-long-acting-injectable'],
    ['haldol', 'antipsychotic-first-generation'],
    ['lithium', 'mood-stabilizer'],
    ['ambien', 'z-drug-hypnotic'],
    ['hydroxyzine', 'anxiolytic-other'],
    ['buspirone', 'anxiolytic-other'],
    ['prazosin', 'adrenergic-agent'],
    ['propranolol', 'adrenergic-agent'],
    ['clonidine', 'adrenergic-agent'],
    ['guanfacine', 'adhd-non-stimulant'],
    ['adderall', 'stimulant'],
    ['strattera', 'adhd-non-stimulant'],
    ['parnate', 'maoi'],
    ['pamelor', 'tricyclic-antidepressant'],
    ['metformin', 'diabetes'],
    ['lisinopril', 'cardiovascular'],
    ['levothyroxine', 'thyroid'],
    ['atorvastatin', 'lipid-lowering'],
    ['albuterol', 'respiratory'],
    ['ibuprofen', 'analgesic'],
  ] as const)('knows %s as %s', (name, cls) => {
    expect(MEDICATION_BY_NAME.get(name)?.class).toBe(cls);
  });

  it('covers psychotropics thoroughly and about forty general-medical drugs', () => {
    const psychotropic = new Set(PSYCHOTROPIC_CLASSES);
    const general = MEDICATIONS.filter((m) => !psychotropic.has(m.class));
    expect(general.length).toBeGreaterThanOrEqual(40);
    expect(MEDICATIONS.length - general.length).toBeGreaterThanOrEqual(100);
    expect(psychotropic.has('ssri')).toBe(true);
    expect(psychotropic.has('analgesic')).toBe(false);
  });

  it('orders MEDICATION_NAMES longest first so longer brands win', () => {
    expect(MEDICATION_NAMES.length).toBe(ALL_NAMES.length);
    expect(MEDICATION_NAMES.indexOf('Invega Sustenna')).toBeLessThan(MEDICATION_NAMES.indexOf('Invega'));
    for (let i = 1; i < MEDICATION_NAMES.length; i++) {
      expect(MEDICATION_NAMES[i - 1]!.length).toBeGreaterThanOrEqual(MEDICATION_NAMES[i]!.length);
    }
  });

  it('has non-empty, duplicate-free term lists', () => {
    for (const list of [MEDICATION_CLASS_TERMS, MEDICATION_MANAGEMENT_TERMS, DOSE_UNITS, DOSE_FREQUENCIES]) {
      expect(list.length).toBeGreaterThan(0);
      expect(new Set(list).size).toBe(list.length);
      for (const term of list) expect(term.trim()).toBe(term);
    }
    for (const required of ['SSRI', 'SNRI', 'antidepressant', 'antipsychotic', 'mood stabilizer', 'benzodiazepine', 'stimulant']) {
      expect(MEDICATION_CLASS_TERMS).toContain(required);
    }
    for (const required of ['medication', 'meds', 'prescribed', 'dose', 'titrated', 'refill', 'side effects']) {
      expect(MEDICATION_MANAGEMENT_TERMS).toContain(required);
    }
    for (const required of ['daily', 'BID', 'QHS', 'PRN', 'b.i.d.', 'at bedtime', 'twice daily']) {
      expect(DOSE_FREQUENCIES).toContain(required);
    }
  });

  it('keeps session-frequency words out of the dose frequencies', () => {
    // "weekly" in a therapy note is almost always a session frequency (45 CFR 164.501
    // "frequencies of treatment"), which the linter reports under its own rule.
    for (const word of ['weekly', 'monthly', 'biweekly', 'every 2 weeks']) expect(DOSE_FREQUENCIES).not.toContain(word);
  });
});
