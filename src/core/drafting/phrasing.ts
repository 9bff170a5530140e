/**
 * The composer's wording, as data: how each structured value reads in a progress note.
 * Every phrase states only what the value says; nothing here adds a finding that was not
 * entered (no "denies SI" unless suicidal ideation was assessed and entered as denied).
 */
import type { Participant, PlaceOfService, SessionModality } from '../notes/model.ts';
import type { DraftRisk, MentalStatusField } from './session-details.ts';

/** The "Modality:" header value; the phrases are ones the linter's modality table knows. */
export const MODALITY_PHRASES: Readonly<Record<SessionModality, string>> = {
  individual: 'Individual psychotherapy',
  couples: 'Couples psychotherapy',
  family: 'Family psychotherapy',
  group: 'Group psychotherapy',
  crisis: 'Crisis psychotherapy',
  intake: 'Intake (psychiatric diagnostic evaluation)',
};

export const PLACE_PHRASES: Readonly<Record<PlaceOfService, string>> = {
  office: 'in person, office',
  'telehealth-home': 'telehealth, client at home',
  'telehealth-other': 'telehealth, client not at home',
  home: "in person, client's home",
  school: 'in person, school',
  community: 'in person, community setting',
  hospital: 'in person, hospital',
};

export const TELEHEALTH_MODE_PHRASES: Readonly<Record<'video' | 'audio-only', string>> = {
  video: 'video',
  'audio-only': 'audio-only',
};

export const PARTICIPANT_ROLES: Readonly<Record<Participant['role'], string>> = {
  client: 'client',
  partner: 'partner',
  parent: 'parent',
  guardian: 'guardian',
  sibling: 'sibling',
  child: 'child',
  'other-family': 'family member',
  'group-member': 'group member',
  interpreter: 'interpreter',
  other: 'other participant',
};

/** Mental status fields in exam order, each with its wording. */
export const MENTAL_STATUS_PHRASES: ReadonlyArray<readonly [MentalStatusField, (value: string) => string]> = [
  ['appearance', (v) => `Appearance: ${v}.`],
  ['behavior', (v) => `Behavior: ${v}.`],
  ['speech', (v) => `Speech: ${v}.`],
  ['mood', (v) => `Mood: ${v}.`],
  ['affect', (v) => `Affect: ${v}.`],
  ['thoughtProcess', (v) => `Thought process: ${v}.`],
  ['thoughtContent', (v) => `Thought content: ${v}.`],
  ['perception', (v) => `Perception: ${v}.`],
  ['orientation', (v) => `Orientation: ${v}.`],
  ['cognition', (v) => `Cognition: ${v}.`],
  ['insight', (v) => `Insight: ${v}.`],
  ['judgment', (v) => `Judgment: ${v}.`],
];

export const ADHERENCE_PHRASES: Readonly<Record<'as-prescribed' | 'missed-doses' | 'stopped' | 'not-discussed', string>> = {
  'as-prescribed': 'client reported taking it as prescribed',
  'missed-doses': 'client reported missed doses',
  stopped: 'client reported having stopped it',
  'not-discussed': 'adherence was not discussed',
};

export const GOAL_PROGRESS_PHRASES: Readonly<Record<'improved' | 'maintained' | 'declined' | 'met' | 'not-addressed', (goal: string) => string>> = {
  improved: (g) => `Progress toward the goal "${g}": improved.`,
  maintained: (g) => `Progress toward the goal "${g}": maintained.`,
  declined: (g) => `Progress toward the goal "${g}": declined.`,
  met: (g) => `The goal "${g}" was met.`,
  'not-addressed': (g) => `The goal "${g}" was not addressed this session.`,
};

export const PROGNOSIS_PHRASES: Readonly<Record<'good' | 'fair' | 'guarded' | 'poor', string>> = {
  good: 'Prognosis: good.',
  fair: 'Prognosis: fair.',
  guarded: 'Prognosis: guarded.',
  poor: 'Prognosis: poor.',
};

export const FREQUENCY_PHRASES: Readonly<Record<'twice-weekly' | 'weekly' | 'every-other-week' | 'monthly' | 'as-needed', string>> = {
  'twice-weekly': 'twice weekly',
  weekly: 'weekly',
  'every-other-week': 'every other week',
  monthly: 'monthly',
  'as-needed': 'as needed',
};

type Ideation = NonNullable<DraftRisk['suicidalIdeation']>;
type Homicidal = NonNullable<DraftRisk['homicidalIdeation']>;
type SelfHarm = NonNullable<DraftRisk['selfHarm']>;

/** The topic each risk field names, for the combined "Client denied …" sentence. */
export const RISK_TOPICS = {
  suicidalIdeation: 'suicidal ideation',
  homicidalIdeation: 'homicidal ideation',
  selfHarm: 'self-harm',
} as const;

/** A sentence for each non-denied answer; denials are combined into one sentence. */
export const SUICIDAL_IDEATION_PHRASES: Readonly<Record<Exclude<Ideation, 'denied'>, string>> = {
  passive: 'Client endorsed passive suicidal ideation.',
  'active-without-plan': 'Client endorsed active suicidal ideation without a plan.',
  'active-with-plan': 'Client endorsed active suicidal ideation with a plan.',
};
export const HOMICIDAL_IDEATION_PHRASES: Readonly<Record<Exclude<Homicidal, 'denied'>, string>> = {
  endorsed: 'Client endorsed homicidal ideation.',
};
export const SELF_HARM_PHRASES: Readonly<Record<Exclude<SelfHarm, 'denied'>, string>> = {
  recent: 'Client reported recent self-harm.',
  history: 'Client reported a history of self-harm.',
};

export const RISK_LEVEL_PHRASES: Readonly<Record<'low' | 'moderate' | 'high', string>> = {
  low: 'Risk level assessed as low.',
  moderate: 'Risk level assessed as moderate.',
  high: 'Risk level assessed as high.',
};

export const SAFETY_PLAN_PHRASES: Readonly<Record<'not-needed' | 'reviewed' | 'created' | 'updated', string>> = {
  'not-needed': 'A safety plan was not indicated.',
  reviewed: 'The safety plan was reviewed with the client.',
  created: 'A safety plan was created with the client.',
  updated: 'The safety plan was updated with the client.',
};

/** Change levels from `compareToBaseline`, as words. */
export const CHANGE_LEVEL_PHRASES: Readonly<Record<'reliable' | 'clinically-significant', string>> = {
  reliable: 'a reliable change',
  'clinically-significant': 'a clinically significant change',
};
