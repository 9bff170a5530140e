/**
 * The FHIR R4 Bundle of a release packet and of an access copy: every resource and the
 * Bundle validate against the official R4 JSON schema (ajv), every resource carries the
 * security labels, and the codes are the ones hipaa-facts §11 names. All data synthetic.
 */
import type { Bundle, Coding, Consent, DocumentReference, Observation, Resource } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { packetToFhirBundle } from '../../src/fhir/release-bundle.ts';
import { SYSTEMS } from '../../src/fhir/security-labels.ts';
import { assembleAccessCopy, assemblePacket } from '../../src/release/assemble.ts';
import { authorizationInput, psyMarker, releaseInput, syntheticChart } from './fixtures.ts';
import { validateResource, validatorFor } from './fhir-validator.ts';

const chart = syntheticChart({ sessions: 12, psychotherapyNotes: 4, approved: (i) => i !== 1 });
chart.measures.push(
  { id: 'M-PHQ-ITEMS', instrument: 'phq9', date: '2025-02-01', total: 14, band: 'Moderate', items: [2, 2, 1, 2, 1, 2, 2, 1, 1] },
  { id: 'M-PCL5', instrument: 'pcl5', date: '2025-02-02', total: 40, band: 'Provisional PTSD', items: Array.from({ length: 20 }, (_, i) => i % 5) },
);

const court = packetToFhirBundle(
  assemblePacket(releaseInput({ requester: 'court-order', request: { courtOrder: { coversPsychotherapyNotes: true } }, chart })),
);
const authorized = packetToFhirBundle(
  assemblePacket(
    releaseInput({
      requester: 'authorized-third-party',
      chart,
      authorizations: [authorizationInput('general'), authorizationInput('psychotherapy-notes')],
    }),
  ),
);
const access = packetToFhirBundle(
  assembleAccessCopy(
    releaseInput({
      requester: 'individual',
      chart,
      range: {},
      authorizations: [
        authorizationInput('general'),
        authorizationInput('general', { id: 'G-REVOKED', revokedOn: '2026-03-01' }),
        authorizationInput('general', { id: 'G-DEFECTIVE', statements: { rightToRevoke: false, conditioning: true, redisclosure: true } }),
        authorizationInput('psychotherapy-notes', { id: 'P-9' }),
      ],
    }),
  ),
);
const BUNDLES: ReadonlyArray<[string, Bundle]> = [
  ['court order naming psychotherapy notes', court],
  ['authorized third party', authorized],
  ['right-of-access copy', access],
];

const resources = (b: Bundle): Resource[] => (b.entry ?? []).map((e) => e.resource).filter((r): r is Resource => r !== undefined);
const codes = (cs: readonly Coding[] | undefined): string[] => (cs ?? []).map((c) => `${c.system}|${c.code}`);
const MH = [`${SYSTEMS.confidentiality}|R`, `${SYSTEMS.actCode}|MH`];
const PSY = [`${SYSTEMS.confidentiality}|V`, `${SYSTEMS.actCode}|PSYTHPN`, `${SYSTEMS.actCode}|HIPAAPsyNotes`];
const isPsychotherapyDoc = (r: Resource): r is DocumentReference =>
  r.resourceType === 'DocumentReference' && (r.type?.coding ?? []).some((c) => c.code === 'psychotherapy-note');

beforeAll(() => {
  validatorFor('Bundle'); // compile the schema once, outside the first test's timing
}, 120_000);

describe.each(BUNDLES)('FHIR R4 Bundle: %s', (_name, bundle) => {
  it('the Bundle validates against the official R4 JSON schema', () => {
    expect(validateResource(bundle)).toEqual([]);
    expect(bundle.type).toBe('collection');
  });

  it('every resource validates on its own', () => {
    const rs = resources(bundle);
    expect(rs.length).toBeGreaterThan(5);
    for (const r of rs) expect({ type: r.resourceType, errors: validateResource(r) }).toEqual({ type: r.resourceType, errors: [] });
  });

  it('every resource carries meta.security labels: R + MH, or V + PSYTHPN + HIPAAPsyNotes on psychotherapy notes', () => {
    for (const r of resources(bundle)) {
      const labels = codes(r.meta?.security);
      if (isPsychotherapyDoc(r)) {
        expect(labels).toEqual(PSY);
        expect(codes(r.securityLabel?.[0]?.coding)).toEqual(PSY);
      } else {
        expect(labels).toEqual(MH);
      }
    }
    expect(codes(bundle.meta?.security).length).toBeGreaterThan(0);
  });

  it('entries use urn:uuid full URLs that match the resource ids, and references resolve inside the Bundle', () => {
    const urls = new Set((bundle.entry ?? []).map((e) => e.fullUrl));
    for (const e of bundle.entry ?? []) expect(e.fullUrl).toBe(`urn:uuid:${e.resource?.id ?? ''}`);
    const refs = JSON.stringify(bundle).match(/"reference":"([^"]+)"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(urls.has(r.slice('"reference":"'.length, -1))).toBe(true);
  });
});

describe('codes and content', () => {
  it('progress notes are DocumentReferences with LOINC 11506-3, their text, hash and addenda', () => {
    const docs = resources(court).filter((r): r is DocumentReference => r.resourceType === 'DocumentReference' && !isPsychotherapyDoc(r));
    const notes = docs.filter((d) => !d.relatesTo);
    expect(notes).toHaveLength(12);
    for (const d of docs) expect(codes(d.type?.coding)).toEqual([`${SYSTEMS.loinc}|11506-3`]);
    const first = notes[0]!;
    const text = Buffer.from(first.content[0]?.attachment.data ?? '', 'base64').toString('utf8');
    expect(text).toBe(chart.progressNotes[0]!.text);
    expect(first.identifier?.find((i) => i.system === SYSTEMS.local.contentSha256)?.value).toBe(chart.progressNotes[0]!.contentHash);
    const addenda = docs.filter((d) => d.relatesTo?.[0]?.code === 'appends');
    expect(addenda.length).toBe(chart.progressNotes.filter((n) => n.addenda.length > 0).length);
  });

  it('released psychotherapy notes use the local code, and only approved ones are present', () => {
    const psy = resources(court).filter(isPsychotherapyDoc);
    expect(psy.map((d) => d.identifier?.[0]?.value)).toEqual(['P-0000', 'P-0002', 'P-0003']);
    const json = JSON.stringify(court);
    expect(json).not.toContain(Buffer.from(chart.psychotherapyNotes[1]!.body).toString('base64'));
    expect(Buffer.from(psy[0]!.content[0]?.attachment.data ?? '', 'base64').toString('utf8')).toContain(psyMarker(0));
  });

  it('the access copy has no psychotherapy note, whatever was passed in', () => {
    expect(resources(access).some(isPsychotherapyDoc)).toBe(false);
    for (const n of chart.psychotherapyNotes) expect(JSON.stringify(access)).not.toContain(Buffer.from(n.body).toString('base64'));
  });

  it('measures: LOINC totals for PHQ-9 and GAD-7, item 9 coded, PCL-5 text only with a note saying why', () => {
    const obs = resources(court).filter((r): r is Observation => r.resourceType === 'Observation');
    const phq = obs.find((o) => o.identifier?.[0]?.value === 'M-PHQ-ITEMS')!;
    expect(codes(phq.code.coding)).toEqual([`${SYSTEMS.loinc}|44261-6`]);
    expect(phq.valueInteger).toBe(14);
    expect(codes(phq.component?.[8]?.code.coding)).toEqual([`${SYSTEMS.loinc}|44260-8`]);
    expect(phq.component?.[0]?.code.coding).toBeUndefined();
    const gad = obs.find((o) => o.code.text === 'GAD-7 total score')!;
    expect(codes(gad.code.coding)).toEqual([`${SYSTEMS.loinc}|70274-6`]);
    const pcl = obs.find((o) => o.identifier?.[0]?.value === 'M-PCL5')!;
    expect(pcl.code.coding).toBeUndefined();
    expect(pcl.code.text).toBe('PCL-5 total score');
    expect(pcl.note?.[0]?.text).toMatch(/LOINC/);
    expect(pcl.component).toHaveLength(20);
  });

  it('diagnoses are ICD-10-CM Conditions', () => {
    const conds = resources(access).filter((r) => r.resourceType === 'Condition');
    expect(conds.map((c) => (c.resourceType === 'Condition' ? codes(c.code?.coding) : []))).toEqual([
      [`${SYSTEMS.icd10cm}|F32.1`],
      [`${SYSTEMS.icd10cm}|F41.1`],
    ]);
  });

  it('authorizations are Consents: patient-privacy, hipaa-auth, period, actors, labels, status from validity', () => {
    const consents = resources(access).filter((r): r is Consent => r.resourceType === 'Consent');
    const byId = new Map(consents.map((c) => [c.identifier?.[0]?.value, c]));
    expect([...byId.keys()].sort()).toEqual(['G-1', 'G-DEFECTIVE', 'G-REVOKED', 'P-9']);
    const g = byId.get('G-1')!;
    expect(codes(g.scope.coding)).toEqual([`${SYSTEMS.consentScope}|patient-privacy`]);
    expect(codes(g.policyRule?.coding)).toEqual([`${SYSTEMS.consentPolicy}|hipaa-auth`]);
    expect(g.provision?.period).toEqual({ start: '2026-02-01', end: '2026-12-31' });
    expect(g.provision?.actor?.map((a) => a.role.coding?.[0]?.code)).toEqual(['IRCP', 'CST']);
    expect(g.status).toBe('active');
    expect(byId.get('G-REVOKED')?.status).toBe('inactive');
    expect(byId.get('G-DEFECTIVE')?.status).toBe('rejected');
    expect(codes(byId.get('P-9')?.provision?.securityLabel)).toEqual(PSY);
    // A release rests on the authorizations the gate relied on, and only those.
    expect(resources(authorized).filter((r) => r.resourceType === 'Consent')).toHaveLength(2);
  });

  it('is deterministic', () => {
    const again = packetToFhirBundle(
      assemblePacket(releaseInput({ requester: 'court-order', request: { courtOrder: { coversPsychotherapyNotes: true } }, chart })),
    );
    expect(JSON.stringify(again)).toBe(JSON.stringify(court));
  });
});

describe('the validator can fail', () => {
  it('rejects a bad code, an unknown property and a missing required element', () => {
    const doc = JSON.parse(JSON.stringify(resources(court).find((r) => r.resourceType === 'DocumentReference'))) as { resourceType: string } & Record<string, unknown>;
    expect(validateResource(doc)).toEqual([]);
    expect(validateResource({ ...doc, status: 'bogus' }).length).toBeGreaterThan(0);
    expect(validateResource({ ...doc, notAnElement: true }).length).toBeGreaterThan(0);
    const { content: _content, ...noContent } = doc;
    expect(validateResource(noContent).length).toBeGreaterThan(0);
    const badPatient: { resourceType: string; birthDate: string } = { resourceType: 'Patient', birthDate: '12/04/1990' };
    expect(validateResource(badPatient).length).toBeGreaterThan(0);
  });
});
