/** Small text helpers shared by the extractors: boundaries, regex iteration, spans. */
import type { Span } from './facts.ts';

/** Calls `fn` for every match of a global regex; the regex's `lastIndex` is reset first. */
export function eachMatch(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    fn(m);
  }
}

/** The start of the line holding `index`. */
export function lineStart(text: string, index: number): number {
  return text.lastIndexOf('\n', index - 1) + 1;
}

/** The end (exclusive, before the newline) of the line holding `index`. */
export function lineEnd(text: string, index: number): number {
  const nl = text.indexOf('\n', index);
  return nl === -1 ? text.length : nl;
}

// A sentence ends at ., ! or ? followed by white space (not after a one-letter initial or a
// common abbreviation), or at a line break.
const ABBREVIATIONS = new Set(['dr', 'mr', 'mrs', 'ms', 'pt', 'e.g', 'i.e', 'vs', 'etc', 'approx', 'hx', 'dx', 'tx', 'sx', 'no', 'st', 'jr', 'sr', 'mg', 'min', 'a.m', 'p.m']);

function isSentenceEnd(text: string, i: number): boolean {
  const c = text[i];
  if (c === '\n') return true;
  if (c !== '.' && c !== '!' && c !== '?') return false;
  const next = text[i + 1];
  if (next !== undefined && !/\s/.test(next)) return false;
  if (c === '.') {
    // Look back at the word before the period.
    let j = i - 1;
    while (j >= 0 && /[A-Za-z.]/.test(text[j]!)) j--;
    const word = text.slice(j + 1, i).toLowerCase();
    if (word.length === 1 && /[a-z]/.test(word)) return false;
    if (ABBREVIATIONS.has(word)) return false;
  }
  return true;
}

/** The sentence around `index`: from after the previous sentence end to the next one. */
export function sentenceBounds(text: string, index: number, maxReach = 600): Span {
  let start = index;
  const lo = Math.max(0, index - maxReach);
  while (start > lo && !isSentenceEnd(text, start - 1)) start--;
  let end = index;
  const hi = Math.min(text.length, index + maxReach);
  while (end < hi && !isSentenceEnd(text, end)) end++;
  if (end < text.length && text[end] !== '\n') end++;
  return { start, end };
}

const CLAUSE_BREAK = /[;:\n]|\bbut\b|\bhowever\b|\bthough\b|\balthough\b|\bwhereas\b/gi;

/**
 * The clause around `index` within its sentence: split at semicolons, colons, line breaks
 * and contrastive words ("but", "however"), so negation does not leak across them.
 */
export function clauseBounds(text: string, index: number): Span {
  const sentence = sentenceBounds(text, index, 300);
  const body = text.slice(sentence.start, sentence.end);
  let start = sentence.start;
  let end = sentence.end;
  CLAUSE_BREAK.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CLAUSE_BREAK.exec(body)) !== null) {
    const abs = sentence.start + m.index;
    if (abs + m[0].length <= index) start = abs + m[0].length;
    else if (abs >= index) {
      end = abs;
      break;
    }
  }
  return { start, end };
}

/** True when two spans overlap (share at least one character, or are both empty at one point). */
export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Drops spans that lie inside an earlier-kept span; input order decides priority. */
export function dropContained<T extends Span>(spans: readonly T[]): T[] {
  const kept: T[] = [];
  for (const s of spans) {
    if (!kept.some((k) => k.start <= s.start && s.end <= k.end)) kept.push(s);
  }
  return kept;
}

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Builds one alternation regex from literal phrases, longest first so "moderately severe"
 * wins over "moderate". White space in a phrase matches any run of white space or a hyphen.
 */
export function phraseRegExp(phrases: readonly string[], flags = 'gi', boundary = true): RegExp {
  const alts = [...new Set(phrases)]
    .sort((a, b) => b.length - a.length)
    .map((p) => escapeRegExp(p).replace(/\\?[ -]+/g, '[\\s-]+'));
  const b0 = boundary ? '(?<![\\p{L}\\p{N}])' : '';
  const b1 = boundary ? '(?![\\p{L}\\p{N}])' : '';
  return new RegExp(`${b0}(?:${alts.join('|')})${b1}`, flags.includes('u') ? flags : `${flags}u`);
}

/** Clock time "10:00", "10am", "10:00 a.m." → minutes after midnight (12-hour when marked). */
export function clockToMinutes(hour: number, minute: number, meridiem: string | undefined): number | undefined {
  if (minute > 59) return undefined;
  const m = meridiem?.toLowerCase().replace(/\./g, '');
  if (m === 'am' || m === 'pm') {
    if (hour < 1 || hour > 12) return undefined;
    const h = (hour % 12) + (m === 'pm' ? 12 : 0);
    return h * 60 + minute;
  }
  if (hour > 23) return undefined;
  return hour * 60 + minute;
}

interface Token {
  readonly start: number;
  readonly end: number;
  readonly word: string;
}

const TOKEN_RE = /[\p{L}\p{N}]+/gu;
let lastTokenized: { text: string; tokens: Token[] } | undefined;

/** Word tokens (letters and digits) of `text`; the last text's tokens are reused. */
function tokenize(text: string): Token[] {
  if (lastTokenized?.text === text) return lastTokenized.tokens;
  const tokens: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) tokens.push({ start: m.index, end: m.index + m[0].length, word: m[0] });
  lastTokenized = { text, tokens };
  return tokens;
}

const SEPARATOR_RE = /^[\s-]+$/;

/**
 * Finds literal phrases in text by word lookup instead of one huge alternation regex: the
 * text is split into words once, and each word is looked up in a map of phrase first-words.
 * Matches whole words only; white space and hyphens between words are interchangeable
 * ("self harm" = "self-harm"). Phrases with other punctuation fall back to a regex.
 * Same results as {@link phraseRegExp}, several times faster on long notes.
 */
export class PhraseMatcher {
  private readonly byFirst = new Map<string, string[][]>();
  private readonly fallback: RegExp | undefined;

  constructor(phrases: readonly string[], private readonly caseSensitive = false) {
    const complex: string[] = [];
    for (const phrase of new Set(phrases)) {
      if (!/^[\p{L}\p{N}\s-]+$/u.test(phrase)) {
        complex.push(phrase);
        continue;
      }
      const words = phrase.split(/[\s-]+/).filter(Boolean).map((w) => this.norm(w));
      const first = words[0];
      if (first === undefined) continue;
      const list = this.byFirst.get(first) ?? [];
      list.push(words);
      this.byFirst.set(first, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.length - a.length);
    this.fallback = complex.length > 0 ? phraseRegExp(complex, caseSensitive ? 'g' : 'gi') : undefined;
  }

  private norm(word: string): string {
    return this.caseSensitive ? word : word.toLowerCase();
  }

  /** Calls `fn` for every non-overlapping match, in text order (longest phrase first at a position). */
  each(text: string, fn: (start: number, end: number, matched: string) => void): void {
    const found: Array<{ start: number; end: number }> = [];
    const tokens = tokenize(text);
    for (let i = 0; i < tokens.length; i++) {
      const candidates = this.byFirst.get(this.norm(tokens[i]!.word));
      if (!candidates) continue;
      for (const words of candidates) {
        const last = i + words.length - 1;
        if (last >= tokens.length) continue;
        let ok = true;
        for (let k = 1; k < words.length && ok; k++) {
          const t = tokens[i + k]!;
          ok = this.norm(t.word) === words[k] && SEPARATOR_RE.test(text.slice(tokens[i + k - 1]!.end, t.start));
        }
        if (!ok) continue;
        found.push({ start: tokens[i]!.start, end: tokens[last]!.end });
        i = last;
        break;
      }
    }
    if (this.fallback) {
      eachMatch(this.fallback, text, (m) => {
        const start = m.index;
        const end = m.index + m[0].length;
        if (!found.some((f) => f.start < end && start < f.end)) found.push({ start, end });
      });
      found.sort((a, b) => a.start - b.start);
    }
    for (const f of found) fn(f.start, f.end, text.slice(f.start, f.end));
  }
}
