/**
 * Clinician shorthand → clinical prose, from a data table.
 *
 * The composer runs every free-text field through {@link expandShorthand} so a draft reads
 * as prose ("pt c/o poor sleep, denies SI" → "Client complains of poor sleep, denies
 * suicidal ideation"). Matching is word-boundary aware (never inside another word or a
 * hyphenated/slashed token such as "GAD-7"), each entry has its own case rule, and an
 * abbreviation already defined in parentheses ("(CBT)") is left alone.
 *
 * "CPT" is ambiguous: the billing code set, or cognitive processing therapy. It is resolved
 * from the words around it (see {@link CPT_CONTEXT}) or left exactly as written.
 */

/**
 * How an abbreviation may be written to match.
 * - `exact`: only exactly as in the table (acronyms: "SI", "MI", "ACT"; "act" is a word).
 * - `lower-or-title`: the table's lower-case form or with a capital first letter ("pt",
 *   "Pt"); the all-capital form is a different abbreviation ("PT" is physical therapy).
 * - `any`: any letter case ("c/o", "C/O", "EtOH").
 */
export type ShorthandCaseRule = 'exact' | 'lower-or-title' | 'any';

export interface ShorthandEntry {
  readonly abbr: string;
  /** The prose it stands for, in the case it takes mid-sentence. */
  readonly expansion: string;
  readonly caseRule: ShorthandCaseRule;
  /** Resolve from context instead of expanding unconditionally. */
  readonly resolve?: 'cpt';
}

/** The expansion table. Ambiguous abbreviations (ED, SA, PE, LOC, PT) are left out on purpose. */
export const SHORTHAND: readonly ShorthandEntry[] = [
  // Risk
  { abbr: 'SI', expansion: 'suicidal ideation', caseRule: 'exact' },
  { abbr: 'HI', expansion: 'homicidal ideation', caseRule: 'exact' },
  { abbr: 'NSSI', expansion: 'non-suicidal self-injury', caseRule: 'exact' },
  { abbr: 'SIB', expansion: 'self-injurious behavior', caseRule: 'exact' },
  { abbr: 'IPV', expansion: 'intimate partner violence', caseRule: 'exact' },
  { abbr: 'DV', expansion: 'domestic violence', caseRule: 'exact' },
  // Perception and mental status
  { abbr: 'AVH', expansion: 'auditory or visual hallucinations', caseRule: 'exact' },
  { abbr: 'AH', expansion: 'auditory hallucinations', caseRule: 'exact' },
  { abbr: 'VH', expansion: 'visual hallucinations', caseRule: 'exact' },
  { abbr: 'MSE', expansion: 'mental status exam', caseRule: 'exact' },
  { abbr: 'WNL', expansion: 'within normal limits', caseRule: 'any' },
  { abbr: 'NAD', expansion: 'no acute distress', caseRule: 'exact' },
  { abbr: 'FOI', expansion: 'flight of ideas', caseRule: 'exact' },
  { abbr: 'LOA', expansion: 'loosening of associations', caseRule: 'exact' },
  { abbr: 'A&Ox4', expansion: 'alert and oriented to person, place, time and situation', caseRule: 'any' },
  { abbr: 'A&Ox3', expansion: 'alert and oriented to person, place and time', caseRule: 'any' },
  { abbr: 'AOx4', expansion: 'alert and oriented to person, place, time and situation', caseRule: 'any' },
  { abbr: 'AOx3', expansion: 'alert and oriented to person, place and time', caseRule: 'any' },
  { abbr: 'ADLs', expansion: 'activities of daily living', caseRule: 'exact' },
  { abbr: 'ADL', expansion: 'activities of daily living', caseRule: 'exact' },
  // Therapies and interventions
  { abbr: 'CBT', expansion: 'cognitive behavioral therapy (CBT)', caseRule: 'exact' },
  { abbr: 'TF-CBT', expansion: 'trauma-focused cognitive behavioral therapy (TF-CBT)', caseRule: 'exact' },
  { abbr: 'DBT', expansion: 'dialectical behavior therapy (DBT)', caseRule: 'exact' },
  { abbr: 'MI', expansion: 'motivational interviewing', caseRule: 'exact' },
  { abbr: 'EMDR', expansion: 'eye movement desensitization and reprocessing (EMDR)', caseRule: 'exact' },
  { abbr: 'ACT', expansion: 'acceptance and commitment therapy (ACT)', caseRule: 'exact' },
  { abbr: 'CPT', expansion: 'cognitive processing therapy (CPT)', caseRule: 'exact', resolve: 'cpt' },
  { abbr: 'ERP', expansion: 'exposure and response prevention (ERP)', caseRule: 'exact' },
  { abbr: 'IPT', expansion: 'interpersonal psychotherapy (IPT)', caseRule: 'exact' },
  { abbr: 'IFS', expansion: 'internal family systems (IFS)', caseRule: 'exact' },
  { abbr: 'SFBT', expansion: 'solution-focused brief therapy (SFBT)', caseRule: 'exact' },
  { abbr: 'MBCT', expansion: 'mindfulness-based cognitive therapy (MBCT)', caseRule: 'exact' },
  { abbr: 'PCIT', expansion: 'parent-child interaction therapy (PCIT)', caseRule: 'exact' },
  { abbr: 'PMR', expansion: 'progressive muscle relaxation', caseRule: 'exact' },
  { abbr: 'BA', expansion: 'behavioral activation', caseRule: 'exact' },
  { abbr: 'psychoed', expansion: 'psychoeducation', caseRule: 'lower-or-title' },
  { abbr: 'HW', expansion: 'homework', caseRule: 'any' },
  // Diagnoses
  { abbr: 'MDD', expansion: 'major depressive disorder', caseRule: 'exact' },
  { abbr: 'GAD', expansion: 'generalized anxiety disorder', caseRule: 'exact' },
  { abbr: 'PTSD', expansion: 'posttraumatic stress disorder (PTSD)', caseRule: 'exact' },
  { abbr: 'OCD', expansion: 'obsessive-compulsive disorder', caseRule: 'exact' },
  { abbr: 'ADHD', expansion: 'attention-deficit/hyperactivity disorder (ADHD)', caseRule: 'exact' },
  { abbr: 'BPD', expansion: 'borderline personality disorder', caseRule: 'exact' },
  { abbr: 'SUD', expansion: 'substance use disorder', caseRule: 'exact' },
  { abbr: 'AUD', expansion: 'alcohol use disorder', caseRule: 'exact' },
  { abbr: 'OUD', expansion: 'opioid use disorder', caseRule: 'exact' },
  { abbr: 'ETOH', expansion: 'alcohol', caseRule: 'any' },
  { abbr: 'UDS', expansion: 'urine drug screen', caseRule: 'exact' },
  { abbr: 'MAT', expansion: 'medication-assisted treatment', caseRule: 'exact' },
  // Care settings and people
  { abbr: 'IOP', expansion: 'intensive outpatient program', caseRule: 'exact' },
  { abbr: 'PHP', expansion: 'partial hospitalization program', caseRule: 'exact' },
  { abbr: 'PCP', expansion: 'primary care provider', caseRule: 'exact' },
  { abbr: 'ER', expansion: 'emergency room', caseRule: 'exact' },
  { abbr: 'ROI', expansion: 'release of information', caseRule: 'exact' },
  { abbr: 'SO', expansion: 'significant other', caseRule: 'exact' },
  { abbr: 'bf', expansion: 'boyfriend', caseRule: 'lower-or-title' },
  { abbr: 'gf', expansion: 'girlfriend', caseRule: 'lower-or-title' },
  { abbr: 'fam', expansion: 'family', caseRule: 'lower-or-title' },
  { abbr: 'pt', expansion: 'client', caseRule: 'lower-or-title' },
  // History, symptoms, treatment
  { abbr: 'hx', expansion: 'history', caseRule: 'lower-or-title' },
  { abbr: 'h/o', expansion: 'history of', caseRule: 'any' },
  { abbr: 'PMH', expansion: 'past medical history', caseRule: 'exact' },
  { abbr: 'PPH', expansion: 'past psychiatric history', caseRule: 'exact' },
  { abbr: 'FHx', expansion: 'family history', caseRule: 'any' },
  { abbr: 'tx', expansion: 'treatment', caseRule: 'lower-or-title' },
  { abbr: 'dx', expansion: 'diagnosis', caseRule: 'lower-or-title' },
  { abbr: 'sx', expansion: 'symptoms', caseRule: 'lower-or-title' },
  { abbr: 'rx', expansion: 'prescription', caseRule: 'lower-or-title' },
  { abbr: 'meds', expansion: 'medications', caseRule: 'lower-or-title' },
  { abbr: 'med', expansion: 'medication', caseRule: 'lower-or-title' },
  { abbr: 'anx', expansion: 'anxiety', caseRule: 'lower-or-title' },
  { abbr: 'dep', expansion: 'depression', caseRule: 'lower-or-title' },
  { abbr: 'c/o', expansion: 'complains of', caseRule: 'any' },
  { abbr: 'f/u', expansion: 'follow-up', caseRule: 'any' },
  { abbr: 's/p', expansion: 'status post', caseRule: 'any' },
  { abbr: 'r/o', expansion: 'rule out', caseRule: 'any' },
  { abbr: 'y/o', expansion: 'year-old', caseRule: 'any' },
  { abbr: 'appt', expansion: 'appointment', caseRule: 'lower-or-title' },
  { abbr: 'appts', expansion: 'appointments', caseRule: 'lower-or-title' },
  // Dosing (medication monitoring belongs in the progress note: 45 CFR 164.501)
  { abbr: 'PRN', expansion: 'as needed', caseRule: 'any' },
  { abbr: 'BID', expansion: 'twice daily', caseRule: 'exact' },
  { abbr: 'TID', expansion: 'three times daily', caseRule: 'exact' },
  { abbr: 'QHS', expansion: 'at bedtime', caseRule: 'any' },
  { abbr: 'QD', expansion: 'daily', caseRule: 'exact' },
  // Connectives and time
  { abbr: 'w/o', expansion: 'without', caseRule: 'any' },
  { abbr: 'w/in', expansion: 'within', caseRule: 'any' },
  { abbr: 'w/out', expansion: 'without', caseRule: 'any' },
  { abbr: 'w/', expansion: 'with', caseRule: 'any' },
  { abbr: 'b/c', expansion: 'because', caseRule: 'any' },
  { abbr: 'b/w', expansion: 'between', caseRule: 'any' },
  { abbr: 're:', expansion: 'regarding', caseRule: 'lower-or-title' },
  { abbr: 'approx', expansion: 'approximately', caseRule: 'lower-or-title' },
  { abbr: 'abt', expansion: 'about', caseRule: 'lower-or-title' },
  { abbr: 'ppl', expansion: 'people', caseRule: 'lower-or-title' },
  { abbr: 'wk', expansion: 'week', caseRule: 'lower-or-title' },
  { abbr: 'wks', expansion: 'weeks', caseRule: 'lower-or-title' },
  { abbr: 'mos', expansion: 'months', caseRule: 'lower-or-title' },
  { abbr: 'yrs', expansion: 'years', caseRule: 'lower-or-title' },
  { abbr: 'hrs', expansion: 'hours', caseRule: 'lower-or-title' },
  { abbr: 'mins', expansion: 'minutes', caseRule: 'lower-or-title' },
  { abbr: 'mgmt', expansion: 'management', caseRule: 'lower-or-title' },
];

/**
 * Context that resolves "CPT": billing cues win (a five-digit code or billing words near
 * it), then therapy cues; with neither, "CPT" is left as written.
 */
export const CPT_CONTEXT = {
  /** Characters looked at on each side of "CPT". */
  window: 60,
  billing: /\b\d{5}\b|\bcodes?\b|\bbill(?:ed|ing)?\b|\bclaims?\b|\bmodifiers?\b|\bunits?\b|\bpayer\b|\binsurance\b/i,
  therapy:
    /\btherapy\b|\bprotocol\b|\bmodules?\b|\bworksheets?\b|\bimpact statement\b|\bstuck points?\b|\btrauma\b|\bPTSD\b|\bsocratic\b|\bassimilat|\bmanuali[sz]ed\b|\bsession \d+ of \d+\b|\bABC\b/i,
} as const;

/** One replacement made by {@link expandShorthand}; offsets are in the input text. */
export interface ShorthandReplacement {
  readonly start: number;
  readonly end: number;
  readonly abbr: string;
  readonly expansion: string;
}

const LETTER = /\p{L}/u;

function casePattern(entry: ShorthandEntry): string {
  const escaped = (ch: string): string => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  switch (entry.caseRule) {
    case 'exact':
      return [...entry.abbr].map(escaped).join('');
    case 'lower-or-title': {
      const [first = '', ...rest] = [...entry.abbr];
      const head = LETTER.test(first) ? `[${first.toLowerCase()}${first.toUpperCase()}]` : escaped(first);
      return head + rest.map(escaped).join('');
    }
    case 'any':
      return [...entry.abbr]
        .map((ch) => (LETTER.test(ch) ? `[${ch.toLowerCase()}${ch.toUpperCase()}]` : escaped(ch)))
        .join('');
  }
}

interface CompiledTable {
  readonly regex: RegExp;
  /** Capture-group index → entry. */
  readonly entries: readonly ShorthandEntry[];
}

/**
 * Compiles the table into one regex. Longest abbreviations come first so "TF-CBT" wins
 * over "CBT" and "w/o" over "w/". The left boundary refuses letters, digits and the
 * joiners - & ' so nothing expands inside a word or a token like "GAD-7"; the right
 * boundary (only for abbreviations ending in a letter or digit) refuses letters, digits
 * and "-"+letter/digit.
 */
export function compileShorthand(table: readonly ShorthandEntry[]): CompiledTable {
  const sorted = [...table].sort((a, b) => b.abbr.length - a.abbr.length);
  const alts = sorted.map((e) => {
    const endsInWordChar = /[\p{L}\p{N}]$/u.test(e.abbr);
    const right = endsInWordChar ? '(?![\\p{L}\\p{N}]|-[\\p{L}\\p{N}]|&)' : '';
    return `(${casePattern(e)})${right}`;
  });
  return { regex: new RegExp(`(?<![\\p{L}\\p{N}&'’-])(?:${alts.join('|')})`, 'gu'), entries: sorted };
}

const DEFAULT_TABLE = compileShorthand(SHORTHAND);

/** True when `index` begins a sentence: text start, or only spaces/quotes/bullets after . ! ? or a line break. */
function atSentenceStart(text: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0 && /[ \t"'“‘(*•-]/.test(text[i]!)) i--;
  return i < 0 || /[.!?\n]/.test(text[i]!);
}

function resolveCpt(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - CPT_CONTEXT.window), start);
  const after = text.slice(end, end + CPT_CONTEXT.window);
  const around = `${before} ${after}`;
  if (CPT_CONTEXT.billing.test(around)) return false;
  return CPT_CONTEXT.therapy.test(around);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Expands clinician shorthand in `text` using `table` (default {@link SHORTHAND}).
 * Deterministic and pure; returns the new text and every replacement made. With
 * `midSentence`, the text is a value inside a sentence, so its start is not capitalised.
 */
export function expandShorthand(
  text: string,
  table: CompiledTable = DEFAULT_TABLE,
  options: { midSentence?: boolean } = {},
): { text: string; replacements: ShorthandReplacement[] } {
  const replacements: ShorthandReplacement[] = [];
  let out = '';
  let last = 0;
  table.regex.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = table.regex.exec(text)) !== null) {
    const groupIndex = m.findIndex((g, i) => i > 0 && g !== undefined);
    const entry = table.entries[groupIndex - 1];
    if (!entry) continue;
    const start = m.index;
    const end = start + m[0].length;
    // Already defined in parentheses, e.g. "cognitive behavioral therapy (CBT)": leave it.
    if (text[start - 1] === '(' && text[end] === ')') continue;
    if (entry.resolve === 'cpt' && !resolveCpt(text, start, end)) continue;
    // "Pt reports" keeps its capital; an all-capital "C/O" or "ETOH" mid-sentence does not.
    const titled = entry.caseRule === 'lower-or-title' && /\p{Lu}/u.test(m[0].charAt(0));
    const capital = (atSentenceStart(text, start) && !(options.midSentence && start === 0)) || titled;
    const expansion = capital ? capitalise(entry.expansion) : entry.expansion;
    out += text.slice(last, start) + expansion;
    last = end;
    replacements.push({ start, end, abbr: entry.abbr, expansion });
  }
  out += text.slice(last);
  return { text: out, replacements };
}
