/**
 * Synthetic notes for the component gallery and the component tests.
 * Invented initials, dates and text; no real person.
 */
import type { ProgressNoteContent } from '../../core/notes/model.ts';

/** A SOAP note the linter passes without errors. */
export function cleanSoapNote(): ProgressNoteContent {
  return {
    format: 'soap',
    session: {
      date: '2026-03-14',
      start: '10:00',
      end: '10:50',
      cptCodes: ['90834'],
      modality: 'individual',
      participants: [{ role: 'client', label: 'J.R.' }],
      placeOfService: 'office',
    },
    diagnoses: [{ code: 'F41.1', description: 'Generalized anxiety disorder' }],
    interventions: ['cognitive restructuring', 'psychoeducation on sleep hygiene'],
    risk: { suicidalIdeation: 'denied', homicidalIdeation: 'denied', selfHarm: 'denied', level: 'low', safetyPlan: 'not-needed' },
    medications: [],
    goals: [],
    sections: {
      subjective: 'Client reports work stress and poor sleep for two weeks.',
      objective: 'Casually dressed, speech normal rate, affect anxious and congruent.',
      assessment: 'Anxiety symptoms improving with CBT; sleep remains disrupted.',
      plan: 'Continue CBT; thought record for two work situations. Next session in one week.',
    },
  };
}

/** The clean note with a clinician-feelings sentence (warning) and a CPT code that does not fit the time (error). */
export function noteWithProblems(): ProgressNoteContent {
  const note = cleanSoapNote();
  return {
    ...note,
    session: { ...note.session, cptCodes: ['90837'] },
    sections: { ...note.sections, subjective: 'Client reports work stress. I felt irritated when she arrived late.' },
  };
}

/** A private note with excluded content in three sentences (synthetic). */
export const SYNTHETIC_PRIVATE_NOTE = [
  'She sat closer to the door again. When I mentioned her father she changed the subject, and I felt a pull to rescue her.',
  'Her psychiatrist increased her sertraline to 150 mg, and she says it makes her "flat".',
  'We have been meeting weekly for CBT since January. PHQ-9 of 18 today.',
  'I wonder whether the lateness is a test of whether I will give up on her.',
].join('\n');

/** Raw notes for the split review (synthetic). */
export const SYNTHETIC_RAW_NOTES = [
  'Client reports sleeping five hours a night and skipping lunch at work.',
  'Her psychiatrist increased her sertraline to 150 mg.',
  'I noticed a strong urge to rescue her, maybe my own history.',
  'Session ran 10:00 to 10:50.',
  'Plan: continue CBT and introduce worry postponement.',
].join('\n');
