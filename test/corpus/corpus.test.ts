/**
 * Checks the corpus itself: well-formed expectations that point at real text, coverage
 * the linter evaluation relies on, and ICD-10-CM codes in the notes that agree with the
 * FY2026 code list (a billable code must not be expected as a finding; a missing or
 * header code must be). Running the linter over the corpus is the linter's own test.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFullIcd10Lookup } from '../../src/reference/icd10-full.ts';
import { CORPUS_DIR, CORPUS_RULE_IDS, REQUIRED_ELEMENTS, loadCorpus, occurrences } from './corpus.ts';

const notes = loadCorpus();

/**
 * Codes are checked against the FY2026 list the project ships (assets/icd10cm, itself
 * verified against ../shared/data/icd10cm by src/reference/icd10-full.test.ts), so this
 * test does not depend on a folder outside the repository.
 */
function loadIcd10(): { get(code: string): boolean | undefined } {
  const lookup = loadFullIcd10Lookup();
  return { get: (code) => lookup.get(code)?.billable };
}

/** A dotted ICD-10-CM-shaped token ("F41.1", "Z62.820"); undotted categories are not checked. */
const ICD_TOKEN = /\b[A-TV-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4}\b/g;

describe('corpus files', () => {
  it('has at least 36 notes, each .txt with its .expected.json and no stray files', () => {
    expect(notes.length).toBeGreaterThanOrEqual(36);
    const files = readdirSync(CORPUS_DIR);
    const stems = new Set(notes.map((n) => n.id));
    const strayJson = files.filter((f) => f.endsWith('.expected.json') && !stems.has(f.slice(0, -'.expected.json'.length)));
    expect(strayJson).toEqual([]);
    const strayTxt = files.filter((f) => f.endsWith('.txt') && !stems.has(f.slice(0, -'.txt'.length)));
    expect(strayTxt).toEqual([]);
    expect(new Set(notes.map((n) => n.id.split('-')[0])).size).toBe(notes.length);
  });

  it.each(notes.map((n) => [n.id, n] as const))('%s: plain LF text ending in a newline', (_id, note) => {
    expect(note.text).not.toContain('\r');
    expect(note.text.endsWith('\n')).toBe(true);
    expect(note.text.trim().length).toBeGreaterThan(0);
  });

  it.each(notes.map((n) => [n.id, n] as const))('%s: each match occurs in the note exactly as often as it is listed', (_id, note) => {
    const listed = new Map<string, number>();
    for (const f of note.expected.findings) {
      if (f.match === undefined) continue;
      const key = `${f.rule}\u0000${f.match}`;
      listed.set(key, (listed.get(key) ?? 0) + 1);
    }
    for (const [key, count] of listed) {
      const match = key.split('\u0000')[1]!;
      expect(occurrences(note.text, match).length, `"${match}"`).toBe(count);
    }
  });

  it.each(notes.map((n) => [n.id, n] as const))('%s: rules fit the note kind, one finding per missing element', (_id, note) => {
    const prefix = note.expected.kind === 'progress' ? 'progress-note/' : 'psychotherapy-note/';
    for (const f of note.expected.findings) expect(f.rule.startsWith(prefix), f.rule).toBe(true);
    const elements = note.expected.findings.flatMap((f) => (f.element ? [f.element] : []));
    expect(new Set(elements).size).toBe(elements.length);
  });

  it.each(notes.map((n) => [n.id, n] as const))('%s: session dates are synthetic 2026 dates', (_id, note) => {
    for (const m of note.text.matchAll(/\b(20\d\d)-\d\d-\d\d\b|\b\d{1,2}\/\d{1,2}\/(20\d\d)\b/g)) {
      expect(m[1] ?? m[2], m[0]).toBe('2026');
    }
  });
});

describe('ICD-10-CM codes in the corpus agree with the FY2026 list', () => {
  const icd = loadIcd10();
  it.each(notes.filter((n) => n.expected.kind === 'progress').map((n) => [n.id, n] as const))('%s', (_id, note) => {
    const flagged = new Set(note.expected.findings.filter((f) => f.rule === 'progress-note/diagnosis-code').map((f) => f.match));
    for (const [token] of note.text.matchAll(ICD_TOKEN)) {
      const valid = icd.get(token) === true;
      expect(valid ? !flagged.has(token) : flagged.has(token), `${token}: billable=${String(icd.get(token))}, expected finding=${String(flagged.has(token))}`).toBe(true);
    }
    for (const code of flagged) expect(icd.get(code ?? '') !== true, `${String(code)} is a billable code`).toBe(true);
  });
});

describe('corpus coverage', () => {
  const all = notes.flatMap((n) => n.expected.findings);

  it('has at least 3 true positives for every rule', () => {
    for (const rule of CORPUS_RULE_IDS) {
      expect(all.filter((f) => f.rule === rule).length, rule).toBeGreaterThanOrEqual(3);
    }
  });

  it('misses each required element in at least one progress note', () => {
    const missing = new Set(all.flatMap((f) => (f.element ? [f.element] : [])));
    expect(REQUIRED_ELEMENTS.filter((e) => !missing.has(e))).toEqual([]);
  });

  it('has at least 6 clean progress notes and 4 clean psychotherapy notes', () => {
    const clean = notes.filter((n) => n.expected.findings.length === 0);
    expect(clean.filter((n) => n.expected.kind === 'progress').length).toBeGreaterThanOrEqual(6);
    expect(clean.filter((n) => n.expected.kind === 'psychotherapy').length).toBeGreaterThanOrEqual(4);
  });

  it('has notes with YAML front matter, and long notes', () => {
    expect(notes.filter((n) => n.text.startsWith('---\n')).length).toBeGreaterThanOrEqual(2);
    const words = (t: string): number => t.split(/\s+/).filter(Boolean).length;
    expect(notes.filter((n) => words(n.text) >= 500).length).toBeGreaterThanOrEqual(3);
  });

  it('covers the four formats and the four session types', () => {
    const progress = notes.filter((n) => n.expected.kind === 'progress').map((n) => n.text);
    const has = (re: RegExp): number => progress.filter((t) => re.test(t)).length;
    // Format by its distinctive first section heading, in any of the styles used.
    expect(has(/^(\*\*|#+ )?(S|Subjective|SUBJECTIVE)\b/m), 'SOAP').toBeGreaterThanOrEqual(3);
    expect(has(/^(\*\*|#+ )?(D|Data|DATA)\b/m), 'DAP').toBeGreaterThanOrEqual(3);
    expect(has(/^(\*\*|#+ )?(B|Behavior|BEHAVIOR|Behaviour)\b/m), 'BIRP').toBeGreaterThanOrEqual(3);
    expect(has(/^(\*\*|#+ )?(G|Goals?|GOALS?)\b/m), 'GIRP').toBeGreaterThanOrEqual(3);
    for (const type of [/\bindividual\b/i, /\bcouples?\b/i, /\bfamily\b/i, /\bgroup\b/i, /\btelehealth\b/i]) {
      expect(has(type), String(type)).toBeGreaterThanOrEqual(2);
    }
  });
});
