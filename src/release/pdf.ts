/**
 * The release packet (or access copy) as a PDF: cover letter, index with page numbers,
 * diagnoses, sessions and measures tables, each progress note with its signature block,
 * content hash and addenda, released psychotherapy notes in a section of their own, and the
 * authorizations relied on. Rendered from the `Packet` model only: what the model does not
 * hold cannot appear here.
 *
 * Tagged PDF with the document title shown by viewers; deterministic bytes for the same
 * packet (CreationDate is `packet.preparedAt`).
 */
import { INSTRUMENTS } from '../core/measures/index.ts';
import { REQUESTER_LABELS } from '../core/disclosure/index.ts';
import type { Authorization } from '../core/disclosure/index.ts';
import type { IndexEntry, Packet } from './packet.ts';
import {
  COLOR,
  FONT,
  MARGIN,
  contentWidth,
  heading,
  keepRoom,
  openDocument,
  paginate,
  para,
  rule,
  section,
  table,
  toWinAnsi,
} from './pdf-layout.ts';
import type { Doc, Struct } from './pdf-layout.ts';

export interface PdfOptions {
  /** Compress content streams (default true). */
  readonly compress?: boolean;
}

const MODALITY_WORDS: Readonly<Record<string, string>> = {
  individual: 'Individual',
  couples: 'Couples',
  family: 'Family',
  group: 'Group',
  crisis: 'Crisis',
  intake: 'Intake evaluation',
};

const PLACE_WORDS: Readonly<Record<string, string>> = {
  office: 'Office',
  'telehealth-home': 'Telehealth (home)',
  'telehealth-other': 'Telehealth (other)',
  home: 'Client home',
  school: 'School',
  community: 'Community',
  hospital: 'Hospital',
};

const INDEX_ROW = 14;
const INDEX_HEAD = 44;

/** Renders the packet as PDF bytes. */
export async function renderPacketPdf(packet: Packet, options: PdfOptions = {}): Promise<Buffer> {
  const opened = openDocument({
    title: packet.title,
    author: packet.practice.name,
    subject: packet.kind === 'access-copy' ? 'Right-of-access copy (45 CFR 164.524)' : `Release of information to ${packet.request.recipient.name}`,
    createdAt: packet.preparedAt,
    ...(options.compress !== undefined ? { compress: options.compress } : {}),
  });
  const doc = opened.doc;

  coverLetter(doc, opened.root, packet);

  // The index goes before the records but needs their page numbers: reserve its pages now
  // (rows have a fixed height, so the count is known) and fill them in at the end.
  doc.addPage();
  const indexStart = currentPage(doc);
  const indexSect = section(doc, opened.root, 'Index');
  // One row short of full, so no row ever reaches the bottom margin (which would add a page).
  const perFirst = Math.floor((usableHeight(doc) - INDEX_HEAD) / INDEX_ROW) - 1;
  const perNext = Math.floor((usableHeight(doc) - INDEX_ROW) / INDEX_ROW) - 1;
  const indexPages = packet.index.length <= perFirst ? 1 : 1 + Math.ceil((packet.index.length - perFirst) / perNext);
  for (let i = 1; i < indexPages; i++) doc.addPage();

  const pages = new Map<string, number>();
  const startItem = (ref: string, needed: number, newPage = false): void => {
    if (newPage || pages.size === 0) doc.addPage();
    else keepRoom(doc, needed);
    pages.set(ref, currentPage(doc) - firstPage(doc) + 1);
  };

  if (packet.diagnoses.length > 0) {
    startItem('diagnoses', 80);
    const s = section(doc, opened.root, 'Diagnoses');
    heading(doc, s, 'Diagnoses (ICD-10-CM)', 1);
    table(
      doc,
      s,
      [
        { header: 'Code', width: 60 },
        { header: 'Description', width: '*', wrap: true },
        { header: 'Onset', width: 70 },
        { header: 'Resolved', width: 70 },
      ],
      packet.diagnoses.map((d) => [d.code, d.description ?? '', d.onsetDate ?? '', d.resolvedDate ?? '']),
    );
    s.end();
  }

  if (packet.sessions.length > 0) {
    startItem('sessions', 80);
    const s = section(doc, opened.root, 'Sessions');
    heading(doc, s, 'Sessions', 1);
    table(
      doc,
      s,
      [
        { header: 'Date', width: 62 },
        { header: 'Time', width: 66 },
        { header: 'Min', width: 30 },
        { header: 'CPT', width: 72 },
        { header: 'Modality', width: '*' },
        { header: 'Place of service', width: '*' },
        { header: 'Clinician', width: '*' },
      ],
      packet.sessions.map((x) => [
        x.date,
        x.start && x.end ? `${x.start}-${x.end}` : (x.start ?? ''),
        String(minutes(x.start, x.end) ?? x.durationMinutes ?? ''),
        x.cptCodes.join(', '),
        MODALITY_WORDS[x.modality] ?? x.modality,
        PLACE_WORDS[x.placeOfService] ?? x.placeOfService,
        x.clinician ?? '',
      ]),
    );
    s.end();
  }

  if (packet.measures.length > 0) {
    startItem('measures', 80);
    const s = section(doc, opened.root, 'Measure results');
    heading(doc, s, 'Measure results', 1);
    table(
      doc,
      s,
      [
        { header: 'Date', width: 62 },
        { header: 'Instrument', width: 60 },
        { header: 'Total', width: 40 },
        { header: 'Band', width: 100 },
        { header: 'Item answers', width: '*' },
      ],
      packet.measures.map((m) => [
        m.date,
        INSTRUMENTS[m.instrument].displayName,
        `${m.total} / ${INSTRUMENTS[m.instrument].totalMax}`,
        m.band ?? '',
        m.items ? m.items.join(' ') : '',
      ]),
    );
    s.end();
  }

  if (packet.progressNotes.length > 0) {
    let first = true;
    for (const n of packet.progressNotes) {
      startItem(n.id, 110, first);
      first = false;
      const s = section(doc, opened.root, `Progress note ${n.sessionDate}`);
      heading(doc, s, `Progress note: ${n.sessionDate}`, 2);
      para(doc, s, `${n.format} note ${n.id}`, { size: 8.5, color: COLOR.muted, gap: 0.2 });
      para(doc, s, n.text.trimEnd(), { size: 9.5 });
      signatureBlock(doc, s, [
        `Electronically signed by ${n.signedBy} at ${n.signedAt}.`,
        `Content hash (SHA-256, as signed): ${n.contentHash}`,
        ...(n.cosignature
          ? [
              `Co-signed by ${n.cosignature.signedBy} at ${n.cosignature.signedAt}${n.cosignature.contentHash === n.contentHash ? ' (same content hash).' : `; the co-signature binds a different hash: ${n.cosignature.contentHash}.`}`,
            ]
          : []),
      ]);
      for (const a of n.addenda) {
        keepRoom(doc, 60);
        heading(doc, s, `Addendum by ${a.authorName}, signed ${a.signedAt}`, 3);
        para(doc, s, a.body, { size: 9.5 });
        signatureBlock(doc, s, [`Addendum hash (SHA-256): ${a.contentHash}`, `Written against the note hash: ${a.noteHash}`]);
      }
      rule(doc);
      s.end();
    }
  }

  if (packet.psychotherapyNotes.length > 0) {
    let first = true;
    for (const n of packet.psychotherapyNotes) {
      startItem(n.id, 110, first);
      const s = section(doc, opened.root, 'Psychotherapy note');
      if (first) {
        heading(doc, s, 'Psychotherapy notes: very restricted', 1, COLOR.restricted);
        para(
          doc,
          s,
          `Released under ${packet.classes.psychotherapyNotes.basis}, each with its author's approval. ${packet.classes.psychotherapyNotes.explanation} Do not use or disclose them for any other purpose.`,
          { size: 9, color: COLOR.restricted, gap: 0.5 },
        );
      }
      first = false;
      heading(doc, s, `Psychotherapy note${n.sessionDate ? `: ${n.sessionDate}` : ''}`, 2);
      para(doc, s, `Note ${n.id}; author ${n.authorName ?? n.authorId}; release approved by the author at ${n.authorApprovedAt ?? ''}.`, {
        size: 8.5,
        color: COLOR.muted,
        gap: 0.2,
      });
      para(doc, s, n.body.trimEnd(), { size: 9.5 });
      rule(doc);
      s.end();
    }
  }

  if (packet.authorizations.length > 0) {
    startItem('authorizations', 120, true);
    const s = section(doc, opened.root, 'Authorizations');
    heading(doc, s, packet.kind === 'access-copy' ? 'Authorizations on file' : 'Authorizations this release rests on', 1);
    for (const a of packet.authorizations) authorizationBlock(doc, s, a);
    s.end();
  }

  fillIndex(doc, indexSect, packet.index, pages, indexStart, perFirst, perNext);
  indexSect.end();

  paginate(doc, `${packet.kind === 'access-copy' ? 'Copy of records' : 'Release of records'} ${packet.request.id} | ${packet.client.name} | Confidential`);
  return opened.finish();
}

function currentPage(doc: Doc): number {
  const r = doc.bufferedPageRange();
  return r.start + r.count - 1;
}

function firstPage(doc: Doc): number {
  return doc.bufferedPageRange().start;
}

function usableHeight(doc: Doc): number {
  return doc.page.height - doc.page.margins.top - doc.page.margins.bottom;
}

function minutes(start: string | undefined, end: string | undefined): number | undefined {
  if (!start || !end) return undefined;
  const [sh, sm] = start.split(':').map(Number) as [number, number];
  const [eh, em] = end.split(':').map(Number) as [number, number];
  return eh * 60 + em - (sh * 60 + sm);
}

function signatureBlock(doc: Doc, parent: Struct, lines: readonly string[]): void {
  keepRoom(doc, 14 * lines.length + 8);
  doc.moveDown(0.2);
  for (const l of lines) para(doc, parent, l, { font: FONT.mono, size: 7.5, color: COLOR.muted });
  doc.moveDown(0.4);
}

function coverLetter(doc: Doc, root: Struct, packet: Packet): void {
  const c = packet.coverLetter;
  const p = packet.practice;
  const s = section(doc, root, 'Cover letter');
  // Letterhead.
  doc.font(FONT.bold).fontSize(16).fillColor(COLOR.text);
  doc.text(toWinAnsi(p.name), MARGIN, MARGIN, { structParent: s, structType: 'H1', width: contentWidth(doc) });
  para(doc, s, [...p.addressLines, [p.phone, p.email].filter(Boolean).join('  |  ')].filter((x) => x !== '').join('\n'), {
    size: 9,
    color: COLOR.muted,
  });
  rule(doc);
  doc.moveDown(0.5);
  para(doc, s, c.date, { gap: 0.6 });
  para(doc, s, [c.addressee.name, ...(c.addressee.attention ? [`Attn: ${c.addressee.attention}`] : []), ...c.addressee.addressLines].join('\n'), { gap: 0.6 });
  para(doc, s, `Re: ${c.subject}`, { font: FONT.bold, gap: 0.5 });
  if (packet.kind === 'release') {
    para(doc, s, `Requester: ${REQUESTER_LABELS[packet.requester]}. Decided ${packet.decisionAsOf}.`, { size: 9, color: COLOR.muted, gap: 0.4 });
  }
  for (const o of c.opening) para(doc, s, o, { gap: 0.3 });

  doc.moveDown(0.3);
  heading(doc, s, 'What may be released, and the legal basis', 3);
  for (const b of c.bases) {
    keepRoom(doc, 40);
    para(doc, s, `${b.label}: ${b.released ? 'released' : 'not released'}`, { font: FONT.bold, size: 9.5 });
    para(doc, s, `${b.words} (${b.basis})`, { size: 9, indent: 10, gap: 0.3 });
  }

  heading(doc, s, 'Enclosed', 3);
  for (const e of c.enclosed) para(doc, s, `- ${e}`, { size: 9.5, indent: 6 });
  doc.moveDown(0.3);

  if (c.withheld.length > 0) {
    keepRoom(doc, 50);
    heading(doc, s, 'Not enclosed, and why', 3);
    for (const w of c.withheld) {
      keepRoom(doc, 36);
      para(doc, s, w.what, { font: FONT.bold, size: 9.5 });
      para(doc, s, `${w.why} (${w.basis})`, { size: 9, indent: 10, gap: 0.3 });
    }
  }

  for (const n of c.notices) {
    keepRoom(doc, 60);
    heading(doc, s, n.heading, 3, n.heading === 'Psychotherapy notes' ? COLOR.restricted : COLOR.text);
    para(doc, s, n.text, { size: 9, gap: 0.3 });
  }
  keepRoom(doc, 60);
  doc.moveDown(0.5);
  para(doc, s, c.closing.join('\n'));
  s.end();
}

function authorizationBlock(doc: Doc, parent: Struct, a: Authorization): void {
  keepRoom(doc, 120);
  heading(doc, parent, `Authorization ${a.id} (${a.kind === 'psychotherapy-notes' ? 'psychotherapy notes' : 'general'})`, 2);
  const rows: Array<[string, string]> = [
    ['Description', a.description ?? ''],
    ['Discloser', a.discloser ?? ''],
    ['Recipient', a.recipient ?? ''],
    ['Purpose', a.purpose ?? ''],
    ['Expires', a.expiresOn ?? a.expirationEvent ?? ''],
    ['Signed', `${a.signedBy ?? ''}${a.signedOn ? `, ${a.signedOn}` : ''}${a.signerRole === 'personal-representative' ? ` (personal representative: ${a.representativeAuthority ?? ''})` : ''}`],
    ['Revoked', a.revokedOn ?? 'no'],
  ];
  table(
    doc,
    parent,
    [
      { header: 'Element (45 CFR 164.508(c))', width: 150 },
      { header: 'As on the form', width: '*', wrap: true },
    ],
    rows,
    9,
  );
}

function fillIndex(doc: Doc, parent: Struct, index: readonly IndexEntry[], pages: ReadonlyMap<string, number>, indexStart: number, perFirst: number, perNext: number): void {
  doc.switchToPage(indexStart);
  doc.x = MARGIN;
  doc.y = MARGIN;
  heading(doc, parent, 'Index', 1);
  if (index.length === 0) {
    para(doc, parent, 'No records are enclosed.');
    return;
  }
  const width = contentWidth(doc);
  // A real table in the structure tree (Table > TR > TH/TD), drawn at fixed row positions
  // on the pages reserved for it.
  const tableStruct = doc.struct('Table');
  parent.add(tableStruct);
  const row = (cells: readonly [string, string, string], header: boolean): void => {
    const y = doc.y;
    const type = header ? 'TH' : 'TD';
    const tr = doc.struct('TR');
    tableStruct.add(tr);
    doc.font(header ? FONT.bold : FONT.regular).fontSize(header ? 9 : 9.5).fillColor(header ? COLOR.muted : COLOR.text);
    doc.text(toWinAnsi(cells[0]), MARGIN, y, { width: width - 160, lineBreak: false, ellipsis: true, structParent: tr, structType: type });
    doc.text(cells[1], MARGIN + width - 150, y, { lineBreak: false, structParent: tr, structType: type });
    doc.text(cells[2], MARGIN + width - 40, y, { width: 40, align: 'right', lineBreak: false, structParent: tr, structType: type });
    tr.end();
    doc.y = y + INDEX_ROW;
  };
  const header = (): void => row(['Item', 'Date', 'Page'], true);
  doc.y = MARGIN + INDEX_HEAD - INDEX_ROW;
  header();
  doc.y = MARGIN + INDEX_HEAD;
  let onPage = 0;
  let page = indexStart;
  for (const e of index) {
    if (onPage >= (page === indexStart ? perFirst : perNext)) {
      page += 1;
      doc.switchToPage(page);
      doc.y = MARGIN;
      header();
      onPage = 0;
    }
    const pageNo = pages.get(e.ref);
    row([e.title, e.date ?? '', pageNo === undefined ? '' : String(pageNo)], false);
    onPage += 1;
  }
  tableStruct.end();
  doc.fillColor(COLOR.text);
}
