/**
 * The session-details form's state (strings, as inputs hold them) and its conversion to
 * `SessionDetails`: empty inputs are left out, never defaulted, because the composer states
 * only what was entered (ARCHITECTURE.md invariant 7). Also: what carries over from a
 * previous session, and how a composed draft becomes the editor's progress note.
 */
import type { ComposedNote, MentalStatusField, SessionDetails } from '../../core/drafting/index.ts';
import { MENTAL_STATUS_FIELDS } from '../../core/drafting/index.ts';
import type { InstrumentId } from '../../core/measures/index.ts';
import type { ProgressNoteFormat, SectionName } from '../../core/notes/formats.ts';
import type { Participant, PlaceOfService, ProgressNoteContent, SessionModality } from '../../core/notes/model.ts';

type RiskField<K extends keyof NonNullable<SessionDetails['risk']>> = NonNullable<NonNullable<SessionDetails['risk']>[K]> | '';

export interface DraftForm {
  readonly format: ProgressNoteFormat;
  readonly date: string;
  readonly start: string;
  readonly end: string;
  readonly cptCodes: readonly string[];
  readonly placeOfService: PlaceOfService | '';
  readonly telehealthMode: 'video' | 'audio-only' | '';
  readonly modality: SessionModality | '';
  readonly participants: readonly Participant[];
  readonly diagnoses: ReadonlyArray<{ readonly code: string; readonly description?: string | undefined }>;
  readonly concern: string;
  readonly report: string;
  readonly observations: Readonly<Record<MentalStatusField | 'text', string>>;
  readonly interventions: readonly string[];
  readonly measures: Readonly<Record<InstrumentId, { readonly total: string; readonly baselineTotal: string }>>;
  readonly risk: {
    readonly suicidalIdeation: RiskField<'suicidalIdeation'>;
    readonly homicidalIdeation: RiskField<'homicidalIdeation'>;
    readonly selfHarm: RiskField<'selfHarm'>;
    readonly level: RiskField<'level'>;
    readonly safetyPlan: RiskField<'safetyPlan'>;
    readonly notes: string;
  };
  /** One medication per line: "name, dose". */
  readonly medications: string;
  readonly goals: ReadonlyArray<{ readonly goal: string; readonly progress: NonNullable<NonNullable<SessionDetails['goals']>[number]['progress']> | ''; readonly note: string }>;
  readonly assessment: string;
  readonly response: string;
  readonly functionalStatus: string;
  readonly prognosis: NonNullable<NonNullable<SessionDetails['assessment']>['prognosis']> | '';
  readonly plan: string;
  readonly homework: string;
  readonly nextDate: string;
  readonly nextTime: string;
  readonly frequency: NonNullable<NonNullable<SessionDetails['nextSession']>['frequency']> | '';
}

const emptyObservations = (): Record<MentalStatusField | 'text', string> =>
  Object.fromEntries([...MENTAL_STATUS_FIELDS, 'text'].map((k) => [k, ''])) as Record<MentalStatusField | 'text', string>;

/** An empty form for a session on `date`. */
export function emptyDraftForm(date: string, format: ProgressNoteFormat = 'soap'): DraftForm {
  return {
    format,
    date,
    start: '',
    end: '',
    cptCodes: [],
    placeOfService: '',
    telehealthMode: '',
    modality: '',
    participants: [],
    diagnoses: [],
    concern: '',
    report: '',
    observations: emptyObservations(),
    interventions: [],
    measures: { phq9: { total: '', baselineTotal: '' }, gad7: { total: '', baselineTotal: '' }, pcl5: { total: '', baselineTotal: '' } },
    risk: { suicidalIdeation: '', homicidalIdeation: '', selfHarm: '', level: '', safetyPlan: '', notes: '' },
    medications: '',
    goals: [],
    assessment: '',
    response: '',
    functionalStatus: '',
    prognosis: '',
    plan: '',
    homework: '',
    nextDate: '',
    nextTime: '',
    frequency: '',
  };
}

/**
 * Defaults for a new session carried from the previous one: what is stable between
 * sessions (code, place, modality, participants, diagnoses, medications, goals, frequency,
 * measure baselines). Never carried: times, the client's report, observations, measures
 * given, assessment, and above all risk, which must be assessed anew (a carried "denied"
 * would be an invented finding).
 */
export function carryForward(previous: SessionDetails, date: string, format: ProgressNoteFormat = 'soap'): DraftForm {
  const base = emptyDraftForm(date, format);
  const baselines = { ...base.measures };
  for (const m of previous.measures ?? []) {
    const baseline = m.baselineTotal ?? m.total;
    if (baseline !== undefined) baselines[m.instrument] = { total: '', baselineTotal: String(baseline) };
  }
  return {
    ...base,
    cptCodes: previous.logistics.cptCodes ?? [],
    placeOfService: previous.logistics.placeOfService ?? '',
    telehealthMode: previous.logistics.telehealthMode ?? '',
    modality: previous.modality?.type ?? '',
    participants: previous.modality?.participants ?? [],
    diagnoses: previous.diagnoses ?? [],
    medications: (previous.medications?.list ?? []).map((m) => (m.dose ? `${m.name}, ${m.dose}` : m.name)).join('\n'),
    goals: (previous.goals ?? []).map((g) => ({ goal: g.goal, progress: '', note: '' })),
    measures: baselines,
    frequency: previous.nextSession?.frequency ?? '',
  };
}

/** Drops undefined values and empty objects, so optional groups are absent rather than empty. */
function compact<T extends Record<string, unknown>>(o: T): Partial<T> | undefined {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return Object.keys(out).length > 0 ? (out as Partial<T>) : undefined;
}

const text = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());
const opt = <T extends string>(s: T | ''): T | undefined => (s === '' ? undefined : s);
const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));

/** The form as session-details input (unvalidated; run `parseSessionDetails` on it). */
export function toSessionDetailsInput(f: DraftForm): unknown {
  const measures = (Object.entries(f.measures) as Array<[InstrumentId, { total: string; baselineTotal: string }]>)
    .filter(([, m]) => m.total.trim() !== '')
    .map(([instrument, m]) => ({ instrument, total: num(m.total), ...(num(m.baselineTotal) !== undefined ? { baselineTotal: num(m.baselineTotal) } : {}) }));
  const medications = f.medications
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [name = '', ...dose] = l.split(',');
      return dose.join(',').trim() ? { name: name.trim(), dose: dose.join(',').trim() } : { name: name.trim() };
    });
  const observations = Object.fromEntries(Object.entries(f.observations).flatMap(([k, v]) => (text(v) ? [[k, text(v)]] : [])));
  const goals = f.goals.filter((g) => g.goal.trim() !== '').map((g) => compact({ goal: g.goal.trim(), progress: opt(g.progress), note: text(g.note) }));
  const input: Record<string, unknown> = {
    logistics: compact({
      date: f.date,
      start: text(f.start),
      end: text(f.end),
      cptCodes: f.cptCodes,
      placeOfService: opt(f.placeOfService),
      telehealthMode: opt(f.telehealthMode),
    }) ?? { date: f.date },
    modality: f.modality ? compact({ type: f.modality, participants: f.participants }) : undefined,
    diagnoses: f.diagnoses.length > 0 ? f.diagnoses.map((d) => (d.description ? { code: d.code, description: d.description } : { code: d.code })) : undefined,
    report: compact({ concern: text(f.concern), text: text(f.report) }),
    observations: Object.keys(observations).length > 0 ? observations : undefined,
    interventions: compact({ list: f.interventions.map((s) => s.trim()).filter(Boolean) }),
    measures: measures.length > 0 ? measures : undefined,
    risk: compact({
      suicidalIdeation: opt(f.risk.suicidalIdeation),
      homicidalIdeation: opt(f.risk.homicidalIdeation),
      selfHarm: opt(f.risk.selfHarm),
      level: opt(f.risk.level),
      safetyPlan: opt(f.risk.safetyPlan),
      notes: text(f.risk.notes),
    }),
    medications: medications.length > 0 ? { list: medications } : undefined,
    goals: goals.length > 0 ? goals : undefined,
    assessment: compact({ text: text(f.assessment), response: text(f.response), functionalStatus: text(f.functionalStatus), prognosis: opt(f.prognosis) }),
    plan: compact({ text: text(f.plan), homework: text(f.homework) }),
    nextSession: compact({ date: text(f.nextDate), time: text(f.nextTime), frequency: opt(f.frequency) }),
  };
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

/**
 * The editor's progress note from a composed draft: logistics and diagnoses as structured
 * fields (the composer's header says the same), and each section's composed text. Other
 * inputs (risk, interventions, measures, goals) arrive as the composer's sentences, which
 * the linter reads; they are not duplicated into structured fields.
 */
export function draftToProgressNote(
  details: SessionDetails,
  composed: ComposedNote,
  required: { readonly modality: SessionModality; readonly placeOfService: PlaceOfService },
): ProgressNoteContent {
  const l = details.logistics;
  const sections: Partial<Record<SectionName, string>> = {};
  for (const s of composed.sections) {
    if (s.name === 'session') continue;
    const first = s.sentences[0];
    const last = s.sentences.at(-1);
    if (first && last) sections[s.name] = composed.text.slice(first.start, last.end);
  }
  return {
    format: composed.format,
    session: {
      date: l.date,
      ...(l.start ? { start: l.start } : {}),
      ...(l.end ? { end: l.end } : {}),
      ...(l.durationMinutes !== undefined ? { durationMinutes: l.durationMinutes } : {}),
      cptCodes: l.cptCodes ?? [],
      modality: required.modality,
      participants: details.modality?.participants ?? [],
      placeOfService: required.placeOfService,
    },
    diagnoses: details.diagnoses ?? [],
    interventions: [],
    medications: [],
    goals: [],
    sections,
  };
}
