/**
 * The disclosure gate: the one place that decides what may leave the practice.
 *
 * Every outbound path (release packet, right-of-access copy, export, FHIR API, print view,
 * language-model prompt) asks `decideDisclosure` and releases exactly what it allows. The
 * rules themselves are data in `rules.ts`; this file only evaluates them.
 */
import { authorizationMismatch, validateAuthorization } from './authorization.ts';
import type { Authorization } from './authorization.ts';
import { accessDeadline, accountingDeadline, DEFAULT_DEADLINE_POLICY } from './deadlines.ts';
import type { DeadlinePolicy } from './deadlines.ts';
import { AUTHOR_APPROVAL_NOTE, ACCOUNTING_REQUESTERS, CONDITIONS, REQUESTER_RULES, UNDER_AUTHORIZATION } from './rules.ts';
import type { ClassRule } from './rules.ts';
import { RECORD_CLASSES } from './request.ts';
import type { ClassDecision, Deadline, DisclosureDecision, DisclosureRequest, Problem, RecordClass } from './request.ts';

export interface DecideOptions {
  /** Response deadlines; default 30 + 30 days for access, 60 + 30 for accountings. */
  readonly deadlines?: DeadlinePolicy;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Decides, for each class of record, whether it may be released to this requester on
 * `asOf` (the day of the disclosure, `YYYY-MM-DD`), on what basis, whether minimum necessary
 * applies, whether the accounting needs an entry, and the response deadline where one runs.
 *
 * Pure and deterministic: the same inputs give the same answer, whatever the order of
 * `authorizations`. Denies by default: a class leaves only on a rule in the table or a
 * valid authorization of the right kind that names this recipient.
 */
export function decideDisclosure(
  request: DisclosureRequest,
  authorizations: readonly Authorization[],
  asOf: string,
  options: DecideOptions = {},
): DisclosureDecision {
  if (!ISO_DATE.test(asOf)) throw new TypeError(`asOf must be a date as YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  const policy = options.deadlines ?? DEFAULT_DEADLINE_POLICY;
  const problems: Problem[] = [];

  if (request.receivedOn !== undefined && request.receivedOn > asOf) {
    problems.push({
      code: 'received-after-as-of',
      element: 'receivedOn',
      message: `The request is dated as received on ${request.receivedOn}, after the decision date ${asOf}; check both dates.`,
    });
  }

  const usable = usableAuthorizations(authorizations, asOf, problems);

  if (request.asksFor === 'accounting-of-disclosures') {
    return accountingRequestDecision(request, asOf, policy, problems);
  }

  const row = REQUESTER_RULES[request.requester];
  const pn = decideClass('progressNotes', row.progressNotes, request, usable, problems);
  const psy = decideClass('psychotherapyNotes', row.psychotherapyNotes, request, usable, problems);
  const progressNotes = pn.decision;
  const psychotherapyNotes = psy.decision;

  const released = [pn, psy].filter((c) => c.decision.release);
  const accountable = released.some((c) => c.decision.accountable);
  // The entry is needed if any released class needs it; otherwise say why none is needed.
  const reasons = accountable ? released.filter((c) => c.decision.accountable) : released;
  const accountingReason =
    released.length === 0
      ? 'Nothing is released, so there is nothing to enter in the accounting of disclosures (45 CFR 164.528).'
      : [...new Set(reasons.map((c) => c.accountingWhy))].join(' ');

  const decision: DisclosureDecision = {
    requester: request.requester,
    asksFor: request.asksFor,
    asOf,
    progressNotes,
    psychotherapyNotes,
    accountable,
    accountingReason,
    problems: finishProblems(problems),
  };
  if (row.deadline === 'access') decision.deadline = accessDeadline(request.receivedOn ?? asOf, policy);
  return decision;
}

/**
 * Validates every authorization, reports every defect, and returns the valid ones sorted by
 * id. Authorizations that share an id are all set aside: which one staff meant is unknowable.
 */
function usableAuthorizations(authorizations: readonly Authorization[], asOf: string, problems: Problem[]): Authorization[] {
  const counts = new Map<string, number>();
  for (const a of authorizations) counts.set(a.id, (counts.get(a.id) ?? 0) + 1);
  const usable: Authorization[] = [];
  const sorted = [...authorizations].sort((a, b) => compare(a.id, b.id));
  for (const auth of sorted) {
    if ((counts.get(auth.id) ?? 0) > 1) continue;
    const check = validateAuthorization(auth, asOf);
    problems.push(...check.problems);
    if (check.valid) usable.push(auth);
  }
  for (const [id, n] of [...counts].sort((a, b) => compare(a[0], b[0]))) {
    if (n > 1) {
      problems.push({
        code: 'duplicate-authorization-id',
        authorizationId: id,
        element: 'id',
        message: `${n} authorizations share the id ${id}; none of them is relied on until each has its own id.`,
      });
    }
  }
  return usable;
}

function decideClass(
  recordClass: RecordClass,
  rule: ClassRule,
  request: DisclosureRequest,
  usable: readonly Authorization[],
  problems: Problem[],
): { decision: ClassDecision; accountingWhy: string } {
  const isPsychotherapy = recordClass === 'psychotherapyNotes';

  if (rule.effect === 'permit' && (rule.when === undefined || CONDITIONS[rule.when].holds(request))) {
    const decision: ClassDecision = {
      release: true,
      basis: rule.basis,
      explanation: `${rule.explanation} ${rule.minimumNecessaryWhy}`,
      minimumNecessary: rule.minimumNecessary,
      accountable: rule.accountable,
      caveats: [...(rule.caveats ?? []), ...(isPsychotherapy ? [AUTHOR_APPROVAL_NOTE] : [])],
      // 164.508(a)(2): the author's key is needed for any psychotherapy note that leaves.
      ...(isPsychotherapy ? { requiresAuthorApproval: true } : {}),
    };
    return { decision, accountingWhy: rule.accountingWhy };
  }

  // Not permitted by the table (denied outright, or its condition is unmet).
  const unmet = rule.effect === 'permit' && rule.when !== undefined ? CONDITIONS[rule.when].unmet : undefined;
  const denial = unmet ?? { basis: rule.basis, explanation: rule.explanation };
  if (unmet?.problem) problems.push({ ...unmet.problem });
  const denialCaveats = rule.effect === 'deny' ? [...(rule.caveats ?? [])] : [];

  if (rule.authorizationMayCure) {
    const misfits: Problem[] = [];
    for (const auth of usable) {
      const misfit = authorizationMismatch(auth, request, recordClass);
      if (misfit === undefined) {
        const under = UNDER_AUTHORIZATION[recordClass];
        const decision: ClassDecision = {
          release: true,
          basis: under.basis,
          explanation: `${under.explanation} Authorization ${auth.id} describes it as: "${(auth.description ?? '').trim()}". ${UNDER_AUTHORIZATION.minimumNecessaryWhy}`,
          // 164.502(b)(2)(iii): minimum necessary does not limit an authorized disclosure.
          minimumNecessary: false,
          // 164.528(a)(1)(iv): disclosures under an authorization are not accounted.
          accountable: false,
          authorizationId: auth.id,
          caveats: isPsychotherapy ? [AUTHOR_APPROVAL_NOTE] : [],
          ...(isPsychotherapy ? { requiresAuthorApproval: true } : {}),
        };
        return { decision, accountingWhy: UNDER_AUTHORIZATION.accountingWhy };
      }
      misfits.push(misfit);
    }
    problems.push(...misfits);
    return {
      decision: {
        release: false,
        basis: denial.basis,
        explanation: `${denial.explanation} No valid authorization of the right kind names this recipient.`,
        minimumNecessary: false,
        accountable: false,
        caveats: denialCaveats,
      },
      accountingWhy: '',
    };
  }

  return {
    decision: {
      release: false,
      basis: denial.basis,
      explanation: denial.explanation,
      minimumNecessary: false,
      accountable: false,
      caveats: denialCaveats,
    },
    accountingWhy: '',
  };
}

/** 45 CFR 164.528: a request for the accounting itself releases no notes; it has its own clock. */
function accountingRequestDecision(
  request: DisclosureRequest,
  asOf: string,
  policy: DeadlinePolicy,
  problems: Problem[],
): DisclosureDecision {
  if (!ACCOUNTING_REQUESTERS.includes(request.requester)) {
    problems.push({
      code: 'accounting-requester',
      element: 'requester',
      message: 'Only the client (or their personal representative) has a right to an accounting of disclosures (45 CFR 164.528(a)).',
    });
  }
  const none = (recordClass: RecordClass): ClassDecision => ({
    release: false,
    basis: '45 CFR 164.528(a)',
    explanation: `An accounting request asks for the list of disclosures made in the past 6 years, not for ${recordClass === 'progressNotes' ? 'the chart' : 'psychotherapy notes'}; no notes are released in answer to it.`,
    minimumNecessary: false,
    accountable: false,
    caveats: [],
  });
  const [pn, psy] = RECORD_CLASSES.map(none) as [ClassDecision, ClassDecision];
  const deadline: Deadline = accountingDeadline(request.receivedOn ?? asOf, policy);
  return {
    requester: request.requester,
    asksFor: request.asksFor,
    asOf,
    progressNotes: pn,
    psychotherapyNotes: psy,
    accountable: false,
    accountingReason: 'Providing an accounting is not itself a disclosure to account for. The first accounting in any 12 months is free (45 CFR 164.528(c)(2)).',
    deadline,
    problems: finishProblems(problems),
  };
}

/** Drops exact duplicates and orders request problems first, then by authorization id. */
function finishProblems(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  const unique: Problem[] = [];
  for (const p of problems) {
    const key = `${p.code}|${p.authorizationId ?? ''}|${p.element ?? ''}|${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(p);
  }
  return unique
    .map((p, i) => ({ p, i }))
    .sort((a, b) => compare(a.p.authorizationId ?? '', b.p.authorizationId ?? '') || a.i - b.i)
    .map(({ p }) => p);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
