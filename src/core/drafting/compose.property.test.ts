/**
 * Property tests for the composer against the real compliance linter:
 * - complete session details always give a progress note with zero error-level findings;
 * - incomplete details give exactly the `progress-note/required-element` findings for what
 *   is missing, and no sentence cites a field that was not entered.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROGRESS_NOTE_FORMATS, type ProgressNoteFormat } from '../notes/formats.ts';
import { lint, scoreMeasure } from './deps.ts';
import { composeNote, type ComposedNote } from './compose.ts';
import { parseSessionDetails, type SessionDetails } from './session-details.ts';

// ── Generators (synthetic data only) ──────────────────────────────────────────────────

/** Modality, a CPT code and a minute range the code may be billed for (hipaa-facts §9). */
const SERVICES = [
  { type: 'individual', code: '90832', min: 16, max: 37 },
  { type: 'individual', code: '90834', min: 38, max: 52 },
  { type: 'individual', code: '90837', min: 53, max: 90 },
  { type: 'family', code: '90847', min: 26, max: 80 },
  { type: 'couples', code: '90847', min: 26, max: 80 },
  { type: 'group', code: '90853', min: 45, max: 120 },
] as const;

const DIAGNOSES = [
  { code: 'F41.1', description: 'Generalized anxiety disorder' },
  { code: 'F33.1', description: 'Major depressive disorder, recurrent, moderate' },
  { code: 'F43.10', description: 'Post-traumatic stress disorder, unspecified' },
  { code: 'F43.23', description: 'Adjustment disorder with mixed anxiety and depressed mood' },
  { code: 'F42.2' },
] as const;

// Free text that names no intervention, modality, risk, time or measure, so that removing a
// structured field really removes the element.
const NEUTRAL = [
  'pt discussed upcoming move to a new apt',
  'talked abt conflict w/ roommate over chores',
  'reports a calmer wk at work',
  'states she visited her sister on the wknd',
  'pt brought a list of questions',
  'spoke abt starting a new class in the fall',
];
const MSE_VALUES = ['WNL', 'casually dressed', 'euthymic', 'constricted', 'linear', 'fair', 'no AVH', 'A&Ox4'];
const INTERVENTIONS = ['cognitive restructuring', 'psychoeducation on sleep hygiene', 'paced breathing', 'grounding skills', 'problem solving'];

const pad = (n: number): string => String(n).padStart(2, '0');
const isoDate = fc
  .record({ y: fc.integer({ min: 2024, max: 2027 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}`);

const observations = fc.record(
  {
    appearance: fc.constantFrom(...MSE_VALUES),
    mood: fc.constantFrom('"ok"', 'anxious', 'low'),
    affect: fc.constantFrom(...MSE_VALUES),
    thoughtProcess: fc.constantFrom(...MSE_VALUES),
    insight: fc.constantFrom('fair', 'good'),
    text: fc.constantFrom(...NEUTRAL),
  },
  { requiredKeys: [] },
);

const measure = fc.oneof(
  fc.record({ instrument: fc.constant('phq9' as const), items: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 9, maxLength: 9 }) }),
  fc.record({ instrument: fc.constant('gad7' as const), items: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 7, maxLength: 7 }), baselineTotal: fc.integer({ min: 0, max: 21 }) }),
  fc.record({ instrument: fc.constant('pcl5' as const), items: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 20, maxLength: 20 }) }),
  fc.record({ instrument: fc.constant('phq9' as const), total: fc.integer({ min: 0, max: 27 }), baselineTotal: fc.integer({ min: 0, max: 27 }) }),
);

const risk = fc.record(
  {
    suicidalIdeation: fc.constantFrom('denied', 'passive', 'active-without-plan'),
    homicidalIdeation: fc.constantFrom('denied', 'endorsed'),
    selfHarm: fc.constantFrom('denied', 'history', 'recent'),
    level: fc.constantFrom('low', 'moderate', 'high'),
    safetyPlan: fc.constantFrom('reviewed', 'created', 'updated'),
    protectiveFactors: fc.constant(['supportive family']),
  },
  { requiredKeys: ['level', 'safetyPlan'] },
);

/** Complete details: every element the linter requires has input. */
const completeDetails = fc
  .record({
    date: isoDate,
    service: fc.constantFrom(...SERVICES),
    minutesFrac: fc.double({ min: 0, max: 1, noNaN: true }),
    startHour: fc.integer({ min: 7, max: 18 }),
    startMinute: fc.constantFrom(0, 5, 15, 30, 45),
    timeStyle: fc.constantFrom('start-end', 'duration'),
    place: fc.constantFrom('office', 'telehealth-home', 'telehealth-other', undefined),
    diagnoses: fc.subarray([...DIAGNOSES], { minLength: 1 }),
    report: fc.option(fc.record({ concern: fc.constantFrom('work stress', 'family conflict'), text: fc.constantFrom(...NEUTRAL) }, { requiredKeys: [] }), { nil: undefined }),
    observations: fc.option(observations, { nil: undefined }),
    interventions: fc.subarray(INTERVENTIONS, { minLength: 1 }),
    measures: fc.array(measure, { maxLength: 3 }),
    risk,
    goals: fc.array(fc.record({ goal: fc.constantFrom('reduce worry', 'return to class', 'improve sleep'), progress: fc.constantFrom('improved', 'maintained', 'declined', 'met') }), { maxLength: 2 }),
    assessmentText: fc.constantFrom('sx improving', 'mood stable, engaged', 'anx remains high but pt using skills'),
    planText: fc.constantFrom('continue current plan', 'f/u in 1 wk', 'review progress next session'),
    nextDate: fc.option(isoDate, { nil: undefined }),
  })
  .map((g): Record<string, unknown> => {
    const minutes = g.service.min + Math.floor(g.minutesFrac * (g.service.max - g.service.min));
    const startMin = g.startHour * 60 + g.startMinute;
    const endMin = startMin + minutes;
    const clock = (m: number): string => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
    return {
      logistics: {
        date: g.date,
        ...(g.timeStyle === 'start-end' ? { start: clock(startMin), end: clock(endMin) } : { durationMinutes: minutes }),
        cptCodes: [g.service.code],
        ...(g.place ? { placeOfService: g.place } : {}),
        ...(g.place?.startsWith('telehealth') ? { telehealthMode: 'video' } : {}),
      },
      modality: { type: g.service.type, participants: [{ role: 'client', label: 'X.Y.' }] },
      diagnoses: g.diagnoses,
      ...(g.report ? { report: g.report } : {}),
      ...(g.observations ? { observations: g.observations } : {}),
      interventions: { list: g.interventions },
      ...(g.measures.length > 0 ? { measures: g.measures } : {}),
      risk: g.risk,
      ...(g.goals.length > 0 ? { goals: g.goals } : {}),
      assessment: { text: g.assessmentText },
      plan: { text: g.planText },
      ...(g.nextDate ? { nextSession: { date: g.nextDate, frequency: 'weekly' } } : {}),
    };
  });

/** What each removable element takes out of the input. */
const REMOVALS = {
  time: (d: Record<string, unknown>) => {
    const l = { ...(d.logistics as Record<string, unknown>) };
    delete l.start;
    delete l.end;
    delete l.durationMinutes;
    return { ...d, logistics: l };
  },
  cpt: (d: Record<string, unknown>) => {
    const l = { ...(d.logistics as Record<string, unknown>) };
    delete l.cptCodes;
    return { ...d, logistics: l };
  },
  modality: (d: Record<string, unknown>) => {
    const l = { ...(d.logistics as Record<string, unknown>) };
    delete l.placeOfService;
    delete l.telehealthMode;
    return without({ ...d, logistics: l }, 'modality');
  },
  diagnosis: (d: Record<string, unknown>) => without(d, 'diagnoses'),
  interventions: (d: Record<string, unknown>) => without(d, 'interventions'),
  risk: (d: Record<string, unknown>) => without(d, 'risk'),
  assessment: (d: Record<string, unknown>) => without(without(without(without(d, 'assessment'), 'goals'), 'risk'), 'measures'),
  plan: (d: Record<string, unknown>) => without(without(d, 'plan'), 'nextSession'),
} as const;
type Removable = keyof typeof REMOVALS;
const REMOVABLE = Object.keys(REMOVALS) as Removable[];

function without(d: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...d };
  delete copy[key];
  return copy;
}

function parse(input: unknown): SessionDetails {
  const result = parseSessionDetails(input);
  if (!result.ok) throw new Error(`generator produced invalid details: ${JSON.stringify(result.issues)}`);
  return result.details;
}

/** Resolves `a.b[0].c` in the raw input. */
function resolvePath(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function isEntered(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** The elements the composed note leaves out, judged from its sections (for assessment and plan) and input. */
function expectedMissing(input: Record<string, unknown>, note: ComposedNote): Set<string> {
  const missing = new Set<string>();
  const l = input.logistics as Record<string, unknown>;
  if (!('start' in l) && !('end' in l) && !('durationMinutes' in l)) missing.add('time');
  if (!('cptCodes' in l)) missing.add('cpt');
  if (!('modality' in input) && !('placeOfService' in l)) missing.add('modality');
  if (!('diagnoses' in input)) missing.add('diagnosis');
  if (!('interventions' in input)) missing.add('interventions');
  if (!('risk' in input)) missing.add('risk');
  const empty = (names: readonly string[]): boolean => note.sections.filter((s) => names.includes(s.name)).every((s) => s.sentences.length === 0);
  if (empty(['assessment', 'response'])) missing.add('assessment');
  if (empty(['plan'])) missing.add('plan');
  return missing;
}

function checkProvenance(input: unknown, note: ComposedNote): void {
  for (const section of note.sections) {
    for (const s of section.sentences) {
      expect(note.text.slice(s.start, s.end)).toBe(s.text);
      expect(s.sources.length).toBeGreaterThan(0);
      for (const source of s.sources) {
        expect(isEntered(resolvePath(input, source)), `${source} cited by "${s.text}" was not entered`).toBe(true);
      }
    }
  }
}

const format = fc.constantFrom<ProgressNoteFormat>(...PROGRESS_NOTE_FORMATS);

describe('composeNote against the linter (property)', () => {
  it('complete details give a note with zero error-level findings, in every format', () => {
    fc.assert(
      fc.property(completeDetails, format, (input, fmt) => {
        const note = composeNote(parse(input), fmt);
        const errors = lint(note.text, { kind: 'progress' }).findings.filter((f) => f.severity === 'error');
        expect(errors.map((e) => `${e.rule}: ${e.message}`), note.text).toEqual([]);
        checkProvenance(input, note);
      }),
      { numRuns: 150 },
    );
  });

  it('incomplete details: each missing element is flagged, nothing else is, and no source points at an absent field', () => {
    fc.assert(
      fc.property(completeDetails, fc.subarray(REMOVABLE, { minLength: 1 }), format, (complete, removed, fmt) => {
        const input = removed.reduce((d, r) => REMOVALS[r](d), complete);
        const note = composeNote(parse(input), fmt);
        const findings = lint(note.text, { kind: 'progress' }).findings;
        const flagged = new Set(findings.filter((f) => f.rule === 'progress-note/required-element').map((f) => String(f.data?.element)));
        const missing = expectedMissing(input, note);
        for (const r of removed) if (r !== 'assessment' && r !== 'plan') expect(missing.has(r)).toBe(true);
        expect([...flagged].sort(), note.text).toEqual([...missing].sort());
        checkProvenance(input, note);
        if (!('risk' in input)) {
          expect(note.sections.flatMap((s) => s.sentences).some((s) => s.sources.some((p) => p.startsWith('risk')))).toBe(false);
          expect(note.text).not.toMatch(/suicid|homicid|self-harm|safety plan/i);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('measure totals and bands in the note are the ones core scoring gives', () => {
    fc.assert(
      fc.property(completeDetails, format, (input, fmt) => {
        const details = parse(input);
        const note = composeNote(details, fmt);
        for (const m of details.measures ?? []) {
          if (m.items === undefined) continue;
          const r = scoreMeasure(m.instrument, m.items);
          const name = { phq9: 'PHQ-9', gad7: 'GAD-7', pcl5: 'PCL-5' }[m.instrument];
          expect(note.text.toLowerCase()).toContain(`${name} total score: ${r.total} (${r.band.label})`.toLowerCase());
        }
      }),
      { numRuns: 100 },
    );
  });
});
