/**
 * Measure results in pasted text: PHQ-9, GAD-7 and PCL-5 totals with any stated severity
 * label, PHQ-9 item 9, and results of other clinical tests. A measure that is only named
 * ("she under-reports on the PCL-5") is recorded without a score: it is not a test result.
 */
import { SEVERITY_ALIASES, type InstrumentId } from '../measures/index.ts';
import type { Item9Fact, MeasureFact, OtherTestFact } from './facts.ts';
import { eachMatch, PhraseMatcher, phraseRegExp } from './text.ts';

/** How each instrument is written in notes. */
const INSTRUMENT_NAMES: Readonly<Record<InstrumentId, RegExp>> = {
  phq9: /\b(?:PHQ[\s-]?9(?:[\s-]?A)?|Patient\s+Health\s+Questionnaire(?:[\s-]?9)?)(?![\w-])/gi,
  gad7: /\b(?:GAD[\s-]?7|Generalized\s+Anxiety\s+Disorder[\s-]7)(?![\w-])/g,
  pcl5: /\b(?:PCL[\s-]?5|PTSD\s+Checklist(?:\s+for\s+DSM-5)?)(?![\w-])/gi,
};

/** Every severity label any instrument knows, so a label from the wrong scale is still seen. */
const LABEL_RE = phraseRegExp(
  [...new Set(Object.values(SEVERITY_ALIASES).flatMap((a) => Object.keys(a)))].filter((k) => k !== 'none' && k !== 'sev'),
  'gi',
);

// "item 9", "Q9", "question 9", "#9" with its value: "item 9 = 1", "item 9: 2", "Q9 endorsed at 1",
// "item 9 was 0", "item 9 score of 3", "(item 9: 1)".
const ITEM9 = /(?:\b(?:item|question|q)\s?#?|#)9\b[^\d\n.;]{0,24}?(\d{1,2})(?![\d:]|\.\d)/gi;

// A result number: "14", "14/27", "= 14"; not part of a date or clock time, not "2 weeks".
const NUMBER = /(?<![\w.:/-])(\d{1,3})(?:\s*\/\s*(\d{1,3}))?(?![\d\w.%:/-])/g;
const UNIT_AFTER = /^\s*(?:weeks?|wks?|days?|months?|mos?|years?|yrs?|min(?:ute)?s?|mg|sessions?|times?|x\b|%|am\b|pm\b|items?|questions?)/i;
const NOT_A_SCORE_LEAD = /\b(?:in|for|over|past|last|within|next|every|item|question|q|on|since)\s*$/i;
const SCORE_BEFORE = /(?:scored|score\s+of|scoring|total\s+of|a|an)\s+(\d{1,3})(?:\s*\/\s*\d{1,3})?\s+(?:points?\s+)?(?:on|in)\s+(?:the|her|his|their|today's|today’s)?\s*$/i;

/** The first number in `win` that reads as a total, with its offset and written text. */
function findScore(win: string): { value: number; denominator?: number; offset: number; length: number } | undefined {
  // "decreased from 18 to 12", "18 -> 12": the current total is the second number.
  const change = /\bfrom\s+\d{1,3}\s+(?:to|→|->)\s+(\d{1,3})(?![\d\w.])|(?<![\w.:/-])\d{1,3}\s*(?:→|->)\s*(\d{1,3})(?![\d\w.])/i.exec(win);
  if (change && change.index <= 40) {
    const value = change[1] ?? change[2]!;
    const offset = change.index + change[0].lastIndexOf(value);
    return { value: +value, offset, length: value.length };
  }
  NUMBER.lastIndex = 0;
  let n: RegExpExecArray | null;
  while ((n = NUMBER.exec(win)) !== null) {
    const lead = win.slice(0, n.index);
    if (lead.length > 40) return undefined;
    if (NOT_A_SCORE_LEAD.test(lead) || UNIT_AFTER.test(win.slice(n.index + n[0].length))) continue;
    return { value: +n[1]!, ...(n[2] === undefined ? {} : { denominator: +n[2] }), offset: n.index, length: n[0].length };
  }
  return undefined;
}

// Words that end the stretch of text a score or label can belong to.
const WINDOW_END = /[.;\n](?:\s|$)|\b(?:PHQ|GAD|PCL|BDI|BAI|MoCA|MMSE|AUDIT|C-SSRS)\b/i;

function windowAfter(text: string, from: number, max: number): string {
  const slice = text.slice(from, from + max);
  const m = WINDOW_END.exec(slice);
  return m ? slice.slice(0, m.index) : slice;
}

export function extractMeasures(text: string): { measures: MeasureFact[]; item9: Item9Fact[] } {
  const measures: MeasureFact[] = [];
  const item9: Item9Fact[] = [];

  eachMatch(ITEM9, text, (m) => {
    // Only PHQ-9 item 9: the instrument must be named nearby (same line, before it).
    const lineStartAt = text.lastIndexOf('\n', m.index - 1) + 1;
    const before = text.slice(Math.max(lineStartAt, m.index - 120), m.index);
    const after = text.slice(m.index, m.index + 40);
    if (!/PHQ[\s-]?9/i.test(before) && !/PHQ[\s-]?9/i.test(after) && !/suicid|self[\s-]?harm|death/i.test(after)) return;
    item9.push({ source: 'text', start: m.index, end: m.index + m[0].length, value: +m[1]! });
  });

  for (const [instrument, nameRe] of Object.entries(INSTRUMENT_NAMES) as Array<[InstrumentId, RegExp]>) {
    eachMatch(nameRe, text, (m) => {
      const nameStart = m.index;
      const nameEnd = m.index + m[0].length;
      let fact: { score?: number; scoreSpan?: { start: number; end: number }; label?: string; labelSpan?: { start: number; end: number } } = {};
      const win = windowAfter(text, nameEnd, 90);
      // Blank out item-9 clauses so their digit is not read as the total.
      const masked = win.replace(/\b(?:item|question|q|#)\s?#?9\b[^\d\n.;]{0,24}?\d{1,2}/gi, (s) => ' '.repeat(s.length));
      const found = findScore(masked);
      // "14/27" must be out of the instrument's maximum.
      const maxTotal = instrument === 'phq9' ? 27 : instrument === 'gad7' ? 21 : 80;
      if (found && (found.denominator === undefined || found.denominator === maxTotal)) {
        const at = nameEnd + found.offset;
        fact = { score: found.value, scoreSpan: { start: at, end: at + found.length } };
      }
      if (fact.score === undefined) {
        const lead = text.slice(Math.max(0, nameStart - 40), nameStart);
        const bm = SCORE_BEFORE.exec(lead);
        if (bm) {
          const at = nameStart - lead.length + bm.index + bm[0].indexOf(bm[1]!);
          fact = { score: +bm[1]!, scoreSpan: { start: at, end: at + bm[1]!.length } };
        }
      }
      LABEL_RE.lastIndex = 0;
      const lm = LABEL_RE.exec(win);
      if (lm) fact = { ...fact, label: lm[0], labelSpan: { start: nameEnd + lm.index, end: nameEnd + lm.index + lm[0].length } };
      else {
        // "in the severe range on the GAD-7", "moderate GAD-7".
        const lead = text.slice(Math.max(0, nameStart - 40), nameStart);
        const leadMatch = /(?:^|[\s(])((?:moderately[\s-]+)?(?:minimal|mild|moderate|severe))(?:\s+range)?\s+(?:on\s+)?(?:the\s+|her\s+|his\s+|their\s+)?$/i.exec(lead);
        if (leadMatch) {
          const at = nameStart - lead.length + leadMatch.index + leadMatch[0].indexOf(leadMatch[1]!);
          fact = { ...fact, label: leadMatch[1]!, labelSpan: { start: at, end: at + leadMatch[1]!.length } };
        }
      }
      const spans = [{ start: nameStart, end: nameEnd }, fact.scoreSpan, fact.labelSpan].filter((s): s is { start: number; end: number } => s !== undefined);
      measures.push({
        source: 'text',
        instrument,
        start: Math.min(...spans.map((s) => s.start)),
        end: Math.max(...spans.map((s) => s.end)),
        ...fact,
      });
    });
  }
  measures.sort((a, b) => a.start - b.start);
  return { measures, item9 };
}

/** Other instruments and tests whose results a psychotherapy note may not hold. */
const OTHER_TESTS = [
  'BDI-II', 'BDI', 'BAI', 'MoCA', 'MMSE', 'SLUMS', 'C-SSRS', 'CSSRS', 'Columbia', 'AUDIT-C', 'AUDIT', 'DAST-10', 'DAST', 'CAGE',
  'Y-BOCS', 'YBOCS', 'ASRS', 'MDQ', 'EPDS', 'Edinburgh', 'PSC-17', 'CDI', 'SCARED', 'ORS', 'SRS', 'OQ-45', 'CORE-10', 'DES-II', 'DES',
  'PHQ-2', 'PHQ-A', 'GAD-2', 'PC-PTSD-5', 'WHODAS', 'GAF', 'K10', 'K6', 'WHO-5', 'DASS-21', 'HAM-D', 'HAM-A', 'MADRS', 'YMRS',
  'CAPS-5', 'ACE', 'ACEs', 'Vanderbilt', 'Conners', 'WAIS', 'WISC', 'MMPI-2', 'MMPI', 'PAI', 'urine drug screen', 'UDS',
  'lithium level', 'TSH', 'blood alcohol', 'BAC', 'breathalyzer',
];
const OTHER_TEST_NAMES = new PhraseMatcher(OTHER_TESTS, true);
const OTHER_TEST_NAMES_CI = new PhraseMatcher(['urine drug screen', 'lithium level', 'blood alcohol', 'breathalyzer']);
const RESULT_AFTER = /^[^\n.;]{0,30}?(?:(?<![\w.])\d{1,3}(?:\.\d+)?(?:\s*\/\s*\d{1,3})?(?![\w])|\b(?:positive|negative|elevated|normal|abnormal|within normal limits|WNL|high|low|clinically significant|in the \w+(?:[\s-]\w+)? range)\b)/i;
const RESULT_BEFORE = /(?:scored|score\s+of|a)\s+\d{1,3}(?:\s*\/\s*\d{1,3})?\s+(?:on|in)\s+(?:the\s+)?$|\b(?:positive|negative)\s+(?:on\s+(?:the\s+)?)?$/i;

export function extractOtherTests(text: string): OtherTestFact[] {
  const out: OtherTestFact[] = [];
  const visit = (start: number, nameEnd: number, name: string): void => {
    if (out.some((o) => o.start < nameEnd && start < o.end)) return;
    const after = windowAfter(text, nameEnd, 60);
    const rm = RESULT_AFTER.exec(after);
    if (rm) {
      out.push({ start, end: nameEnd + rm.index + rm[0].length, name });
      return;
    }
    const lead = text.slice(Math.max(0, start - 40), start);
    const bm = RESULT_BEFORE.exec(lead);
    if (bm) out.push({ start: start - lead.length + bm.index, end: nameEnd, name });
  };
  OTHER_TEST_NAMES.each(text, visit);
  OTHER_TEST_NAMES_CI.each(text, visit);
  return out.sort((a, b) => a.start - b.start);
}
