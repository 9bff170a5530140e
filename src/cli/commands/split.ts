/**
 * `notewall split FILE [--json]`: routes every sentence of raw session notes to the
 * progress note or the psychotherapy note, with the reasons. Sentences carrying a
 * 45 CFR 164.501-excluded item always go to the progress note. FILE may be `-` for stdin.
 */
import type { Command } from 'commander';
import { splitNote, type SplitResult } from '../../core/drafting/index.ts';
import { readTextInput } from '../io.ts';
import type { RegisterCommand } from './index.ts';

/** The `--json` shape: exactly the documented fields. */
export function splitJson(result: SplitResult): unknown {
  return {
    segments: result.segments.map((s) => ({ text: s.text, start: s.start, end: s.end, destination: s.destination, reasons: s.reasons })),
  };
}

function human(result: SplitResult): string {
  let out = '';
  for (const s of result.segments) {
    out += `${s.destination === 'progress' ? 'progress     ' : 'psychotherapy'}  ${s.text.replace(/\s*\n\s*/g, ' ')}\n`;
    out += `               ${s.reasons.join(', ')}\n`;
  }
  const p = result.segments.filter((s) => s.destination === 'progress').length;
  out += `\n${result.segments.length} sentence${result.segments.length === 1 ? '' : 's'}: ${p} to the progress note, ${result.segments.length - p} to the psychotherapy note\n`;
  return out;
}

export const registerSplit: RegisterCommand = (program: Command) => {
  program
    .command('split')
    .description('Split raw session notes into progress-note and psychotherapy-note sentences, with reasons')
    .argument('<file>', 'raw notes, plain text; - reads standard input')
    .option('--json', 'print { segments: [{ text, start, end, destination, reasons }] } and nothing else')
    .action(async (file: string, opts: { json?: boolean }) => {
      const result = splitNote(await readTextInput(file));
      process.stdout.write(opts.json ? `${JSON.stringify(splitJson(result), null, 2)}\n` : human(result));
    });
};
