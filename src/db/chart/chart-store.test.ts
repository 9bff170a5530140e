import { describe, expect, it } from 'vitest';
import { icd10FullList } from './chart-store.ts';

describe('icd10FullList (the default diagnosis-code check)', () => {
  it.each([
    ['F41.1', null],
    ['F43.10', null],
    ['F43.1', /category header/],
    ['F99.99', /not an ICD-10-CM code/],
    ['XYZ', /not an ICD-10-CM code/],
  ] as const)('%s', (code, expected) => {
    const r = icd10FullList(code);
    if (expected === null) expect(r).toBeNull();
    else expect(r).toMatch(expected);
  });
});
