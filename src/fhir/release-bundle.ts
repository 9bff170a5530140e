/**
 * FHIR R4 mapping of a release packet (or right-of-access copy): a `collection` Bundle with
 * Patient, one Encounter per session, Condition (ICD-10-CM), Observation (measure totals,
 * LOINC where verified), DocumentReference per progress note, addendum and released
 * psychotherapy note, and a Consent per authorization enclosed. Every resource and the
 * Bundle carry `meta.security` labels (see `security-labels.ts`).
 *
 * Built from the `Packet` model only, so the Bundle holds exactly what the PDF holds.
 * Deterministic: resource ids are name-based UUIDs of the packet and item ids.
 */
import { createHash } from 'node:crypto';
import type {
  Attachment,
  Bundle,
  BundleEntry,
  CodeableConcept,
  Coding,
  Condition,
  Consent,
  DocumentReference,
  Encounter,
  Observation,
  Patient,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import { validateAuthorization } from '../core/disclosure/index.ts';
import type { Authorization } from '../core/disclosure/index.ts';
import { INSTRUMENTS } from '../core/measures/index.ts';
import type { Packet } from '../release/packet.ts';
import type { AddendumRecord, DiagnosisRecord, MeasureRecord, PsychotherapyNoteRecord, SessionRecord, SignedProgressNote } from '../release/release-input.ts';
import { LABEL, MENTAL_HEALTH_LABELS, PSYCHOTHERAPY_NOTE_LABELS, SYSTEMS, labels } from './security-labels.ts';

/** LOINC 11506-3 "Progress note" (hipaa-facts §11). */
export const PROGRESS_NOTE_TYPE: CodeableConcept = { coding: [{ system: SYSTEMS.loinc, code: '11506-3', display: 'Progress note' }], text: 'Progress note' };

/**
 * No LOINC document code for a psychotherapy (process) note could be verified (hipaa-facts
 * §11), so a local code carries the meaning and the PSYTHPN label the handling.
 */
export const PSYCHOTHERAPY_NOTE_TYPE: CodeableConcept = {
  coding: [{ system: SYSTEMS.local.documentType, code: 'psychotherapy-note', display: 'Psychotherapy note (45 CFR 164.501)' }],
  text: 'Psychotherapy note',
};

const MODALITY_WORDS: Readonly<Record<SessionRecord['modality'], string>> = {
  individual: 'Individual psychotherapy',
  couples: 'Couples psychotherapy',
  family: 'Family psychotherapy',
  group: 'Group psychotherapy',
  crisis: 'Crisis psychotherapy',
  intake: 'Psychiatric diagnostic evaluation',
};

/** A name-based UUID (SHA-256 of the parts, formatted as an RFC 4122 version-5-style UUID). */
export function stableUuid(...parts: readonly string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const sha1b64 = (s: string): string => createHash('sha1').update(s, 'utf8').digest('base64');

function textAttachment(text: string, title: string, creation?: string): Attachment {
  return {
    contentType: 'text/plain; charset=utf-8',
    language: 'en-US',
    data: b64(text),
    size: Buffer.byteLength(text, 'utf8'),
    // FHIR R4 Attachment.hash is the base64 SHA-1 of the data.
    hash: sha1b64(text),
    title,
    ...(creation ? { creation } : {}),
  };
}

function minutes(s: SessionRecord): number | undefined {
  if (s.start && s.end) {
    const [sh, sm] = s.start.split(':').map(Number) as [number, number];
    const [eh, em] = s.end.split(':').map(Number) as [number, number];
    return eh * 60 + em - (sh * 60 + sm);
  }
  return s.durationMinutes;
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Maps a packet to a FHIR R4 `collection` Bundle. */
export function packetToFhirBundle(packet: Packet): Bundle {
  const ns = packet.id;
  const url = (kind: string, id: string): string => `urn:uuid:${stableUuid(ns, kind, id)}`;
  const idOf = (fullUrl: string): string => fullUrl.slice('urn:uuid:'.length);
  const entries: BundleEntry[] = [];
  const add = <T extends Resource>(fullUrl: string, resource: T): void => {
    entries.push({ fullUrl, resource });
  };

  const patientUrl = url('Patient', packet.client.id);
  const subject: Reference<Patient> = { reference: patientUrl, display: packet.client.name };
  add(patientUrl, patient(idOf(patientUrl), packet));

  const encounterUrls = new Map<string, string>();
  for (const s of packet.sessions) {
    const u = url('Encounter', s.id);
    encounterUrls.set(s.id, u);
    add(u, encounter(idOf(u), s, subject));
  }
  for (const d of packet.diagnoses) {
    const u = url('Condition', d.id);
    add(u, condition(idOf(u), d, subject));
  }
  for (const m of packet.measures) {
    const u = url('Observation', m.id);
    const enc = m.sessionId ? encounterUrls.get(m.sessionId) : undefined;
    add(u, observation(idOf(u), m, subject, enc));
  }
  for (const n of packet.progressNotes) {
    const u = url('DocumentReference', n.id);
    const enc = n.sessionId ? encounterUrls.get(n.sessionId) : undefined;
    add(u, progressNoteDocument(idOf(u), n, subject, enc));
    for (const a of n.addenda) {
      const au = url('DocumentReference', `addendum:${a.id}`);
      add(au, addendumDocument(idOf(au), a, n, subject, u));
    }
  }
  for (const n of packet.psychotherapyNotes) {
    const u = url('DocumentReference', `psychotherapy:${n.id}`);
    add(u, psychotherapyNoteDocument(idOf(u), n, subject));
  }
  for (const a of packet.authorizations) {
    const u = url('Consent', a.id);
    add(u, consent(idOf(u), a, subject, packet));
  }

  const hasPsychotherapy = packet.psychotherapyNotes.length > 0;
  return {
    resourceType: 'Bundle',
    id: stableUuid(ns, 'Bundle'),
    // The Bundle is labelled with the highest sensitivity of anything inside it.
    meta: { lastUpdated: packet.preparedAt, security: labels(hasPsychotherapy ? [...PSYCHOTHERAPY_NOTE_LABELS, LABEL.mentalHealth] : MENTAL_HEALTH_LABELS) },
    identifier: { system: SYSTEMS.local.packet, value: packet.id },
    type: 'collection',
    timestamp: packet.preparedAt,
    entry: entries,
  };
}

function patient(id: string, packet: Packet): Patient {
  return {
    resourceType: 'Patient',
    id,
    meta: { security: labels(MENTAL_HEALTH_LABELS) },
    identifier: [{ system: SYSTEMS.local.client, value: packet.client.id }],
    name: [{ text: packet.client.name }],
    ...(packet.client.dateOfBirth ? { birthDate: packet.client.dateOfBirth } : {}),
  };
}

function encounter(id: string, s: SessionRecord, subject: Reference<Patient>): Encounter {
  const telehealth = s.placeOfService === 'telehealth-home' || s.placeOfService === 'telehealth-other';
  const len = minutes(s);
  const type: CodeableConcept = {
    ...(s.cptCodes.length > 0 ? { coding: s.cptCodes.map((code) => ({ system: SYSTEMS.cpt, code })) } : {}),
    text: MODALITY_WORDS[s.modality],
  };
  return {
    resourceType: 'Encounter',
    id,
    meta: { security: labels(MENTAL_HEALTH_LABELS) },
    identifier: [{ system: SYSTEMS.local.session, value: s.id }],
    status: 'finished',
    class: telehealth ? { system: SYSTEMS.actCode, code: 'VR', display: 'virtual' } : { system: SYSTEMS.actCode, code: 'AMB', display: 'ambulatory' },
    type: [type],
    subject,
    // Dates only: the chart keeps wall-clock times without a zone, and a FHIR dateTime
    // with a time needs one. The length carries the minutes.
    period: { start: s.date, end: s.date },
    ...(len !== undefined ? { length: { value: len, unit: 'min', system: SYSTEMS.ucum, code: 'min' } } : {}),
    ...(s.clinician ? { participant: [{ individual: { display: s.clinician } }] } : {}),
  };
}

function condition(id: string, d: DiagnosisRecord, subject: Reference<Patient>): Condition {
  const resolved = d.resolvedDate !== undefined;
  return {
    resourceType: 'Condition',
    id,
    meta: { security: labels(MENTAL_HEALTH_LABELS) },
    identifier: [{ system: SYSTEMS.local.diagnosis, value: d.id }],
    clinicalStatus: { coding: [{ system: SYSTEMS.conditionClinical, code: resolved ? 'resolved' : 'active' }] },
    verificationStatus: { coding: [{ system: SYSTEMS.conditionVerification, code: 'confirmed' }] },
    category: [{ coding: [{ system: SYSTEMS.conditionCategory, code: 'problem-list-item', display: 'Problem List Item' }] }],
    code: { coding: [{ system: SYSTEMS.icd10cm, code: d.code, ...(d.description ? { display: d.description } : {}) }], text: d.description ?? d.code },
    subject,
    ...(d.onsetDate ? { onsetDateTime: d.onsetDate } : {}),
    ...(d.resolvedDate ? { abatementDateTime: d.resolvedDate } : {}),
  };
}

function observation(id: string, m: MeasureRecord, subject: Reference<Patient>, encounterUrl: string | undefined): Observation {
  const def = INSTRUMENTS[m.instrument];
  const totalCode = def.loinc.total;
  // Where no LOINC code is verified (PCL-5), the code is text only and a note says so.
  const code: CodeableConcept = totalCode
    ? { coding: [{ system: SYSTEMS.loinc, code: totalCode, display: `${def.displayName} total score` }], text: `${def.displayName} total score` }
    : { text: `${def.displayName} total score` };
  const component = m.items?.map((value, i) => {
    const itemCode = def.loinc.items?.[i + 1];
    const text = `${def.displayName} item ${i + 1}`;
    const c: CodeableConcept = itemCode ? { coding: [{ system: SYSTEMS.loinc, code: itemCode }], text } : { text };
    return { code: c, valueInteger: value };
  });
  return {
    resourceType: 'Observation',
    id,
    meta: { security: labels(MENTAL_HEALTH_LABELS) },
    identifier: [{ system: SYSTEMS.local.measure, value: m.id }],
    status: 'final',
    category: [{ coding: [{ system: SYSTEMS.observationCategory, code: 'survey', display: 'Survey' }] }],
    code,
    subject,
    ...(encounterUrl ? { encounter: { reference: encounterUrl } } : {}),
    effectiveDateTime: m.date,
    valueInteger: m.total,
    ...(m.band ? { interpretation: [{ text: m.band }] } : {}),
    ...(component && component.length > 0 ? { component } : {}),
    ...(totalCode ? {} : { note: [{ text: def.loincNote ?? `No verified LOINC code for ${def.displayName}; the code is text only.` }] }),
  };
}

function progressNoteDocument(id: string, n: SignedProgressNote, subject: Reference<Patient>, encounterUrl: string | undefined): DocumentReference {
  const cosign = n.cosignature;
  return {
    resourceType: 'DocumentReference',
    id,
    meta: { security: labels(MENTAL_HEALTH_LABELS) },
    identifier: [
      { system: SYSTEMS.local.note, value: n.id },
      { system: SYSTEMS.local.contentSha256, value: n.contentHash },
    ],
    status: 'current',
    docStatus: 'final',
    type: PROGRESS_NOTE_TYPE,
    subject,
    date: n.signedAt,
    author: [{ display: n.signedBy }],
    ...(cosign ? { authenticator: { display: cosign.signedBy } } : {}),
    description: `${n.format} progress note, signed by ${n.signedBy} at ${n.signedAt}; content hash (SHA-256) ${n.contentHash}${cosign ? `; co-signed by ${cosign.signedBy} at ${cosign.signedAt}` : ''}.`,
    securityLabel: [{ coding: labels(MENTAL_HEALTH_LABELS) }],
    content: [{ attachment: textAttachment(n.text, `Progress note ${n.sessionDate}`, n.signedAt) }],
    context: {
      ...(encounterUrl ? { encounter: [{ reference: encounterUrl }] } : {}),
      period: { start: n.sessionDate, end: n.sessionDate },
    },
  };
}

function addendumDocument(id: string, a: AddendumRecord, n: SignedProgressNote, subject: Reference<Patient>, noteUrl: string): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    id,
    meta: { security: labels(MENTAL_HEALTH_LABELS) },
    identifier: [
      { system: SYSTEMS.local.addendum, value: a.id },
      { system: SYSTEMS.local.contentSha256, value: a.contentHash },
    ],
    status: 'current',
    docStatus: 'amended',
    type: PROGRESS_NOTE_TYPE,
    subject,
    date: a.signedAt,
    author: [{ display: a.authorName }],
    description: `Addendum to the progress note of ${n.sessionDate}, signed by ${a.authorName} at ${a.signedAt}, written against note hash ${a.noteHash}.`,
    relatesTo: [{ code: 'appends', target: { reference: noteUrl } }],
    securityLabel: [{ coding: labels(MENTAL_HEALTH_LABELS) }],
    content: [{ attachment: textAttachment(a.body, `Addendum to progress note ${n.sessionDate}`, a.signedAt) }],
  };
}

function psychotherapyNoteDocument(id: string, n: PsychotherapyNoteRecord, subject: Reference<Patient>): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    id,
    // 45 CFR 164.508(a)(2): very restricted; the labels travel with the resource.
    meta: { security: labels(PSYCHOTHERAPY_NOTE_LABELS) },
    identifier: [{ system: SYSTEMS.local.psychotherapyNote, value: n.id }],
    status: 'current',
    docStatus: 'final',
    type: PSYCHOTHERAPY_NOTE_TYPE,
    subject,
    author: [{ display: n.authorName ?? n.authorId }],
    description: `Psychotherapy note released with its author's approval (${n.authorApprovedAt ?? ''}).`,
    securityLabel: [{ coding: labels(PSYCHOTHERAPY_NOTE_LABELS) }],
    content: [{ attachment: textAttachment(n.body, `Psychotherapy note${n.sessionDate ? ` ${n.sessionDate}` : ''}`) }],
    ...(n.sessionDate ? { context: { period: { start: n.sessionDate, end: n.sessionDate } } } : {}),
  };
}

function consentStatus(a: Authorization, asOf: string): Consent['status'] {
  const check = validateAuthorization(a, asOf);
  if (check.valid) return 'active';
  if (check.problems.some((p) => p.code === 'expired' || p.code === 'revoked')) return 'inactive';
  return 'rejected';
}

function consent(id: string, a: Authorization, subject: Reference<Patient>, packet: Packet): Consent {
  const psychotherapy = a.kind === 'psychotherapy-notes';
  const provisionLabels: Coding[] = psychotherapy ? labels(PSYCHOTHERAPY_NOTE_LABELS) : labels(MENTAL_HEALTH_LABELS);
  const terms = [
    ['Kind', psychotherapy ? 'Psychotherapy-notes authorization' : 'General authorization'],
    ['Description', a.description ?? ''],
    ['Discloser', a.discloser ?? ''],
    ['Recipient', a.recipient ?? ''],
    ['Purpose', a.purpose ?? ''],
    ['Expires', a.expiresOn ?? a.expirationEvent ?? ''],
    ['Signed', `${a.signedBy ?? ''} ${a.signedOn ?? ''}`.trim()],
    ['Revoked', a.revokedOn ?? 'no'],
  ];
  return {
    resourceType: 'Consent',
    id,
    meta: { security: labels(MENTAL_HEALTH_LABELS) },
    text: {
      status: 'generated',
      div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>Authorization ${escapeXml(a.id)} (45 CFR 164.508)</p><ul>${terms
        .map(([k, v]) => `<li>${escapeXml(k ?? '')}: ${escapeXml(v ?? '')}</li>`)
        .join('')}</ul></div>`,
    },
    identifier: [{ system: SYSTEMS.local.authorization, value: a.id }],
    status: consentStatus(a, packet.decisionAsOf),
    scope: { coding: [{ system: SYSTEMS.consentScope, code: 'patient-privacy', display: 'Privacy Consent' }] },
    category: [{ coding: [{ system: SYSTEMS.actCode, code: 'IDSCL', display: 'information disclosure' }], text: 'Authorization to disclose health information (45 CFR 164.508)' }],
    patient: subject,
    ...(a.signedOn ? { dateTime: a.signedOn } : {}),
    ...(a.signedBy ? { performer: [{ display: a.signedBy }] } : {}),
    organization: [{ display: a.discloser ?? packet.practice.name }],
    policyRule: { coding: [{ system: SYSTEMS.consentPolicy, code: 'hipaa-auth', display: 'HIPAA Authorization' }] },
    provision: {
      type: 'permit',
      ...(a.signedOn || a.expiresOn ? { period: { ...(a.signedOn ? { start: a.signedOn } : {}), ...(a.expiresOn ? { end: a.expiresOn } : {}) } } : {}),
      actor: [
        { role: { coding: [{ system: SYSTEMS.participationType, code: 'IRCP', display: 'information recipient' }] }, reference: { display: a.recipient ?? '' } },
        { role: { coding: [{ system: SYSTEMS.participationType, code: 'CST', display: 'custodian' }] }, reference: { display: a.discloser ?? packet.practice.name } },
      ],
      action: [{ coding: [{ system: SYSTEMS.consentAction, code: 'disclose', display: 'Disclose' }] }],
      securityLabel: provisionLabels,
    },
  };
}
