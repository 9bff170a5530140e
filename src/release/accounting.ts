/**
 * The accounting of disclosures (45 CFR 164.528) for one client, as a PDF.
 *
 * The workflow hands over the entries it has recorded (only disclosures the gate marked
 * `accountable`, so 164.528(a)(1) exclusions such as treatment, payment, operations,
 * disclosures to the client and under an authorization are already out). This module still
 * guards the window: the 6 years before the request (164.528(a)(1)), or the shorter period
 * the client asked for (164.528(a)(3)), never before the compliance date
 * (164.528(a)(1)(ix)) and never after the request date. Each entry shows the (b)(2)
 * fields: date, recipient and address if known, a brief description, and the purpose
 * with the legal basis.
 */
import { z } from 'zod';
import { IsoDate } from '../core/notes/model.ts';
import { COLOR, FONT, MARGIN, contentWidth, heading, openDocument, paginate, para, rule, section, table, toWinAnsi } from './pdf-layout.ts';
import { ClientInfo, Instant, PracticeInfo } from './release-input.ts';

const Text = z.string().trim().min(1).max(2000);

/** 45 CFR 164.528(a)(1)(ix): nothing before the Privacy Rule compliance date is accounted. */
export const PRIVACY_RULE_COMPLIANCE_DATE = '2003-04-14';
/** 45 CFR 164.528(a)(1): the accounting looks back six years from the request. */
export const LOOKBACK_YEARS = 6;

/** One accountable disclosure as recorded when a packet was delivered. */
export const AccountingEntry = z.object({
  id: z.string().trim().min(1).max(100),
  /** (b)(2)(i): the date of the disclosure. */
  date: IsoDate,
  /** (b)(2)(ii): who received it ... */
  recipient: Text,
  /** ... and their address, if known. */
  recipientAddress: Text.optional(),
  /** (b)(2)(iii): a brief description of the information disclosed. */
  description: Text,
  /** (b)(2)(iv): a brief statement of the purpose (or a copy of the written request). */
  purpose: Text,
  /** The legal basis the gate gave, e.g. "45 CFR 164.512(e)(1)(i)". */
  basis: Text,
});
export type AccountingEntry = z.infer<typeof AccountingEntry>;

export const AccountingInput = z
  .object({
    practice: PracticeInfo,
    client: ClientInfo,
    requestId: z.string().trim().min(1).max(100),
    /** The day the client asked for the accounting; the 6 years run back from it. */
    requestedOn: IsoDate,
    /** 164.528(a)(3): the client may ask for a period shorter than six years. */
    periodFrom: IsoDate.optional(),
    /** 164.528(c)(1): when the accounting is due (60 days, one 30-day extension). */
    dueOn: IsoDate.optional(),
    entries: z.array(AccountingEntry).default([]),
    preparedAt: Instant,
  })
  .refine((i) => i.periodFrom === undefined || i.periodFrom <= i.requestedOn, { message: 'periodFrom must not be after requestedOn', path: ['periodFrom'] });
export type AccountingInput = z.infer<typeof AccountingInput>;

export const ACCOUNTING_EXCLUSIONS = ['before-window', 'after-request'] as const;
export type AccountingExclusion = (typeof ACCOUNTING_EXCLUSIONS)[number];

export interface AccountingReport {
  readonly title: string;
  readonly practice: AccountingInput['practice'];
  readonly client: AccountingInput['client'];
  readonly requestId: string;
  readonly requestedOn: string;
  readonly dueOn?: string;
  readonly preparedAt: string;
  /** The period covered, inclusive. */
  readonly window: { readonly from: string; readonly to: string };
  /** The entries in the window, oldest first. */
  readonly entries: readonly AccountingEntry[];
  /** Entries left out, by id, and why (for records staff; not printed). */
  readonly excluded: ReadonlyArray<{ readonly id: string; readonly reason: AccountingExclusion }>;
}

/** `date` minus `years` calendar years; 29 February falls back to 28 February. */
export function yearsBefore(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = y - years;
  const lastDay = new Date(Date.UTC(target, m, 0)).getUTCDate();
  return `${String(target).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** Chooses the entries the accounting must show (pure). */
export function assembleAccounting(input: AccountingInput): AccountingReport {
  // 45 CFR 164.528(a)(1), (a)(3), (a)(1)(ix): the latest of the three starts.
  const from = [yearsBefore(input.requestedOn, LOOKBACK_YEARS), input.periodFrom ?? '', PRIVACY_RULE_COMPLIANCE_DATE].sort().at(-1) ?? input.requestedOn;
  const to = input.requestedOn;
  const entries: AccountingEntry[] = [];
  const excluded: Array<{ id: string; reason: AccountingExclusion }> = [];
  for (const e of input.entries) {
    if (e.date < from) excluded.push({ id: e.id, reason: 'before-window' });
    else if (e.date > to) excluded.push({ id: e.id, reason: 'after-request' });
    else entries.push(e);
  }
  entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    title: `Accounting of disclosures for ${input.client.name}, request ${input.requestId}`,
    practice: input.practice,
    client: input.client,
    requestId: input.requestId,
    requestedOn: input.requestedOn,
    ...(input.dueOn ? { dueOn: input.dueOn } : {}),
    preparedAt: input.preparedAt,
    window: { from, to },
    entries,
    excluded,
  };
}

export interface AccountingPdfOptions {
  readonly compress?: boolean;
}

/** Renders the accounting as a tagged PDF. */
export async function renderAccountingPdf(report: AccountingReport, options: AccountingPdfOptions = {}): Promise<Buffer> {
  const opened = openDocument({
    title: report.title,
    author: report.practice.name,
    subject: 'Accounting of disclosures (45 CFR 164.528)',
    createdAt: report.preparedAt,
    ...(options.compress !== undefined ? { compress: options.compress } : {}),
  });
  const doc = opened.doc;
  const p = report.practice;
  const s = section(doc, opened.root, 'Accounting of disclosures');
  doc.font(FONT.bold).fontSize(16).fillColor(COLOR.text);
  doc.text(toWinAnsi(p.name), MARGIN, MARGIN, { structParent: s, structType: 'H1', width: contentWidth(doc) });
  para(doc, s, [...p.addressLines, [p.phone, p.email].filter(Boolean).join('  |  ')].filter((x) => x !== '').join('\n'), { size: 9, color: COLOR.muted });
  rule(doc);
  doc.moveDown(0.5);
  heading(doc, s, 'Accounting of disclosures', 1);
  para(
    doc,
    s,
    `For: ${report.client.name}${report.client.dateOfBirth ? `, born ${report.client.dateOfBirth}` : ''}\nRequest ${report.requestId}, received ${report.requestedOn}${report.dueOn ? `; due ${report.dueOn}` : ''}\nPeriod covered: ${report.window.from} to ${report.window.to}\nPrepared: ${report.preparedAt.slice(0, 10)}`,
    { gap: 0.5 },
  );
  para(
    doc,
    s,
    'This lists the disclosures of your health information that the law requires us to account for, made in the six years before your request or the shorter period you asked for (45 CFR 164.528(a)). It does not list disclosures for your treatment, for payment or for our health care operations, disclosures to you, or disclosures you authorized in writing (45 CFR 164.528(a)(1)).',
    { size: 9.5, gap: 0.6 },
  );
  if (report.entries.length === 0) {
    para(doc, s, 'No disclosures that must be accounted for were made in this period.', { font: FONT.bold, gap: 0.6 });
  } else {
    table(
      doc,
      s,
      [
        { header: 'Date', width: 62 },
        { header: 'Recipient and address', width: '*', wrap: true },
        { header: 'What was disclosed', width: '*', wrap: true },
        { header: 'Purpose', width: '*', wrap: true },
        { header: 'Legal basis', width: 90, wrap: true },
      ],
      report.entries.map((e) => [e.date, e.recipientAddress ? `${e.recipient}\n${e.recipientAddress}` : e.recipient, e.description, e.purpose, e.basis]),
    );
  }
  para(
    doc,
    s,
    'The first accounting in any 12 months is free (45 CFR 164.528(c)(2)). If you have questions, or think a disclosure is missing, contact the practice; you may also complain to the U.S. Department of Health and Human Services, Office for Civil Rights.',
    { size: 9, color: COLOR.muted, gap: 0.5 },
  );
  if (p.custodian) para(doc, s, `${p.custodian}\n${p.name}`);
  s.end();
  paginate(doc, `Accounting of disclosures ${report.requestId} | ${report.client.name} | Confidential`);
  return opened.finish();
}
