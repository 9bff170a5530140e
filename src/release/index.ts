/**
 * Release documents: the release packet, the right-of-access copy and the accounting of
 * disclosures. Import from here.
 */
import type { Bundle } from '@medplum/fhirtypes';
import { packetToFhirBundle } from '../fhir/release-bundle.ts';
import type { Packet } from './packet.ts';
import { renderPacketPdf } from './pdf.ts';
import type { PdfOptions } from './pdf.ts';

export * from './release-input.ts';
export * from './packet.ts';
export { assemblePacket, assembleAccessCopy, inRange, diagnosisInRange, ACCESS_REQUESTERS } from './assemble.ts';
export { MINIMUM_NECESSARY_PROFILES, UNLIMITED_PROFILE, minimumNecessaryProfile } from './minimum-necessary.ts';
export type { MinimumNecessaryProfile } from './minimum-necessary.ts';
export { renderPacketPdf } from './pdf.ts';
export type { PdfOptions } from './pdf.ts';
export { AccountingEntry, AccountingInput, assembleAccounting, renderAccountingPdf, yearsBefore, LOOKBACK_YEARS, PRIVACY_RULE_COMPLIANCE_DATE } from './accounting.ts';
export type { AccountingReport, AccountingExclusion } from './accounting.ts';

/** The two deliverables of one packet: the PDF and the FHIR R4 Bundle (as object and JSON). */
export interface PacketDocuments {
  readonly pdf: Buffer;
  readonly bundle: Bundle;
  readonly bundleJson: string;
}

/** Renders a packet (or access copy) as PDF and FHIR, both from the same model. */
export async function renderPacketDocuments(packet: Packet, options: PdfOptions = {}): Promise<PacketDocuments> {
  const bundle = packetToFhirBundle(packet);
  const pdf = await renderPacketPdf(packet, options);
  return { pdf, bundle, bundleJson: JSON.stringify(bundle) };
}
