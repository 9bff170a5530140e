/**
 * The packet PDF: title, tagging, page numbers, determinism, and — read back from the PDF's
 * own text — a marker of every included note present and every excluded one absent.
 * All data synthetic.
 */
import { describe, expect, it } from 'vitest';
import { assembleAccessCopy, assemblePacket } from '../../src/release/assemble.ts';
import { renderPacketDocuments } from '../../src/release/index.ts';
import { renderPacketPdf } from '../../src/release/pdf.ts';
import { toWinAnsi } from '../../src/release/pdf-layout.ts';
import { addendumMarker, authorizationInput, pnMarker, psyMarker, releaseInput, syntheticChart } from './fixtures.ts';
import { readPdf } from './pdf-text.ts';

const chart = syntheticChart({ sessions: 60, psychotherapyNotes: 12, approved: (i) => i !== 5 });
const courtInput = releaseInput({ requester: 'court-order', request: { courtOrder: { coversPsychotherapyNotes: true } }, chart });

describe('renderPacketPdf', () => {
  it('has the title, is tagged, numbers its pages and holds exactly the included notes', async () => {
    const packet = assemblePacket(courtInput);
    const pdf = readPdf(await renderPacketPdf(packet));
    expect(pdf.title).toBe(packet.title);
    expect(pdf.tagged).toBe(true);
    expect(pdf.pages).toBeGreaterThan(10);
    expect(pdf.text).toContain(`Page 1 of ${pdf.pages}`);
    expect(pdf.text).toContain(`Page ${pdf.pages} of ${pdf.pages}`);

    const included = new Set(packet.progressNotes.map((n) => n.id));
    chart.progressNotes.forEach((n, i) => {
      expect({ note: n.id, present: pdf.text.includes(pnMarker(i)) }).toEqual({ note: n.id, present: included.has(n.id) });
    });
    const psyIncluded = new Set(packet.psychotherapyNotes.map((n) => n.id));
    expect(psyIncluded.size).toBe(11);
    chart.psychotherapyNotes.forEach((n, i) => {
      expect({ note: n.id, present: pdf.text.includes(psyMarker(i)) }).toEqual({ note: n.id, present: psyIncluded.has(n.id) });
    });
    // Addenda travel with their note, and each note's hash is printed.
    expect(pdf.text).toContain(addendumMarker(0));
    expect(pdf.text).toContain(chart.progressNotes[0]!.contentHash);
    // Cover letter: basis per class, the redisclosure notice, what is withheld.
    expect(pdf.text).toContain('Redisclosure');
    expect(pdf.text).toContain('Psychotherapy notes: very restricted');
    expect(pdf.text.replace(/\n/g, '')).toContain('45 CFR 164.508(a)(2)(ii); 164.512(a)');
  });

  it('a payer packet shows the billing record and no note text', async () => {
    const packet = assemblePacket(releaseInput({ requester: 'payer', chart }));
    const pdf = readPdf(await renderPacketPdf(packet));
    chart.progressNotes.forEach((_, i) => expect(pdf.text).not.toContain(pnMarker(i)));
    chart.psychotherapyNotes.forEach((_, i) => expect(pdf.text).not.toContain(psyMarker(i)));
    expect(pdf.text).toContain('Sessions');
    expect(pdf.text).toContain('90837');
    expect(pdf.text).toContain('Minimum necessary');
    expect(pdf.text).toContain('Psychotherapy notes (45 CFR 164.501), if any');
  });

  it('the index gives each note the page it starts on', async () => {
    const packet = assemblePacket(releaseInput({ requester: 'provider-treatment', chart: syntheticChart({ sessions: 8 }) }));
    const bytes = await renderPacketPdf(packet, { compress: false });
    const text = readPdf(bytes).text;
    // Index rows are "title", "date", "page" text objects; find the first note's page and
    // check its heading is on that page (pages are separated by their footers).
    const lines = text.split('\n');
    const at = lines.indexOf('2025-01-06');
    const page = Number(lines[at + 1]);
    expect(page).toBeGreaterThan(2);
    const pages = text.split(/Page \d+ of \d+/);
    // Footers are written after the content, so page n's text is in chunk n - 1 before its footer.
    const withHeading = pages.findIndex((chunk) => chunk.includes('Progress note: 2025-01-06'));
    expect(withHeading + 1).toBe(page);
  });

  it('is byte-for-byte deterministic for the same input', async () => {
    const packet = assemblePacket(courtInput);
    const a = await renderPacketPdf(packet);
    const b = await renderPacketPdf(assemblePacket(courtInput));
    expect(a.equals(b)).toBe(true);
  });

  it("the client's access copy never shows a psychotherapy note", async () => {
    const all = syntheticChart({ sessions: 10, psychotherapyNotes: 10 });
    const docs = await renderPacketDocuments(assembleAccessCopy(releaseInput({ requester: 'individual', chart: all, authorizations: [authorizationInput('general')] })));
    const pdf = readPdf(docs.pdf);
    all.psychotherapyNotes.forEach((_, i) => expect(pdf.text).not.toContain(psyMarker(i)));
    all.progressNotes.forEach((_, i) => expect(pdf.text).toContain(pnMarker(i)));
    // Lines wrap at any ")"; read the letter as one run of text.
    expect(pdf.text.replace(/\n/g, '')).toContain('(45 CFR 164.524(a)(1)(i), (a)(2)(i))');
    for (const n of all.psychotherapyNotes) expect(docs.bundleJson).not.toContain(Buffer.from(n.body).toString('base64'));
  });
});

describe('toWinAnsi', () => {
  it.each([
    ['Zoë’s “note” – ok', 'Zoë’s “note” – ok'],
    ['Łukasz Ŝ đ', 'Lukasz S d'],
    ['日本 ≥ 5', '?? ? 5'],
    ['tab\there\u0007', 'tab here'],
  ])('%s', (input, expected) => {
    expect(toWinAnsi(input)).toBe(expected);
  });
});
