/**
 * `notewall lint FILE [--kind progress|psychotherapy] [--json]`: lints a note the way the
 * editor does, with the full ICD-10-CM list. Exit 1 on any error-level finding.
 */
import type { Command } from 'commander';
import type { NoteKind } from '../../core/notes/model.ts';
import { NOTE_KINDS } from '../../core/notes/model.ts';
import { hasErrors, lint, type Finding } from '../../core/rules/index.ts';
import { loadFullIcd10Lookup } from '../../reference/icd10-full.ts';
import { readTextInput, UsageError } from '../io.ts';
import type { RegisterCommand } from './index.ts';

/** 1-based line and column of a UTF-16 offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStartAt = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStartAt = i + 1;
  }
  return { line, column: offset - lineStartAt + 1 };
}

function parseKind(value: string | undefined): NoteKind | undefined {
  if (value === undefined) return undefined;
  if ((NOTE_KINDS as readonly string[]).includes(value)) return value as NoteKind;
  throw new UsageError(`--kind must be one of ${NOTE_KINDS.join(', ')}; got "${value}"`);
}

function formatHuman(label: string, text: string, findings: readonly Finding[]): string {
  if (findings.length === 0) return `${label}: no problems found\n`;
  const rows = findings.map((f) => {
    const { line, column } = lineColumn(text, f.start);
    return { pos: `${line}:${column}`, f };
  });
  const posWidth = Math.max(...rows.map((r) => r.pos.length));
  let out = `${label}\n`;
  for (const { pos, f } of rows) {
    out += `  ${pos.padEnd(posWidth)}  ${f.severity.padEnd(7)}  ${f.message}  ${f.rule}\n`;
    out += `  ${' '.repeat(posWidth)}  ${' '.repeat(7)}  fix: ${f.fix}\n`;
    out += `  ${' '.repeat(posWidth)}  ${' '.repeat(7)}  rule: ${f.citation}\n`;
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  out += `\n✖ ${findings.length} problem${findings.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})\n`;
  return out;
}

export const registerLint: RegisterCommand = (program: Command, setExit) => {
  program
    .command('lint')
    .description('Check a progress note or psychotherapy note against the documentation rules (FILE may be - for stdin)')
    .argument('<file>', 'note file, plain text or Markdown; - reads standard input')
    .option('--kind <kind>', 'progress or psychotherapy (default: the front matter\'s kind, else progress)')
    .option('--json', 'print { kind, findings } as JSON and nothing else')
    .action(async (file: string, opts: { kind?: string; json?: boolean }) => {
      const explicitKind = parseKind(opts.kind);
      const text = await readTextInput(file);
      const probe = explicitKind ?? lint(text, { kind: 'psychotherapy' }).facts.frontMatter?.kind ?? 'progress';
      const result = lint(text, { kind: probe, icd10: loadFullIcd10Lookup() });
      if (opts.json) {
        const findings = result.findings.map((f) => ({ ...f, ...lineColumn(text, f.start) }));
        process.stdout.write(`${JSON.stringify({ kind: result.kind, findings }, null, 2)}\n`);
      } else {
        process.stdout.write(formatHuman(`${file === '-' ? '<stdin>' : file} (${result.kind} note)`, text, result.findings));
      }
      if (hasErrors(result.findings)) setExit(1);
    });
};
