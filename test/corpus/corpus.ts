/**
 * The linter's evaluation corpus: synthetic notes with hand-written expected findings.
 *
 * Each note is `<nn>-<slug>.txt` with a sibling `<nn>-<slug>.expected.json`. The expected
 * list is complete (precision is scored too). See `README.md` in this folder for the
 * format and how to add a note; `score.ts` for how a linter's output is compared.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { REQUIRED_ELEMENTS, RULE_IDS, type RequiredElement, type RuleId } from '../../src/core/rules/types.ts';

/** Every rule id the corpus may expect: the linter's fixed ids, less the front-matter format check. */
export const CORPUS_RULE_IDS = RULE_IDS.filter((id): id is Exclude<RuleId, 'note/front-matter'> => id !== 'note/front-matter');
export type CorpusRuleId = (typeof CORPUS_RULE_IDS)[number];

/** Elements a progress note must document, one `required-element` finding per missing element. */
export { REQUIRED_ELEMENTS, type RequiredElement };

export const ExpectedFinding = z
  .object({
    rule: z.enum(CORPUS_RULE_IDS),
    /** Only for `progress-note/required-element`: which element is missing. */
    element: z.enum(REQUIRED_ELEMENTS).optional(),
    /** An exact substring of the note that the finding's span must overlap. */
    match: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.rule === 'progress-note/required-element') {
      if (f.element === undefined) ctx.addIssue({ code: 'custom', path: ['element'], message: 'required-element needs an element' });
      if (f.match !== undefined) ctx.addIssue({ code: 'custom', path: ['match'], message: 'required-element is about absent text: no match' });
    } else {
      if (f.element !== undefined) ctx.addIssue({ code: 'custom', path: ['element'], message: 'element is only for required-element' });
      if (f.match === undefined) ctx.addIssue({ code: 'custom', path: ['match'], message: 'a finding tied to text needs a match' });
    }
  });
export type ExpectedFinding = z.infer<typeof ExpectedFinding>;

export const ExpectedFile = z
  .object({
    kind: z.enum(['progress', 'psychotherapy']),
    description: z.string().trim().min(1),
    findings: z.array(ExpectedFinding),
  })
  .strict();
export type ExpectedFile = z.infer<typeof ExpectedFile>;

export interface CorpusNote {
  /** File stem, e.g. `01-soap-individual-gad-clean`. */
  readonly id: string;
  readonly textPath: string;
  readonly text: string;
  readonly expected: ExpectedFile;
}

/** This folder. */
export const CORPUS_DIR = dirname(fileURLToPath(import.meta.url));

const NOTE_FILE = /^(\d{2,3}-[a-z0-9-]+)\.txt$/;

/** Reads every note and its expectations; throws on a missing sibling or a schema error. */
export function loadCorpus(dir: string = CORPUS_DIR): CorpusNote[] {
  const notes: CorpusNote[] = [];
  for (const file of readdirSync(dir).sort()) {
    const m = NOTE_FILE.exec(file);
    if (!m) continue;
    const id = m[1]!;
    const textPath = join(dir, file);
    const text = readFileSync(textPath, 'utf8');
    const raw: unknown = JSON.parse(readFileSync(join(dir, `${id}.expected.json`), 'utf8'));
    const parsed = ExpectedFile.safeParse(raw);
    if (!parsed.success) throw new Error(`${id}.expected.json: ${z.prettifyError(parsed.error)}`);
    notes.push({ id, textPath, text, expected: parsed.data });
  }
  return notes;
}

/** Every non-overlapping occurrence of `needle` in `text`, as `[start, end)` UTF-16 offsets. */
export function occurrences(text: string, needle: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  if (needle.length === 0) return out;
  let from = 0;
  for (;;) {
    const i = text.indexOf(needle, from);
    if (i < 0) return out;
    out.push({ start: i, end: i + needle.length });
    from = i + needle.length;
  }
}
