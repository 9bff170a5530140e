/**
 * The four progress-note formats and their sections, as data.
 *
 * Each section lists the words a clinician may use as its heading ("S", "Subj",
 * "Subjective", …). The heading parser in `headings.ts` reads these tables; nothing else
 * hard-codes section names.
 */
import { z } from 'zod';

export const PROGRESS_NOTE_FORMATS = ['soap', 'dap', 'birp', 'girp'] as const;
export const ProgressNoteFormat = z.enum(PROGRESS_NOTE_FORMATS);
export type ProgressNoteFormat = z.infer<typeof ProgressNoteFormat>;

/** Every section name used by any format. */
export const SECTION_NAMES = [
  'subjective',
  'objective',
  'assessment',
  'plan',
  'data',
  'behavior',
  'intervention',
  'response',
  'goals',
] as const;
export const SectionName = z.enum(SECTION_NAMES);
export type SectionName = z.infer<typeof SectionName>;

export interface SectionDefinition {
  readonly name: SectionName;
  readonly title: string;
  /** The single letter used in abbreviated headings ("S:", "D —"). */
  readonly letter: string;
  /** What the section is for, shown as a hint in editors. */
  readonly hint: string;
}

export interface FormatDefinition {
  readonly format: ProgressNoteFormat;
  readonly label: string;
  readonly sections: readonly SectionDefinition[];
}

const subjective: SectionDefinition = {
  name: 'subjective',
  title: 'Subjective',
  letter: 'S',
  hint: "The client's report: concerns, mood in their words, events since last session.",
};
const objective: SectionDefinition = {
  name: 'objective',
  title: 'Objective',
  letter: 'O',
  hint: 'Observations, mental status, measure results, risk screening.',
};
const assessment: SectionDefinition = {
  name: 'assessment',
  title: 'Assessment',
  letter: 'A',
  hint: 'Clinical impression, diagnosis, functional status, progress toward goals, risk.',
};
const plan: SectionDefinition = {
  name: 'plan',
  title: 'Plan',
  letter: 'P',
  hint: 'Next session, homework, referrals, changes to the treatment plan.',
};
const data: SectionDefinition = {
  name: 'data',
  title: 'Data',
  letter: 'D',
  hint: 'What the client said and what you observed, including measure results.',
};
const behavior: SectionDefinition = {
  name: 'behavior',
  title: 'Behavior',
  letter: 'B',
  hint: "The client's presentation and reported behaviour.",
};
const intervention: SectionDefinition = {
  name: 'intervention',
  title: 'Intervention',
  letter: 'I',
  hint: 'What you did: techniques, modality, psychoeducation.',
};
const response: SectionDefinition = {
  name: 'response',
  title: 'Response',
  letter: 'R',
  hint: "The client's response to the interventions and your assessment of it.",
};
const goals: SectionDefinition = {
  name: 'goals',
  title: 'Goals',
  letter: 'G',
  hint: 'The treatment-plan goals addressed in this session.',
};

export const FORMATS: Readonly<Record<ProgressNoteFormat, FormatDefinition>> = {
  soap: { format: 'soap', label: 'SOAP', sections: [subjective, objective, assessment, plan] },
  dap: { format: 'dap', label: 'DAP', sections: [data, assessment, plan] },
  birp: { format: 'birp', label: 'BIRP', sections: [behavior, intervention, response, plan] },
  girp: { format: 'girp', label: 'GIRP', sections: [goals, intervention, response, plan] },
};

/** Heading words for each section, lower-case, longest first when matched. */
export const SECTION_HEADING_WORDS: Readonly<Record<SectionName, readonly string[]>> = {
  subjective: ['subjective', 'subj'],
  objective: ['objective', 'obj', 'mental status exam', 'mental status', 'mse'],
  assessment: ['assessment', 'assess', 'clinical impression', 'impression'],
  plan: ['plan', 'treatment plan', 'next steps'],
  data: ['data'],
  behavior: ['behavior', 'behaviour', 'behavioral observations', 'presentation'],
  intervention: ['interventions', 'intervention', 'interventions used'],
  response: ['response', 'client response', 'response to intervention', 'response to interventions'],
  goals: ['goals', 'goal', 'goals addressed', 'treatment goals'],
};

/** Section letters that mean the same section in every format that has them. */
export const SECTION_LETTERS: Readonly<Record<string, SectionName>> = {
  S: 'subjective',
  O: 'objective',
  A: 'assessment',
  P: 'plan',
  D: 'data',
  B: 'behavior',
  I: 'intervention',
  R: 'response',
  G: 'goals',
};

/** The format whose sections best match the headings found, or undefined. */
export function detectFormat(sections: readonly SectionName[]): ProgressNoteFormat | undefined {
  const present = new Set(sections);
  let best: { format: ProgressNoteFormat; score: number } | undefined;
  for (const def of Object.values(FORMATS)) {
    const hits = def.sections.filter((s) => present.has(s.name)).length;
    // A format needs at least two of its own sections, and the distinctive first one
    // (S, D, B or G) unless every other section is there.
    const distinctive = present.has(def.sections[0]!.name);
    const score = hits + (distinctive ? 0.5 : 0);
    if (hits >= 2 && (distinctive || hits === def.sections.length - 1) && (!best || score > best.score)) {
      best = { format: def.format, score };
    }
  }
  return best?.format;
}
