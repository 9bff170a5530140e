/**
 * Staff-training scenarios as data: zod schemas are the types.
 *
 * A scenario that is a release decision carries the `request` it describes, and every choice
 * states the outcome it claims (chart released? psychotherapy notes? accounting entry?
 * deadline?). A test runs each such request through `decideDisclosure` and checks that the
 * correct choice agrees with the gate and every wrong choice disagrees, so the training and
 * the gate can never drift apart.
 */
import { z } from 'zod';
import { Authorization, decideDisclosure, DisclosureRequest, ProblemCode } from '../disclosure/index.ts';
import type { DisclosureDecision } from '../disclosure/index.ts';
import { IsoDate } from '../notes/model.ts';

/** What a choice claims the gate decides, key by key; unstated keys are not claimed. */
export const ClaimedOutcome = z.strictObject({
  chart: z.boolean().optional(),
  psychotherapyNotes: z.boolean().optional(),
  accountable: z.boolean().optional(),
  /** Minimum necessary on the chart. */
  minimumNecessary: z.boolean().optional(),
  deadline: IsoDate.optional(),
  extensionNoticeBy: IsoDate.optional(),
  /** A problem code the answer says the gate reports. */
  problem: ProblemCode.optional(),
});
export type ClaimedOutcome = z.infer<typeof ClaimedOutcome>;

export const Choice = z.strictObject({
  text: z.string().min(1),
  outcome: ClaimedOutcome.optional(),
});
export type Choice = z.infer<typeof Choice>;

export const ScenarioRequest = z.strictObject({
  request: DisclosureRequest,
  authorizations: z.array(Authorization).default([]),
  asOf: IsoDate,
});
export type ScenarioRequest = z.infer<typeof ScenarioRequest>;

export const TOPICS = ['psychotherapy-notes', 'legal-process', 'right-of-access', 'authorizations', 'accounting', 'minimum-necessary', 'exceptions'] as const;

export const Scenario = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    topic: z.enum(TOPICS),
    prompt: z.string().min(20),
    choices: z.array(Choice).min(2).max(5),
    /** Index into `choices`. */
    correct: z.number().int().min(0),
    explanation: z.string().min(20),
    /** The rule the answer rests on, e.g. "45 CFR 164.508(a)(2)". */
    citation: z.string().regex(/^45 CFR 164\.\d{3}/),
    request: ScenarioRequest.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.correct >= s.choices.length) ctx.addIssue({ code: 'custom', path: ['correct'], message: `is ${s.correct} but there are ${s.choices.length} choices` });
    if (s.request) {
      s.choices.forEach((c, i) => {
        if (!c.outcome) ctx.addIssue({ code: 'custom', path: ['choices', i, 'outcome'], message: 'a release-decision scenario needs an outcome on every choice' });
      });
    }
  });
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;

/** What the gate decides for a scenario's request. */
export function decideScenario(request: ScenarioRequest): DisclosureDecision {
  return decideDisclosure(request.request, request.authorizations, request.asOf);
}

/** The keys of `claimed` on which `decision` disagrees (empty when it agrees on every claim). */
export function disagreements(claimed: ClaimedOutcome, decision: DisclosureDecision): Array<keyof ClaimedOutcome> {
  const actual: Required<{ [K in keyof ClaimedOutcome]: (c: NonNullable<ClaimedOutcome[K]>) => boolean }> = {
    chart: (v) => decision.progressNotes.release === v,
    psychotherapyNotes: (v) => decision.psychotherapyNotes.release === v,
    accountable: (v) => decision.accountable === v,
    minimumNecessary: (v) => decision.progressNotes.minimumNecessary === v,
    deadline: (v) => decision.deadline?.date === v,
    extensionNoticeBy: (v) => decision.deadline?.extension?.noticeBy === v,
    problem: (v) => decision.problems.some((p) => p.code === v),
  };
  const out: Array<keyof ClaimedOutcome> = [];
  for (const key of Object.keys(claimed) as Array<keyof ClaimedOutcome>) {
    const value = claimed[key];
    if (value === undefined) continue;
    const agrees = (actual[key] as (c: typeof value) => boolean)(value);
    if (!agrees) out.push(key);
  }
  return out;
}
