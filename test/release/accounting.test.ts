/**
 * The accounting of disclosures (45 CFR 164.528): the 6-year window, a shorter period the
 * client asked for, the required fields in the PDF, determinism. All data synthetic.
 */
import { describe, expect, it } from 'vitest';
import { AccountingInput, assembleAccounting, renderAccountingPdf, yearsBefore } from '../../src/release/accounting.ts';
import type { AccountingEntry } from '../../src/release/accounting.ts';
import { readPdf } from './pdf-text.ts';

const entry = (id: string, date: string, over: Partial<AccountingEntry> = {}): AccountingEntry => ({
  id,
  date,
  recipient: `Recipient ${id} (synthetic)`,
  description: `Progress notes ${id}`,
  purpose: 'Court order in a custody matter',
  basis: '45 CFR 164.512(e)(1)(i)',
  ...over,
});

const input = (over: Partial<AccountingInput> = {}): AccountingInput =>
  AccountingInput.parse({
    practice: { name: 'Elmwood Counseling (synthetic)', addressLines: ['12 Example Lane'], custodian: 'A. B., Privacy Officer' },
    client: { id: 'C-1', name: 'J. K.', dateOfBirth: '1990-04-12' },
    requestId: 'AOD-7',
    requestedOn: '2026-03-10',
    entries: [
      entry('E-OLD', '2020-03-09'),
      entry('E-FIRST', '2020-03-10', { recipientAddress: '1 Court Plaza, Springfield' }),
      entry('E-MID', '2023-07-01', { recipient: 'State Licensing Board (synthetic)', basis: '45 CFR 164.512(d)(1)', purpose: 'Health oversight' }),
      entry('E-LAST', '2026-03-10'),
      entry('E-AFTER', '2026-03-11'),
    ],
    preparedAt: '2026-03-20T10:00:00.000Z',
    ...over,
  });

describe('assembleAccounting', () => {
  it('covers exactly the 6 years before the request (45 CFR 164.528(a)(1))', () => {
    const r = assembleAccounting(input());
    expect(r.window).toEqual({ from: '2020-03-10', to: '2026-03-10' });
    expect(r.entries.map((e) => e.id)).toEqual(['E-FIRST', 'E-MID', 'E-LAST']);
    expect(r.excluded).toEqual([
      { id: 'E-OLD', reason: 'before-window' },
      { id: 'E-AFTER', reason: 'after-request' },
    ]);
  });

  it('honours a shorter period the client asked for (164.528(a)(3))', () => {
    const r = assembleAccounting(input({ periodFrom: '2024-01-01' }));
    expect(r.window.from).toBe('2024-01-01');
    expect(r.entries.map((e) => e.id)).toEqual(['E-LAST']);
  });

  it('never reaches before the compliance date (164.528(a)(1)(ix))', () => {
    expect(assembleAccounting(input({ requestedOn: '2005-01-01', entries: [] })).window.from).toBe('2003-04-14');
  });

  it.each([
    ['2026-03-10', '2020-03-10'],
    ['2028-02-29', '2022-02-28'],
    ['2026-01-01', '2020-01-01'],
  ])('yearsBefore(%s, 6) = %s', (d, expected) => {
    expect(yearsBefore(d, 6)).toBe(expected);
  });
});

describe('renderAccountingPdf', () => {
  it('lists each entry with date, recipient and address, description, purpose and basis; nothing outside the window', async () => {
    const report = assembleAccounting(input());
    const pdf = readPdf(await renderAccountingPdf(report));
    const flat = pdf.text.replace(/\n/g, ' ');
    expect(pdf.title).toBe(report.title);
    expect(pdf.tagged).toBe(true);
    for (const id of ['E-FIRST', 'E-MID', 'E-LAST']) {
      expect(flat).toContain(`Recipient ${id}`.replace('Recipient E-MID', 'State Licensing Board'));
      expect(flat).toContain(`Progress notes ${id}`);
    }
    expect(flat).toContain('1 Court Plaza, Springfield');
    expect(flat).toContain('2020-03-10');
    expect(flat).toContain('Health oversight');
    expect(flat).toContain('164.512(d)(1)');
    expect(flat).toContain('Period covered: 2020-03-10 to 2026-03-10');
    expect(flat).not.toContain('E-OLD');
    expect(flat).not.toContain('E-AFTER');
    expect(flat).toContain('Page 1 of 1');
  });

  it('says so when there is nothing to account for, and is deterministic', async () => {
    const report = assembleAccounting(input({ entries: [] }));
    const a = await renderAccountingPdf(report);
    expect(readPdf(a).text).toContain('No disclosures that must be accounted for were made in this period.');
    expect(a.equals(await renderAccountingPdf(report))).toBe(true);
  });
});
