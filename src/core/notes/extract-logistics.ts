/**
 * Session logistics in pasted text: dates, start/stop times, session length, CPT and
 * ICD-10-CM codes. These are exactly the items 45 CFR 164.501 keeps out of psychotherapy
 * notes and the ones a progress note must carry.
 */
import { isKnownCptCode } from '../codes/cpt.ts';
import type { CptFact, DateFact, DurationFact, Icd10Fact, TimeFact } from './facts.ts';
import { clauseBounds, clockToMinutes, eachMatch, lineEnd, lineStart, sentenceBounds } from './text.ts';

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH_WORD = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';

const ISO_DATE = /(?<![\d/-])((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?![\d-])/g;
const US_DATE = /(?<![\d/.-])(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?![\d/])/g;
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH_WORD}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d{2})\\b`, 'g');
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_WORD}\\.?,?\\s+((?:19|20)\\d{2})\\b`, 'g');

function isoDate(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function monthNumber(word: string): number {
  return MONTHS[word.slice(0, word.toLowerCase().startsWith('sept') ? 4 : 3).toLowerCase()] ?? 0;
}

export function extractDates(text: string): DateFact[] {
  const out: DateFact[] = [];
  const push = (start: number, end: number, value: string | undefined): void => {
    if (value && !out.some((d) => d.start < end && start < d.end)) out.push({ source: 'text', start, end, value });
  };
  eachMatch(ISO_DATE, text, (m) => push(m.index, m.index + m[0].length, isoDate(+m[1]!, +m[2]!, +m[3]!)));
  eachMatch(US_DATE, text, (m) => {
    const y = m[3]!.length === 2 ? 2000 + +m[3]! : +m[3]!;
    push(m.index, m.index + m[0].length, isoDate(y, +m[1]!, +m[2]!));
  });
  eachMatch(MONTH_DAY_YEAR, text, (m) => push(m.index, m.index + m[0].length, isoDate(+m[3]!, monthNumber(m[1]!), +m[2]!)));
  eachMatch(DAY_MONTH_YEAR, text, (m) => push(m.index, m.index + m[0].length, isoDate(+m[3]!, monthNumber(m[2]!), +m[1]!)));
  return out.sort((a, b) => a.start - b.start);
}

const MERIDIEM = '(a\\.?m\\.?|p\\.?m\\.?)';
// "10:00–10:50", "10:00 AM - 10:46 AM", "9am to 9:50am", "2:00-2:53pm". At least one side
// must have minutes or a meridiem, so "10-12 weeks" and "3-4 times" are not times.
const TIME_RANGE = new RegExp(
  `(?<![\\d:/.])(\\d{1,2})(?::(\\d{2}))?\\s*${MERIDIEM}?\\s*(?:-|–|—|to|until|till)\\s*(\\d{1,2})(?::(\\d{2}))?\\s*${MERIDIEM}?(?![\\d:])`,
  'gi',
);
// "Start: 10:00 AM", "Start time 10:00", "Time in: 2:05 pm", "End: 10:46", "Stop time: 14:50".
const LABELLED_TIME = new RegExp(
  `\\b(start(?:ed)?(?:\\s+time)?|begin(?:ning)?(?:\\s+time)?|time\\s+in|end(?:ed)?(?:\\s+time)?|stop(?:ped)?(?:\\s+time)?|finish(?:ed)?|time\\s+out)\\s*(?:[:=]|at)?\\s*(\\d{1,2})(?::(\\d{2}))\\s*${MERIDIEM}?`,
  'gi',
);
// Words that mark a time range as part of the client's story, not the session.
const STORY_TIME_CUES = /\b(work(?:s|ed|ing)?|shift|sleep(?:s|ing)?|slept|woke|wakes|bed(?:time)?|school|class(?:es)?|gym|alarm|nap(?:s|ped)?|party|dinner|lunch|breakfast|drank|drinking|office hours|job)\b/i;
const SESSION_CUES = /\b(session|sessions|appt|appointment|visit|seen|met|time|dos|telehealth|video|in[- ]person|start|end|stop|duration|length|#\s?\d+)\b/i;

export function extractTimes(text: string): TimeFact[] {
  const out: TimeFact[] = [];
  eachMatch(TIME_RANGE, text, (m) => {
    const [, h1, mi1, mer1, h2, mi2, mer2] = m;
    if (mi1 === undefined && mer1 === undefined && mi2 === undefined && mer2 === undefined) return;
    if (mi1 === undefined && mi2 === undefined && (mer1 === undefined || mer2 === undefined) && !/am|pm/i.test(m[0])) return;
    // A meridiem on only the end applies to the start too ("2:00-2:53pm").
    const m1 = mer1 ?? (mer2 && +h1! <= +h2! ? mer2 : undefined);
    let s = clockToMinutes(+h1!, mi1 === undefined ? 0 : +mi1, m1);
    let e = clockToMinutes(+h2!, mi2 === undefined ? 0 : +mi2, mer2 ?? mer1);
    if (s === undefined || e === undefined) return;
    // Unmarked 12-hour clocks: "12:50–1:40" means 12:50 to 13:40.
    if (e <= s && !mer1 && !mer2 && e + 12 * 60 > s && e + 12 * 60 - s <= 4 * 60) e += 12 * 60;
    if (e <= s && mer1 === undefined && mer2 === undefined && s >= 13 * 60) s -= 12 * 60;
    const sentence = sentenceBounds(text, m.index);
    const before = text.slice(sentence.start, m.index);
    const line = text.slice(lineStart(text, m.index), lineEnd(text, m.index));
    if (STORY_TIME_CUES.test(before) && !SESSION_CUES.test(line)) return;
    out.push({ source: 'text', kind: 'range', start: m.index, end: m.index + m[0].trimEnd().length, startMinutes: s, endMinutes: e });
  });
  eachMatch(LABELLED_TIME, text, (m) => {
    const start = m.index;
    const end = m.index + m[0].trimEnd().length;
    if (out.some((t) => t.start < end && start < t.end)) return;
    const minutes = clockToMinutes(+m[2]!, +m[3]!, m[4]);
    if (minutes === undefined) return;
    const isEnd = /^(end|stop|finish|time\s+out)/i.test(m[1]!);
    out.push(isEnd
      ? { source: 'text', kind: 'end', start, end, endMinutes: minutes }
      : { source: 'text', kind: 'start', start, end, startMinutes: minutes });
  });
  out.sort((a, b) => a.start - b.start);
  // "Start: 10:00 AM | End: 10:46 AM" on one line is one start/stop pair.
  const merged: TimeFact[] = [];
  for (const t of out) {
    const prev = merged[merged.length - 1];
    if (prev?.kind === 'start' && t.kind === 'end' && t.start - prev.end <= 40 && !text.slice(prev.end, t.start).includes('\n')) {
      merged[merged.length - 1] = { source: 'text', kind: 'range', start: prev.start, end: t.end, startMinutes: prev.startMinutes!, endMinutes: t.endMinutes! };
      continue;
    }
    merged.push(t);
  }
  return merged;
}

const MIN_WORD = '(?:minutes?|mins?\\.?|m)';
// "50-minute session", "50 min session", "53 minute psychotherapy session".
const N_MINUTE_SESSION = new RegExp(
  `\\b(\\d{1,3})[\\s-]?${MIN_WORD}\\s+(?:(?:individual|family|couples?|group|crisis|telehealth|video|in-person|psychotherapy|therapy|follow-up|intake)\\s+){0,3}(?:session|visit|appointment|appt|psychotherapy|therapy)\\b`,
  'gi',
);
// "Duration: 53 min", "Session length: 45 minutes", "Total time 60 minutes", "face-to-face time: 50 min".
const LABELLED_DURATION = new RegExp(
  `\\b(?:duration|(?:session\\s+)?length(?:\\s+of\\s+session)?|total\\s+(?:session\\s+)?time|face[- ]to[- ]face(?:\\s+time)?|time\\s+spent|session\\s+time)\\s*[:=-]?\\s*(\\d{1,3})\\s*${MIN_WORD}`,
  'gi',
);
// "session lasted 50 minutes", "met for 45 minutes", "seen for 53 min".
const SESSION_LASTED = new RegExp(
  `\\b(?:session|appointment|visit)\\s+(?:lasted|ran|was)\\s+(?:about\\s+|approximately\\s+|approx\\.?\\s+)?(\\d{1,3})\\s*${MIN_WORD}|\\b(?:met|seen|saw\\s+(?:client|pt|patient))\\s+for\\s+(?:about\\s+|approximately\\s+)?(\\d{1,3})\\s*${MIN_WORD}`,
  'gi',
);
const PAREN_MINUTES = new RegExp(`\\(\\s*(\\d{1,3})\\s*${MIN_WORD}\\s*\\)`, 'gi');
const PAREN_CONTEXT = /\b(session|visit|appointment|appt|psychotherapy|therapy|telehealth|video|intake|#\s?\d+|\d{1,2}:\d{2}|cpt|9\d{4}|date|dos|\d{1,2}\/\d{1,2}\/\d{2,4}|\d{4}-\d{2}-\d{2})\b/i;

export function extractDurations(text: string): DurationFact[] {
  const out: DurationFact[] = [];
  const push = (start: number, end: number, minutes: number): void => {
    if (minutes < 1 || minutes > 600) return;
    if (out.some((d) => d.start < end && start < d.end)) return;
    out.push({ source: 'text', start, end, minutes });
  };
  eachMatch(N_MINUTE_SESSION, text, (m) => push(m.index, m.index + m[0].length, +m[1]!));
  eachMatch(LABELLED_DURATION, text, (m) => push(m.index, m.index + m[0].length, +m[1]!));
  eachMatch(SESSION_LASTED, text, (m) => push(m.index, m.index + m[0].length, +(m[1] ?? m[2])!));
  eachMatch(PAREN_MINUTES, text, (m) => {
    // "(50 min)" counts when its line speaks of the session, or the line is a short header.
    const ls = lineStart(text, m.index);
    const line = text.slice(ls, lineEnd(text, m.index));
    const clause = clauseBounds(text, m.index);
    const before = text.slice(Math.max(ls, clause.start), m.index);
    if (PAREN_CONTEXT.test(before) || PAREN_CONTEXT.test(line.slice(0, m.index - ls)) || line.trim().length <= 24) {
      push(m.index, m.index + m[0].length, +m[1]!);
    }
  });
  return out.sort((a, b) => a.start - b.start);
}

// A five-digit code, optionally written "+90785" for an add-on.
const CPT_CANDIDATE = /(?<![\d\w.$/-])\+?(9\d{4})(?![\d\w])/g;

export function extractCptCodes(text: string): CptFact[] {
  const out: CptFact[] = [];
  eachMatch(CPT_CANDIDATE, text, (m) => {
    const code = m[1]!;
    // Only codes in the CPT table: a bare five-digit number (a ZIP code, a count) is not a code.
    if (!isKnownCptCode(code)) return;
    out.push({ source: 'text', start: m.index, end: m.index + m[0].length, code });
  });
  return out;
}

// ICD-10-CM shape. Dotted codes always count; three-character categories ("F32") count
// only on a line that speaks of diagnosis, so "A1C" or "B12" in prose are not codes.
const ICD_DOTTED = /(?<![\w.])([A-TV-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4})(?![0-9A-Za-z])(?!\.[0-9A-Za-z])/g;
const ICD_CATEGORY = /(?<![\w.])([A-TV-Z]\d[0-9A-Z])(?![\w.])/g;
const DIAGNOSIS_CONTEXT = /\b(dx|diagnos[ie]s|diagnosed|icd(?:-?10)?(?:-?cm)?|impression)\b/i;

export function extractIcd10Codes(text: string): Icd10Fact[] {
  const out: Icd10Fact[] = [];
  eachMatch(ICD_DOTTED, text, (m) => out.push({ source: 'text', start: m.index, end: m.index + m[0].length, code: m[1]! }));
  eachMatch(ICD_CATEGORY, text, (m) => {
    if (!/^[A-TV-Z]\d\d$/.test(m[1]!)) return;
    const line = text.slice(lineStart(text, m.index), lineEnd(text, m.index));
    if (!DIAGNOSIS_CONTEXT.test(line)) return;
    out.push({ source: 'text', start: m.index, end: m.index + m[0].length, code: m[1]! });
  });
  return out.sort((a, b) => a.start - b.start);
}

/** Minutes of the session documented by start/stop times, else by a stated duration. */
export function sessionMinutes(times: readonly TimeFact[], durations: readonly DurationFact[]): number | undefined {
  const range = times.find((t) => t.kind === 'range' && t.startMinutes !== undefined && t.endMinutes !== undefined);
  if (range && range.endMinutes! > range.startMinutes!) return range.endMinutes! - range.startMinutes!;
  const s = times.find((t) => t.kind === 'start');
  const e = times.find((t) => t.kind === 'end');
  if (s?.startMinutes !== undefined && e?.endMinutes !== undefined && e.endMinutes > s.startMinutes) {
    return e.endMinutes - s.startMinutes;
  }
  return durations[0]?.minutes;
}
