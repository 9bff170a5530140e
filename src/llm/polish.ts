/**
 * Optional language-model polish of a composed progress note. The model only rephrases the
 * composed draft; it never sees psychotherapy notes (the input type has no place for them,
 * and the disclosure gate must allow the prompt), its result is re-linted, checked for
 * invented facts and shown as a diff. Whatever the model does, the clinician keeps the
 * composed draft: every failure returns it unchanged.
 */
import type { DisclosureDecision } from '../core/disclosure/index.ts';
import { inventedContent, wordDiff, type ComposedNote, type DiffPart, type InventedItem } from '../core/drafting/index.ts';
import { lint, type Finding } from '../core/rules/index.ts';
import { chatComplete, type ChatMessage, type LanguageModelConfig } from './chat-client.ts';

export const POLISH_SYSTEM_PROMPT = [
  'You edit clinical progress notes for readability.',
  'Rephrase the note you are given into clear, professional clinical prose.',
  'Keep every fact exactly: dates, times, codes, numbers, names of medications and measures, and every negation.',
  'Do not add any fact, finding, risk statement, diagnosis or recommendation that is not in the note.',
  'Keep the section headings and their order. Reply with the rewritten note only.',
].join(' ');

export type PolishOutcome =
  | {
      readonly status: 'rephrased';
      readonly text: string;
      readonly model: string;
      readonly diff: readonly DiffPart[];
      readonly findings: readonly Finding[];
      /** Facts in the rephrasing that the draft does not contain: the clinician must not accept it as is. */
      readonly invented: readonly InventedItem[];
      readonly draftText: string;
    }
  | { readonly status: 'refused'; readonly reason: string; readonly draftText: string }
  | { readonly status: 'failed'; readonly error: string; readonly detail: string; readonly draftText: string };

/**
 * Asks the model to rephrase `draft`. `decision` is the gate's answer for a `language-model`
 * request about this client; without a release of progress notes nothing is sent.
 */
export async function polishDraft(config: LanguageModelConfig, draft: ComposedNote, decision: DisclosureDecision): Promise<PolishOutcome> {
  // ARCHITECTURE.md invariant 3: the prompt leaves only when the one gate allows it.
  if (!decision.progressNotes.release) return { status: 'refused', reason: decision.progressNotes.explanation, draftText: draft.text };
  const messages: ChatMessage[] = [
    { role: 'system', content: POLISH_SYSTEM_PROMPT },
    { role: 'user', content: draft.text },
  ];
  const result = await chatComplete(config, messages);
  if (!result.ok) return { status: 'failed', error: result.error, detail: result.detail, draftText: draft.text };
  return {
    status: 'rephrased',
    text: result.text,
    model: result.model,
    diff: wordDiff(draft.text, result.text),
    findings: lint(result.text, { kind: 'progress' }).findings,
    invented: inventedContent(draft.text, result.text),
    draftText: draft.text,
  };
}
