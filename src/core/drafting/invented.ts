/**
 * "Nothing invented" for a model's rephrasing: every fact-bearing token of the result
 * (numbers, times, dates, codes, medication names, risk and measure terms) must already be
 * in the composed draft. A rephrasing may change words, never facts.
 */
import { extractFacts } from '../notes/extract.ts';

export interface InventedItem {
  readonly kind: 'number' | 'code' | 'medication' | 'risk' | 'measure' | 'negation';
  readonly text: string;
}

const NUMBER = /\b\d+(?:[.:/]\d+)*\b/g;
const NEGATIONS = /\b(?:denies|denied|no|not|never|without|negative)\b/gi;

function numbers(text: string): Set<string> {
  return new Set(text.match(NUMBER) ?? []);
}

function factKeys(text: string): Map<string, InventedItem> {
  const f = extractFacts(text);
  const out = new Map<string, InventedItem>();
  const add = (kind: InventedItem['kind'], raw: string): void => {
    out.set(`${kind}:${raw.toLowerCase().replace(/\s+/g, ' ')}`, { kind, text: raw });
  };
  for (const c of f.cptCodes) add('code', c.code);
  for (const c of f.icd10Codes) add('code', c.code);
  for (const m of f.medications) if (m.kind === 'drug' || m.kind === 'class') add('medication', m.name);
  for (const r of f.risk) add('risk', `${r.topic}/${r.polarity}`);
  for (const m of f.measures) add('measure', `${m.instrument}${m.score === undefined ? '' : `=${m.score}`}`);
  return out;
}

/** Fact-bearing items in `rephrased` that `draft` does not contain. */
export function inventedContent(draft: string, rephrased: string): InventedItem[] {
  const out: InventedItem[] = [];
  const draftNumbers = numbers(draft);
  for (const n of numbers(rephrased)) if (!draftNumbers.has(n)) out.push({ kind: 'number', text: n });
  const before = factKeys(draft);
  for (const [key, item] of factKeys(rephrased)) if (!before.has(key)) out.push(item);
  // A new negation can flip a fact ("endorses" → "denies"): count them.
  const negBefore = (draft.match(NEGATIONS) ?? []).length;
  const negAfter = (rephrased.match(NEGATIONS) ?? []).length;
  if (negAfter > negBefore) out.push({ kind: 'negation', text: `${negAfter - negBefore} more negation(s) than the draft` });
  return out;
}
