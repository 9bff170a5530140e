/**
 * Packet assembly: THE function that decides which records go into a release packet or a
 * right-of-access copy. It asks nothing but the gate's `DisclosureDecision` in the input
 * (ARCHITECTURE.md invariant 3); it holds no release rule of its own beyond what the gate
 * leaves to the packet: the requested date range, the parts of the chart asked for,
 * minimum necessary (`minimum-necessary.ts`), and the author's approval of each
 * psychotherapy note.
 *
 * Pure and deterministic. It never throws on an input of the right type; on an input that
 * breaks the rules (a psychotherapy note without its author's approval, psychotherapy notes
 * the gate did not release, a decision made for another requester) it excludes and records
 * why — it never includes.
 */
import { RECORD_CLASS_LABELS } from '../core/disclosure/index.ts';
import type { Authorization, ClassDecision, RecordClass, RequesterType } from '../core/disclosure/index.ts';
import { buildCoverLetter } from './cover-letter.ts';
import { minimumNecessaryProfile, UNLIMITED_PROFILE } from './minimum-necessary.ts';
import type { ClassOutcome, Exclusion, ExclusionReason, ExclusionSubject, IndexEntry, Packet, PacketKind, PacketScope } from './packet.ts';
import { CHART_RECORD_KINDS } from './release-input.ts';
import type { ChartRecordKind, DateRange, DiagnosisRecord, ReleaseInput } from './release-input.ts';

/** Requester types that exercise the right of access (45 CFR 164.524(a)(1), 164.502(g)). */
export const ACCESS_REQUESTERS: readonly RequesterType[] = ['individual', 'personal-representative'];

const KIND_SUBJECT: Readonly<Record<ChartRecordKind, ExclusionSubject>> = {
  sessions: 'sessions',
  diagnoses: 'diagnoses',
  measures: 'measures',
  'progress-notes': 'progress-notes',
};

/**
 * Builds the release packet for the requester the gate decided on.
 * Progress notes and the chart go only if `decision.progressNotes.release`; psychotherapy
 * notes only if `decision.psychotherapyNotes.release` and their author approved each one
 * (45 CFR 164.508(a)(2)); nothing outside the requested range; minimum necessary applied
 * where the gate says it applies (45 CFR 164.502(b)).
 */
export function assemblePacket(input: ReleaseInput): Packet {
  return assemble(input, 'release');
}

/**
 * Builds the client's own right-of-access copy (45 CFR 164.524). Never holds psychotherapy
 * notes, whatever the input carries (164.524(a)(1)(i); the denial is unreviewable,
 * 164.524(a)(2)(i)). Needs a decision made for the client or their personal representative.
 */
export function assembleAccessCopy(input: ReleaseInput): Packet {
  return assemble(input, 'access-copy');
}

/** Whether a date falls in an inclusive range with optional ends. */
export function inRange(date: string, range: DateRange): boolean {
  return (range.from === undefined || date >= range.from) && (range.to === undefined || date <= range.to);
}

const rangeIsOpen = (range: DateRange): boolean => range.from === undefined && range.to === undefined;

/** A diagnosis belongs to the range when it was active at some time inside it. */
export function diagnosisInRange(d: DiagnosisRecord, range: DateRange): boolean {
  const startsBeforeEnd = range.to === undefined || d.onsetDate === undefined || d.onsetDate <= range.to;
  const endsAfterStart = range.from === undefined || d.resolvedDate === undefined || d.resolvedDate >= range.from;
  return startsBeforeEnd && endsAfterStart;
}

function describeRange(range: DateRange): string {
  if (range.from && range.to) return `${range.from} to ${range.to}`;
  if (range.from) return `from ${range.from}`;
  if (range.to) return `up to ${range.to}`;
  return 'all dates';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

class Exclusions {
  private readonly list: Exclusion[] = [];
  add(subject: ExclusionSubject, reason: ExclusionReason, explanation: string, basis: string, itemIds: readonly string[]): void {
    const existing = this.list.findIndex((e) => e.subject === subject && e.reason === reason);
    if (existing >= 0) {
      const e = this.list[existing]!;
      this.list[existing] = { ...e, itemIds: [...e.itemIds, ...itemIds] };
      return;
    }
    this.list.push({ subject, reason, explanation, basis, itemIds: [...itemIds] });
  }
  get all(): Exclusion[] {
    return this.list.map((e) => ({ ...e, itemIds: [...e.itemIds].sort(compare) }));
  }
}

interface ClassBlock {
  readonly reason: ExclusionReason;
  readonly explanation: string;
  readonly basis: string;
}

/** Why a whole class cannot go, or undefined when the gate's release stands. */
function classBlock(
  recordClass: RecordClass,
  gate: ClassDecision,
  kind: PacketKind,
  requester: RequesterType,
  requestRequester: RequesterType,
): ClassBlock | undefined {
  if (requester !== requestRequester) {
    return {
      reason: 'decision-mismatch',
      explanation: `The decision supplied was made for a request from ${requester}, but this request is from ${requestRequester}; nothing is released on a decision made for another request.`,
      basis: 'Notewall: one request, one gate decision (ARCHITECTURE.md invariant 3)',
    };
  }
  if (kind === 'access-copy' && recordClass === 'psychotherapyNotes') {
    return {
      reason: 'no-right-of-access',
      explanation:
        'Psychotherapy notes are not part of the right of access, so they are never in the copy of your records; this denial cannot be reviewed. Your progress notes, which hold your diagnoses, treatment and progress, are enclosed.',
      basis: '45 CFR 164.524(a)(1)(i), (a)(2)(i)',
    };
  }
  if (kind === 'access-copy' && !ACCESS_REQUESTERS.includes(requester)) {
    return {
      reason: 'not-an-access-decision',
      explanation: `A right-of-access copy is made only on a decision for the client or their personal representative, not for ${requester}.`,
      basis: '45 CFR 164.524(a)(1)',
    };
  }
  if (!gate.release) return { reason: 'gate-denied', explanation: gate.explanation, basis: gate.basis };
  return undefined;
}

/** Which parts of the chart may go, and why the others may not. */
function chartScope(
  input: ReleaseInput,
): { kinds: ChartRecordKind[]; withheld: Array<{ kind: ChartRecordKind; reason: ExclusionReason; explanation: string; basis: string }>; applied: boolean; why: string } {
  const { decision, request } = input;
  const asked = request.recordsAsked;
  const all = [...CHART_RECORD_KINDS];
  const withheld: Array<{ kind: ChartRecordKind; reason: ExclusionReason; explanation: string; basis: string }> = [];
  const notAsked = (k: ChartRecordKind) => ({
    kind: k,
    reason: 'not-asked' as const,
    explanation: 'Not asked for; nothing beyond what was asked for is sent.',
    basis: 'Scope of the request',
  });
  if (!decision.progressNotes.minimumNecessary) {
    const kinds = asked === undefined ? all : all.filter((k) => asked.includes(k));
    for (const k of all) if (!kinds.includes(k)) withheld.push(notAsked(k));
    return { kinds, withheld, applied: false, why: UNLIMITED_PROFILE.why };
  }
  // 45 CFR 164.502(b), 164.514(d): the request's named parts, else the standard protocol,
  // never more than the requester's permitted parts.
  const profile = minimumNecessaryProfile(decision.requester);
  const base = asked ?? profile.standard;
  const kinds = all.filter((k) => base.includes(k) && profile.permitted.includes(k));
  for (const k of all) {
    if (kinds.includes(k)) continue;
    if (asked !== undefined && !asked.includes(k)) withheld.push(notAsked(k));
    else
      withheld.push({
        kind: k,
        reason: 'minimum-necessary',
        explanation:
          asked === undefined
            ? 'Minimum necessary: not needed for this purpose, and the request does not name them (see "Minimum necessary" below).'
            : 'Minimum necessary: not needed for this purpose, although the request names them (see "Minimum necessary" below).',
        basis: '45 CFR 164.502(b), 164.514(d)',
      });
  }
  return { kinds, withheld, applied: true, why: profile.why };
}

function assemble(input: ReleaseInput, kind: PacketKind): Packet {
  const { decision, request } = input;
  const range = request.dateRange;
  const ex = new Exclusions();
  const outside = `Dated outside the requested period (${describeRange(range)}); nothing outside it is sent.`;

  // ---- Progress notes and the rest of the chart -------------------------------------------
  const pnBlock = classBlock('progressNotes', decision.progressNotes, kind, decision.requester, request.requesterType);
  const chartItems: Readonly<Record<ChartRecordKind, ReadonlyArray<{ id: string }>>> = {
    sessions: input.sessions,
    diagnoses: input.diagnoses,
    measures: input.measures,
    'progress-notes': input.progressNotes,
  };
  let scope: PacketScope;
  let sessions: ReleaseInput['sessions'] = [];
  let diagnoses: ReleaseInput['diagnoses'] = [];
  let measures: ReleaseInput['measures'] = [];
  let progressNotes: ReleaseInput['progressNotes'] = [];
  if (pnBlock) {
    for (const k of CHART_RECORD_KINDS) ex.add(KIND_SUBJECT[k], pnBlock.reason, pnBlock.explanation, pnBlock.basis, chartItems[k].map((x) => x.id));
    scope = { dateRange: range, chartKinds: [], minimumNecessary: { applied: false, why: 'Nothing from the chart is released.' } };
  } else {
    const cs = chartScope(input);
    for (const w of cs.withheld) ex.add(KIND_SUBJECT[w.kind], w.reason, w.explanation, w.basis, chartItems[w.kind].map((x) => x.id));
    scope = { dateRange: range, chartKinds: cs.kinds, minimumNecessary: { applied: cs.applied, why: cs.why } };
    const take = <T extends { id: string }>(k: ChartRecordKind, items: readonly T[], inside: (x: T) => boolean): T[] => {
      if (!cs.kinds.includes(k)) return [];
      const kept: T[] = [];
      const out: string[] = [];
      for (const x of items) {
        if (inside(x)) kept.push(x);
        else out.push(x.id);
      }
      if (out.length > 0) ex.add(KIND_SUBJECT[k], 'outside-range', outside, 'Scope of the request', out);
      return kept;
    };
    sessions = take('sessions', input.sessions, (s) => inRange(s.date, range)).sort((a, b) => compare(a.date, b.date) || compare(a.id, b.id));
    diagnoses = take('diagnoses', input.diagnoses, (d) => diagnosisInRange(d, range)).sort(
      (a, b) => compare(a.onsetDate ?? '', b.onsetDate ?? '') || compare(a.code, b.code) || compare(a.id, b.id),
    );
    measures = take('measures', input.measures, (m) => inRange(m.date, range)).sort((a, b) => compare(a.date, b.date) || compare(a.instrument, b.instrument) || compare(a.id, b.id));
    progressNotes = take('progress-notes', input.progressNotes, (n) => inRange(n.sessionDate, range)).sort(
      (a, b) => compare(a.sessionDate, b.sessionDate) || compare(a.id, b.id),
    );
  }

  // ---- Psychotherapy notes ------------------------------------------------------------------
  const psyBlock = classBlock('psychotherapyNotes', decision.psychotherapyNotes, kind, decision.requester, request.requesterType);
  const psychotherapyNotes: ReleaseInput['psychotherapyNotes'] = [];
  if (psyBlock) {
    ex.add('psychotherapy-notes', psyBlock.reason, psyBlock.explanation, psyBlock.basis, input.psychotherapyNotes.map((n) => n.id));
  } else {
    for (const n of input.psychotherapyNotes) {
      if (n.authorApprovedAt === undefined) {
        // 45 CFR 164.508(a)(2): the gate allows the class; each note still needs its author.
        ex.add(
          'psychotherapy-notes',
          'author-not-approved',
          "A psychotherapy note leaves only when its author has approved the release and unlocked it; this one's author has not.",
          '45 CFR 164.508(a)(2); Notewall author approval',
          [n.id],
        );
      } else if (n.sessionDate === undefined ? !rangeIsOpen(range) : !inRange(n.sessionDate, range)) {
        const undated = n.sessionDate === undefined;
        ex.add(
          'psychotherapy-notes',
          undated ? 'date-unknown' : 'outside-range',
          undated ? 'The note has no session date, so it cannot be shown to fall inside the requested period.' : outside,
          'Scope of the request',
          [n.id],
        );
      } else {
        psychotherapyNotes.push(n);
      }
    }
    psychotherapyNotes.sort((a, b) => compare(a.sessionDate ?? '', b.sessionDate ?? '') || compare(a.id, b.id));
  }

  // ---- Authorizations the release rests on -----------------------------------------------
  const authorizations = pickAuthorizations(input, kind, pnBlock === undefined, psyBlock === undefined);

  const outcome = (recordClass: RecordClass, gate: ClassDecision, block: ClassBlock | undefined, count: number): ClassOutcome => ({
    recordClass,
    label: RECORD_CLASS_LABELS[recordClass],
    gateRelease: gate.release,
    released: block === undefined,
    // When something other than the gate holds the class back, say that instead.
    basis: block?.basis ?? gate.basis,
    explanation: block?.explanation ?? gate.explanation,
    minimumNecessary: gate.minimumNecessary,
    ...(gate.authorizationId !== undefined ? { authorizationId: gate.authorizationId } : {}),
    includedCount: count,
  });
  const classes = {
    progressNotes: outcome('progressNotes', decision.progressNotes, pnBlock, sessions.length + diagnoses.length + measures.length + progressNotes.length),
    psychotherapyNotes: outcome('psychotherapyNotes', decision.psychotherapyNotes, psyBlock, psychotherapyNotes.length),
  };

  const index = buildIndex({ diagnoses, sessions, measures, progressNotes, psychotherapyNotes, authorizations });
  const excluded = ex.all;
  const title =
    kind === 'access-copy'
      ? `Copy of records for ${input.client.name} (right of access), request ${request.id}`
      : `Release of records, request ${request.id}: ${input.client.name} to ${request.recipient.name}`;
  const base = {
    kind,
    id: `${kind}:${request.id}`,
    title,
    preparedAt: input.preparedAt,
    practice: input.practice,
    client: input.client,
    request,
    requester: decision.requester,
    decisionAsOf: decision.asOf,
    // 45 CFR 164.528: only when something accountable actually leaves.
    accountable:
      (classes.progressNotes.includedCount > 0 && decision.progressNotes.accountable) ||
      (classes.psychotherapyNotes.includedCount > 0 && decision.psychotherapyNotes.accountable),
    classes,
    scope,
    sessions,
    diagnoses,
    measures,
    progressNotes,
    psychotherapyNotes,
    authorizations,
    index,
    excluded,
  };
  return { ...base, coverLetter: buildCoverLetter(base) };
}

function pickAuthorizations(input: ReleaseInput, kind: PacketKind, chartReleased: boolean, psyReleased: boolean): Authorization[] {
  const byId = (id: string | undefined) => (id === undefined ? [] : input.authorizations.filter((a) => a.id === id));
  if (kind === 'access-copy') {
    // The client's own signed forms are part of their record; same date rule as notes.
    if (!chartReleased) return [];
    const range = input.request.dateRange;
    return input.authorizations
      .filter((a) => (a.signedOn === undefined ? rangeIsOpen(range) : inRange(a.signedOn, range)))
      .sort((a, b) => compare(a.id, b.id));
  }
  const out = [
    ...(chartReleased ? byId(input.decision.progressNotes.authorizationId) : []),
    ...(psyReleased ? byId(input.decision.psychotherapyNotes.authorizationId) : []),
  ];
  // The gate relies on one authorization per id; duplicates are never relied on.
  return out.filter((a, i) => out.findIndex((b) => b.id === a.id) === i && input.authorizations.filter((b) => b.id === a.id).length === 1);
}

function buildIndex(p: Pick<Packet, 'diagnoses' | 'sessions' | 'measures' | 'progressNotes' | 'psychotherapyNotes' | 'authorizations'>): IndexEntry[] {
  const index: IndexEntry[] = [];
  if (p.diagnoses.length > 0) index.push({ ref: 'diagnoses', section: 'diagnoses', title: `Diagnoses (${p.diagnoses.length})` });
  if (p.sessions.length > 0) index.push({ ref: 'sessions', section: 'sessions', title: `Sessions (${p.sessions.length})` });
  if (p.measures.length > 0) index.push({ ref: 'measures', section: 'measures', title: `Measure results (${p.measures.length})` });
  for (const n of p.progressNotes) {
    index.push({ ref: n.id, section: 'progress-note', date: n.sessionDate, title: `Progress note, ${n.format}${n.addenda.length > 0 ? `, ${n.addenda.length} addend${n.addenda.length === 1 ? 'um' : 'a'}` : ''}` });
  }
  for (const n of p.psychotherapyNotes) {
    index.push({ ref: n.id, section: 'psychotherapy-note', ...(n.sessionDate ? { date: n.sessionDate } : {}), title: 'Psychotherapy note' });
  }
  if (p.authorizations.length > 0) index.push({ ref: 'authorizations', section: 'authorizations', title: `Authorizations (${p.authorizations.length})` });
  return index;
}
