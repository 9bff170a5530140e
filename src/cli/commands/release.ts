/**
 * `notewall release check REQUEST.json [--json] [--deadlines hipaa|nprm-2021]`: asks the
 * disclosure gate what may be released for one records request and explains the answer in
 * plain words with citations. Exit 0 on any decision (release or not), 2 on a file that is
 * unreadable or does not describe a request, naming the field at fault.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Command } from 'commander';
import type { RegisterCommand } from './index.ts';
import { UsageError } from '../io.ts';
import {
  AUTHOR_APPROVAL_NOTE,
  Authorization,
  decideDisclosure,
  DEADLINE_POLICIES,
  DEADLINE_POLICY_NAMES,
  DisclosureRequest,
  RECORD_CLASS_LABELS,
  REQUESTER_LABELS,
  type ClassDecision,
  type DeadlinePolicyName,
  type DisclosureDecision,
  type RecordClass,
} from '../../core/disclosure/index.ts';
import { IsoDate } from '../../core/notes/model.ts';

const MAX_REQUEST_BYTES = 1024 * 1024;

/** What a REQUEST.json file holds: the request, the day of the decision, the authorizations. */
export const ReleaseCheckFile = DisclosureRequest.extend({
  /** The day of the disclosure; defaults to today. */
  asOf: IsoDate.optional(),
  authorizations: z.array(Authorization).max(100).default([]),
  /** Free text for people reading the file; the gate ignores it. */
  about: z.string().max(2000).optional(),
});
export type ReleaseCheckFile = z.infer<typeof ReleaseCheckFile>;

interface CheckOptions {
  readonly json?: boolean;
  readonly deadlines: string;
}

export const registerRelease: RegisterCommand = (program: Command) => {
  const release = program.command('release').description('Release of information: ask the disclosure gate what may leave');
  release
    .command('check')
    .description('Decide what may be released for one records request, and why')
    .argument('<request>', 'REQUEST.json: { requester, asOf?, receivedOn?, recipient?, subpoena?, courtOrder?, oversight?, authorizations?: [...] }')
    .option('--json', 'print only the decision as JSON')
    .option('--deadlines <policy>', `response-deadline policy: ${DEADLINE_POLICY_NAMES.join(' or ')} (the 2021 proposal, not final)`, 'hipaa')
    .addHelpText(
      'after',
      '\nExamples:\n  notewall release check examples/release/court-order-naming-psychotherapy-notes.json\n  notewall release check examples/release/client-right-of-access.json --json',
    )
    .action(async (path: string, opts: CheckOptions) => {
      const policy = parsePolicy(opts.deadlines);
      const file = parseRequestFile(await readRequestFile(path), path);
      const { asOf, authorizations, about: _about, ...request } = file;
      const decision = decideDisclosure(request, authorizations, asOf ?? today(), { deadlines: DEADLINE_POLICIES[policy] });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(decision, null, 2)}\n`);
        return;
      }
      process.stdout.write(renderDecision(decision, request.recipient, request.receivedOn));
    });
};

function parsePolicy(name: string): DeadlinePolicyName {
  if ((DEADLINE_POLICY_NAMES as readonly string[]).includes(name)) return name as DeadlinePolicyName;
  throw new UsageError(`--deadlines is "${name}"; use ${DEADLINE_POLICY_NAMES.join(' or ')}`);
}

async function readRequestFile(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory, not a file' : code === 'EACCES' ? 'permission denied' : String(err);
    throw new UsageError(`cannot read ${path}: ${why}`);
  }
  if (bytes.length > MAX_REQUEST_BYTES) throw new UsageError(`${path} is over 1 MB; a request file is a small JSON object`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new UsageError(`${path} is not valid UTF-8 text`);
  }
}

/** Parses and validates the file; every wrong field is named by its path. */
export function parseRequestFile(text: string, label: string): ReleaseCheckFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${label} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = ReleaseCheckFile.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${formatPath(issue.path) || '(the file)'}: ${issue.message}`);
    throw new UsageError(`${label} does not describe a records request:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** `["authorizations", 0, "expiresOn"]` → `authorizations[0].expiresOn`. */
function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out === '' ? String(key) : `${out}.${String(key)}`), '');
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The decision in plain words, with the citation for each part. */
export function renderDecision(d: DisclosureDecision, recipient: string | undefined, receivedOn: string | undefined): string {
  const out: string[] = [];
  const subject = d.asksFor === 'accounting-of-disclosures' ? 'accounting-of-disclosures request' : 'records request';
  out.push(`Release check: ${subject} from ${REQUESTER_LABELS[d.requester]}`);
  out.push(`  Decision date ${d.asOf}${receivedOn ? `, received ${receivedOn}` : ''}${recipient ? `, recipient: ${recipient}` : ''}`);
  out.push('');
  for (const recordClass of ['progressNotes', 'psychotherapyNotes'] as const satisfies readonly RecordClass[]) {
    out.push(...renderClass(RECORD_CLASS_LABELS[recordClass], d[recordClass]));
    out.push('');
  }
  out.push(d.accountable ? 'Accounting of disclosures: ENTER this disclosure' : 'Accounting of disclosures: no entry needed');
  out.push(`  ${d.accountingReason}`);
  if (d.deadline) {
    out.push('');
    out.push(`Deadline: respond by ${d.deadline.date} (counted from ${d.deadline.from}; ${d.deadline.rule}).`);
    if (d.deadline.extension) {
      out.push(`  Extension: to ${d.deadline.extension.date}, only if a written notice is sent by ${d.deadline.extension.noticeBy} (${d.deadline.extension.rule}).`);
    }
  }
  if (d.problems.length > 0) {
    out.push('');
    out.push(`Problems to fix (${d.problems.length}):`);
    for (const p of d.problems) {
      const where = [p.authorizationId, p.element].filter((x) => x !== undefined).join(' · ');
      out.push(`  - ${where ? `[${where}] ` : ''}${p.message}`);
    }
  }
  return `${out.join('\n')}\n`;
}

function renderClass(label: string, c: ClassDecision): string[] {
  const lines = [`${label}: ${c.release ? 'RELEASE' : 'DO NOT RELEASE'}`, `  Why: ${c.explanation}`, `  Basis: ${c.basis}`];
  if (c.release) lines.push(`  Minimum necessary: ${c.minimumNecessary ? 'applies — send only what the purpose needs' : 'does not apply'}`);
  if (c.requiresAuthorApproval) lines.push(`  Author approval: required. ${AUTHOR_APPROVAL_NOTE}`);
  for (const caveat of c.caveats) if (caveat !== AUTHOR_APPROVAL_NOTE) lines.push(`  Note: ${caveat}`);
  return lines;
}
