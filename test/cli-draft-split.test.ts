/**
 * `notewall draft` and `notewall split`, run as a user runs them: `node bin/notewall.js …`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'notewall-draft-'));

function run(args: readonly string[], input?: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/notewall.js', ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

interface DraftJson {
  format: string;
  text: string;
  sections: Array<{ name: string; sentences: Array<{ text: string; sources: string[] }> }>;
}

describe('notewall draft', () => {
  it('drafts the example as SOAP by default, and the linter finds nothing to fix', () => {
    const r = run(['draft', 'examples/session-details.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Progress note \(SOAP\)\nDate of service: 2026-03-14\n/);
    expect(r.stdout).toContain('\nSubjective:\n');
    expect(r.stderr).toBe('');
    const lint = run(['lint', '-'], r.stdout);
    expect(lint.code).toBe(0);
  });

  it.each(['soap', 'dap', 'birp', 'girp'])('--format %s --json prints exactly format, text and sections with sources', (format) => {
    const r = run(['draft', 'examples/session-details.json', '--format', format, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as DraftJson;
    expect(Object.keys(out).sort()).toEqual(['format', 'sections', 'text']);
    expect(out.format).toBe(format);
    expect(out.sections[0]!.name).toBe('session');
    for (const s of out.sections) {
      expect(Object.keys(s).sort()).toEqual(['name', 'sentences']);
      for (const sentence of s.sentences) {
        expect(Object.keys(sentence).sort()).toEqual(['sources', 'text']);
        expect(sentence.sources.length).toBeGreaterThan(0);
        expect(out.text).toContain(sentence.text);
      }
    }
    const risk = out.sections.flatMap((s) => s.sentences).find((s) => s.text.includes('denied suicidal ideation'));
    expect(risk?.sources).toEqual(['risk.suicidalIdeation', 'risk.homicidalIdeation', 'risk.selfHarm']);
  });

  it('reads standard input and reports missing elements on stderr without inventing them', () => {
    const r = run(['draft', '-', '--format', 'birp'], JSON.stringify({ logistics: { date: '2026-03-14', durationMinutes: 45, cptCodes: ['90834'] } }));
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/suicid|denied/i);
    expect(r.stderr).toContain('risk assessment');
    expect(r.stderr).toContain('progress-note/required-element');
  });

  it('--sources prints each sentence with its input fields', () => {
    const r = run(['draft', 'examples/session-details-minimal.json', '--sources']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('← risk.suicidalIdeation, risk.homicidalIdeation');
    expect(r.stdout).toContain('(empty: nothing was entered for this section)');
  });

  it.each<[string, string, RegExp]>([
    ['a wrong field', JSON.stringify({ logistics: { date: '2026-03-14', start: '25:00' } }), /logistics\.start: must be a time as HH:MM/],
    ['a misspelt field', JSON.stringify({ logistics: { date: '2026-03-14' }, risk: { sucidalIdeation: 'denied' } }), /risk\.sucidalIdeation/],
    ['a bad measure item', JSON.stringify({ logistics: { date: '2026-03-14' }, measures: [{ instrument: 'gad7', items: [0, 1, 2, 3, 4, 0, 0] }] }), /measures\[0\]\.items\[4\]: item 5 is 4/],
    ['a missing date', JSON.stringify({ logistics: {} }), /logistics\.date/],
    ['broken JSON', '{"logistics": ', /is not valid JSON/],
  ])('exits 2 naming the problem: %s', (_name, content, message) => {
    const r = run(['draft', file('bad.json', content)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('exits 2 on a missing file, a binary file and an unknown format', () => {
    expect(run(['draft', join(tmp, 'nope.json')]).stderr).toContain('no such file');
    expect(run(['draft', join(tmp, 'nope.json')]).code).toBe(2);
    expect(run(['draft', file('bin.json', new Uint8Array([0x7b, 0, 0x7d]))]).code).toBe(2);
    const r = run(['draft', 'examples/session-details.json', '--format', 'narrative']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format must be one of soap, dap, birp, girp');
  });
});

describe('notewall split', () => {
  const RAW = 'Pt calm, affect bright, denies SI/HI.\nI felt pulled to rescue her again today.\nShe takes sertraline 50 mg daily.\n- I wonder if the jokes protect her from grief';

  it('--json prints exactly the documented fields, with offsets into the input', () => {
    const r = run(['split', file('raw.txt', RAW), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { segments: Array<{ text: string; start: number; end: number; destination: string; reasons: string[] }> };
    expect(Object.keys(out)).toEqual(['segments']);
    for (const s of out.segments) {
      expect(Object.keys(s).sort()).toEqual(['destination', 'end', 'reasons', 'start', 'text']);
      expect(RAW.slice(s.start, s.end)).toBe(s.text);
    }
    expect(out.segments.map((s) => s.destination)).toEqual(['progress', 'psychotherapy', 'progress', 'psychotherapy']);
    expect(out.segments[2]!.reasons).toEqual(['psychotherapy-note/no-medication']);
  });

  it('reads - as standard input and prints a readable split', () => {
    const r = run(['split', '-'], RAW);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('psychotherapy  I felt pulled to rescue her again today.');
    expect(r.stdout).toContain('4 sentences: 2 to the progress note, 2 to the psychotherapy note');
  });

  it('exits 2 on empty input', () => {
    const r = run(['split', '-'], '   \n');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('contains only white space');
  });
});
