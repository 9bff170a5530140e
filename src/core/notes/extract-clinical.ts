/**
 * Clinical content in pasted text: medications, risk statements, modality and frequency,
 * summaries (diagnosis, functional status, plan, symptoms, prognosis, progress),
 * interventions, references to psychotherapy notes, and process material.
 *
 * The phrase lists live in `clinical-phrases.ts`; this file only applies them with the
 * context checks that keep precision (negation, third parties, story vs. session).
 */
import {
  DOSE_FREQUENCIES,
  DOSE_UNITS,
  MEDICATION_CLASS_TERMS,
  MEDICATION_MANAGEMENT_TERMS,
  MEDICATIONS,
} from '../data/medications.ts';
import {
  CLINICIAN_FEELING_RE,
  COUNTERTRANSFERENCE_RE,
  FREQUENCY_RE,
  INTERVENTION_PHRASES,
  MODALITY_PHRASES,
  NEGATION_BEFORE_RE,
  NEGATION_AFTER_RE,
  PSYCHOTHERAPY_NOTE_REFERENCE_RES,
  RISK_PATTERNS,
  SEXUAL_TRAUMA_DETAIL_PHRASES,
  NARRATIVE_DETAIL_RE,
  SEXUAL_TRAUMA_TOPIC_RE,
  DETAIL_NEGATION_BEFORE_RE,
  SUMMARY_PATTERNS,
  THIRD_PARTY_RE,
  TREATMENT_CONTEXT_RE,
  HISTORY_BEFORE_RE,
} from './clinical-phrases.ts';
import type {
  InterventionFact,
  MedicationFact,
  ModalityFact,
  ProcessContentFact,
  PsychotherapyNoteReferenceFact,
  RiskFact,
  SummaryFact,
} from './facts.ts';
import { clauseBounds, dropContained, eachMatch, escapeRegExp, PhraseMatcher, sentenceBounds } from './text.ts';

const DRUG_NAMES = MEDICATIONS.flatMap((m) => [m.generic, ...m.brands]);
const DRUGS = new PhraseMatcher(DRUG_NAMES);
const CLASSES = new PhraseMatcher(MEDICATION_CLASS_TERMS);
const MANAGEMENT = new PhraseMatcher(MEDICATION_MANAGEMENT_TERMS);
const MANAGEMENT_IDIOM_RE = /\bdose\s+of\s+(?:reality|(?:his|her|their|my|your)\s+own)|\bown\s+medicine\b/i;
const DOSE_RE = new RegExp(
  `(?<![\\w.])\\d+(?:\\.\\d+)?\\s?(?:${DOSE_UNITS.map(escapeRegExp).join('|')})(?![\\p{L}])(?:\\s+(?:${DOSE_FREQUENCIES.map(escapeRegExp).join('|')})(?![\\p{L}]))?`,
  'giu',
);

/**
 * Medication mentions. A drug name with its dose ("sertraline 100 mg daily") or its brand in
 * brackets ("sertraline (Zoloft)") is one mention; a dose on its own, a class ("SSRI") or
 * management language ("meds", "titrate") is one mention each.
 */
export function extractMedications(text: string): MedicationFact[] {
  const drugs: MedicationFact[] = [];
  DRUGS.each(text, (start, end, name) => drugs.push({ kind: 'drug', name, start, end }));
  const doses: MedicationFact[] = [];
  eachMatch(DOSE_RE, text, (m) => doses.push({ kind: 'dose', name: m[0], start: m.index, end: m.index + m[0].length }));
  // Merge a dose or a bracketed brand that directly follows a drug name into it.
  const merged: MedicationFact[] = [];
  for (const d of drugs) {
    const last = merged[merged.length - 1];
    if (last && /^\s*\(\s*$/.test(text.slice(last.end, d.start))) {
      const close = text.indexOf(')', d.end);
      merged[merged.length - 1] = { ...last, end: close !== -1 && close - d.end < 3 ? close + 1 : d.end };
      continue;
    }
    merged.push(d);
  }
  const usedDoses = new Set<MedicationFact>();
  const withDoses = merged.map((d) => {
    const dose = doses.find((x) => !usedDoses.has(x) && x.start >= d.end && /^[\s,:(]*(?:(?:was|is|at|to|from|of|increased|decreased|reduced|raised|titrated|up|down)\s+){0,3}$/i.test(text.slice(d.end, x.start)));
    if (!dose) return d;
    usedDoses.add(dose);
    return { ...d, end: dose.end };
  });
  const out: MedicationFact[] = [...withDoses];
  for (const d of doses) if (!usedDoses.has(d) && !out.some((o) => o.start < d.end && d.start < o.end)) out.push(d);
  CLASSES.each(text, (s, e, name) => {
    if (!out.some((o) => o.start < e && s < o.end)) out.push({ kind: 'class', name, start: s, end: e });
  });
  MANAGEMENT.each(text, (s, e, name) => {
    // Idioms: "a dose of reality", "a taste of her own medicine".
    if (MANAGEMENT_IDIOM_RE.test(text.slice(s, s + 40)) || MANAGEMENT_IDIOM_RE.test(text.slice(Math.max(0, s - 20), e))) return;
    if (!out.some((o) => o.start < e && s < o.end)) out.push({ kind: 'management', name, start: s, end: e });
  });
  return out.sort((a, b) => a.start - b.start);
}

/** Whether the text before a term, within its clause, negates it ("denies", "no", "without"). */
function polarityAt(text: string, start: number, end: number): RiskFact['polarity'] {
  const clause = clauseBounds(text, start);
  const before = text.slice(clause.start, start);
  if (NEGATION_BEFORE_RE.test(before)) return 'denied';
  const after = text.slice(end, Math.min(clause.end + 1, end + 40));
  if (NEGATION_AFTER_RE.test(after)) return 'denied';
  if (HISTORY_BEFORE_RE.test(before)) return 'history';
  return 'present';
}

export function extractRisk(text: string): RiskFact[] {
  const out: RiskFact[] = [];
  for (const { topic, re } of RISK_PATTERNS) {
    eachMatch(re, text, (m) => {
      const start = m.index;
      const end = m.index + m[0].length;
      if (out.some((o) => o.start < end && start < o.end)) return;
      out.push({ source: 'text', topic, start, end, polarity: polarityAt(text, start, end) });
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

const MODALITIES = new PhraseMatcher(MODALITY_PHRASES.filter((p) => !/^[A-Z-]+$/.test(p)));
// Acronyms must be written in capitals: "ACT" the therapy, not "act" the verb.
const MODALITY_ACRONYMS = new PhraseMatcher(MODALITY_PHRASES.filter((p) => /^[A-Z-]+$/.test(p)), true);

export function extractModality(text: string): ModalityFact[] {
  const out: ModalityFact[] = [];
  const add = (f: ModalityFact): void => {
    if (!out.some((o) => o.start < f.end && f.start < o.end)) out.push(f);
  };
  for (const matcher of [MODALITIES, MODALITY_ACRONYMS]) {
    matcher.each(text, (start, end, value) => {
      // "CPT" next to a five-digit code is the billing code, not cognitive processing therapy.
      if (value === 'CPT' && /^\s*(?:code)?s?\s*[:#]?\s*\+?\d{5}/i.test(text.slice(end, end + 17))) return;
      add({ source: 'text', kind: 'modality', value, start, end });
    });
  }
  // "DBT skills group", "individual CBT": adjacent modality words are one statement.
  out.sort((a, b) => a.start - b.start);
  for (let i = out.length - 1; i > 0; i--) {
    const a = out[i - 1]!;
    const b = out[i]!;
    if (/^[\s-]{0,2}$/.test(text.slice(a.end, b.start))) out.splice(i - 1, 2, { ...a, end: b.end, value: text.slice(a.start, b.end) });
  }
  eachMatch(FREQUENCY_RE, text, (m) => {
    // A frequency is a treatment frequency only when the sentence is about sessions or treatment.
    const sentence = sentenceBounds(text, m.index);
    if (!TREATMENT_CONTEXT_RE.test(text.slice(sentence.start, sentence.end))) return;
    add({ source: 'text', kind: 'frequency', value: m[0], start: m.index, end: m.index + m[0].length });
  });
  return out.sort((a, b) => a.start - b.start);
}

export function extractSummaries(text: string): SummaryFact[] {
  const out: SummaryFact[] = [];
  for (const { category, re, thirdPartyCheck } of SUMMARY_PATTERNS) {
    eachMatch(re, text, (m) => {
      const start = m.index;
      const end = m.index + m[0].trimEnd().length;
      if (out.some((o) => o.start < end && start < o.end)) return;
      if (thirdPartyCheck) {
        // "her sister's depression", "his father was diagnosed with…" describe someone else.
        const clause = clauseBounds(text, start);
        if (THIRD_PARTY_RE.test(text.slice(clause.start, start))) return;
      }
      out.push({ category, start, end });
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

const INTERVENTIONS = new PhraseMatcher(INTERVENTION_PHRASES);
const SEXUAL_TRAUMA_DETAIL = new PhraseMatcher(SEXUAL_TRAUMA_DETAIL_PHRASES);

export function extractInterventions(text: string): InterventionFact[] {
  const out: InterventionFact[] = [];
  INTERVENTIONS.each(text, (start, end, value) => out.push({ value, start, end }));
  return out;
}

export function extractPsychotherapyNoteReferences(text: string): PsychotherapyNoteReferenceFact[] {
  const out: PsychotherapyNoteReferenceFact[] = [];
  for (const re of PSYCHOTHERAPY_NOTE_REFERENCE_RES) {
    eachMatch(re, text, (m) => out.push({ start: m.index, end: m.index + m[0].length }));
  }
  return dropContained(out.sort((a, b) => a.start - b.start || b.end - a.end));
}

export function extractProcessContent(text: string): ProcessContentFact[] {
  const out: ProcessContentFact[] = [];
  const add = (kind: ProcessContentFact['kind'], re: RegExp, wholeSentence = false, accept: (m: RegExpExecArray) => boolean = () => true): void => {
    eachMatch(re, text, (m) => {
      if (!accept(m)) return;
      // A narrative is reported once per sentence, over the whole sentence.
      const span = wholeSentence ? sentenceBounds(text, m.index) : { start: m.index, end: m.index + m[0].length };
      const start = span.start + (text.slice(span.start, span.end).length - text.slice(span.start, span.end).trimStart().length);
      const end = span.start + text.slice(span.start, span.end).trimEnd().length;
      if (kind === 'clinician-feelings' && insideQuotation(text, m.index)) return;
      if (!out.some((o) => o.start < end && start < o.end)) out.push({ kind, start, end });
    });
  };
  add('countertransference', COUNTERTRANSFERENCE_RE);
  add('clinician-feelings', CLINICIAN_FEELING_RE);
  SEXUAL_TRAUMA_DETAIL.each(text, (start) => {
    // A narrative is reported once per sentence, over the whole sentence; "no intercourse" is a boundary, not a narrative.
    if (DETAIL_NEGATION_BEFORE_RE.test(text.slice(Math.max(0, start - 12), start))) return;
    const s = sentenceBounds(text, start);
    const body = text.slice(s.start, s.end);
    const from = s.start + body.length - body.trimStart().length;
    const to = s.start + body.trimEnd().length;
    if (!out.some((o) => o.start < to && from < o.end)) out.push({ kind: 'sexual-or-trauma-detail', start: from, end: to });
  });
  add('sexual-or-trauma-detail', NARRATIVE_DETAIL_RE, true, (m) => {
    const sentence = sentenceBounds(text, m.index);
    return SEXUAL_TRAUMA_TOPIC_RE.test(text.slice(sentence.start, sentence.end));
  });
  return out.sort((a, b) => a.start - b.start);
}

/** True when `index` sits inside a quotation in its sentence: the client's words, not the clinician's. */
function insideQuotation(text: string, index: number): boolean {
  const sentence = sentenceBounds(text, index);
  const before = text.slice(sentence.start, index);
  const straight = (before.match(/"/g) ?? []).length;
  const open = (before.match(/\u201c/g) ?? []).length;
  const close = (before.match(/\u201d/g) ?? []).length;
  return straight % 2 === 1 || open > close;
}
