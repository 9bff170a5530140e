/**
 * Response deadlines for records requests, in calendar days.
 *
 * Right of access, 45 CFR 164.524(b)(2): act within 30 days of receipt; one extension of up
 * to 30 days, only with a written notice (reason and new date) sent within the first 30.
 * The 2021 NPRM (86 FR 6446) proposed 15 + 15; it is not final, so it is an opt-in preset.
 * Accounting of disclosures, 45 CFR 164.528(c)(1): 60 days, one 30-day extension with
 * written notice inside the 60.
 */
import { z } from 'zod';
import type { Deadline } from './request.ts';

const Days = z.number().int().min(1).max(365);

export const DeadlinePolicy = z.strictObject({
  access: z.strictObject({ initialDays: Days, extensionDays: Days.or(z.literal(0)) }),
  accounting: z.strictObject({ initialDays: Days, extensionDays: Days.or(z.literal(0)) }),
});
export type DeadlinePolicy = z.infer<typeof DeadlinePolicy>;

/** Named policies. `hipaa` is the rule in force; `nprm-2021` is the proposed, not final, 15 + 15. */
export const DEADLINE_POLICIES = {
  hipaa: { access: { initialDays: 30, extensionDays: 30 }, accounting: { initialDays: 60, extensionDays: 30 } },
  'nprm-2021': { access: { initialDays: 15, extensionDays: 15 }, accounting: { initialDays: 60, extensionDays: 30 } },
} as const satisfies Record<string, DeadlinePolicy>;
export type DeadlinePolicyName = keyof typeof DEADLINE_POLICIES;
export const DEADLINE_POLICY_NAMES = Object.keys(DEADLINE_POLICIES) as DeadlinePolicyName[];

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = DEADLINE_POLICIES.hipaa;

/** Adds `days` calendar days to a `YYYY-MM-DD` date (UTC arithmetic, so no DST shifts). */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const t = Date.UTC(y, m - 1, d) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function build(from: string, initialDays: number, extensionDays: number, rule: string, extensionRule: string): Deadline {
  const date = addDays(from, initialDays);
  const deadline: Deadline = { from, date, rule };
  if (extensionDays > 0) {
    deadline.extension = { date: addDays(date, extensionDays), noticeBy: date, rule: extensionRule };
  }
  return deadline;
}

/** Right-of-access deadline counted from the day the request was received. */
export function accessDeadline(receivedOn: string, policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY): Deadline {
  const { initialDays, extensionDays } = policy.access;
  return build(
    receivedOn,
    initialDays,
    extensionDays,
    `45 CFR 164.524(b)(2): act on the request within ${initialDays} calendar days of receipt`,
    `45 CFR 164.524(b)(2)(iii): one extension of up to ${extensionDays} days, only with a written notice giving the reason and the new date, sent by the original deadline`,
  );
}

/** Accounting-of-disclosures deadline counted from the day the request was received. */
export function accountingDeadline(receivedOn: string, policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY): Deadline {
  const { initialDays, extensionDays } = policy.accounting;
  return build(
    receivedOn,
    initialDays,
    extensionDays,
    `45 CFR 164.528(c)(1): provide the accounting within ${initialDays} calendar days of receipt`,
    `45 CFR 164.528(c)(1)(ii): one extension of up to ${extensionDays} days, only with a written statement of the reason and the new date, sent by the original deadline`,
  );
}
