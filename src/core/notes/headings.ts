/**
 * Section headings ("S:", "S —", "**Subjective**", "## Data", "SUBJECTIVE") and labelled
 * one-line fields ("Dx: F41.1", "Risk: low", "Plan: …") in pasted notes.
 */
import { SECTION_HEADING_WORDS, SECTION_LETTERS, type SectionName } from './formats.ts';
import type { FieldLabel, HeadingFact, LabelFact } from './facts.ts';
import { escapeRegExp } from './text.ts';

const DELIM = '(?:[:：]|\\s[—–-]\\s?|[—–]|\\.(?=\\s)|\\))';
const DECOR = '(?:#{1,6}\\s*|\\*\\*|__|\\*|>\\s*)*';
const DECOR_END = '(?:\\*\\*|__|\\*)*';

const WORD_TO_SECTION = new Map<string, SectionName>();
for (const [section, words] of Object.entries(SECTION_HEADING_WORDS) as Array<[SectionName, readonly string[]]>) {
  for (const w of words) WORD_TO_SECTION.set(w, section);
}
const HEADING_WORDS = [...WORD_TO_SECTION.keys()].sort((a, b) => b.length - a.length).map((w) => escapeRegExp(w).replace(/ /g, '\\s+'));

// "S:", "S —", "**S**:", "(S)", "S)". The letter must be followed by a delimiter so that
// "A client…" or "I think…" are not headings.
const LETTER_HEADING = new RegExp(`^[ \\t]*${DECOR}\\(?([SOAPDBIRG])${DECOR_END}[ \\t]*${DELIM}${DECOR_END}`, 'gm');
// A letter alone on its own line.
const LETTER_LINE = new RegExp(`^[ \\t]*${DECOR}([SOAPDBIRG])${DECOR_END}[ \\t]*$`, 'gm');
// "Subjective:", "## Data", "**Assessment** —", "SUBJECTIVE" alone on a line, "S (Subjective):".
const WORD_HEADING = new RegExp(
  `^[ \\t]*${DECOR}(?:[SOAPDBIRG][ \\t]*[(/-][ \\t]*)?(${HEADING_WORDS.join('|')})\\)?${DECOR_END}[ \\t]*(${DELIM}|$)${DECOR_END}`,
  'gim',
);

/** Labelled one-line fields that are not format sections but count toward required elements. */
const FIELD_LABEL_WORDS: ReadonlyArray<readonly [FieldLabel, readonly string[]]> = [
  ['date', ['date of service', 'date', 'dos', 'session date']],
  ['time', ['time', 'session time', 'times']],
  ['cpt', ['cpt', 'cpt code', 'cpt codes', 'billing code', 'procedure code']],
  ['modality', ['modality', 'session type', 'type of session', 'service', 'service type', 'format of session']],
  ['diagnosis', ['diagnosis', 'diagnoses', 'dx', 'icd-10', 'icd10', 'icd-10-cm', 'working diagnosis', 'primary diagnosis']],
  ['interventions', ['interventions', 'intervention', 'interventions used', 'techniques']],
  ['risk', ['risk', 'risk assessment', 'safety', 'safety assessment', 'suicide risk', 'si/hi', 'risk screen']],
  ['assessment', ['assessment', 'clinical impression', 'impression', 'clinical assessment']],
  ['plan', ['plan', 'next session', 'next appointment', 'follow-up', 'follow up', 'f/u', 'homework']],
  ['medications', ['medications', 'meds', 'current medications', 'medication']],
  ['functional-status', ['functional status', 'functioning']],
];
const LABEL_TO_FIELD = new Map<string, FieldLabel>();
for (const [field, words] of FIELD_LABEL_WORDS) for (const w of words) LABEL_TO_FIELD.set(w, field);
const LABEL_ALTS = [...LABEL_TO_FIELD.keys()].sort((a, b) => b.length - a.length).map((w) => escapeRegExp(w).replace(/ /g, '\\s+'));
// A label at the start of a line or after a pipe ("Date: … | Start: …").
const FIELD_LABEL = new RegExp(`(?:^|\\|)[ \\t]*${DECOR}(${LABEL_ALTS.join('|')})${DECOR_END}[ \\t]*[:：]${DECOR_END}`, 'gim');

interface RawHeading {
  start: number;
  end: number;
  section: SectionName;
}

export function extractHeadings(text: string): HeadingFact[] {
  const raw: RawHeading[] = [];
  const add = (start: number, end: number, section: SectionName | undefined): void => {
    if (!section || raw.some((h) => h.start < end && start < h.end)) return;
    raw.push({ start, end, section });
  };
  for (const re of [WORD_HEADING]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const word = m[1]!.toLowerCase().replace(/\s+/g, ' ');
      const delimited = m[2] !== undefined && m[2] !== '';
      const lineRest = text.slice(m.index + m[0].length, text.indexOf('\n', m.index) === -1 ? text.length : text.indexOf('\n', m.index));
      // Without a delimiter, the word must stand alone on its line ("SUBJECTIVE", "## Plan").
      if (!delimited && lineRest.trim() !== '') continue;
      // A bare, undecorated lower-case word alone on a line ("plan") is prose, not a heading.
      if (!delimited && !/[#*_A-Z]/.test(m[0])) continue;
      add(m.index + (m[0].length - m[0].trimStart().length), m.index + m[0].trimEnd().length, WORD_TO_SECTION.get(word));
    }
  }
  for (const re of [LETTER_HEADING, LETTER_LINE]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      add(m.index + (m[0].length - m[0].trimStart().length), m.index + m[0].trimEnd().length, SECTION_LETTERS[m[1]!]);
    }
  }
  raw.sort((a, b) => a.start - b.start);
  return raw.map((h, i) => {
    const contentEnd = raw[i + 1]?.start ?? text.length;
    const content = text.slice(h.end, contentEnd);
    return { start: h.start, end: h.end, section: h.section, contentStart: h.end, contentEnd, hasContent: /[\p{L}\p{N}]/u.test(content) };
  });
}

export function extractLabels(text: string): LabelFact[] {
  const out: LabelFact[] = [];
  FIELD_LABEL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FIELD_LABEL.exec(text)) !== null) {
    const field = LABEL_TO_FIELD.get(m[1]!.toLowerCase().replace(/\s+/g, ' '));
    if (!field) continue;
    const labelStart = m.index + m[0].indexOf(m[1]!);
    const valueStart = m.index + m[0].length;
    let valueEnd = text.indexOf('\n', valueStart);
    if (valueEnd === -1) valueEnd = text.length;
    const pipe = text.indexOf('|', valueStart);
    if (pipe !== -1 && pipe < valueEnd) valueEnd = pipe;
    const value = text.slice(valueStart, valueEnd);
    out.push({ start: labelStart, end: valueStart, field, valueStart, valueEnd, hasContent: /[\p{L}\p{N}]/u.test(value) });
    FIELD_LABEL.lastIndex = valueStart;
  }
  return out;
}
