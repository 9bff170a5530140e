/**
 * Which input goes into which section of each progress-note format, as data.
 *
 * A "block" is a group of sentences the composer builds from one part of the session
 * details (`blocks.ts`). Each format lists, per section, the blocks it is filled from, in
 * order. A block appears at most once per format, so every input lands in exactly one
 * place. `docs/drafting.md` prints this table.
 */
import type { ProgressNoteFormat, SectionName } from '../notes/formats.ts';

export const BLOCK_IDS = [
  'report',
  'observations',
  'measures',
  'medications',
  'interventions',
  'response',
  'functionalStatus',
  'goalsAddressed',
  'goalProgress',
  'goalsWithProgress',
  'assessment',
  'risk',
  'plan',
  'nextSession',
] as const;
export type BlockId = (typeof BLOCK_IDS)[number];

/** What each block is built from (the top-level input groups), for the docs and the tests. */
export const BLOCK_INPUTS: Readonly<Record<BlockId, readonly string[]>> = {
  report: ['report.concern', 'report.text'],
  observations: ['observations.*'],
  measures: ['measures[].items', 'measures[].total', 'measures[].baselineTotal'],
  medications: ['medications.list', 'medications.text'],
  interventions: ['interventions.list', 'interventions.text'],
  response: ['assessment.response'],
  functionalStatus: ['assessment.functionalStatus'],
  goalsAddressed: ['goals[].goal'],
  goalProgress: ['goals[].progress', 'goals[].note'],
  goalsWithProgress: ['goals[].goal', 'goals[].progress', 'goals[].note'],
  assessment: ['assessment.text', 'assessment.prognosis'],
  risk: ['risk.*'],
  plan: ['plan.text', 'plan.homework', 'plan.referrals'],
  nextSession: ['nextSession.*'],
};

const ASSESSMENT_BLOCKS: readonly BlockId[] = ['assessment', 'response', 'functionalStatus', 'goalsWithProgress', 'risk'];
const PLAN_BLOCKS: readonly BlockId[] = ['plan', 'nextSession'];

/**
 * The section mapping. SOAP keeps the client's words in S and what was observed, measured
 * and done in O; DAP folds both into D; BIRP and GIRP give interventions their own section
 * and put the clinician's assessment, progress and risk under Response.
 */
export const SECTION_MAP: Readonly<Record<ProgressNoteFormat, Readonly<Partial<Record<SectionName, readonly BlockId[]>>>>> = {
  soap: {
    subjective: ['report', 'medications'],
    objective: ['observations', 'measures', 'interventions'],
    assessment: ASSESSMENT_BLOCKS,
    plan: PLAN_BLOCKS,
  },
  dap: {
    data: ['report', 'observations', 'measures', 'medications', 'interventions'],
    assessment: ASSESSMENT_BLOCKS,
    plan: PLAN_BLOCKS,
  },
  birp: {
    behavior: ['report', 'observations', 'measures', 'medications'],
    intervention: ['interventions'],
    response: ASSESSMENT_BLOCKS,
    plan: PLAN_BLOCKS,
  },
  girp: {
    goals: ['goalsAddressed'],
    intervention: ['interventions'],
    response: ['report', 'observations', 'measures', 'medications', 'response', 'assessment', 'functionalStatus', 'goalProgress', 'risk'],
    plan: PLAN_BLOCKS,
  },
};
