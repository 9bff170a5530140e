import { checkCptCodes, type CptProblemKind } from '../codes/cpt.ts';
import type { CptFact } from '../notes/facts.ts';
import type { Rule, RuleContext, RuleReport } from './types.ts';

const DURATION_PROBLEMS: ReadonlySet<CptProblemKind> = new Set(['below-band', 'above-band', 'not-reportable', 'crisis-add-on-minutes']);

function reportsFor(ctx: RuleContext, duration: boolean): RuleReport[] {
  const { facts } = ctx;
  const codes = facts.cptCodes.map((c) => c.code);
  if (codes.length === 0) return [];
  const problems = checkCptCodes(codes, facts.sessionMinutes).filter((p) => DURATION_PROBLEMS.has(p.problem) === duration);
  const seen = new Set<string>();
  return problems.flatMap((p) => {
    const key = `${p.code}:${p.problem}`;
    if (seen.has(key)) return [];
    seen.add(key);
    const fact: CptFact | undefined = facts.cptCodes.find((c) => c.code === p.code) ?? facts.cptCodes[0];
    return [{
      start: fact?.start ?? 0,
      end: fact?.end ?? 0,
      message: p.message,
      fix: p.expectedCode
        ? `Bill ${p.expectedCode}, or correct the documented time if it is wrong.`
        : duration
          ? 'Correct the code or the documented time so that they agree.'
          : 'Add the primary code this add-on requires, or remove the add-on.',
      citation: p.citation,
      data: { code: p.code, problem: p.problem, ...(facts.sessionMinutes === undefined ? {} : { minutes: facts.sessionMinutes }), ...(p.expectedCode ? { expectedCode: p.expectedCode } : {}) },
    }];
  });
}

/** The CPT code's time band must contain the documented session time (hipaa-facts §9). */
export const cptDurationMismatch: Rule = {
  id: 'progress-note/cpt-duration-mismatch',
  kinds: ['progress'],
  severity: 'error',
  citation: 'CPT psychotherapy time rules (90832 16–37, 90834 38–52, 90837 ≥53 min; 90839 30–74 min)',
  description: "The CPT code's time band must match the documented start/stop times or duration.",
  check: (ctx) => reportsFor(ctx, true),
};

/** Add-on codes need their primary code and may not be billed with excluded codes. */
export const cptAddOn: Rule = {
  id: 'progress-note/cpt-add-on',
  kinds: ['progress'],
  severity: 'error',
  citation: 'CPT add-on rules (+90833/+90836/+90838 with an E/M code; +90840 with 90839; +90785 not with 90839/90840/90846/90847)',
  description: 'An add-on CPT code must be billed with its primary code and not with the codes it excludes.',
  check: (ctx) => reportsFor(ctx, false),
};
