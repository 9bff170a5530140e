/**
 * The "Draft from details" form's starting values on the session page: this session's own
 * logistics (entered when it was scheduled), plus what is stable from the client's previous
 * session (its progress note's structured diagnoses, medications and goals, measure
 * baselines, place) and, failing those, the chart's diagnoses and treatment goals. A note
 * drafted from details keeps medications and goals in its prose, not in structured fields,
 * so those two carry only from a note that recorded them as fields. `carryForward` decides what may carry: never risk, never the
 * report, observations or assessment (a carried "denied" would be an invented finding).
 */
import type { SessionDetails } from '../../core/drafting/index.ts';
import type { InstrumentId } from '../../core/measures/index.ts';
import type { ProgressNoteFormat } from '../../core/notes/formats.ts';
import type { ProgressNoteContent } from '../../core/notes/model.ts';
import type { Measure, Session } from '../api/schemas.ts';
import { carryForward, emptyDraftForm, type DraftForm } from './draft-form.ts';

/** The most recent session strictly before `current` (by date, then start time). */
export function previousSession(sessions: readonly Session[], current: Session): Session | undefined {
  const key = (s: Session): string => `${s.logistics.date} ${s.logistics.start ?? ''}`;
  return [...sessions].filter((s) => s.id !== current.id && key(s) < key(current)).sort((a, b) => key(b).localeCompare(key(a)))[0];
}

/**
 * The previous session as session details: its logistics, and from its progress note the
 * diagnoses, medications and goals. Measure baselines are each instrument's first total.
 */
export function previousDetails(session: Session, note: ProgressNoteContent | null, measures: readonly Measure[]): SessionDetails {
  const l = session.logistics;
  const firstTotals = new Map<InstrumentId, number>();
  for (const m of [...measures].sort((a, b) => a.administeredOn.localeCompare(b.administeredOn))) {
    if (!firstTotals.has(m.instrument)) firstTotals.set(m.instrument, m.result.total);
  }
  return {
    logistics: { date: l.date, cptCodes: l.cptCodes, placeOfService: l.placeOfService },
    modality: { type: l.modality, participants: l.participants },
    ...(note && note.diagnoses.length > 0 ? { diagnoses: note.diagnoses } : {}),
    ...(note && note.medications.length > 0 ? { medications: { list: note.medications.map((m) => (m.dose ? { name: m.name, dose: m.dose } : { name: m.name })) } } : {}),
    ...(note && note.goals.length > 0 ? { goals: note.goals.map((g) => ({ goal: g.goal, progress: g.progress })) } : {}),
    ...(firstTotals.size > 0 ? { measures: [...firstTotals].map(([instrument, total]) => ({ instrument, total })) } : {}),
  };
}

/** The form for `current`: previous-session carry-over, then this session's own logistics on top. */
export function draftDefaults(
  current: Session,
  previous: SessionDetails | null,
  format: ProgressNoteFormat,
  chartDiagnoses: ReadonlyArray<{ code: string; description?: string | undefined }>,
  /** The chart's active treatment goals; offered when the previous note recorded none. */
  chartGoals: readonly string[] = [],
): DraftForm {
  const base = previous ? carryForward(previous, current.logistics.date, format) : emptyDraftForm(current.logistics.date, format);
  const l = current.logistics;
  const telehealth = l.placeOfService.startsWith('telehealth');
  return {
    ...base,
    start: l.start ?? '',
    end: l.end ?? '',
    cptCodes: l.cptCodes.length > 0 ? l.cptCodes : base.cptCodes,
    modality: l.modality,
    placeOfService: l.placeOfService,
    telehealthMode: telehealth ? base.telehealthMode : '',
    participants: l.participants.length > 0 ? l.participants : base.participants,
    diagnoses: base.diagnoses.length > 0 ? base.diagnoses : chartDiagnoses,
    // Goals without progress: progress is assessed this session, never carried.
    goals: base.goals.length > 0 ? base.goals : chartGoals.map((goal) => ({ goal, progress: '', note: '' })),
  };
}
