import { describe, expect, it } from 'vitest';
import { checkCptCodes, CPT_CODES, crisisAddOnUnits, getCptCode, isKnownCptCode, type CptProblemKind } from './cpt.ts';

type Expect = Array<[code: string, problem: CptProblemKind, expectedCode?: string]>;

function summary(codes: readonly string[], minutes: number | undefined): Expect {
  return checkCptCodes(codes, minutes).map((p) =>
    p.expectedCode === undefined ? [p.code, p.problem] : [p.code, p.problem, p.expectedCode],
  );
}

describe('CPT_CODES table', () => {
  it('holds every psychotherapy code of hipaa-facts §9 and the office E/M codes, once each', () => {
    const codes = CPT_CODES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual([
      '90785', '90791', '90792', '90832', '90833', '90834', '90836', '90837', '90838', '90839', '90840',
      '90845', '90846', '90847', '90849', '90853', '90863',
      '99202', '99203', '99204', '99205', '99211', '99212', '99213', '99214', '99215',
    ]);
    for (const c of CPT_CODES) {
      expect(c.citation.length, c.code).toBeGreaterThan(10);
      expect(c.description.length, c.code).toBeGreaterThan(5);
    }
    expect(CPT_CODES.filter((c) => c.kind === 'em')).toHaveLength(9);
  });

  it('marks the add-on codes', () => {
    expect(CPT_CODES.filter((c) => c.addOn).map((c) => c.code)).toEqual(['90785', '90833', '90836', '90838', '90840', '90863']);
  });

  it.each([
    ['90834', true],
    ['+90833', true],
    [' 90837 ', true],
    ['99213', true],
    ['90899', false],
    ['9083', false],
    ['', false],
  ])('isKnownCptCode(%j) is %s', (code, known) => {
    expect(isKnownCptCode(code)).toBe(known);
  });

  it('looks up a definition', () => {
    expect(getCptCode('+90838')).toMatchObject({ code: '90838', minMinutes: 53, addOn: true });
  });
});

describe('checkCptCodes: time bands of the individual codes', () => {
  const cases: Array<[string[], number, Expect]> = [
    [['90832'], 15, [['90832', 'not-reportable']]],
    [['90832'], 16, []],
    [['90832'], 37, []],
    [['90832'], 38, [['90832', 'above-band', '90834']]],
    [['90834'], 37, [['90834', 'below-band', '90832']]],
    [['90834'], 38, []],
    [['90834'], 52, []],
    [['90834'], 53, [['90834', 'above-band', '90837']]],
    [['90837'], 52, [['90837', 'below-band', '90834']]],
    [['90837'], 53, []],
    [['90837'], 180, []],
    [['90837'], 15, [['90837', 'not-reportable']]],
    [['90834'], 0, [['90834', 'not-reportable']]],
    // With an E/M code, the add-on bands are the same.
    [['99213', '90833'], 15, [['90833', 'not-reportable']]],
    [['99213', '90833'], 16, []],
    [['99213', '90833'], 37, []],
    [['99213', '90833'], 38, [['90833', 'above-band', '90836']]],
    [['99213', '90836'], 37, [['90836', 'below-band', '90833']]],
    [['99213', '90836'], 38, []],
    [['99213', '90836'], 52, []],
    [['99213', '90836'], 53, [['90836', 'above-band', '90838']]],
    [['99214', '90838'], 52, [['90838', 'below-band', '90836']]],
    [['99214', '90838'], 53, []],
    // Untimed codes take any minutes.
    [['90791'], 5, []],
    [['90853'], 90, []],
    [['90849'], 10, []],
    [['90845'], 45, []],
    [['99213'], 5, []],
    // Unknown codes are left to other checks.
    [['90899'], 5, []],
  ];
  it.each(cases)('%j at %d min → %j', (codes, minutes, expected) => {
    expect(summary(codes, minutes)).toEqual(expected);
  });

  it('says which code fits', () => {
    const [p] = checkCptCodes(['90837'], 50);
    expect(p?.message).toBe('50 minutes fits 90834 (38–52 min), not 90837 (53+ min)');
    const [q] = checkCptCodes(['90832'], 45);
    expect(q?.message).toBe('45 minutes fits 90834 (38–52 min), not 90832 (16–37 min)');
    expect(q?.citation).toMatch(/Novitas/);
  });

  it('explains a session too short to report', () => {
    const [p] = checkCptCodes(['90832'], 12);
    expect(p?.message).toBe('12 minutes of psychotherapy is not reportable (under 16 minutes); 90832 is for 16–37 min');
  });

  it('checks codes given with a "+" as written in notes', () => {
    expect(summary(['99213', '+90836'], 30)).toEqual([['90836', 'below-band', '90833']]);
  });

  it('runs no time check when minutes is undefined', () => {
    expect(checkCptCodes(['90837'], undefined)).toEqual([]);
    expect(checkCptCodes(['90832', '90846', '90839'], undefined)).toEqual([]);
  });
});

describe('checkCptCodes: family psychotherapy', () => {
  const cases: Array<[string[], number, Expect]> = [
    [['90846'], 25, [['90846', 'not-reportable']]],
    [['90846'], 26, []],
    [['90847'], 25, [['90847', 'not-reportable']]],
    [['90847'], 26, []],
    [['90847'], 80, []],
    [['90847'], 10, [['90847', 'not-reportable']]],
  ];
  it.each(cases)('%j at %d min → %j', (codes, minutes, expected) => {
    expect(summary(codes, minutes)).toEqual(expected);
  });

  it('names the 26-minute minimum', () => {
    expect(checkCptCodes(['90847'], 20)[0]?.message).toMatch(/under the 26 minutes 90847 needs/);
  });
});

describe('checkCptCodes: crisis psychotherapy', () => {
  const cases: Array<[string[], number, Expect]> = [
    [['90839'], 15, [['90839', 'not-reportable']]],
    [['90839'], 29, [['90839', 'below-band', '90832']]],
    [['90839'], 30, []],
    [['90839'], 74, []],
    [['90839'], 75, [['90840', 'crisis-add-on-minutes', '90840']]],
    [['90839', '90840'], 74, [['90840', 'crisis-add-on-minutes']]],
    [['90839', '90840'], 75, []],
    [['90839', '90840'], 104, []],
    [['90839', '90840'], 105, [['90840', 'crisis-add-on-minutes', '90840']]],
    [['90839', '90840', '90840'], 105, []],
    [['90839', '90840', '90840'], 134, []],
    [['90839', '90840', '90840'], 135, [['90840', 'crisis-add-on-minutes', '90840']]],
    [['90839', '90840', '90840'], 100, [['90840', 'crisis-add-on-minutes', '90840']]],
    [['90839', '+90840', '+90840', '+90840'], 135, []],
  ];
  it.each(cases)('%j at %d min → %j', (codes, minutes, expected) => {
    expect(summary(codes, minutes)).toEqual(expected);
  });

  it.each([
    [30, 0],
    [74, 0],
    [75, 1],
    [104, 1],
    [105, 2],
    [134, 2],
    [135, 3],
  ])('crisisAddOnUnits(%d) = %d', (minutes, units) => {
    expect(crisisAddOnUnits(minutes)).toBe(units);
  });

  it('states the expected combination', () => {
    expect(checkCptCodes(['90839', '90840', '90840'], 90)[0]?.message).toBe(
      '90 minutes of crisis psychotherapy is 90839 + 1×90840 (75–104 min); 2×+90840 reported',
    );
    expect(checkCptCodes(['90839'], 80)[0]?.message).toBe(
      '80 minutes of crisis psychotherapy is 90839 + 1×90840 (75–104 min); no +90840 reported',
    );
    expect(checkCptCodes(['90839', '90840'], 60)[0]?.message).toBe(
      '60 minutes of crisis psychotherapy is 90839 alone (30–74 min); 1×+90840 reported',
    );
  });

  it('points crisis time under 30 minutes to the regular codes', () => {
    expect(checkCptCodes(['90839'], 25)[0]?.message).toBe(
      '25 minutes is under the 30 minutes crisis psychotherapy needs (90839, 30–74 min); 25 minutes fits 90832 (16–37 min)',
    );
  });
});

describe('checkCptCodes: add-on pairing (checked with or without minutes)', () => {
  const cases: Array<[string[], Expect]> = [
    [['90833'], [['90833', 'add-on-without-primary']]],
    [['90836'], [['90836', 'add-on-without-primary']]],
    [['90838'], [['90838', 'add-on-without-primary']]],
    [['99202', '90833'], []],
    [['99205', '90836'], []],
    [['99211', '90838'], []],
    [['99215', '90838'], []],
    [['90834', '90836'], [['90836', 'add-on-without-primary']]],
    [['90840'], [['90840', 'add-on-without-primary']]],
    [['90839', '90840'], []],
    [['90785'], [['90785', 'add-on-without-primary']]],
    [['90791', '90785'], []],
    [['90792', '90785'], []],
    [['90832', '90785'], []],
    [['90834', '90785'], []],
    [['90837', '90785'], []],
    [['99213', '90833', '90785'], []],
    [['99213', '90836', '90785'], []],
    [['99213', '90838', '90785'], []],
    [['90853', '90785'], []],
    [['90849', '90785'], [['90785', 'add-on-without-primary']]],
    [['90839', '90785'], [['90785', 'add-on-not-allowed']]],
    [['90839', '90840', '90785'], [['90785', 'add-on-not-allowed'], ['90785', 'add-on-not-allowed']]],
    [['90846', '90785'], [['90785', 'add-on-not-allowed']]],
    [['90847', '90785'], [['90785', 'add-on-not-allowed']]],
    [['90847', '90785', '90834'], [['90785', 'add-on-not-allowed']]],
    [['90834', '90863'], []],
    [['90832', '90863'], []],
    [['90837', '90863'], []],
    [['90863'], [['90863', 'add-on-without-primary']]],
    [['90839', '90863'], [['90863', 'add-on-not-allowed']]],
    [['90839', '90840', '90863', '90837'], [['90863', 'add-on-not-allowed'], ['90863', 'add-on-not-allowed']]],
  ];
  it.each(cases)('%j → %j', (codes, expected) => {
    expect(summary(codes, undefined)).toEqual(expected);
  });

  it('names the E/M codes an add-on needs', () => {
    expect(checkCptCodes(['90836'], undefined)[0]?.message).toBe(
      '+90836 is an add-on code; it needs an E/M code (99202–99205, 99211–99215) on the same claim',
    );
    expect(checkCptCodes(['90840'], undefined)[0]?.message).toBe('+90840 is an add-on code; it needs 90839 on the same claim');
    expect(checkCptCodes(['90785'], undefined)[0]?.message).toBe(
      '+90785 is an add-on code; it needs one of 90791, 90792, 90832–90834, 90836–90838, 90853 on the same claim',
    );
  });

  it('names the forbidden pair', () => {
    const [p] = checkCptCodes(['90846', '90785'], undefined);
    expect(p?.message).toBe(
      '+90785 (interactive complexity) may not be reported with 90846 (family psychotherapy without the patient present)',
    );
    expect(p?.citation).toMatch(/90846/);
  });

  it('applies pairing and time together', () => {
    expect(summary(['90836'], 60)).toEqual([
      ['90836', 'add-on-without-primary'],
      ['90836', 'above-band', '90838'],
    ]);
  });
});
