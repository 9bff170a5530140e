import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bandForTotal,
  INSTRUMENTS,
  MeasureInputError,
  scoreMeasure,
  totalRange,
  type InstrumentId,
} from './index.ts';

/** Items that sum to `total` with each item within 0..max, filled from the front. */
function itemsForTotal(count: number, max: number, total: number): number[] {
  const out: number[] = [];
  let left = total;
  for (let i = 0; i < count; i++) {
    const v = Math.min(max, left);
    out.push(v);
    left -= v;
  }
  if (left !== 0) throw new Error(`cannot make ${total} from ${count} items of max ${max}`);
  return out;
}

describe('INSTRUMENTS table', () => {
  it.each(['phq9', 'gad7', 'pcl5'] as const)('%s bands cover 0..totalMax without gaps or overlaps', (id) => {
    const def = INSTRUMENTS[id];
    expect(def.totalMax).toBe(def.itemCount * def.itemMax);
    let next = 0;
    for (const band of def.bands) {
      expect(band.min).toBe(next);
      expect(band.max).toBeGreaterThanOrEqual(band.min);
      next = band.max + 1;
    }
    expect(next).toBe(def.totalMax + 1);
    expect(def.bandsCitation.length).toBeGreaterThan(10);
    for (const tier of def.change) expect(tier.citation.length).toBeGreaterThan(10);
  });

  it('carries the verified LOINC codes and none for the PCL-5', () => {
    expect(INSTRUMENTS.phq9.loinc).toEqual({ panel: '44249-1', total: '44261-6', items: { 9: '44260-8' } });
    expect(INSTRUMENTS.gad7.loinc).toEqual({ panel: '69737-5', total: '70274-6' });
    expect(INSTRUMENTS.pcl5.loinc).toEqual({});
    expect(INSTRUMENTS.pcl5.loincNote).toMatch(/verified/);
  });

  it('lists the PCL-5 DSM-5 clusters B 1–5, C 6–7, D 8–14, E 15–20', () => {
    expect(INSTRUMENTS.pcl5.pcl5?.clusters.map((c) => [c.key, c.firstItem, c.lastItem, c.minSymptoms])).toEqual([
      ['B', 1, 5, 1],
      ['C', 6, 7, 1],
      ['D', 8, 14, 2],
      ['E', 15, 20, 2],
    ]);
  });
});

describe('bandForTotal: every band edge', () => {
  const cases: Array<[InstrumentId, number, string | undefined]> = [
    ['phq9', -1, undefined],
    ['phq9', 0, 'minimal'],
    ['phq9', 4, 'minimal'],
    ['phq9', 5, 'mild'],
    ['phq9', 9, 'mild'],
    ['phq9', 10, 'moderate'],
    ['phq9', 14, 'moderate'],
    ['phq9', 15, 'moderately-severe'],
    ['phq9', 19, 'moderately-severe'],
    ['phq9', 20, 'severe'],
    ['phq9', 27, 'severe'],
    ['phq9', 28, undefined],
    ['phq9', 4.5, undefined],
    ['phq9', Number.NaN, undefined],
    ['gad7', -1, undefined],
    ['gad7', 0, 'minimal'],
    ['gad7', 4, 'minimal'],
    ['gad7', 5, 'mild'],
    ['gad7', 9, 'mild'],
    ['gad7', 10, 'moderate'],
    ['gad7', 14, 'moderate'],
    ['gad7', 15, 'severe'],
    ['gad7', 21, 'severe'],
    ['gad7', 22, undefined],
    ['pcl5', -1, undefined],
    ['pcl5', 0, 'below-cutoff'],
    ['pcl5', 32, 'below-cutoff'],
    ['pcl5', 33, 'provisional-ptsd'],
    ['pcl5', 80, 'provisional-ptsd'],
    ['pcl5', 81, undefined],
  ];
  it.each(cases)('%s total %d → %s', (id, total, key) => {
    expect(bandForTotal(id, total)?.key).toBe(key);
  });

  it('uses the configured PCL-5 cutoff', () => {
    expect(bandForTotal('pcl5', 31, { pcl5Cutoff: 31 })).toEqual({ key: 'provisional-ptsd', label: 'Provisional PTSD' });
    expect(bandForTotal('pcl5', 30, { pcl5Cutoff: 31 })).toEqual({ key: 'below-cutoff', label: 'Below cutoff' });
  });

  it('gives labels with the keys', () => {
    expect(bandForTotal('phq9', 17)).toEqual({ key: 'moderately-severe', label: 'Moderately severe' });
  });

  it('returns undefined for an unknown instrument', () => {
    expect(bandForTotal('phq8' as InstrumentId, 3)).toBeUndefined();
  });
});

describe('totalRange', () => {
  it.each([
    ['phq9', 27],
    ['gad7', 21],
    ['pcl5', 80],
  ] as const)('%s is 0–%d', (id, max) => {
    expect(totalRange(id)).toEqual({ min: 0, max });
  });
});

describe('scoreMeasure', () => {
  it('scores the PHQ-9 and reports item 9', () => {
    expect(scoreMeasure('phq9', [1, 2, 0, 3, 1, 0, 2, 1, 0])).toEqual({
      instrument: 'phq9',
      total: 10,
      band: { key: 'moderate', label: 'Moderate' },
      flags: { item9Positive: false, item9Value: 0 },
    });
  });

  it.each([
    [0, false],
    [1, true],
    [2, true],
    [3, true],
  ])('PHQ-9 item 9 = %d → item9Positive %s', (value, positive) => {
    const r = scoreMeasure('phq9', [0, 0, 0, 0, 0, 0, 0, 0, value]);
    expect(r.flags).toEqual({ item9Positive: positive, item9Value: value });
    expect(r.total).toBe(value);
  });

  it('flags item 9 even when the total is minimal', () => {
    const r = scoreMeasure('phq9', [0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(r.band.key).toBe('minimal');
    expect(r.flags.item9Positive).toBe(true);
  });

  it('scores the GAD-7 with no flags and no PCL-5 fields', () => {
    const r = scoreMeasure('gad7', [3, 3, 3, 3, 3, 0, 0]);
    expect(r).toEqual({ instrument: 'gad7', total: 15, band: { key: 'severe', label: 'Severe' }, flags: {} });
  });

  it('scores PCL-5 cluster subscores', () => {
    // B = 1+2+3+4+0, C = 1+1, D = 0..3 pattern, E = 2s.
    const items = [1, 2, 3, 4, 0, 1, 1, 0, 1, 2, 3, 0, 1, 2, 2, 2, 2, 2, 2, 2];
    const r = scoreMeasure('pcl5', items);
    expect(r.subscores).toEqual({ B: 10, C: 2, D: 9, E: 12 });
    expect(r.total).toBe(33);
    expect(r.band.key).toBe('provisional-ptsd');
    // C has no item ≥2, so the DSM-5 rule fails although the cutoff is met.
    expect(r.provisionalPtsd).toEqual({ byCutoff: true, byDsm5Rule: false, cutoff: 33 });
  });

  it('applies the DSM-5 rule at its minimum: 1 B, 1 C, 2 D, 2 E items rated 2', () => {
    const items = Array<number>(20).fill(0);
    items[0] = 2; // B
    items[5] = 2; // C
    items[7] = 2; // D
    items[8] = 2; // D
    items[14] = 2; // E
    items[15] = 2; // E
    const r = scoreMeasure('pcl5', items);
    expect(r.total).toBe(12);
    expect(r.provisionalPtsd).toEqual({ byCutoff: false, byDsm5Rule: true, cutoff: 33 });
    expect(r.band.key).toBe('below-cutoff');
  });

  it.each([
    ['B', 0],
    ['C', 5],
    ['D', 8],
    ['E', 15],
  ] as const)('DSM-5 rule fails when cluster %s loses one symptom', (_cluster, index) => {
    const items = Array<number>(20).fill(0);
    for (const i of [0, 5, 7, 8, 14, 15]) items[i] = 2;
    items[index] = 1; // rated 1: present but below the symptom threshold of 2
    expect(scoreMeasure('pcl5', items).provisionalPtsd?.byDsm5Rule).toBe(false);
  });

  it.each([
    [undefined, 32, false],
    [undefined, 33, true],
    [31, 30, false],
    [31, 31, true],
  ])('PCL-5 cutoff %s: total %d → byCutoff %s', (cutoff, total, expected) => {
    const r = scoreMeasure('pcl5', itemsForTotal(20, 4, total), cutoff === undefined ? undefined : { pcl5Cutoff: cutoff });
    expect(r.provisionalPtsd?.byCutoff).toBe(expected);
    expect(r.provisionalPtsd?.cutoff).toBe(cutoff ?? 33);
    expect(r.band.key).toBe(expected ? 'provisional-ptsd' : 'below-cutoff');
  });

  describe('errors name the field and item', () => {
    const cases: Array<[InstrumentId, readonly unknown[], string, string]> = [
      ['phq9', [1, 2, 0, 5, 1, 0, 2, 1, 0], 'items[3]', 'item 4 is 5; PHQ-9 items are scored 0–3'],
      ['phq9', [-1, 2, 0, 1, 1, 0, 2, 1, 0], 'items[0]', 'item 1 is -1; PHQ-9 items are scored 0–3'],
      ['phq9', [1, 1.5, 0, 1, 1, 0, 2, 1, 0], 'items[1]', 'item 2 is 1.5; PHQ-9 items are whole numbers scored 0–3'],
      ['phq9', [1, 1, 0, 1, 1, 0, 2, 1, Number.NaN], 'items[8]', 'item 9 is NaN; PHQ-9 items are whole numbers scored 0–3'],
      ['phq9', [1, 1, '2', 1, 1, 0, 2, 1, 0], 'items[2]', 'item 3 is "2"; PHQ-9 items are whole numbers scored 0–3'],
      ['phq9', [1, 2, 0, 3, 1, 0, 2, 1], 'items', 'PHQ-9 has 9 items; got 8'],
      ['phq9', [], 'items', 'PHQ-9 has 9 items; got 0'],
      ['gad7', [0, 0, 0, 0, 0, 0, 4], 'items[6]', 'item 7 is 4; GAD-7 items are scored 0–3'],
      ['gad7', [0, 0, 0, 0, 0, 0, 0, 0], 'items', 'GAD-7 has 7 items; got 8'],
      ['pcl5', [...Array<number>(19).fill(0), 5], 'items[19]', 'item 20 is 5; PCL-5 items are scored 0–4'],
      ['pcl5', Array<number>(9).fill(0), 'items', 'PCL-5 has 20 items; got 9'],
      ['phq8' as InstrumentId, [0], 'instrument', 'unknown instrument "phq8"; use one of phq9, gad7, pcl5'],
    ];
    it.each(cases)('%s %j → %s', (id, items, field, message) => {
      let caught: unknown;
      try {
        scoreMeasure(id, items as number[]);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(MeasureInputError);
      expect(caught).toMatchObject({ field, message, name: 'MeasureInputError' });
    });

    it.each([0, 81, 32.5, Number.NaN])('rejects PCL-5 cutoff %d', (cutoff) => {
      expect(() => scoreMeasure('pcl5', Array<number>(20).fill(0), { pcl5Cutoff: cutoff })).toThrow(
        expect.objectContaining({ field: 'pcl5Cutoff' }) as Error,
      );
    });

    it('ignores the PCL-5 cutoff for other instruments', () => {
      expect(scoreMeasure('gad7', [0, 0, 0, 0, 0, 0, 0], { pcl5Cutoff: 500 }).total).toBe(0);
    });
  });
});

describe('property: any valid answers score within range, in a band that contains the total', () => {
  it.each(['phq9', 'gad7', 'pcl5'] as const)('%s', (id) => {
    const def = INSTRUMENTS[id];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: def.itemMin, max: def.itemMax }), { minLength: def.itemCount, maxLength: def.itemCount }),
        fc.integer({ min: 1, max: 80 }),
        (items, cutoff) => {
          const r = scoreMeasure(id, items, { pcl5Cutoff: cutoff });
          const range = totalRange(id);
          expect(r.total).toBeGreaterThanOrEqual(range.min);
          expect(r.total).toBeLessThanOrEqual(range.max);
          expect(r.total).toBe(items.reduce((a, b) => a + b, 0));
          const bands = id === 'pcl5'
            ? [{ key: 'below-cutoff', min: 0, max: cutoff - 1 }, { key: 'provisional-ptsd', min: cutoff, max: 80 }]
            : def.bands;
          const band = bands.find((b) => b.key === r.band.key);
          expect(band).toBeDefined();
          expect(r.total).toBeGreaterThanOrEqual(band?.min ?? Infinity);
          expect(r.total).toBeLessThanOrEqual(band?.max ?? -Infinity);
          if (r.subscores) {
            expect(r.subscores.B + r.subscores.C + r.subscores.D + r.subscores.E).toBe(r.total);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
