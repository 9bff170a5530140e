/**
 * Synthetic notes for component tests and the gallery. Invented initials, dates and text;
 * no real person.
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
