/**
 * Sentence segmentation for raw session notes.
 *
 * Clinicians write in every style at once: prose paragraphs, hard-wrapped lines, bullet
 * lists, `Label: value` lines and shorthand without capitals. The segmenter first cuts the
 * text into blocks (a list item, a labelled line, a heading, or a run of wrapped prose),
 * then cuts each block into sentences at `.`, `!` or `?` followed by white space, except
 * after abbreviations and initials ("Dr.", "e.g.", "A.B.") and inside a quotation that
 * closes later in the same block.
 */

export interface SentenceSpan {
  /** Offset of the first character (UTF-16), list marker excluded. */
  readonly start: number;
  /** Offset after the last character; trailing white space excluded. */
  readonly end: number;
}

/** Never a sentence end: titles and Latin abbreviations always continue the sentence. */
export const NEVER_FINAL_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'dr', 'mr', 'mrs', 'ms', 'prof', 'st', 'sr', 'jr', 'vs', 'e.g', 'i.e', 'cf', 'approx', 'fig', 'no', 'pt', 'appt', 'dept', 'est', 'ca',
]);

/**
 * May end a sentence: units and clock markers ("50 mg.", "3 p.m."). They end one only when
 * the next word starts with a capital letter.
 */
export const MAYBE_FINAL_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mg', 'mcg', 'ml', 'a.m', 'p.m', 'am', 'pm', 'etc', 'min', 'mins', 'hr', 'hrs', 'wk', 'wks', 'mo', 'mos', 'yr', 'yrs', 'tab', 'tabs', 'cap', 'caps',
]);

const LIST_MARKER = /^[ \t]*(?:[-*•·–—+]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)](?=\s))[ \t]+/;
/** A line that is a heading or a `Label: value` field: its own block. */
const LABEL_LINE = /^[ \t]*(?:[A-Za-z][A-Za-z0-9 /&'()-]{0,40}|[A-Z])[ \t]*[:—–][ \t]*/;
const OPEN_QUOTES = new Set(['"', '“']);
const CLOSE_QUOTES = new Set(['"', '”']);
const CLOSERS = /["'”’)\]]/;

interface Block {
  start: number;
  end: number;
}

/** Splits `text` into sentence spans, in order, none empty. */
export function segmentSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  for (const block of blocks(text)) splitBlock(text, block, out);
  return out;
}

function blocks(text: string): Block[] {
  const result: Block[] = [];
  let current: Block | undefined;
  let prevLine = '';
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    const line = text.slice(pos, lineEnd);
    const blank = line.trim() === '';
    if (blank) {
      if (current) result.push(current);
      current = undefined;
    } else {
      const marker = LIST_MARKER.exec(line);
      const isLabel = LABEL_LINE.test(line) && !/^[ \t]*\S+:\/\//.test(line);
      const continues =
        current !== undefined &&
        !marker &&
        !isLabel &&
        (/^[ \t]*\p{Ll}/u.test(line) || /[,;]\s*$/.test(prevLine)) &&
        !/[.!?]["'”’)]?\s*$/.test(prevLine) &&
        // A heading ("S:", "Plan —") owns the line; its text starts a new block.
        !/[:—–]\s*$/.test(prevLine);
      if (continues && current) {
        current.end = lineEnd;
      } else {
        if (current) result.push(current);
        current = { start: pos + (marker ? marker[0].length : 0), end: lineEnd };
      }
      prevLine = line;
    }
    if (nl === -1) break;
    pos = nl + 1;
  }
  if (current) result.push(current);
  return result;
}

function splitBlock(text: string, block: Block, out: SentenceSpan[]): void {
  const closingQuotes = quoteCloses(text, block);
  let sentenceStart = block.start;
  let quoteOpenUntil = -1;
  for (let i = block.start; i < block.end; i++) {
    const ch = text[i]!;
    if (OPEN_QUOTES.has(ch) && i > quoteOpenUntil) {
      const close = closingQuotes.get(i);
      if (close !== undefined) quoteOpenUntil = close;
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    // Swallow a run of terminators and closing quotes/brackets: `?!`, `."`, `.)`.
    let j = i + 1;
    while (j < block.end && (/[.!?]/.test(text[j]!) || CLOSERS.test(text[j]!))) j++;
    if (j < block.end && !/\s/.test(text[j]!)) {
      i = j - 1;
      continue;
    }
    if (i < quoteOpenUntil && j <= quoteOpenUntil) continue;
    // `"I can't." and left`: a quotation ended, the sentence around it goes on.
    if (/["”’]/.test(text.slice(i, j)) && /^\p{Ll}/u.test(nextWord(text, j, block.end))) {
      i = j - 1;
      continue;
    }
    if (ch === '.' && !periodEnds(text, i, j, block.end)) {
      i = j - 1;
      continue;
    }
    push(text, sentenceStart, j, out);
    sentenceStart = j;
    i = j - 1;
  }
  push(text, sentenceStart, block.end, out);
}

function periodEnds(text: string, dot: number, after: number, blockEnd: number): boolean {
  // The word before the period, allowing inner periods ("e.g", "p.m").
  let k = dot - 1;
  while (k >= 0 && /[\p{L}.'’]/u.test(text[k]!)) k--;
  const word = text.slice(k + 1, dot);
  const lower = word.toLowerCase();
  const next = nextWord(text, after, blockEnd);
  // An ellipsis continues when the thought does ("I don't know... maybe").
  if (text.slice(dot, dot + 3) === '...' || text[dot - 1] === '.') return next === '' || /^\p{Lu}/u.test(next);
  if (/^\p{L}$/u.test(word)) return false; // an initial: "A. B. reported"
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word) && !MAYBE_FINAL_ABBREVIATIONS.has(lower)) return false; // "A.B", "U.S"
  if (NEVER_FINAL_ABBREVIATIONS.has(lower)) return false;
  if (MAYBE_FINAL_ABBREVIATIONS.has(lower)) return next === '' || /^\p{Lu}/u.test(next);
  return true;
}

function nextWord(text: string, from: number, end: number): string {
  let i = from;
  while (i < end && /\s/.test(text[i]!)) i++;
  while (i < end && /["'“‘(]/.test(text[i]!)) i++;
  let j = i;
  while (j < end && /[\p{L}\p{N}]/u.test(text[j]!)) j++;
  return text.slice(i, j);
}

/** Opening-quote offset → its closing-quote offset, for quotes that close inside the block. */
function quoteCloses(text: string, block: Block): Map<number, number> {
  const map = new Map<number, number>();
  let open = -1;
  for (let i = block.start; i < block.end; i++) {
    const ch = text[i]!;
    if (open === -1 && OPEN_QUOTES.has(ch)) open = i;
    else if (open !== -1 && CLOSE_QUOTES.has(ch)) {
      map.set(open, i);
      open = -1;
    }
  }
  return map;
}

function push(text: string, start: number, end: number, out: SentenceSpan[]): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  if (e > s) out.push({ start: s, end: e });
}
