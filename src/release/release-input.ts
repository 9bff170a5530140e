/**
 * What the release generators take: plain, typed data handed over by the workflow (which
 * reads the chart, asks the gate and, for psychotherapy notes, has the author unlock them).
 * zod schemas are the types. Nothing here reads a database; nothing here decides what may
 * leave — `assemblePacket` asks only the gate's `DisclosureDecision` carried in the input.
 *
 * All examples and tests use synthetic data (invented initials, dates and text).
 */
import { z } from 'zod';
import { Authorization, DisclosureDecision, RequesterType } from '../core/disclosure/index.ts';
import { InstrumentIdSchema } from '../core/measures/index.ts';
import { ClockTime, CptCode, Icd10Code, IsoDate, PlaceOfService, SessionModality } from '../core/notes/model.ts';

const Text = z.string().trim().min(1).max(500);
const LongText = z.string().max(200_000);
/** A UTC (or offset) instant, e.g. `2026-03-10T14:05:00.000Z`, as stored by the chart. */
export const Instant = z.iso.datetime({ offset: true });
/** SHA-256 as 64 lowercase hex digits: what a signature binds (see notes-repository.ts). */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 as 64 lowercase hex digits');

/** The practice sending the packet: the letterhead. */
export const PracticeInfo = z.object({
  name: Text,
  addressLines: z.array(Text).min(1).max(6),
  phone: Text.optional(),
  email: Text.optional(),
  /** Who signs the cover letter (records custodian or privacy officer), by name and title. */
  custodian: Text.optional(),
});
export type PracticeInfo = z.infer<typeof PracticeInfo>;

/** The client whose records these are. Name may be initials; tests use invented ones. */
export const ClientInfo = z.object({
  id: z.string().trim().min(1).max(100),
  name: Text,
  dateOfBirth: IsoDate.optional(),
});
export type ClientInfo = z.infer<typeof ClientInfo>;

/** An inclusive date range; an absent end is open on that side. */
export const DateRange = z
  .object({ from: IsoDate.optional(), to: IsoDate.optional() })
  .refine((r) => r.from === undefined || r.to === undefined || r.from <= r.to, { message: 'from must not be after to', path: ['to'] });
export type DateRange = z.infer<typeof DateRange>;

/**
 * The parts of the chart a request can name. Psychotherapy notes are not among them: they
 * are a class of their own, decided by the gate (45 CFR 164.508(a)(2)).
 */
export const CHART_RECORD_KINDS = ['sessions', 'diagnoses', 'measures', 'progress-notes'] as const;
export const ChartRecordKind = z.enum(CHART_RECORD_KINDS);
export type ChartRecordKind = z.infer<typeof ChartRecordKind>;

export const Recipient = z.object({
  name: Text,
  addressLines: z.array(Text).max(6).default([]),
  /** "Attn:" line, e.g. the claims reviewer or the clerk. */
  attention: Text.optional(),
});
export type Recipient = z.infer<typeof Recipient>;

/** The records request as logged by records staff. */
export const ReleaseRequest = z.object({
  id: z.string().trim().min(1).max(100),
  requesterType: RequesterType,
  recipient: Recipient,
  purpose: Text,
  dateRange: DateRange,
  receivedOn: IsoDate,
  /**
   * The parts of the chart the request (or the authorization's description, or the order)
   * names. Absent: the request did not narrow it. Under minimum necessary an absent list
   * means the requester's standard protocol (see `minimum-necessary.ts`), never everything.
   */
  recordsAsked: z.array(ChartRecordKind).max(CHART_RECORD_KINDS.length).optional(),
});
export type ReleaseRequest = z.infer<typeof ReleaseRequest>;

/** One session (encounter) from the chart: logistics only. */
export const SessionRecord = z.object({
  id: z.string().trim().min(1).max(100),
  date: IsoDate,
  start: ClockTime.optional(),
  end: ClockTime.optional(),
  durationMinutes: z.number().int().min(1).max(24 * 60).optional(),
  cptCodes: z.array(CptCode).max(10).default([]),
  modality: SessionModality,
  placeOfService: PlaceOfService.default('office'),
  clinician: Text.optional(),
});
export type SessionRecord = z.infer<typeof SessionRecord>;

export const CoSignature = z.object({
  signedBy: Text,
  signedAt: Instant,
  /** The note hash the supervisor signed; equal to the note's own hash. */
  contentHash: Sha256Hex,
});

export const AddendumRecord = z.object({
  id: z.string().trim().min(1).max(100),
  authorName: Text,
  body: z.string().min(1).max(50_000),
  /** The signed note's hash the addendum was written against. */
  noteHash: Sha256Hex,
  contentHash: Sha256Hex,
  signedAt: Instant,
});
export type AddendumRecord = z.infer<typeof AddendumRecord>;

/**
 * A signed progress note: its canonical text (`renderProgressNote(content).text`), the hash
 * its signature binds, signer, time, supervisor co-signature and addenda. Drafts never leave.
 */
export const SignedProgressNote = z.object({
  id: z.string().trim().min(1).max(100),
  sessionId: z.string().trim().min(1).max(100).optional(),
  sessionDate: IsoDate,
  format: Text,
  text: LongText,
  contentHash: Sha256Hex,
  signedBy: Text,
  signedAt: Instant,
  cosignature: CoSignature.optional(),
  addenda: z.array(AddendumRecord).max(500).default([]),
});
export type SignedProgressNote = z.infer<typeof SignedProgressNote>;

export const DiagnosisRecord = z.object({
  id: z.string().trim().min(1).max(100),
  code: Icd10Code,
  description: Text.optional(),
  onsetDate: IsoDate.optional(),
  resolvedDate: IsoDate.optional(),
});
export type DiagnosisRecord = z.infer<typeof DiagnosisRecord>;

export const MeasureRecord = z.object({
  id: z.string().trim().min(1).max(100),
  instrument: InstrumentIdSchema,
  date: IsoDate,
  total: z.number().int().min(0).max(200),
  /** The severity band or screening result as labelled, e.g. "Moderate". */
  band: Text.optional(),
  /** Item answers in order, when recorded. */
  items: z.array(z.number().int().min(0).max(10)).max(40).optional(),
  sessionId: z.string().trim().min(1).max(100).optional(),
});
export type MeasureRecord = z.infer<typeof MeasureRecord>;

/**
 * A decrypted psychotherapy note, handed over only after the gate allowed the class and the
 * author approved this note (45 CFR 164.508(a)(2)). `authorApprovedAt` absent means the
 * author did not approve: `assemblePacket` then excludes the note and records why.
 */
export const PsychotherapyNoteRecord = z.object({
  id: z.string().trim().min(1).max(100),
  authorId: z.string().trim().min(1).max(100),
  /** The author's name as it should appear on the release, when given. */
  authorName: Text.optional(),
  sessionDate: IsoDate.optional(),
  body: LongText,
  authorApprovedAt: Instant.optional(),
});
export type PsychotherapyNoteRecord = z.infer<typeof PsychotherapyNoteRecord>;

/** Everything one packet (or access copy) is built from. */
export const ReleaseInputShape = z.object({
  practice: PracticeInfo,
  client: ClientInfo,
  request: ReleaseRequest,
  /** The gate's answer for this request: the only thing that decides what goes in. */
  decision: DisclosureDecision,
  /** Authorizations on file for this client (45 CFR 164.508). */
  authorizations: z.array(Authorization).max(200).default([]),
  sessions: z.array(SessionRecord).default([]),
  progressNotes: z.array(SignedProgressNote).default([]),
  diagnoses: z.array(DiagnosisRecord).max(500).default([]),
  measures: z.array(MeasureRecord).default([]),
  psychotherapyNotes: z.array(PsychotherapyNoteRecord).default([]),
  /** When the packet is prepared: the cover-letter date and the PDF CreationDate. */
  preparedAt: Instant,
});
/** The input type the generators accept (they re-check the psychotherapy-note rules themselves). */
export type ReleaseInput = z.infer<typeof ReleaseInputShape>;
export type ReleaseInputRaw = z.input<typeof ReleaseInputShape>;

/**
 * The input as the workflow must hand it over: psychotherapy notes present only when the
 * gate released the class and each note carries its author's approval (45 CFR 164.508(a)(2)).
 * Use this at the edge; `assemblePacket` still excludes (never includes) on a violation.
 */
export const ReleaseInput = ReleaseInputShape.superRefine((input, ctx) => {
  if (input.psychotherapyNotes.length > 0 && !input.decision.psychotherapyNotes.release) {
    ctx.addIssue({
      code: 'custom',
      path: ['psychotherapyNotes'],
      message: 'psychotherapy notes were handed over although the gate did not release them (45 CFR 164.508(a)(2))',
    });
  }
  input.psychotherapyNotes.forEach((n, i) => {
    if (n.authorApprovedAt === undefined) {
      ctx.addIssue({ code: 'custom', path: ['psychotherapyNotes', i, 'authorApprovedAt'], message: 'the author has not approved this release' });
    }
  });
});
