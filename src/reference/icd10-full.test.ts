import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseIcd10Tsv } from '../core/codes/icd10.ts';
import { ICD10_BEHAVIORAL_ROWS } from '../core/codes/icd10-behavioral.data.ts';
import { isBehavioralIcd10Code } from '../core/codes/icd10-scope.ts';
import { loadFullIcd10Lookup } from './icd10-full.ts';

// The shared data folder sits beside the repository on development machines and in CI;
// it does not exist where a practice runs Notewall.
const SHARED_TSV = fileURLToPath(new URL('../../../shared/data/icd10cm/icd10cm-2026.tsv', import.meta.url));
const sharedExists = existsSync(SHARED_TSV);
if (!sharedExists) {
  console.warn(`icd10-full.test: ${SHARED_TSV} is absent; skipping only the comparison of the shipped list with it`);
}

describe('loadFullIcd10Lookup', () => {
  const lookup = loadFullIcd10Lookup();

  it('loads the shipped FY2026 list once', () => {
    expect(loadFullIcd10Lookup()).toBe(lookup);
    expect(lookup.version).toBe('FY2026');
    expect(lookup.scope).toBe('full');
    // Row counts published with the FY2026 release (see the data README).
    expect(lookup.size).toBe(98_186);
    expect(lookup.entries().filter((e) => e.billable)).toHaveLength(74_719);
  });

  it.each([
    ['F41.1', { code: 'F41.1', billable: true, title: 'Generalized anxiety disorder' }],
    ['F43.1', { code: 'F43.1', billable: false, title: 'Post-traumatic stress disorder (PTSD)' }],
    ['F32.A', { code: 'F32.A', billable: true, title: 'Depression, unspecified' }],
    ['Z63.0', { code: 'Z63.0', billable: true, title: 'Problems in relationship with spouse or partner' }],
    ['I10', { code: 'I10', billable: true, title: 'Essential (primary) hypertension' }],
    ['F99.99', undefined],
    ['F41.10', undefined],
  ])('get(%s)', (code, entry) => {
    expect(lookup.get(code)).toEqual(entry);
  });

  it('searches the whole list by code and by words', () => {
    expect(lookup.search('F43.1', 3).map((e) => e.code)).toEqual(['F43.1', 'F43.10', 'F43.11']);
    expect(lookup.search('generalized anxiety disorder')[0]?.code).toBe('F41.1');
    expect(lookup.search('essential hypertension').map((e) => e.code)).toContain('I10');
    expect(lookup.search('insomnia', 50).map((e) => e.code)).toEqual(expect.arrayContaining(['G47.00', 'F51.01']));
  });

  it('agrees with the generated behavioural subset, row for row', () => {
    const expected = lookup
      .entries()
      .filter((e) => isBehavioralIcd10Code(e.code))
      .map((e) => [e.code, e.billable, e.title]);
    expect(ICD10_BEHAVIORAL_ROWS).toEqual(expected);
  });

  it.skipIf(!sharedExists)(
    'ships exactly the codes, billable flags and long titles of ../shared/data/icd10cm/icd10cm-2026.tsv (skipped when that file is absent)',
    () => {
      const shared = parseIcd10Tsv(readFileSync(SHARED_TSV, 'utf8'));
      const shipped = lookup.entries();
      expect(shipped.length).toBe(shared.length);
      const mismatches = shared.filter((e, i) => {
        const s = shipped[i];
        return !s || s.code !== e.code || s.billable !== e.billable || s.title !== e.title;
      });
      expect(mismatches.slice(0, 5)).toEqual([]);
    },
  );
});
