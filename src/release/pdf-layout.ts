/**
 * Shared pdfkit layout for release documents: a tagged (accessible) PDF with a title shown
 * by viewers, deterministic bytes for the same input (the CreationDate comes from the
 * input, and pdfkit derives the file ID from the info dictionary), headings and paragraphs
 * tied into the structure tree, tables, and "Page n of N" footers marked as artifacts.
 *
 * The 14 standard fonts are used (no font files to ship); they cover Windows-1252 only, so
 * text is folded to it first (`toWinAnsi`). A practice with non-Latin client names needs an
 * embedded TTF (docs/release-packets.md).
 */
import PDFDocument from 'pdfkit';

export type Doc = PDFKit.PDFDocument;
export type Struct = PDFKit.PDFStructureElement;

export interface DocMeta {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  /** An ISO instant; becomes the PDF CreationDate and ModDate (and so the file ID). */
  readonly createdAt: string;
  /** Compress content streams (default true); tests may turn it off to read the text. */
  readonly compress?: boolean;
}

export const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique', mono: 'Courier' } as const;
export const COLOR = { text: '#111111', muted: '#555555', rule: '#999999', band: '#F1F1F1', restricted: '#8A1C1C' } as const;
export const MARGIN = 56;
const FOOTER_SIZE = 8;

/** Letters with a stroke that Unicode does not decompose, folded by hand. */
const STROKED: Readonly<Record<string, string>> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŧ: 'T', ŧ: 't' };

/** Windows-1252 code points above Latin-1 that the standard fonts can show. */
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Folds text to what the standard fonts can draw: Latin-1 and the Windows-1252 extras stay;
 * other letters lose their accents where Unicode decomposes them (ő → o) or are folded by
 * hand (ł → l); anything else
 * becomes "?". Tabs become spaces; other control characters are dropped.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\n') out += ch;
    else if (ch === '\t') out += ' ';
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
    else if (cp <= 0xff || CP1252_EXTRA.has(ch)) out += ch;
    else if (STROKED[ch] !== undefined) out += STROKED[ch];
    else {
      const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += [...base].every((c) => (c.codePointAt(0) ?? 0x100) <= 0xff) && base !== '' ? base : '?';
    }
  }
  return out;
}

export interface OpenDoc {
  readonly doc: Doc;
  /** The one `Document` element under the structure tree root; sections go inside it. */
  readonly root: Struct;
  /** Ends the document and resolves to its bytes. */
  finish(): Promise<Buffer>;
}

/** Opens a tagged letter-size document that buffers pages (for the index and footers). */
export function openDocument(meta: DocMeta): OpenDoc {
  const created = new Date(meta.createdAt);
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: MARGIN,
    bufferPages: true,
    tagged: true,
    lang: 'en-US',
    displayTitle: true,
    pdfVersion: '1.7',
    compress: meta.compress ?? true,
    info: {
      Title: toWinAnsi(meta.title),
      Author: toWinAnsi(meta.author),
      Subject: toWinAnsi(meta.subject),
      Creator: 'Notewall',
      Producer: 'Notewall (pdfkit)',
      CreationDate: created,
      ModDate: created,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font(FONT.regular).fontSize(10).fillColor(COLOR.text);
  // PDF/UA: the structure tree root holds exactly one Document element.
  const root = doc.struct('Document');
  doc.addStructure(root);
  return {
    doc,
    root,
    finish: () => {
      root.end();
      doc.end();
      return done;
    },
  };
}

/** A section of the document's structure, in reading order. */
export function section(doc: Doc, root: Struct, title?: string): Struct {
  const s = doc.struct('Sect', title ? { title: toWinAnsi(title) } : {});
  root.add(s);
  return s;
}

export function heading(doc: Doc, parent: Struct, text: string, level: 1 | 2 | 3, color: string = COLOR.text): void {
  const size = level === 1 ? 15 : level === 2 ? 12.5 : 10.5;
  doc.font(FONT.bold).fontSize(size).fillColor(color);
  doc.text(toWinAnsi(text), MARGIN, doc.y, { structParent: parent, structType: `H${level}`, width: contentWidth(doc) });
  doc.font(FONT.regular).fontSize(10).fillColor(COLOR.text);
  doc.moveDown(0.3);
}

export interface ParaOptions {
  readonly font?: string;
  readonly size?: number;
  readonly color?: string;
  readonly gap?: number;
  readonly indent?: number;
}

export function para(doc: Doc, parent: Struct, text: string, o: ParaOptions = {}): void {
  doc.font(o.font ?? FONT.regular).fontSize(o.size ?? 10).fillColor(o.color ?? COLOR.text);
  const x = MARGIN + (o.indent ?? 0);
  doc.text(toWinAnsi(text), x, doc.y, { structParent: parent, width: contentWidth(doc) - (o.indent ?? 0), paragraphGap: 2, lineGap: 1 });
  doc.font(FONT.regular).fontSize(10).fillColor(COLOR.text);
  if (o.gap !== undefined) doc.moveDown(o.gap);
}

export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** Starts a new page when less than `needed` points are left (keeps headings with their text). */
export function keepRoom(doc: Doc, needed: number): void {
  if (doc.y + needed > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/** A thin horizontal rule, drawn as an artifact (decoration, not content). */
export function rule(doc: Doc): void {
  const y = doc.y + 2;
  doc.markContent('Artifact', { type: 'Layout' });
  doc.save().lineWidth(0.5).strokeColor(COLOR.rule).moveTo(MARGIN, y).lineTo(doc.page.width - MARGIN, y).stroke().restore();
  doc.endMarkedContent();
  doc.y = y + 6;
}

export interface TableColumn {
  readonly header: string;
  /** Points, or `'*'` for an equal share of what the fixed columns leave. */
  readonly width: number | '*';
  /** Wrap long text onto more lines (default: one line, cut with an ellipsis). */
  readonly wrap?: boolean;
}

const CELL_PAD = 3;

/** Cuts `text` to fit `width` at the current font, ending in an ellipsis when cut. */
function fit(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.widthOfString(`${text.slice(0, mid)}...`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}...`;
}

/**
 * A tagged table (Table > TR > TH/TD) with the header row repeated on every page it runs
 * onto. Rows are laid out directly rather than with pdfkit's general table, which measures
 * every cell twice and was most of the time of a 500-session packet. Empty `rows` draws nothing.
 */
export function table(doc: Doc, parent: Struct, columns: readonly TableColumn[], rows: ReadonlyArray<readonly string[]>, size = 8.5): void {
  if (rows.length === 0) return;
  const total = contentWidth(doc);
  const fixed = columns.reduce((n, c) => n + (c.width === '*' ? 0 : c.width), 0);
  const stars = columns.filter((c) => c.width === '*').length;
  const widths = columns.map((c) => (c.width === '*' ? (total - fixed) / Math.max(1, stars) : c.width));
  const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const tableStruct = doc.struct('Table');
  parent.add(tableStruct);
  doc.fontSize(size);
  const lineHeight = doc.currentLineHeight(true) + 1;

  const drawRow = (cells: readonly string[], header: boolean): void => {
    doc.font(header ? FONT.bold : FONT.regular).fontSize(size);
    const texts = cells.map((c) => toWinAnsi(c));
    const heights = texts.map((t, i) =>
      columns[i]?.wrap ? doc.heightOfString(t, { width: widths[i]! - 2 * CELL_PAD, lineGap: 1 }) : lineHeight,
    );
    const h = Math.max(lineHeight, ...heights) + 2 * CELL_PAD;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (!header) drawHeader();
      doc.font(header ? FONT.bold : FONT.regular).fontSize(size);
    }
    const y = doc.y;
    doc.markContent('Artifact', { type: 'Layout' });
    doc.save().lineWidth(0.5).strokeColor(COLOR.rule);
    if (header) doc.rect(MARGIN, y, total, h).fill(COLOR.band);
    doc.rect(MARGIN, y, total, h).stroke();
    for (const x of xs.slice(1)) doc.moveTo(x, y).lineTo(x, y + h).stroke();
    doc.restore();
    doc.endMarkedContent();
    doc.fillColor(COLOR.text);
    const tr = doc.struct('TR');
    tableStruct.add(tr);
    texts.forEach((t, i) => {
      const w = widths[i]! - 2 * CELL_PAD;
      const type = header ? 'TH' : 'TD';
      if (columns[i]?.wrap) doc.text(t, xs[i]! + CELL_PAD, y + CELL_PAD, { width: w, lineGap: 1, structParent: tr, structType: type });
      else doc.text(fit(doc, t, w), xs[i]! + CELL_PAD, y + CELL_PAD, { lineBreak: false, structParent: tr, structType: type });
    });
    tr.end();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  const drawHeader = (): void => drawRow(columns.map((c) => c.header), true);
  if (doc.y + 3 * lineHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
  drawHeader();
  for (const r of rows) drawRow(r, false);
  tableStruct.end();
  doc.font(FONT.regular).fontSize(10);
  doc.moveDown(0.8);
}

/**
 * Writes a running header (pages after the first) and "Page n of N" on every buffered page,
 * as pagination artifacts so screen readers skip them.
 */
export function paginate(doc: Doc, runningHeader: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const page = doc.page;
    const bottom = page.margins.bottom;
    page.margins.bottom = 0; // writing inside the margin must not start a new page
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.font(FONT.regular).fontSize(FOOTER_SIZE).fillColor(COLOR.muted);
    if (i > range.start) {
      doc.text(toWinAnsi(runningHeader), MARGIN, MARGIN / 2, { width: contentWidth(doc), lineBreak: false, ellipsis: true });
    }
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, MARGIN, page.height - MARGIN / 2 - FOOTER_SIZE, {
      width: contentWidth(doc),
      align: 'center',
      lineBreak: false,
    });
    doc.endMarkedContent();
    page.margins.bottom = bottom;
  }
  doc.fillColor(COLOR.text);
}
