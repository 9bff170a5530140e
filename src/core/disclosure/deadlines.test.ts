import { describe, expect, it } from 'vitest';
import { accessDeadline, accountingDeadline, addDays, DEADLINE_POLICIES, DeadlinePolicy } from './deadlines.ts';

describe('addDays', () => {
  it.each([
    ['2026-01-31', 30, '2026-03-02'],
    ['2028-01-31', 30, '2028-03-01'], // leap year
    ['2026-12-15', 30, '2027-01-14'],
    ['2026-03-08', 1, '2026-03-09'], // US DST change day: calendar days, not 24-hour steps in local time
    ['2026-03-10', 0, '2026-03-10'],
  ])('%s + %i = %s', (from, days, want) => {
    expect(addDays(from, days)).toBe(want);
  });
});

describe('deadline policies', () => {
  it('right of access: 30 days, one 30-day extension with notice by day 30 (164.524(b)(2))', () => {
    expect(accessDeadline('2026-03-02')).toMatchObject({ from: '2026-03-02', date: '2026-04-01', extension: { date: '2026-05-01', noticeBy: '2026-04-01' } });
  });

  it('accounting: 60 days, one 30-day extension (164.528(c)(1))', () => {
    expect(accountingDeadline('2026-03-02')).toMatchObject({ date: '2026-05-01', extension: { date: '2026-05-31', noticeBy: '2026-05-01' } });
  });

  it('offers the proposed 15 + 15 only as a named option, and validates custom policies', () => {
    expect(accessDeadline('2026-03-02', DEADLINE_POLICIES['nprm-2021'])).toMatchObject({ date: '2026-03-17', extension: { date: '2026-04-01' } });
    expect(DeadlinePolicy.safeParse({ access: { initialDays: 0, extensionDays: 30 }, accounting: { initialDays: 60, extensionDays: 30 } }).success).toBe(false);
    const noExtension = DeadlinePolicy.parse({ access: { initialDays: 10, extensionDays: 0 }, accounting: { initialDays: 60, extensionDays: 30 } });
    expect(accessDeadline('2026-03-02', noExtension)).toEqual({ from: '2026-03-02', date: '2026-03-12', rule: expect.any(String) as string });
  });
});
