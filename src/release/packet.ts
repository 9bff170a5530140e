/**
 * The packet model: what `assemblePacket` / `assembleAccessCopy` decide goes out, and why
 * the rest does not. The PDF and the FHIR Bundle are both rendered from this model and from
 * nothing else, so they cannot disagree about what is enclosed.
 */
import type { RecordClass, RequesterType } from '../core/disclosure/index.ts';
import type { Authorization } from '../core/disclosure/index.ts';
import type {
  ChartRecordKind,
  ClientInfo,
  DateRange,
  DiagnosisRecord,
  MeasureRecord,
  PracticeInfo,
  PsychotherapyNoteRecord,
  Recipient,
  ReleaseRequest,
  SessionRecord,
  SignedProgressNote,
} from './release-input.ts';

/** `release`: to the requester the gate decided on. `access-copy`: the client's own copy (164.524). */
export const PACKET_KINDS = ['release', 'access-copy'] as const;
export type PacketKind = (typeof PACKET_KINDS)[number];

/** What an exclusion is about: a part of the chart, or psychotherapy notes. */
export const EXCLUSION_SUBJECTS = ['sessions', 'diagnoses', 'measures', 'progress-notes', 'psychotherapy-notes'] as const;
export type ExclusionSubject = (typeof EXCLUSION_SUBJECTS)[number];

/** Why something is not in the packet; a closed list. */
export const EXCLUSION_REASONS = [
  /** The gate did not release this class. */
  'gate-denied',
  /** The decision in the input was made for another requester type than the request's. */
  'decision-mismatch',
  /** The request (or authorization, or order) does not name this part of the chart. */
  'not-asked',
  /** 45 CFR 164.502(b): outside what minimum necessary allows for this requester. */
  'minimum-necessary',
  /** Dated outside the requested range. */
  'outside-range',
  /** Undated, so it cannot be shown to fall inside the requested range. */
  'date-unknown',
  /** A psychotherapy note its author has not approved for release (164.508(a)(2)). */
  'author-not-approved',
  /** 45 CFR 164.524(a)(1)(i): psychotherapy notes are outside the right of access. */
  'no-right-of-access',
  /** An access copy built on a decision that is not a right-of-access decision. */
  'not-an-access-decision',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export interface Exclusion {
  readonly subject: ExclusionSubject;
  readonly reason: ExclusionReason;
  /** Plain words. */
  readonly explanation: string;
  /** The rule, a CFR citation where there is one. */
  readonly basis: string;
  /**
   * The withheld items, by id, for records staff. Never printed on a release to a third
   * party: even the number of psychotherapy notes is not the recipient's business.
   */
  readonly itemIds: readonly string[];
}

/** One class of record as it ends up in the packet. */
export interface ClassOutcome {
  readonly recordClass: RecordClass;
  readonly label: string;
  /** The gate's answer. */
  readonly gateRelease: boolean;
  /** Whether anything of this class may be in the packet at all (gate, decision fit, access rule). */
  readonly released: boolean;
  readonly basis: string;
  readonly explanation: string;
  readonly minimumNecessary: boolean;
  readonly authorizationId?: string;
  /** How many items of the class are enclosed. */
  readonly includedCount: number;
}

export const INDEX_SECTIONS = ['diagnoses', 'sessions', 'measures', 'progress-note', 'psychotherapy-note', 'authorizations'] as const;
export type IndexSection = (typeof INDEX_SECTIONS)[number];

export interface IndexEntry {
  /** The item id, or the section name for a whole section. */
  readonly ref: string;
  readonly section: IndexSection;
  readonly date?: string;
  readonly title: string;
}

export interface CoverLetterBasis {
  readonly label: string;
  readonly released: boolean;
  readonly words: string;
  readonly basis: string;
}

export interface CoverLetterWithheld {
  readonly what: string;
  readonly why: string;
  readonly basis: string;
}

export interface CoverLetter {
  /** `YYYY-MM-DD`, from `preparedAt`. */
  readonly date: string;
  readonly addressee: Recipient;
  readonly subject: string;
  readonly opening: readonly string[];
  readonly bases: readonly CoverLetterBasis[];
  readonly enclosed: readonly string[];
  readonly withheld: readonly CoverLetterWithheld[];
  readonly notices: ReadonlyArray<{ readonly heading: string; readonly text: string }>;
  readonly closing: readonly string[];
}

export interface PacketScope {
  readonly dateRange: DateRange;
  /** The parts of the chart that may be enclosed (empty when the chart is not released). */
  readonly chartKinds: readonly ChartRecordKind[];
  readonly minimumNecessary: { readonly applied: boolean; readonly why: string };
}

export interface Packet {
  readonly kind: PacketKind;
  readonly id: string;
  readonly title: string;
  readonly preparedAt: string;
  readonly practice: PracticeInfo;
  readonly client: ClientInfo;
  readonly request: ReleaseRequest;
  readonly requester: RequesterType;
  readonly decisionAsOf: string;
  /** Whether what is enclosed must be entered in the accounting of disclosures (164.528). */
  readonly accountable: boolean;
  readonly classes: { readonly progressNotes: ClassOutcome; readonly psychotherapyNotes: ClassOutcome };
  readonly scope: PacketScope;
  readonly sessions: readonly SessionRecord[];
  readonly diagnoses: readonly DiagnosisRecord[];
  readonly measures: readonly MeasureRecord[];
  readonly progressNotes: readonly SignedProgressNote[];
  readonly psychotherapyNotes: readonly PsychotherapyNoteRecord[];
  /** The authorizations the release rests on (all on file, in range, for an access copy). */
  readonly authorizations: readonly Authorization[];
  readonly index: readonly IndexEntry[];
  readonly excluded: readonly Exclusion[];
  readonly coverLetter: CoverLetter;
}
