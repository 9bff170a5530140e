/**
 * FHIR R4 mapping (typed with @medplum/fhirtypes). Import from here.
 */
export { packetToFhirBundle, stableUuid, PROGRESS_NOTE_TYPE, PSYCHOTHERAPY_NOTE_TYPE } from './release-bundle.ts';
export { SYSTEMS, LABEL, MENTAL_HEALTH_LABELS, PSYCHOTHERAPY_NOTE_LABELS, labels } from './security-labels.ts';
