/**
 * Release-of-information requests and the gate's answer: zod schemas are the types.
 *
 * A request says who is asking (a closed vocabulary of requester types) and carries the
 * details the rules need: what kind of satisfactory assurance came with a subpoena
 * (45 CFR 164.512(e)(1)(ii)), what a court order names (164.512(e)(1)(i)), whether an
 * oversight agency is overseeing the note's author (164.508(a)(2)(ii) via 164.512(d)).
 * Objects are strict so that a misspelled detail (say `courtorder`) is an error, never
 * silently ignored.
 */
import { z } from 'zod';
import { IsoDate } from '../notes/model.ts';

/** Who is asking. Fixed vocabulary; each has one row in the rule table (`rules.ts`). */
export const REQUESTER_TYPES = [
  'individual',
  'personal-representative',
  'provider-treatment',
  'payer',
  'attorney-subpoena',
  'court-order',
  'authorized-third-party',
  'health-oversight',
  'coroner',
  'serious-threat',
  'hhs',
  'originator-treatment',
  'training',
  'legal-defense',
  'language-model',
] as const;
export const RequesterType = z.enum(REQUESTER_TYPES);
export type RequesterType = z.infer<typeof RequesterType>;

/** Plain-words names for each requester type, for screens and CLI output. */
export const REQUESTER_LABELS: Readonly<Record<RequesterType, string>> = {
  individual: 'the client (right of access)',
  'personal-representative': "the client's personal representative (right of access)",
  'provider-treatment': 'another health care provider, for treatment',
  payer: 'a payer (insurer or health plan), for payment',
  'attorney-subpoena': 'an attorney or clerk with a subpoena (no court order)',
  'court-order': 'a court or tribunal, with an order',
  'authorized-third-party': 'a third party named in an authorization',
  'health-oversight': 'a health oversight agency (e.g. a licensing board)',
  coroner: 'a coroner or medical examiner',
  'serious-threat': 'a person able to prevent a serious and imminent threat',
  hhs: 'HHS, for a HIPAA compliance investigation or review',
  'originator-treatment': "the note's author, for the client's treatment",
  training: "the practice's own supervised training program",
  'legal-defense': 'the practice, defending itself in a proceeding the client brought',
  'language-model': "a language model that rephrases a drafted progress note for the treating clinician",
};

/** The two classes of record the gate decides on. */
export const RECORD_CLASSES = ['progressNotes', 'psychotherapyNotes'] as const;
export const RecordClass = z.enum(RECORD_CLASSES);
export type RecordClass = z.infer<typeof RecordClass>;

export const RECORD_CLASS_LABELS: Readonly<Record<RecordClass, string>> = {
  progressNotes: 'Progress notes and the rest of the chart',
  psychotherapyNotes: 'Psychotherapy notes',
};

/**
 * What accompanied a subpoena, discovery request or other lawful process that is not a
 * court order: 45 CFR 164.512(e)(1)(ii)(A) notice to the client, (B) a qualified
 * protective order, or neither.
 */
export const SATISFACTORY_ASSURANCES = ['notice', 'qualified-protective-order', 'none'] as const;
export const SatisfactoryAssurance = z.enum(SATISFACTORY_ASSURANCES);
export type SatisfactoryAssurance = z.infer<typeof SatisfactoryAssurance>;

/** What the request asks for: copies of records, or an accounting of disclosures (164.528). */
export const REQUEST_SUBJECTS = ['records', 'accounting-of-disclosures'] as const;
export const RequestSubject = z.enum(REQUEST_SUBJECTS);
export type RequestSubject = z.infer<typeof RequestSubject>;

const Text = z.string().trim().min(1).max(500);

export const SubpoenaDetails = z.strictObject({
  /** 45 CFR 164.512(e)(1)(ii): the written assurance that came with the subpoena. */
  satisfactoryAssurance: SatisfactoryAssurance,
});

export const CourtOrderDetails = z.strictObject({
  /** 45 CFR 164.512(e)(1)(i): release only what the order expressly names. */
  coversProgressNotes: z.boolean().default(true),
  /** Must be named in the order; psychotherapy notes are never implied (164.508(a)(2)). */
  coversPsychotherapyNotes: z.boolean().default(false),
});

export const OversightDetails = z.strictObject({
  /** 164.508(a)(2)(ii) lists 164.512(d) only for oversight of the notes' originator. */
  ofOriginator: z.boolean().default(false),
});

export const RepresentativeDetails = z.strictObject({
  /** 45 CFR 164.502(g), 164.514(h): authority under state law checked and documented. */
  authorityVerified: z.boolean(),
});

export const PayerDetails = z.strictObject({
  /**
   * 45 CFR 164.522(a)(1)(vi): the client paid in full out of pocket and asked that the
   * health plan not be told; the practice must honour that for payment and operations.
   */
  selfPayRestriction: z.boolean().default(false),
});

export const LanguageModelDetails = z.strictObject({
  /** The client's recorded, unrevoked consent to language-model assistance (Notewall policy). */
  clientConsent: z.boolean().default(false),
});

/** One records request as the gate sees it. */
export const DisclosureRequest = z.strictObject({
  requester: RequesterType,
  asksFor: RequestSubject.default('records'),
  /** Who receives the records; compared with each authorization's recipient (164.508(c)(1)(iii)). */
  recipient: Text.optional(),
  purpose: Text.optional(),
  /** The day the practice received the request; deadlines count from it. */
  receivedOn: IsoDate.optional(),
  subpoena: SubpoenaDetails.optional(),
  courtOrder: CourtOrderDetails.optional(),
  oversight: OversightDetails.optional(),
  representative: RepresentativeDetails.optional(),
  payer: PayerDetails.optional(),
  languageModel: LanguageModelDetails.optional(),
});
export type DisclosureRequest = z.infer<typeof DisclosureRequest>;
/** The request before defaults are applied (what a caller may pass to `DisclosureRequest.parse`). */
export type DisclosureRequestInput = z.input<typeof DisclosureRequest>;

/** Closed list of problem codes the gate can report. */
export const PROBLEM_CODES = [
  // 45 CFR 164.508(b)(2) defects of an authorization
  'missing-element',
  'missing-statement',
  'expired',
  'revoked',
  'compound',
  'improperly-conditioned',
  'known-false',
  'not-yet-signed',
  // the authorization is valid but does not fit this request
  'wrong-kind',
  'recipient-mismatch',
  'recipient-unknown',
  // the request itself
  'no-satisfactory-assurance',
  'court-order-details-missing',
  'representative-authority-unverified',
  'self-pay-restriction',
  'no-ai-consent',
  'accounting-requester',
  'received-after-as-of',
  'duplicate-authorization-id',
] as const;
export const ProblemCode = z.enum(PROBLEM_CODES);
export type ProblemCode = z.infer<typeof ProblemCode>;

export const Problem = z.object({
  code: ProblemCode,
  message: z.string(),
  authorizationId: z.string().optional(),
  /** The authorization element or statement that failed, or the request field at fault. */
  element: z.string().optional(),
});
export type Problem = z.infer<typeof Problem>;

/** The gate's answer for one class of record. */
export const ClassDecision = z.object({
  release: z.boolean(),
  /** The rule the answer rests on, always a CFR citation, e.g. "45 CFR 164.512(e)(1)(ii)". */
  basis: z.string(),
  explanation: z.string(),
  /** Whether 45 CFR 164.502(b) minimum necessary limits what leaves (false when nothing leaves). */
  minimumNecessary: z.boolean(),
  /** Whether releasing this class must go into the 164.528 accounting. */
  accountable: z.boolean(),
  /** Psychotherapy notes only: the author must approve and unlock them with their key. */
  requiresAuthorApproval: z.boolean().optional(),
  /** The authorization this release rests on, when it rests on one. */
  authorizationId: z.string().optional(),
  /** Points of law the gate decided conservatively or that need a human (legal review, state law). */
  caveats: z.array(z.string()),
});
export type ClassDecision = z.infer<typeof ClassDecision>;

export const Deadline = z.object({
  /** The day counting starts (the day received, or `asOf` when no receipt date was given). */
  from: IsoDate,
  date: IsoDate,
  rule: z.string(),
  extension: z
    .object({
      date: IsoDate,
      /** The written notice (reason and new date) must be sent by this day. */
      noticeBy: IsoDate,
      rule: z.string(),
    })
    .optional(),
});
export type Deadline = z.infer<typeof Deadline>;

export const DisclosureDecision = z.object({
  requester: RequesterType,
  asksFor: RequestSubject,
  asOf: IsoDate,
  progressNotes: ClassDecision,
  psychotherapyNotes: ClassDecision,
  /** True when anything released must be entered in the accounting of disclosures (164.528). */
  accountable: z.boolean(),
  /** Why the accounting does or does not need an entry, in plain words with the citation. */
  accountingReason: z.string(),
  deadline: Deadline.optional(),
  problems: z.array(Problem),
});
export type DisclosureDecision = z.infer<typeof DisclosureDecision>;
