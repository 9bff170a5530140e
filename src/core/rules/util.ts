/** Helpers shared by rule files. */
import type { Span } from '../notes/facts.ts';

/** The text of a span, on one line and shortened for a message. */
export function quote(text: string, span: Span, max = 60): string {
  const s = text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
  return `"${s.length > max ? `${s.slice(0, max - 1)}…` : s}"`;
}

/** Keeps the first of any spans that overlap, in input order. */
export function withoutOverlaps<T extends Span>(items: readonly T[]): T[] {
  const kept: T[] = [];
  for (const item of items) if (!kept.some((k) => k.start < item.end && item.start < k.end)) kept.push(item);
  return kept;
}

export const PSYCHOTHERAPY_NOTE_DEFINITION = '45 CFR 164.501 (definition of psychotherapy notes)';
