/**
 * `notewall draft SESSION.json [--format soap|dap|birp|girp] [--json] [--sources]`: composes
 * a progress note from session details, offline and deterministically. Every sentence names
 * the input fields it came from (`--json` or `--sources`). Exit 0 when a note was drafted,
 * 2 when the file is unreadable or a field is wrong (the message names the field).
 */
import type { Command } from 'commander';
import { composeNote, parseSessionDetails, type ComposedNote } from '../../core/drafting/index.ts';
import { PROGRESS_NOTE_FORMATS, type ProgressNoteFormat } from '../../core/notes/formats.ts';
import { lint } from '../../core/rules/index.ts';
import { readTextInput, UsageError } from '../io.ts';
import type { RegisterCommand } from './index.ts';

interface DraftOptions {
  readonly format: string;
  readonly json?: boolean;
  readonly sources?: boolean;
}

function parseFormat(value: string): ProgressNoteFormat {
  const lower = value.toLowerCase();
  if ((PROGRESS_NOTE_FORMATS as readonly string[]).includes(lower)) return lower as ProgressNoteFormat;
  throw new UsageError(`--format must be one of ${PROGRESS_NOTE_FORMATS.join(', ')}; got "${value}"`);
}

/** Reads and validates a session-details file; every problem names its field. */
export async function readSessionDetails(path: string) {
  const label = path === '-' ? 'standard input' : path;
  const text = await readTextInput(path);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${label} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = parseSessionDetails(json);
  if (!parsed.ok) {
    const lines = parsed.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n');
    throw new UsageError(`${label} has ${parsed.issues.length === 1 ? 'a field' : 'fields'} that ${parsed.issues.length === 1 ? 'is' : 'are'} wrong:\n${lines}`);
  }
  return parsed.details;
}

/** The `--json` shape: exactly the documented fields. */
export function draftJson(note: ComposedNote): unknown {
  return {
    format: note.format,
    text: note.text,
    sections: note.sections.map((s) => ({ name: s.name, sentences: s.sentences.map((x) => ({ text: x.text, sources: x.sources })) })),
  };
}

function withSources(note: ComposedNote): string {
  let out = '';
  for (const section of note.sections) {
    out += `${section.title}\n`;
    if (section.sentences.length === 0) out += '  (empty: nothing was entered for this section)\n';
    for (const s of section.sentences) out += `  ${s.text}\n    ← ${s.sources.join(', ')}\n`;
  }
  return out;
}

export const registerDraft: RegisterCommand = (program: Command) => {
  program
    .command('draft')
    .description('Draft a progress note from session details (JSON); every sentence traces to its input')
    .argument('<session>', 'SESSION.json (see examples/session-details.json); - reads standard input')
    .option('--format <format>', `note format: ${PROGRESS_NOTE_FORMATS.join(', ')}`, 'soap')
    .option('--json', 'print { format, text, sections: [{ name, sentences: [{ text, sources }] }] } and nothing else')
    .option('--sources', 'print each sentence with the input fields it came from')
    .action(async (file: string, opts: DraftOptions) => {
      const format = parseFormat(opts.format);
      const details = await readSessionDetails(file);
      const note = composeNote(details, format);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(draftJson(note), null, 2)}\n`);
        return;
      }
      process.stdout.write(opts.sources ? withSources(note) : note.text);
      // Nothing is invented, so missing input shows up as missing elements: say which.
      const missing = lint(note.text, { kind: 'progress' }).findings.filter((f) => f.severity === 'error');
      if (missing.length > 0) {
        process.stderr.write(`\nBefore signing, the linter reports ${missing.length} error${missing.length === 1 ? '' : 's'}:\n`);
        for (const f of missing) process.stderr.write(`  ${f.message}  ${f.rule}\n`);
      }
    });
};
