/**
 * Optional YAML front matter at the top of a pasted note: a `---` block that gives session
 * facts explicitly (`date`, `start`, `end`, `duration`, `cpt`, `icd10`, `modality`, …).
 * Each fact's span is the line of its key, so findings can point at it.
 */
import { parse } from 'yaml';
import { z } from 'zod';
import type { CptFact, DateFact, DurationFact, FrontMatterProblem, Icd10Fact, Item9Fact, MeasureFact, ModalityFact, RiskFact, Span, TimeFact } from './facts.ts';
import { IsoDate } from './model.ts';
import { clockToMinutes } from './text.ts';

const OPEN = /^---[ \t]*\r?\n/;
const CLOSE = /\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

const StringList = z.union([z.string(), z.number()]).transform((v) => [String(v)]).or(z.array(z.union([z.string(), z.number()]).transform(String)));

const FrontMatterSchema = z
  .object({
    kind: z.enum(['progress', 'psychotherapy']).optional(),
    format: z.string().optional(),
    date: z.union([z.string(), z.date()]).optional(),
    start: z.union([z.string(), z.number()]).optional(),
    end: z.union([z.string(), z.number()]).optional(),
    duration: z.union([z.number(), z.string()]).optional(),
    cpt: StringList.optional(),
    icd10: StringList.optional(),
    diagnosis: StringList.optional(),
    modality: z.string().optional(),
    risk: z.string().optional(),
    phq9: z.union([z.number(), z.object({ total: z.number().optional(), item9: z.number().optional() })]).optional(),
    gad7: z.union([z.number(), z.object({ total: z.number().optional() })]).optional(),
    pcl5: z.union([z.number(), z.object({ total: z.number().optional() })]).optional(),
  })
  .loose();

export interface FrontMatterFacts {
  readonly span: Span;
  readonly kind?: 'progress' | 'psychotherapy';
  readonly problems: FrontMatterProblem[];
  readonly dates: DateFact[];
  readonly times: TimeFact[];
  readonly durations: DurationFact[];
  readonly cptCodes: CptFact[];
  readonly icd10Codes: Icd10Fact[];
  readonly modality: ModalityFact[];
  readonly risk: RiskFact[];
  readonly measures: MeasureFact[];
  readonly item9: Item9Fact[];
}

/** The end offset of a front-matter block at the very start of `text`, or undefined. */
export function frontMatterEnd(text: string): number | undefined {
  const open = OPEN.exec(text);
  if (!open) return undefined;
  const close = CLOSE.exec(text.slice(open[0].length));
  if (!close) return undefined;
  return open[0].length + close.index + close[0].length;
}

function keyLine(text: string, end: number, key: string): Span {
  const re = new RegExp(`^[ \\t]*${key}[ \\t]*:.*$`, 'm');
  const m = re.exec(text.slice(0, end));
  return m ? { start: m.index, end: m.index + m[0].length } : { start: 0, end: 3 };
}

function parseClock(v: string | number | undefined): number | undefined {
  if (v === undefined) return undefined;
  // YAML 1.1 reads 10:00 as a sexagesimal number (600); accept both forms.
  if (typeof v === 'number') return v >= 0 && v < 24 * 60 ? v : undefined;
  const m = /^\s*(\d{1,2}):(\d{2})\s*(am|pm|a\.m\.|p\.m\.)?\s*$/i.exec(v);
  return m ? clockToMinutes(+m[1]!, +m[2]!, m[3]) : undefined;
}

/** Reads the front matter block, if any. Invalid YAML or values become problems, never throws. */
export function extractFrontMatter(text: string): FrontMatterFacts | undefined {
  const end = frontMatterEnd(text);
  if (end === undefined) return undefined;
  const facts: FrontMatterFacts = {
    span: { start: 0, end },
    problems: [],
    dates: [],
    times: [],
    durations: [],
    cptCodes: [],
    icd10Codes: [],
    modality: [],
    risk: [],
    measures: [],
    item9: [],
  };
  const body = text.slice(text.indexOf('\n') + 1, end).replace(/\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n)?$/, '');
  let raw: unknown;
  try {
    raw = parse(body, { schema: 'core', prettyErrors: false });
  } catch (err) {
    facts.problems.push({ start: 0, end, message: `The front matter is not valid YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` });
    return facts;
  }
  if (raw === null || raw === undefined) return facts;
  const parsed = FrontMatterSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      facts.problems.push({ ...(key ? keyLine(text, end, key) : { start: 0, end }), message: `Front matter ${key ? `"${key}"` : ''}: ${issue.message}` });
    }
    return facts;
  }
  const fm = parsed.data;
  const withKind = fm.kind ? { ...facts, kind: fm.kind } : facts;
  if (fm.date !== undefined) {
    const value = fm.date instanceof Date ? fm.date.toISOString().slice(0, 10) : fm.date;
    const ok = IsoDate.safeParse(value);
    if (ok.success) withKind.dates.push({ source: 'front-matter', ...keyLine(text, end, 'date'), value: ok.data });
    else withKind.problems.push({ ...keyLine(text, end, 'date'), message: `Front matter "date": ${String(value)} is not a date as YYYY-MM-DD` });
  }
  const s = parseClock(fm.start);
  const e = parseClock(fm.end);
  if (fm.start !== undefined && s === undefined) withKind.problems.push({ ...keyLine(text, end, 'start'), message: `Front matter "start": ${String(fm.start)} is not a time as HH:MM` });
  if (fm.end !== undefined && e === undefined) withKind.problems.push({ ...keyLine(text, end, 'end'), message: `Front matter "end": ${String(fm.end)} is not a time as HH:MM` });
  if (s !== undefined && e !== undefined) {
    if (e <= s) withKind.problems.push({ ...keyLine(text, end, 'end'), message: `Front matter "end" must be after "start"` });
    else withKind.times.push({ source: 'front-matter', kind: 'range', ...keyLine(text, end, 'start'), startMinutes: s, endMinutes: e });
  } else if (s !== undefined) withKind.times.push({ source: 'front-matter', kind: 'start', ...keyLine(text, end, 'start'), startMinutes: s });
  else if (e !== undefined) withKind.times.push({ source: 'front-matter', kind: 'end', ...keyLine(text, end, 'end'), endMinutes: e });
  if (fm.duration !== undefined) {
    const minutes = typeof fm.duration === 'number' ? fm.duration : Number.parseInt(fm.duration, 10);
    if (Number.isInteger(minutes) && minutes > 0 && minutes <= 600) withKind.durations.push({ source: 'front-matter', ...keyLine(text, end, 'duration'), minutes });
    else withKind.problems.push({ ...keyLine(text, end, 'duration'), message: `Front matter "duration": ${String(fm.duration)} is not a number of minutes` });
  }
  for (const code of fm.cpt ?? []) {
    const c = code.replace(/^\+/, '');
    if (/^\d{5}$/.test(c)) withKind.cptCodes.push({ source: 'front-matter', ...keyLine(text, end, 'cpt'), code: c });
    else withKind.problems.push({ ...keyLine(text, end, 'cpt'), message: `Front matter "cpt": ${code} is not a five-digit CPT code` });
  }
  for (const key of ['icd10', 'diagnosis'] as const) {
    for (const code of fm[key] ?? []) {
      withKind.icd10Codes.push({ source: 'front-matter', ...keyLine(text, end, key), code: code.trim().toUpperCase() });
    }
  }
  if (fm.modality) withKind.modality.push({ source: 'front-matter', kind: 'modality', ...keyLine(text, end, 'modality'), value: fm.modality });
  if (fm.risk) {
    const denied = /\b(?:denie[sd]|none|no)\b/i.test(fm.risk);
    withKind.risk.push({ source: 'front-matter', topic: 'risk-assessment', ...keyLine(text, end, 'risk'), polarity: denied ? 'denied' : 'present' });
  }
  for (const instrument of ['phq9', 'gad7', 'pcl5'] as const) {
    const v = fm[instrument];
    if (v === undefined) continue;
    const span = keyLine(text, end, instrument);
    const total = typeof v === 'number' ? v : v.total;
    withKind.measures.push({ source: 'front-matter', instrument, ...span, ...(total === undefined ? {} : { score: total, scoreSpan: span }) });
    if (instrument === 'phq9' && typeof v === 'object' && 'item9' in v && typeof v.item9 === 'number') {
      withKind.item9.push({ source: 'front-matter', ...span, value: v.item9 });
    }
  }
  return withKind;
}
