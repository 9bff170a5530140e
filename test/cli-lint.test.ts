/**
 * `notewall lint` as a user runs it: the real binary in a child process, real files,
 * stdout/stderr and exit codes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'notewall-lint-'));

function run(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/notewall.js'), ...args], { cwd: ROOT, input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('notewall lint', () => {
  it('prints ESLint-style findings and exits 1 on errors', () => {
    const r = run(['lint', 'examples/notes/progress-soap-with-problems.txt']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^\s+2:48\s+error\s+46 minutes fits 90834 \(38–52 min\), not 90837 \(53\+ min\)\s+progress-note\/cpt-duration-mismatch$/m);
    expect(r.stdout).toContain('progress-note/no-psychotherapy-note-reference');
    expect(r.stdout).toMatch(/✖ 7 problems \(5 errors, 2 warnings\)/);
  });

  it('exits 0 on a clean note', () => {
    const r = run(['lint', 'examples/notes/progress-soap-clean.txt']);
    expect(r.stdout).toContain('no problems found');
    expect(r.code).toBe(0);
  });

  it('--json prints only { kind, findings } with line and column', () => {
    const r = run(['lint', 'examples/notes/psychotherapy-note.txt', '--kind', 'psychotherapy', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { kind: string; findings: Array<{ rule: string; line: number; column: number; start: number; end: number; citation: string }> };
    expect(out.kind).toBe('psychotherapy');
    expect(out.findings.map((f) => f.rule)).toContain('psychotherapy-note/no-medication');
    const med = out.findings.find((f) => f.rule === 'psychotherapy-note/no-medication')!;
    expect([med.line, med.column]).toEqual([4, 32]);
    expect(med.citation).toContain('45 CFR 164.501');
  });

  it('reads standard input with -', () => {
    const r = run(['lint', '-', '--kind', 'psychotherapy', '--json'], 'She takes Zoloft 50 mg.\n');
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { findings: unknown[] }).findings).toHaveLength(1);
  });

  it('takes the kind from front matter when --kind is absent', () => {
    const p = file('fm.txt', '---\nkind: psychotherapy\n---\nShe sat by the door and said nothing about her father.\n');
    const r = run(['lint', p, '--json']);
    expect(JSON.parse(r.stdout)).toEqual({ kind: 'psychotherapy', findings: [] });
    expect(r.code).toBe(0);
  });

  it.each([
    ['a missing file', () => join(dir, 'nope.txt'), /no such file/],
    ['an empty file', () => file('empty.txt', ''), /is empty/],
    ['a white-space file', () => file('blank.txt', '  \n\n'), /only white space/],
    ['a binary file', () => file('bin.dat', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])), /looks binary/],
    ['a non-UTF-8 file', () => file('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])), /not valid UTF-8/],
    ['a file over 1 MB', () => file('big.txt', 'a'.repeat(1024 * 1024 + 1)), /limit is 1 MB/],
    ['a directory', () => dir, /directory/],
  ])('%s exits 2 with a clear message', (_label, make, message) => {
    const r = run(['lint', make()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('a bad --kind exits 2 naming the allowed values', () => {
    const r = run(['lint', 'examples/notes/progress-soap-clean.txt', '--kind', 'soap']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--kind must be one of progress, psychotherapy');
  });

  it('bare `notewall` prints the commands and exits 0', () => {
    const r = run([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('lint');
    expect(r.stdout).toContain('score');
  });
});
