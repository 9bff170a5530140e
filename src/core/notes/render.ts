/**
 * Renders a structured progress note as the plain text that is linted, signed and released.
 * The text is the note's canonical form: the linter reads it exactly as it reads a pasted
 * note, and each part of the text is mapped back to the field it came from so an editor can
 * show a finding on the right input.
 */
import { FORMATS } from './formats.ts';
import type { PlaceOfService, ProgressNoteContent, SessionModality } from './model.ts';

/** A stretch of the rendered text and the field path it came from (e.g. `sections.plan`). */
export interface FieldSpan {
  readonly field: string;
  readonly start: number;
  readonly end: number;
}

export interface RenderedNote {
  readonly text: string;
  readonly spans: readonly FieldSpan[];
}

const MODALITY_WORDS: Readonly<Record<SessionModality, string>> = {
  individual: 'Individual psychotherapy',
  couples: 'Couples psychotherapy',
  family: 'Family psychotherapy',
  group: 'Group psychotherapy',
  crisis: 'Crisis psychotherapy',
  intake: 'Psychiatric diagnostic evaluation (intake)',
};

const PLACE_WORDS: Readonly<Record<PlaceOfService, string>> = {
  office: 'in person (office)',
  'telehealth-home': 'telehealth (client at home)',
  'telehealth-other': 'telehealth (client away from home)',
  home: 'in person (client home)',
  school: 'in person (school)',
  community: 'in person (community)',
  hospital: 'in person (hospital)',
};

const RISK_WORDS = {
  suicidalIdeation: {
    denied: 'denies SI',
    passive: 'endorses passive SI',
    'active-without-plan': 'endorses active SI without plan',
    'active-with-plan': 'endorses active SI with plan',
    'not-assessed': undefined,
  },
  homicidalIdeation: { denied: 'denies HI', endorsed: 'endorses HI', 'not-assessed': undefined },
  selfHarm: { denied: 'denies self-harm', recent: 'reports recent self-harm', history: 'history of self-harm, none recent', 'not-assessed': undefined },
  safetyPlan: { 'not-needed': 'safety plan not indicated', reviewed: 'safety plan reviewed', created: 'safety plan created', updated: 'safety plan updated' },
} as const;

const GOAL_WORDS = { improved: 'improved', maintained: 'maintained', declined: 'declined', met: 'met', 'not-addressed': 'not addressed this session' } as const;

function minutesBetween(start: string, end: string): number {
  const [sh, sm] = start.split(':').map(Number) as [number, number];
  const [eh, em] = end.split(':').map(Number) as [number, number];
  return eh * 60 + em - (sh * 60 + sm);
}

/** Renders the note; empty optional parts are left out, never filled with defaults. */
export function renderProgressNote(note: ProgressNoteContent): RenderedNote {
  let text = '';
  const spans: FieldSpan[] = [];
  const put = (field: string | undefined, s: string): void => {
    if (field) spans.push({ field, start: text.length, end: text.length + s.length });
    text += s;
  };
  const line = (parts: ReadonlyArray<readonly [string | undefined, string]>): void => {
    parts.forEach(([field, s], i) => {
      if (i > 0) text += ' | ';
      put(field, s);
    });
    text += '\n';
  };

  const s = note.session;
  const logistics: Array<readonly [string | undefined, string]> = [['session.date', `Date: ${s.date}`]];
  if (s.start) logistics.push(['session.start', `Start: ${s.start}`]);
  if (s.end) logistics.push(['session.end', `End: ${s.end}`]);
  const minutes = s.start && s.end ? minutesBetween(s.start, s.end) : s.durationMinutes;
  if (minutes !== undefined && !(s.start && s.end)) logistics.push(['session.durationMinutes', `Duration: ${minutes} min`]);
  line(logistics);
  const service: Array<readonly [string | undefined, string]> = [];
  if (s.cptCodes.length > 0) service.push(['session.cptCodes', `CPT: ${s.cptCodes.join(', ')}`]);
  service.push(['session.modality', `Modality: ${MODALITY_WORDS[s.modality]}, ${PLACE_WORDS[s.placeOfService]}`]);
  line(service);
  if (s.participants.length > 0) {
    line([['session.participants', `Participants: ${s.participants.map((p) => (p.label ? `${p.role} (${p.label})` : p.role)).join(', ')}`]]);
  }
  if (note.diagnoses.length > 0) {
    line([['diagnoses', `Dx: ${note.diagnoses.map((d) => (d.description ? `${d.code} ${d.description}` : d.code)).join('; ')}`]]);
  }
  if (note.functionalStatus) line([['functionalStatus', `Functional status: ${note.functionalStatus}`]]);
  if (note.mentalStatus) line([['mentalStatus', `Mental status: ${note.mentalStatus}`]]);
  if (note.medications.length > 0) {
    line([['medications', `Medications: ${note.medications.map((m) => [m.name, m.dose, m.note].filter(Boolean).join(' ')).join('; ')}`]]);
  }
  if (note.risk) {
    const r = note.risk;
    const parts = [
      RISK_WORDS.suicidalIdeation[r.suicidalIdeation],
      RISK_WORDS.homicidalIdeation[r.homicidalIdeation],
      RISK_WORDS.selfHarm[r.selfHarm],
      r.level ? `risk level ${r.level}` : undefined,
      r.safetyPlan ? RISK_WORDS.safetyPlan[r.safetyPlan] : undefined,
      r.notes,
    ].filter((x): x is string => Boolean(x));
    if (parts.length > 0) line([['risk', `Risk: ${parts.join('; ')}.`]]);
  }
  if (note.interventions.length > 0) line([['interventions', `Interventions: ${note.interventions.join('; ')}`]]);
  if (note.goals.length > 0) {
    line([['goals', `Goals: ${note.goals.map((g) => `${g.goal} (${GOAL_WORDS[g.progress]}${g.note ? `: ${g.note}` : ''})`).join('; ')}`]]);
  }

  for (const section of FORMATS[note.format].sections) {
    text += '\n';
    put(undefined, `${section.title}: `);
    put(`sections.${section.name}`, (note.sections[section.name] ?? '').trim());
    text += '\n';
  }
  return { text, spans };
}

/** The field a finding at [start, end) belongs to, or undefined when it is outside every field. */
export function fieldAt(rendered: RenderedNote, start: number, end: number): string | undefined {
  const hit = rendered.spans.find((s) => s.start <= start && (end <= s.end || start < s.end));
  return hit?.field;
}
