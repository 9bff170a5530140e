/**
 * ICD-10-CM lookup and search, over any list of entries: the behavioural subset generated
 * into `icd10-behavioral.data.ts` (browser) or the full list loaded on the server
 * (`src/reference/icd10-full.ts`).
 *
 * Validation has two steps: {@link ICD10_CODE_PATTERN} for shape, then `get` for existence
 * and billability. Non-billable headers (F43.1) are kept so a UI can say "a more specific
 * code is required".
 */
import { ICD10_BEHAVIORAL_ROWS, ICD10_CODE_SET_VERSION } from './icd10-behavioral.data.ts';

/**
 * Shape of an ICD-10-CM code: a letter, two letters or digits, then an optional dot and up
 * to four more. Wider than the usual `[A-TV-Z][0-9]…`: FY2026 has U07.1/U09.9 and the new
 * QA0.x codes (letter in second place), which that regex rejects.
 */
export const ICD10_CODE_PATTERN = /^[A-Z][0-9A-Z][0-9A-Z](?:\.[0-9A-Z]{1,4})?$/;

export interface Icd10Entry {
  /** The code as published, with its dot ("F41.1"). */
  readonly code: string;
  /** Valid for HIPAA transactions; a header (`false`) needs a more specific code. */
  readonly billable: boolean;
  /** The long title. */
  readonly title: string;
}

/** A generated row: `[code, billable, title]`. */
export type Icd10Row = readonly [code: string, billable: boolean, title: string];

export interface Icd10LookupMeta {
  /** Code-set version, e.g. "FY2026" (dates of service 1 Oct 2025 – 30 Sep 2026). */
  readonly version: string;
  readonly scope: 'full' | 'behavioral';
}

export interface Icd10Lookup {
  readonly version: string;
  readonly scope: 'full' | 'behavioral';
  /** Number of entries. */
  readonly size: number;
  /** The entry for a code, written with or without its dot, any case ("f411"). */
  get(code: string): Icd10Entry | undefined;
  /**
   * Entries matching a code prefix ("F41", "f41.1") or words of the title ("gen anx"),
   * best first. The last word may be partial, as while typing. Default limit 20.
   */
  search(query: string, limit?: number): Icd10Entry[];
  /** All entries in the order given. */
  entries(): readonly Icd10Entry[];
}

/** Puts a typed code into published form: upper case, dot after the third character. */
export function normaliseIcd10Code(input: string): string {
  const compact = input.trim().toUpperCase().replace(/\./g, '');
  return compact.length > 3 ? `${compact.slice(0, 3)}.${compact.slice(3)}` : compact;
}

/**
 * Parses tab-separated ICD-10-CM text with a header line naming at least `code`,
 * `billable` (1/0) and a title column (`long`, or `title`). Throws on a malformed line,
 * naming it.
 */
export function parseIcd10Tsv(text: string): Icd10Entry[] {
  const lines = text.split('\n');
  const header = (lines[0] ?? '').replace(/\r$/, '').split('\t');
  const codeCol = header.indexOf('code');
  const billCol = header.indexOf('billable');
  const titleCol = header.includes('long') ? header.indexOf('long') : header.indexOf('title');
  if (codeCol < 0 || billCol < 0 || titleCol < 0) {
    throw new Error(`ICD-10-CM data: the header must name code, billable and long (or title); found "${header.join(', ')}"`);
  }
  const out: Icd10Entry[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\r$/, '');
    if (line === '') continue;
    const cols = line.split('\t');
    const code = cols[codeCol] ?? '';
    const billable = cols[billCol];
    const title = cols[titleCol] ?? '';
    if (!ICD10_CODE_PATTERN.test(code) || (billable !== '0' && billable !== '1') || title === '') {
      throw new Error(`ICD-10-CM data line ${i + 1} is malformed: "${line.slice(0, 120)}"`);
    }
    out.push({ code, billable: billable === '1', title });
  }
  return out;
}

// Words too common to select candidates; they still count toward ranking.
const STOP_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'due', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);
const CODE_QUERY = /^[a-z][0-9a-z]{0,2}(?:\.?[0-9a-z]{0,4})$/i;

function words(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

interface SearchIndex {
  /** Entry indexes sorted by dot-less code. */
  readonly byCode: Int32Array;
  readonly compactCodes: readonly string[];
  /** " word word … " per entry, for whole-word and prefix checks. */
  readonly padded: readonly string[];
  /** Sorted distinct title words and, for each, the entries holding it. */
  readonly tokens: readonly string[];
  readonly postings: readonly Int32Array[];
  /** Stamp per entry, to de-duplicate candidates without allocating a set per query. */
  readonly seen: Uint32Array;
  stamp: number;
}

function buildIndex(entries: readonly Icd10Entry[]): SearchIndex {
  const compactCodes = entries.map((e) => e.code.replace('.', ''));
  const byCode = Int32Array.from(entries.keys()).sort((a, b) => {
    const x = compactCodes[a] ?? '';
    const y = compactCodes[b] ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const padded: string[] = [];
  const lists = new Map<string, number[]>();
  entries.forEach((e, i) => {
    const ws = words(e.title);
    padded.push(` ${ws.join(' ')} `);
    for (const w of new Set(ws)) {
      const list = lists.get(w);
      if (list) list.push(i);
      else lists.set(w, [i]);
    }
  });
  const tokens = [...lists.keys()].sort();
  const postings = tokens.map((t) => Int32Array.from(lists.get(t) ?? []));
  return { byCode, compactCodes, padded, tokens, postings, seen: new Uint32Array(entries.length), stamp: 0 };
}

/** First index in sorted `arr` whose value is ≥ `key`. */
function lowerBound(n: number, at: (i: number) => string, key: string): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at(mid) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Builds a lookup over `entries`. `get` is ready at once; the search index is built on the
 * first search (tens of milliseconds for the behavioural list, a few hundred for the full).
 */
export function createIcd10Lookup(entries: readonly Icd10Entry[], meta: Icd10LookupMeta): Icd10Lookup {
  const byKey = new Map<string, Icd10Entry>();
  for (const e of entries) byKey.set(e.code.replace('.', ''), e);
  let index: SearchIndex | undefined;

  function codeSearch(ix: SearchIndex, query: string, limit: number): number[] {
    const key = query.toUpperCase().replace('.', '');
    const out: number[] = [];
    let i = lowerBound(ix.byCode.length, (k) => ix.compactCodes[ix.byCode[k] ?? 0] ?? '', key);
    for (; i < ix.byCode.length && out.length < limit; i++) {
      const entry = ix.byCode[i] ?? 0;
      if (!(ix.compactCodes[entry] ?? '').startsWith(key)) break;
      out.push(entry);
    }
    return out;
  }

  function wordSearch(ix: SearchIndex, query: string, limit: number, exclude: ReadonlySet<number>): number[] {
    const all = [...new Set(words(query))];
    if (all.length === 0) return [];
    const selective = all.filter((w) => !STOP_WORDS.has(w));
    const required = selective.length > 0 ? selective : all;

    // Candidates come from the query word with the fewest postings.
    let best: { lo: number; hi: number; count: number } | undefined;
    for (const w of required) {
      const lo = lowerBound(ix.tokens.length, (k) => ix.tokens[k] ?? '', w);
      let hi = lo;
      let count = 0;
      while (hi < ix.tokens.length && (ix.tokens[hi] ?? '').startsWith(w)) {
        count += ix.postings[hi]?.length ?? 0;
        hi++;
      }
      if (count === 0) return [];
      if (!best || count < best.count) best = { lo, hi, count };
    }
    if (!best) return [];

    const phrase = ` ${all.join(' ')}`;
    const stamp = ++ix.stamp;
    const top: Array<{ entry: number; score: number; length: number }> = [];
    for (let t = best.lo; t < best.hi; t++) {
      const list = ix.postings[t];
      if (!list) continue;
      for (const entry of list) {
        if (ix.seen[entry] === stamp) continue;
        ix.seen[entry] = stamp;
        if (exclude.has(entry)) continue;
        const text = ix.padded[entry] ?? '';
        let score = 0;
        let ok = true;
        for (const w of required) {
          // A whole word outweighs a prefix even when the prefix starts the title.
          if (text.includes(` ${w} `)) score += 4;
          else if (text.includes(` ${w}`)) score += 1;
          else {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        if (text.trim() === phrase.trim()) score += 10;
        else if (all.length > 1 && text.includes(phrase)) score += 3;
        if (text.startsWith(` ${all[0] ?? ''}`)) score += 2;
        // Notewall serves mental-health practices: chapter F ranks first among equals.
        if (entries[entry]?.code.startsWith('F')) score += 1;
        insertTop(top, { entry, score, length: text.length }, limit);
      }
    }
    return top.map((t) => t.entry);
  }

  return {
    version: meta.version,
    scope: meta.scope,
    size: entries.length,
    get(code: string): Icd10Entry | undefined {
      return byKey.get(code.trim().toUpperCase().replace('.', ''));
    },
    search(query: string, limit = 20): Icd10Entry[] {
      const q = query.trim();
      if (q === '' || limit <= 0) return [];
      index ??= buildIndex(entries);
      const ix = index;
      const hits = CODE_QUERY.test(q) ? codeSearch(ix, q, limit) : [];
      if (hits.length < limit) hits.push(...wordSearch(ix, q, limit - hits.length, new Set(hits)));
      return hits.map((i) => entries[i]).filter((e): e is Icd10Entry => e !== undefined);
    },
    entries(): readonly Icd10Entry[] {
      return entries;
    },
  };
}

/** Keeps `top` sorted best-first (score desc, shorter title, earlier entry) and at most `limit` long. */
function insertTop(top: Array<{ entry: number; score: number; length: number }>, item: { entry: number; score: number; length: number }, limit: number): void {
  const better = (a: typeof item, b: typeof item): boolean =>
    a.score !== b.score ? a.score > b.score : a.length !== b.length ? a.length < b.length : a.entry < b.entry;
  const last = top[top.length - 1];
  if (top.length >= limit && last && !better(item, last)) return;
  let i = top.length;
  while (i > 0) {
    const prev = top[i - 1];
    if (!prev || !better(item, prev)) break;
    i--;
  }
  top.splice(i, 0, item);
  if (top.length > limit) top.pop();
}

let behavioral: Icd10Lookup | undefined;

/**
 * The behavioural-health subset (chapter F and the R, T and Z codes listed in
 * `icd10-scope.ts`), built once on first use. Small enough for the browser.
 */
export function behavioralIcd10Lookup(): Icd10Lookup {
  behavioral ??= createIcd10Lookup(
    ICD10_BEHAVIORAL_ROWS.map(([code, billable, title]) => ({ code, billable, title })),
    { version: ICD10_CODE_SET_VERSION, scope: 'behavioral' },
  );
  return behavioral;
}
