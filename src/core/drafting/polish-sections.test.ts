import { describe, expect, it } from 'vitest';
import { parsePolishedSections, polishPromptText } from './polish-sections.ts';

const sections = { subjective: 'Client reports better sleep.', objective: '', assessment: 'Improving.', plan: 'Continue weekly.' };

describe('polishPromptText', () => {
  it('sends the filled sections under their headings, in format order, and leaves empty ones out', () => {
    expect(polishPromptText('soap', sections)).toBe('Subjective:\nClient reports better sleep.\n\nAssessment:\nImproving.\n\nPlan:\nContinue weekly.');
    expect(polishPromptText('dap', {})).toBe('');
  });
});

describe('parsePolishedSections', () => {
  it('maps a rephrasing back by heading, tolerating bold and markdown headings', () => {
    const reply = '**Subjective:** The client said sleep is better.\n\n## Assessment:\nThe client is improving.\nPlan: Continue weekly sessions.';
    expect(parsePolishedSections('soap', sections, reply)).toEqual({
      ok: true,
      sections: { subjective: 'The client said sleep is better.', assessment: 'The client is improving.', plan: 'Continue weekly sessions.' },
    });
  });

  it.each([
    ['a lost heading', 'Subjective:\nA.\n\nPlan:\nB.', /Assessment/],
    ['reordered headings', 'Subjective:\nA.\nPlan:\nB.\nAssessment:\nC.', /Plan/],
    ['text before the first heading', 'Sure! Here it is.\nSubjective:\nA.\nAssessment:\nB.\nPlan:\nC.', /before the first heading/],
    ['an emptied section', 'Subjective:\nAssessment:\nB.\nPlan:\nC.', /subjective section empty/],
    ['a section the draft left empty', 'Subjective:\nA.\nObjective: Calm and engaged.\nAssessment:\nB.\nPlan:\nC.', /Objective/],
  ])('refuses %s', (_name, reply, problem) => {
    const out = parsePolishedSections('soap', sections, reply);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.problem).toMatch(problem);
  });

  it('does not mistake a labelled line for the next heading', () => {
    const birp = { behavior: 'Calm.', intervention: 'Interventions: CBT; MI.', response: 'Engaged.', plan: 'Weekly.' };
    const out = parsePolishedSections('birp', birp, polishPromptText('birp', birp));
    expect(out).toEqual({ ok: true, sections: birp });
  });
});
