/**
 * Release packet for a client with 500 sessions (target: PDF + FHIR under 2 s): assembly,
 * the PDF, and the FHIR Bundle serialised to JSON, each timed, next to a baseline measured
 * in the same run on the same input: `JSON.stringify` of the whole release input, the least
 * any packet builder must do to touch every record once. The access copy and an accounting
 * report are timed too. Synthetic data only.
 */
import type { BenchModule } from './run.ts';
import { fmtMs, quantile, ratio } from './stats.ts';
import { packetToFhirBundle } from '../src/fhir/release-bundle.ts';
import { assembleAccessCopy, assemblePacket } from '../src/release/assemble.ts';
import { assembleAccounting, renderAccountingPdf } from '../src/release/accounting.ts';
import { renderPacketPdf } from '../src/release/pdf.ts';
import { releaseInput, syntheticChart } from '../test/release/fixtures.ts';

const SESSIONS = 500;
const ROUNDS = 7;
const TARGET_MS = 2000;

async function time(fn: () => unknown, rounds: number): Promise<number[]> {
  await fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

const bench: BenchModule = {
  name: 'release',
  async run() {
    const chart = syntheticChart({ sessions: SESSIONS, psychotherapyNotes: 40 });
    // A court order naming psychotherapy notes, all dates: the largest packet the gate allows.
    const input = releaseInput({ requester: 'court-order', request: { courtOrder: { coversPsychotherapyNotes: true } }, chart, range: {} });
    const access = releaseInput({ requester: 'individual', chart, range: {} });

    const baseline = await time(() => JSON.stringify(input).length, ROUNDS * 3);
    const assemble = await time(() => assemblePacket(input), ROUNDS * 3);
    const packet = assemblePacket(input);
    let pages = 0;
    let pdfBytes = 0;
    const pdf = await time(async () => {
      const bytes = await renderPacketPdf(packet);
      pdfBytes = bytes.length;
      pages = (bytes.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
    }, ROUNDS);
    let fhirBytes = 0;
    const fhir = await time(() => {
      fhirBytes = JSON.stringify(packetToFhirBundle(packet)).length;
    }, ROUNDS);
    const whole = await time(async () => {
      const p = assemblePacket(input);
      await renderPacketPdf(p);
      JSON.stringify(packetToFhirBundle(p));
    }, ROUNDS);
    const accessCopy = await time(async () => {
      const p = assembleAccessCopy(access);
      await renderPacketPdf(p);
      JSON.stringify(packetToFhirBundle(p));
    }, ROUNDS);
    const entries = Array.from({ length: 200 }, (_, i) => ({
      id: `E-${i}`,
      date: `20${String(19 + (i % 8)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
      recipient: 'Clerk of Court (synthetic)',
      description: 'Progress notes 2025',
      purpose: 'Court order',
      basis: '45 CFR 164.512(e)(1)(i)',
    }));
    const accounting = await time(
      () => renderAccountingPdf(assembleAccounting({ practice: input.practice, client: input.client, requestId: 'AOD-1', requestedOn: '2026-03-10', entries, preparedAt: input.preparedAt })),
      ROUNDS,
    );

    const med = (xs: number[]) => quantile(xs, 0.5);
    const base = med(baseline);
    console.log(`client with ${SESSIONS} sessions, ${SESSIONS} signed notes, ${SESSIONS} measures, 40 psychotherapy notes; ${pages} PDF pages (${(pdfBytes / 1024).toFixed(0)} KiB), FHIR ${(fhirBytes / 1024).toFixed(0)} KiB`);
    console.log(`baseline JSON.stringify(input)       median ${fmtMs(base)}`);
    const row = (label: string, xs: number[]) =>
      console.log(`${label.padEnd(36)} median ${fmtMs(med(xs)).padStart(10)}  p95 ${fmtMs(quantile(xs, 0.95)).padStart(10)}  ${ratio(med(xs), base)} baseline`);
    row('assemblePacket', assemble);
    row('PDF', pdf);
    row('FHIR Bundle + JSON', fhir);
    row('packet: assemble + PDF + FHIR', whole);
    row('access copy: assemble + PDF + FHIR', accessCopy);
    row('accounting report PDF (200 entries)', accounting);
    console.log(`target: packet (PDF + FHIR) for ${SESSIONS} sessions under ${TARGET_MS} ms: ${med(whole) < TARGET_MS ? 'met' : 'NOT met'} (median ${fmtMs(med(whole))})`);
  },
};

export default bench;
