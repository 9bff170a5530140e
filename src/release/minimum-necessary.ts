/**
 * Minimum necessary (45 CFR 164.502(b), 164.514(d)) as data: for each requester type, what
 * a packet holds when the gate says minimum necessary applies.
 *
 * The gate only says *whether* the standard applies (`decision.progressNotes.minimumNecessary`);
 * this table says what it means for a packet. The rule, applied by `assemblePacket`:
 *
 * 1. Never anything outside the requested date range (always, standard or not).
 * 2. Only the parts of the chart the request names (`request.recordsAsked`).
 * 3. When the request names none, the requester's *standard protocol* below
 *    (164.514(d)(3)(i): standard protocols for routine disclosures) — never the whole
 *    record, which 164.514(d)(5) forbids unless specifically justified.
 * 4. Never more than the requester's `permitted` parts, even when asked.
 *
 * Where the standard does not apply (treatment, the client, an authorization, a court order,
 * HHS) only steps 1 and 2 apply: the request (or the authorization's description, or the
 * order) sets the scope, and an unnarrowed request gets every part in the range.
 */
import type { RequesterType } from '../core/disclosure/index.ts';
import { CHART_RECORD_KINDS } from './release-input.ts';
import type { ChartRecordKind } from './release-input.ts';

export interface MinimumNecessaryProfile {
  /** What goes when the request names nothing: the standard protocol for this disclosure. */
  readonly standard: readonly ChartRecordKind[];
  /** What may go at all under the standard for this requester, even when asked for. */
  readonly permitted: readonly ChartRecordKind[];
  /** Why, in plain words, with the citation; shown on the cover letter. */
  readonly why: string;
}

const ALL: readonly ChartRecordKind[] = CHART_RECORD_KINDS;

/** Used for requester types whose disclosures the standard never limits (the gate says so). */
export const UNLIMITED_PROFILE: MinimumNecessaryProfile = {
  standard: ALL,
  permitted: ALL,
  why: 'The minimum-necessary standard does not limit this disclosure (45 CFR 164.502(b)(2)); the request sets the scope.',
};

/**
 * Profiles for the requester types where the gate can say minimum necessary applies.
 * Missing types fall back to {@link UNLIMITED_PROFILE} (the gate never applies the standard to them).
 */
export const MINIMUM_NECESSARY_PROFILES: Readonly<Partial<Record<RequesterType, MinimumNecessaryProfile>>> = {
  payer: {
    // Payment (164.506(c)(1)): a claim rests on dates of service, times, CPT codes, place of
    // service and diagnoses. A medical-necessity review may name notes and measures.
    standard: ['sessions', 'diagnoses'],
    permitted: ALL,
    why: 'For payment, the billing record is what is needed: dates of service, times, CPT codes, place of service and diagnoses (45 CFR 164.502(b), 164.514(d)(3)(i)). Progress notes and measure results go to a payer only when its request names them, for example for a medical-necessity review.',
  },
  'attorney-subpoena': {
    standard: ['sessions', 'diagnoses'],
    permitted: ALL,
    why: 'A subpoena response is limited to what the subpoena describes, within its dates (45 CFR 164.502(b), 164.512(e)(1)(ii)). Where the subpoena did not say which records, only the dates of service and diagnoses go; notes go only when it names them.',
  },
  'health-oversight': {
    standard: ['sessions', 'diagnoses'],
    permitted: ALL,
    why: 'An oversight agency receives what its request describes (45 CFR 164.502(b), 164.512(d), 164.514(d)(3)(iii)(A)); without a description, only the dates of service and diagnoses go.',
  },
  coroner: {
    standard: ALL,
    permitted: ALL,
    why: 'A coroner or medical examiner receives the records within the requested dates that bear on identifying the client or the cause of death (45 CFR 164.502(b), 164.512(g)(1)).',
  },
  'serious-threat': {
    // 164.512(j)(1)(i): what lets the recipient prevent or lessen the threat: the risk
    // assessments in the notes, diagnoses and scores; not the billing record.
    standard: ['diagnoses', 'measures', 'progress-notes'],
    permitted: ['diagnoses', 'measures', 'progress-notes'],
    why: 'To prevent or lessen a serious and imminent threat, only what bears on the threat goes: diagnoses, measure results and the notes with their risk assessments, within the dates asked (45 CFR 164.502(b), 164.512(j)(1)(i)). Billing details are not needed.',
  },
  training: {
    standard: ['diagnoses', 'measures', 'progress-notes'],
    permitted: ['diagnoses', 'measures', 'progress-notes'],
    why: 'Supervised training uses the clinical record, not the billing record (45 CFR 164.502(b), 164.506(c)(1)).',
  },
  'legal-defense': {
    standard: ALL,
    permitted: ALL,
    why: "Defending a proceeding the client brought, the practice uses the records within the dates at issue (45 CFR 164.502(b), 164.506(c)(1)).",
  },
  'language-model': {
    standard: ['progress-notes'],
    permitted: ['progress-notes'],
    why: 'A language model receives only the composed draft of a progress note, nothing else from the chart (45 CFR 164.502(b); Notewall policy).',
  },
};

/** The profile for a requester type. */
export function minimumNecessaryProfile(requester: RequesterType): MinimumNecessaryProfile {
  return MINIMUM_NECESSARY_PROFILES[requester] ?? UNLIMITED_PROFILE;
}
