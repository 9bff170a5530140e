import { describe, expect, it } from 'vitest';
import { compareToBaseline, labelContradictsScore, MeasureInputError, parseSeverityLabel, type InstrumentId } from './index.ts';

describe('parseSeverityLabel', () => {
  const cases: Array<[InstrumentId, string, string | undefined]> = [
    ['phq9', 'minimal', 'minimal'],
    ['phq9', 'None-minimal', 'minimal'],
    ['phq9', 'none', 'minimal'],
    ['phq9', 'none/minimal', 'minimal'],
    ['phq9', 'MILD', 'mild'],
    ['phq9', 'mild depression', 'mild'],
    ['phq9', 'moderate', 'moderate'],
    ['phq9', 'mod', 'moderate'],
    ['phq9', 'Mod.', 'moderate'],
    ['phq9', 'moderately severe', 'moderately-severe'],
    ['phq9', 'mod-severe', 'moderately-severe'],
    ['phq9', 'moderately-severe', 'moderately-severe'],
    ['phq9', 'Moderately  Severe depressive symptoms', 'moderately-severe'],
    ['phq9', 'moderate to severe', 'moderately-severe'],
    ['phq9', 'severe', 'severe'],
    ['phq9', 'severe range', 'severe'],
    ['phq9', 'probable PTSD', undefined],
    ['phq9', 'very mild', undefined],
    ['phq9', '', undefined],
    ['phq9', 'constructor', undefined],
    ['gad7', 'minimal anxiety', 'minimal'],
    ['gad7', 'mild', 'mild'],
    ['gad7', 'mod', 'moderate'],
    ['gad7', 'Severe', 'severe'],
    ['gad7', 'moderately severe', undefined],
    ['pcl5', 'probable PTSD', 'provisional-ptsd'],
    ['pcl5', 'Provisional PTSD', 'provisional-ptsd'],
    ['pcl5', 'positive screen', 'provisional-ptsd'],
    ['pcl5', 'above cutoff', 'provisional-ptsd'],
    ['pcl5', 'above cut-off', 'provisional-ptsd'],
    ['pcl5', 'below cutoff', 'below-cutoff'],
    ['pcl5', 'Subthreshold', 'below-cutoff'],
    ['pcl5', 'sub-threshold', 'below-cutoff'],
    ['pcl5', 'negative screen', 'below-cutoff'],
    ['pcl5', 'severe', undefined],
    ['pcl5', 'mild', undefined],
  ];
  it.each(cases)('%s "%s" → %s', (id, text, key) => {
    expect(parseSeverityLabel(id, text)).toBe(key);
  });
});

describe('labelContradictsScore', () => {
  const cases: Array<[InstrumentId, string, number, boolean | undefined, string | undefined, number?]> = [
    ['phq9', 'moderate', 12, false, 'moderate'],
    ['phq9', 'mild', 12, true, 'moderate'],
    ['phq9', 'severe', 19, true, 'moderately-severe'],
    ['phq9', 'mod-severe', 19, false, 'moderately-severe'],
    ['phq9', 'minimal', 4, false, 'minimal'],
    ['phq9', 'minimal', 5, true, 'mild'],
    ['phq9', 'banana', 5, undefined, undefined],
    ['phq9', 'mild', 28, undefined, undefined],
    ['phq9', 'mild', -1, undefined, undefined],
    ['gad7', 'severe', 15, false, 'severe'],
    ['gad7', 'moderate', 15, true, 'severe'],
    ['pcl5', 'probable PTSD', 45, false, 'provisional-ptsd'],
    ['pcl5', 'below cutoff', 45, true, 'provisional-ptsd'],
    ['pcl5', 'probable PTSD', 20, true, 'below-cutoff'],
    ['pcl5', 'probable PTSD', 30, true, 'below-cutoff'],
    // Grey zone 31–33: neither label contradicts.
    ['pcl5', 'probable PTSD', 31, false, 'below-cutoff'],
    ['pcl5', 'below cutoff', 31, false, 'below-cutoff'],
    ['pcl5', 'probable PTSD', 32, false, 'below-cutoff'],
    ['pcl5', 'below cutoff', 33, false, 'provisional-ptsd'],
    ['pcl5', 'subthreshold', 34, true, 'provisional-ptsd'],
    // A custom cutoff widens the grey zone to include it.
    ['pcl5', 'below cutoff', 36, false, 'below-cutoff', 38],
    ['pcl5', 'below cutoff', 38, false, 'provisional-ptsd', 38],
    ['pcl5', 'below cutoff', 39, true, 'provisional-ptsd', 38],
    ['pcl5', 'probable PTSD', 30, true, 'below-cutoff', 31],
  ];
  it.each(cases)('%s "%s" at %d → contradicts %s (expected %s, cutoff %s)', (id, label, total, contradicts, key, cutoff) => {
    const r = labelContradictsScore(id, label, total, cutoff === undefined ? undefined : { pcl5Cutoff: cutoff });
    if (contradicts === undefined) {
      expect(r).toBeUndefined();
    } else {
      expect(r?.contradicts).toBe(contradicts);
      expect(r?.expected.key).toBe(key);
    }
  });
});

describe('compareToBaseline', () => {
  const cases: Array<[InstrumentId, number, number, number, string, string, boolean]> = [
    // [id, baseline, current, delta, direction, level, meaningful]
    ['phq9', 18, 14, -4, 'improved', 'none', false],
    ['phq9', 18, 13, -5, 'improved', 'clinically-significant', true],
    ['phq9', 10, 15, 5, 'worsened', 'clinically-significant', true],
    ['phq9', 10, 14, 4, 'worsened', 'none', false],
    ['phq9', 10, 10, 0, 'unchanged', 'none', false],
    ['gad7', 12, 9, -3, 'improved', 'none', false],
    ['gad7', 12, 8, -4, 'improved', 'clinically-significant', true],
    ['gad7', 8, 12, 4, 'worsened', 'clinically-significant', true],
    ['pcl5', 50, 46, -4, 'improved', 'none', false],
    ['pcl5', 50, 45, -5, 'improved', 'reliable', true],
    ['pcl5', 50, 41, -9, 'improved', 'reliable', true],
    ['pcl5', 50, 40, -10, 'improved', 'clinically-significant', true],
    ['pcl5', 20, 45, 25, 'worsened', 'clinically-significant', true],
    ['pcl5', 20, 25, 5, 'worsened', 'reliable', true],
  ];
  it.each(cases)('%s %d → %d: delta %d, %s, %s', (id, baseline, current, delta, direction, level, meaningful) => {
    const r = compareToBaseline(id, baseline, current);
    expect(r).toMatchObject({ delta, direction, level, meaningful });
    expect(r.citation.length).toBeGreaterThan(10);
  });

  it.each([
    ['phq9', 5],
    ['gad7', 4],
    ['pcl5', 5],
  ] as const)('%s threshold is %d', (id, threshold) => {
    expect(compareToBaseline(id, 0, 0).threshold).toBe(threshold);
  });

  it('cites the tier that was reached', () => {
    expect(compareToBaseline('pcl5', 50, 45).citation).toMatch(/reliable/);
    expect(compareToBaseline('pcl5', 50, 40).citation).toMatch(/clinically significant/);
    expect(compareToBaseline('phq9', 20, 10).citation).toMatch(/Löwe/);
    expect(compareToBaseline('gad7', 20, 10).citation).toMatch(/Toussaint/);
  });

  const outcomes: Array<[number, number, boolean, boolean]> = [
    // [baseline, current, response, remission]
    [20, 10, true, false],
    [20, 11, false, false],
    [10, 5, true, false],
    [10, 4, true, true],
    [6, 4, false, true],
    [0, 0, false, true],
    [12, 20, false, false],
  ];
  it.each(outcomes)('PHQ-9 %d → %d: response %s, remission %s', (baseline, current, response, remission) => {
    const r = compareToBaseline('phq9', baseline, current);
    expect(r.response).toBe(response);
    expect(r.remission).toBe(remission);
  });

  it('has no response/remission fields outside the PHQ-9', () => {
    expect(compareToBaseline('gad7', 20, 2)).not.toHaveProperty('response');
    expect(compareToBaseline('pcl5', 60, 2)).not.toHaveProperty('remission');
  });

  it.each([
    ['phq9', 28, 10, 'baselineTotal', 'the baseline total is 28; PHQ-9 totals are whole numbers 0–27'],
    ['phq9', 10, -1, 'currentTotal', 'the current total is -1; PHQ-9 totals are whole numbers 0–27'],
    ['gad7', 10.5, 3, 'baselineTotal', 'the baseline total is 10.5; GAD-7 totals are whole numbers 0–21'],
    ['pcl5', 10, 81, 'currentTotal', 'the current total is 81; PCL-5 totals are whole numbers 0–80'],
  ] as const)('%s %d → %d throws on %s', (id, baseline, current, field, message) => {
    expect(() => compareToBaseline(id, baseline, current)).toThrow(MeasureInputError);
    expect(() => compareToBaseline(id, baseline, current)).toThrow(expect.objectContaining({ field, message }) as Error);
  });
});
