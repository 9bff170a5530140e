/**
 * HL7 security labels and code systems used on every FHIR resource Notewall emits
 * (hipaa-facts §11). The mapping is a design choice, not an HL7 rule:
 *
 * - progress notes and all other mental-health data: confidentiality `R` (restricted; its
 *   examples name mental health) + sensitivity `MH`;
 * - psychotherapy notes: confidentiality `V` (very restricted) + sensitivity `PSYTHPN` +
 *   privacy law `HIPAAPsyNotes` (45 CFR 164.508(a)(2)).
 */
import type { Coding } from '@medplum/fhirtypes';

export const SYSTEMS = {
  confidentiality: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  loinc: 'http://loinc.org',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  cpt: 'http://www.ama-assn.org/go/cpt',
  ucum: 'http://unitsofmeasure.org',
  consentScope: 'http://terminology.hl7.org/CodeSystem/consentscope',
  consentPolicy: 'http://terminology.hl7.org/CodeSystem/consentpolicycodes',
  consentAction: 'http://terminology.hl7.org/CodeSystem/consentaction',
  participationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  /** Notewall's own identifiers and the local psychotherapy-note document code. */
  local: {
    client: 'urn:notewall:client-id',
    session: 'urn:notewall:session-id',
    diagnosis: 'urn:notewall:diagnosis-id',
    measure: 'urn:notewall:measure-id',
    note: 'urn:notewall:note-id',
    addendum: 'urn:notewall:addendum-id',
    psychotherapyNote: 'urn:notewall:psychotherapy-note-id',
    authorization: 'urn:notewall:authorization-id',
    packet: 'urn:notewall:packet-id',
    /** The SHA-256 a signature binds (hex), kept with each signed document. */
    contentSha256: 'urn:notewall:content-sha256',
    documentType: 'urn:notewall:document-type',
  },
} as const;

export const LABEL = {
  restricted: { system: SYSTEMS.confidentiality, code: 'R', display: 'restricted' },
  veryRestricted: { system: SYSTEMS.confidentiality, code: 'V', display: 'very restricted' },
  mentalHealth: { system: SYSTEMS.actCode, code: 'MH', display: 'mental health information sensitivity' },
  psychotherapyNote: { system: SYSTEMS.actCode, code: 'PSYTHPN', display: 'psychotherapy note information sensitivity' },
  hipaaPsychotherapyNotes: { system: SYSTEMS.actCode, code: 'HIPAAPsyNotes', display: 'HIPAA psychotherapy notes' },
} as const satisfies Record<string, Coding>;

/** Labels on every mental-health resource that is not a psychotherapy note. */
export const MENTAL_HEALTH_LABELS: readonly Coding[] = [LABEL.restricted, LABEL.mentalHealth];

/** Labels on a psychotherapy note (45 CFR 164.501, 164.508(a)(2)). */
export const PSYCHOTHERAPY_NOTE_LABELS: readonly Coding[] = [LABEL.veryRestricted, LABEL.psychotherapyNote, LABEL.hipaaPsychotherapyNotes];

/** A fresh copy, so no two resources share (and could mutate) one label array. */
export const labels = (set: readonly Coding[]): Coding[] => set.map((c) => ({ ...c }));
