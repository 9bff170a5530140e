import { describe, expect, it } from 'vitest';
import { FORMATS, PROGRESS_NOTE_FORMATS } from '../notes/formats.ts';
import { lint } from './deps.ts';
import { composeNote } from './compose.ts';
import { SECTION_MAP, BLOCK_IDS } from './section-map.ts';
import { parseSessionDetails, type SessionDetails } from './session-details.ts';

function details(input: unknown): SessionDetails {
  const r = parseSessionDetails(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.details;
}

const COMPLETE = details({
  logistics: { date: '2026-03-14', start: '10:00', end: '10:50', cptCodes: ['90834'], placeOfService: 'telehealth-home', telehealthMode: 'video' },
  modality: { type: 'individual', participants: [{ role: 'client', label: 'J.R.' }] },
  diagnoses: [{ code: 'F41.1', description: 'Generalized anxiety disorder' }],
  report: { concern: 'work stress', text: 'pt c/o poor sleep x2 wks' },
  observations: { mood: 'anxious', affect: 'congruent', perception: 'no AVH' },
  interventions: { list: ['cognitive restructuring', 'psychoeducation on sleep hygiene'] },
  measures: [{ instrument: 'gad7', items: [2, 2, 1, 2, 1, 2, 1], baselineTotal: 15 }],
  risk: { suicidalIdeation: 'denied', homicidalIdeation: 'denied', level: 'low', safetyPlan: 'reviewed' },
  medications: { list: [{ name: 'sertraline', dose: '50 mg daily', adherence: 'as-prescribed' }] },
  goals: [{ goal: 'sleep 7 hrs', progress: 'improved' }],
  assessment: { text: 'anx sx improving', prognosis: 'good' },
  plan: { text: 'continue current plan', homework: 'sleep diary' },
  nextSession: { date: '2026-03-21', frequency: 'weekly' },
});

describe('composeNote', () => {
  it.each(PROGRESS_NOTE_FORMATS)('%s: sections in the format order, a clean lint, spans that index the text', (format) => {
    const note = composeNote(COMPLETE, format);
    expect(note.format).toBe(format);
    expect(note.sections.map((s) => s.name)).toEqual(['session', ...FORMATS[format].sections.map((s) => s.name)]);
    const errors = lint(note.text, { kind: 'progress' }).findings.filter((f) => f.severity === 'error');
    expect(errors).toEqual([]);
    for (const s of note.sections.flatMap((x) => x.sentences)) expect(note.text.slice(s.start, s.end)).toBe(s.text);
  });

  it('writes the logistics header the linter reads', () => {
    const { text } = composeNote(COMPLETE, 'soap');
    expect(text).toContain('Date of service: 2026-03-14\n');
    expect(text).toContain('Time: 10:00–10:50 (50 minutes)\n');
    expect(text).toContain('CPT: 90834\n');
    expect(text).toContain('Modality: Individual psychotherapy, telehealth (video), client at home\n');
    expect(text).toContain('Diagnosis: F41.1 Generalized anxiety disorder\n');
  });

  it('gives every sentence its sources', () => {
    const note = composeNote(COMPLETE, 'soap');
    const find = (needle: string) => note.sections.flatMap((s) => s.sentences).find((s) => s.text.includes(needle));
    expect(find('denied suicidal ideation and homicidal ideation')?.sources).toEqual(['risk.suicidalIdeation', 'risk.homicidalIdeation']);
    expect(find('safety plan was reviewed')?.sources).toEqual(['risk.safetyPlan']);
    expect(find('GAD-7 total score: 11 (moderate)')?.sources).toEqual(['measures[0].items']);
    expect(find('baseline total of 15')?.sources).toEqual(['measures[0].items', 'measures[0].baselineTotal']);
    expect(find('Client complains of poor sleep x2 weeks')?.sources).toEqual(['report.text']);
    expect(find('sertraline 50 mg daily')?.sources).toEqual(['medications.list[0].name', 'medications.list[0].dose', 'medications.list[0].adherence']);
    expect(find('Time: 10:00')?.sources).toEqual(['logistics.start', 'logistics.end']);
  });

  it('places each block in the mapped section', () => {
    const soap = composeNote(COMPLETE, 'soap');
    const section = (name: string) => soap.sections.find((s) => s.name === name)!.sentences.map((s) => s.text).join(' ');
    expect(section('subjective')).toContain('Presenting concern: work stress.');
    expect(section('objective')).toContain('Interventions: Cognitive restructuring; psychoeducation on sleep hygiene.');
    expect(section('assessment')).toContain('Risk: Client denied');
    expect(section('plan')).toContain('Homework: sleep diary.');
    const girp = composeNote(COMPLETE, 'girp');
    expect(girp.sections.find((s) => s.name === 'goals')!.sentences.map((s) => s.text)).toEqual(['Goal addressed: sleep 7 hours.']);
  });

  it('uses each block at most once per format, and every block somewhere', () => {
    for (const format of PROGRESS_NOTE_FORMATS) {
      const used = Object.values(SECTION_MAP[format]).flat();
      expect(new Set(used).size).toBe(used.length);
    }
    const everywhere = new Set(PROGRESS_NOTE_FORMATS.flatMap((f) => Object.values(SECTION_MAP[f]).flat()));
    expect([...everywhere].sort()).toEqual([...BLOCK_IDS].sort());
  });

  it('invents nothing: without risk input there is no risk sentence, and the linter flags risk', () => {
    const input = { ...COMPLETE };
    delete input.risk;
    const note = composeNote(input, 'soap');
    expect(note.text).not.toMatch(/suicid|homicid|denie|safety plan/i);
    const flagged = lint(note.text, { kind: 'progress' }).findings.filter((f) => f.rule === 'progress-note/required-element');
    expect(flagged.map((f) => f.data?.element)).toEqual(['risk']);
  });

  it('states only the risk fields entered', () => {
    const note = composeNote(details({ logistics: { date: '2026-03-14' }, risk: { homicidalIdeation: 'denied' } }), 'dap');
    const risk = note.sections.flatMap((s) => s.sentences).filter((s) => s.sources.some((p) => p.startsWith('risk.')));
    expect(risk.map((s) => s.text)).toEqual(['Risk: Client denied homicidal ideation.']);
  });

  it('leaves a section with no input empty, and the linter reports it', () => {
    const note = composeNote(details({ logistics: { date: '2026-03-14' } }), 'birp');
    expect(note.sections.filter((s) => s.name !== 'session').every((s) => s.sentences.length === 0)).toBe(true);
    const elements = lint(note.text, { kind: 'progress' })
      .findings.filter((f) => f.rule === 'progress-note/required-element')
      .map((f) => f.data?.element);
    expect(elements).toEqual(expect.arrayContaining(['time', 'cpt', 'modality', 'diagnosis', 'interventions', 'risk', 'assessment', 'plan']));
    expect(elements).not.toContain('date');
  });

  it('takes measure bands and change from core scoring, never from text', () => {
    const note = composeNote(
      details({
        logistics: { date: '2026-03-14' },
        measures: [
          { instrument: 'phq9', items: [3, 3, 3, 2, 2, 2, 2, 2, 1], baselineTotal: 10 },
          { instrument: 'pcl5', total: 40 },
          { instrument: 'phq9', total: 4, baselineTotal: 16 },
        ],
      }),
      'soap',
    );
    expect(note.text).toContain('PHQ-9 total score: 20 (severe); item 9: 1 (positive).');
    expect(note.text).toContain('This is an increase of 10 points from the baseline total of 10, a clinically significant change (worsening).');
    expect(note.text).toContain('PCL-5 total score: 40 (provisional PTSD).');
    expect(note.text).toContain('The total is in the remission range (below 5).');
  });

  it('describes small change as below the threshold', () => {
    const note = composeNote(details({ logistics: { date: '2026-03-14' }, measures: [{ instrument: 'gad7', total: 9, baselineTotal: 11 }] }), 'dap');
    expect(note.text).toContain('This is a decrease of 2 points from the baseline total of 11, below the 4-point threshold for meaningful change.');
  });

  it('expands shorthand in free text and resolves CPT from context', () => {
    const note = composeNote(
      details({
        logistics: { date: '2026-03-14' },
        interventions: { text: 'CPT session 3 of 12: reviewed stuck points w/ pt' },
        plan: { text: 'f/u 1 wk; bill CPT 90834' },
      }),
      'birp',
    );
    expect(note.text).toContain('Interventions: Cognitive processing therapy (CPT) session 3 of 12: reviewed stuck points with client.');
    expect(note.text).toContain('Follow-up 1 week; bill CPT 90834.');
  });

  it('is deterministic', () => {
    expect(composeNote(COMPLETE, 'dap')).toEqual(composeNote(COMPLETE, 'dap'));
  });
});

describe('parseSessionDetails', () => {
  it('names the wrong field', () => {
    const r = parseSessionDetails({ logistics: { date: '2026-02-30', start: '10:00', end: '09:00' }, measures: [{ instrument: 'phq9', items: [0, 0, 0, 0, 9, 0, 0, 0, 0] }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path)).toEqual(['logistics.date', 'logistics.end', 'measures[0].items[4]']);
    expect(r.issues[2]!.message).toContain('item 5 is 9');
  });

  it('rejects unknown keys by name, so a typo is not silently dropped', () => {
    const r = parseSessionDetails({ logistics: { date: '2026-03-14' }, risk: { suicidal: 'denied' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.path).toBe('risk.suicidal');
  });

  it('needs items or a total for a measure, and a total in range', () => {
    const r = parseSessionDetails({ logistics: { date: '2026-03-14' }, measures: [{ instrument: 'gad7' }, { instrument: 'gad7', total: 30 }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toEqual(['measures[0].items', 'measures[1].total']);
  });

  it('accepts the minimal input: a date', () => {
    expect(parseSessionDetails({ logistics: { date: '2026-03-14' } }).ok).toBe(true);
  });
});
