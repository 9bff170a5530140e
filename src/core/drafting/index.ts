/**
 * Drafting: the composer (session details → progress note with provenance), shorthand
 * expansion, and the splitter (raw notes → progress / psychotherapy). Import from here.
 */
export * from './session-details.ts';
export { SHORTHAND, CPT_CONTEXT, compileShorthand, expandShorthand } from './shorthand.ts';
export type { ShorthandEntry, ShorthandCaseRule, ShorthandReplacement } from './shorthand.ts';
export { segmentSentences, NEVER_FINAL_ABBREVIATIONS, MAYBE_FINAL_ABBREVIATIONS } from './sentences.ts';
export type { SentenceSpan } from './sentences.ts';
export { SPLIT_CUES, PSYCHOTHERAPY_THRESHOLD } from './split-cues.ts';
export type { SplitCue, CueSide } from './split-cues.ts';
export { splitNote, scoreSentence, SPLIT_DESTINATIONS } from './split.ts';
export type { SplitDestination, SplitSegment, SplitResult, SplitOptions } from './split.ts';
export { composeNote } from './compose.ts';
export type { ComposedNote, ComposedSection, ComposedSentence } from './compose.ts';
export { SECTION_MAP, BLOCK_IDS, BLOCK_INPUTS } from './section-map.ts';
export type { BlockId } from './section-map.ts';
export { wordDiff } from './word-diff.ts';
export type { DiffPart } from './word-diff.ts';
export { inventedContent } from './invented.ts';
export type { InventedItem } from './invented.ts';
