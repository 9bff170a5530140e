import { describe, expect, it } from 'vitest';
import { lint } from '../rules/index.ts';
import { ProgressNoteContent } from './model.ts';
import { fieldAt, renderProgressNote } from './render.ts';

const complete = ProgressNoteContent.parse({
  format: 'soap',
  session: { date: '2026-03-14', start: '10:00', end: '10:50', cptCodes: ['90834'], modality: 'individual', placeOfService: 'telehealth-home' },
  diagnoses: [{ code: 'F41.1', description: 'Generalized anxiety disorder' }],
  interventions: ['cognitive restructuring', 'psychoeducation on sleep'],
  risk: { suicidalIdeation: 'denied', homicidalIdeation: 'denied', selfHarm: 'denied', level: 'low' },
  sections: {
    subjective: 'Client reports worry about work deadlines.',
    objective: 'Affect anxious, speech normal.',
    assessment: 'Worry persists; engaged and receptive.',
    plan: 'Next session in one week; worry log.',
  },
});

describe('renderProgressNote', () => {
  it('renders a complete structured note that the linter passes', () => {
    const { text } = renderProgressNote(complete);
    expect(text).toContain('Date: 2026-03-14 | Start: 10:00 | End: 10:50');
    expect(text).toContain('CPT: 90834 | Modality: Individual psychotherapy, telehealth (client at home)');
    expect(lint(text, { kind: 'progress' }).findings).toEqual([]);
  });

  it('invents nothing: no risk line without risk fields, empty sections stay empty', () => {
    const note = ProgressNoteContent.parse({ ...complete, risk: undefined, sections: { subjective: 'Client reports worry.' } });
    const { text } = renderProgressNote(note);
    expect(text).not.toMatch(/Risk|SI|HI/);
    const elements = lint(text, { kind: 'progress' }).findings.map((f) => f.data?.element);
    expect(elements).toEqual(expect.arrayContaining(['risk', 'assessment', 'plan']));
  });

  it('maps findings back to the field they came from', () => {
    const note = ProgressNoteContent.parse({ ...complete, session: { ...complete.session, cptCodes: ['90837'] } });
    const rendered = renderProgressNote(note);
    const f = lint(rendered.text, { kind: 'progress' }).findings.find((x) => x.rule === 'progress-note/cpt-duration-mismatch')!;
    expect(fieldAt(rendered, f.start, f.end)).toBe('session.cptCodes');
    const withRef = renderProgressNote(ProgressNoteContent.parse({ ...complete, sections: { ...complete.sections, plan: 'See my process notes.' } }));
    const ref = lint(withRef.text, { kind: 'progress' }).findings.find((x) => x.rule === 'progress-note/no-psychotherapy-note-reference')!;
    expect(fieldAt(withRef, ref.start, ref.end)).toBe('sections.plan');
  });

  it('renders every format with its own section titles', () => {
    for (const format of ['dap', 'birp', 'girp'] as const) {
      const { text } = renderProgressNote({ ...complete, format, sections: {} });
      expect(text).toContain('Plan: ');
    }
    expect(renderProgressNote({ ...complete, format: 'birp', sections: {} }).text).toContain('Behavior: ');
  });
});
