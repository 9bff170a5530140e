import { describe, expect, it } from 'vitest';
import { decideScenario, disagreements, Scenario, SCENARIOS } from './index.ts';
import { gradeAttempt } from './grade.ts';

const REQUIRED_TOPICS = [
  'insurer-asks-for-psychotherapy-notes',
  'attorney-subpoena-no-assurance',
  'court-order-names-psychotherapy-notes',
  'court-order-does-not-name-psychotherapy-notes',
  'another-provider-for-treatment',
  'client-asks-for-progress-notes',
  'client-asks-for-psychotherapy-notes',
  'licensing-board-investigates-clinician',
  'coroner-requests-records',
  'serious-and-imminent-threat',
  'general-form-with-psychotherapy-checkbox',
  'revoked-authorization',
  'expired-authorization',
  'personal-representative',
  'accounting-request-deadline',
  'extension-notice-deadline',
  'minimum-necessary-payer',
];

describe('training scenarios', () => {
  it('has at least 20 questions with unique ids, covering the required situations', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(20);
    const ids = SCENARIOS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of REQUIRED_TOPICS) expect(ids).toContain(id);
  });

  it('gives most questions a request the gate can check', () => {
    expect(SCENARIOS.filter((s) => s.request).length).toBeGreaterThanOrEqual(20);
  });

  for (const s of SCENARIOS.filter((x) => x.request)) {
    it(`${s.id}: the correct answer agrees with the gate and every wrong answer disagrees`, () => {
      const decision = decideScenario(s.request!);
      s.choices.forEach((choice, i) => {
        const off = disagreements(choice.outcome!, decision);
        if (i === s.correct) expect(off, `correct choice "${choice.text}"`).toEqual([]);
        else expect(off.length, `wrong choice "${choice.text}" matches the gate`).toBeGreaterThan(0);
      });
    });
  }

  it('the agreement check can fail: a flipped claim disagrees', () => {
    const s = SCENARIOS.find((x) => x.id === 'client-asks-for-psychotherapy-notes')!;
    expect(disagreements({ psychotherapyNotes: true }, decideScenario(s.request!))).toEqual(['psychotherapyNotes']);
  });

  it('rejects a scenario whose correct index is out of range or whose request choices lack outcomes', () => {
    const base = SCENARIOS.find((x) => x.id === 'minimum-necessary-payer')!;
    expect(Scenario.safeParse({ ...base, correct: 5 }).success).toBe(false);
    expect(Scenario.safeParse({ ...base, choices: base.choices.map((c) => ({ text: c.text })) }).success).toBe(false);
  });
});

describe('gradeAttempt', () => {
  const perfect = Object.fromEntries(SCENARIOS.map((s) => [s.id, s.correct]));

  it('scores a perfect attempt as passed, with feedback for every question', () => {
    const r = gradeAttempt(perfect);
    expect([r.correctCount, r.total, r.score, r.passed]).toEqual([SCENARIOS.length, SCENARIOS.length, 1, true]);
    expect(r.feedback.every((f) => f.correct && f.citation.startsWith('45 CFR'))).toBe(true);
  });

  it('counts wrong, unanswered and out-of-range answers as wrong and names unknown ids', () => {
    const [first, second, third] = SCENARIOS;
    const answers = { ...perfect, [first!.id]: (first!.correct + 1) % first!.choices.length, [third!.id]: 99, 'no-such-question': 0 };
    delete answers[second!.id];
    const r = gradeAttempt(answers);
    expect(r.correctCount).toBe(SCENARIOS.length - 3);
    const fb = (id: string) => r.feedback.find((f) => f.id === id)!;
    expect(fb(first!.id)).toMatchObject({ correct: false, correctChoice: first!.correct, correctText: first!.choices[first!.correct]!.text });
    expect(fb(second!.id).chosen).toBeNull();
    expect(fb(third!.id).chosen).toBeNull();
    expect(r.unknownIds).toEqual(['no-such-question']);
  });

  it('applies the pass mark', () => {
    const half = Object.fromEntries(SCENARIOS.map((s, i) => [s.id, i % 2 === 0 ? s.correct : -1]));
    const r = gradeAttempt(half);
    expect(r.passed).toBe(false);
    expect(gradeAttempt(half, { passMark: 0.5 }).passed).toBe(r.score >= 0.5);
    expect(() => gradeAttempt(half, { passMark: 2 })).toThrow(RangeError);
  });

  it('fails an empty attempt and an empty scenario list', () => {
    expect(gradeAttempt({}).passed).toBe(false);
    expect(gradeAttempt({}, { scenarios: [] })).toMatchObject({ total: 0, score: 0, passed: false });
  });
});
