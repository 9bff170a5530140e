/**
 * A tiny PDF reader for tests: enough for what pdfkit writes with the standard fonts.
 * Inflates FlateDecode streams, reads the text-showing operators (Tj, TJ with hex or
 * literal strings, Windows-1252 bytes) and returns the page count, the info title and the
 * text, one line per text object. Not a general PDF parser.
 */
import { inflateSync } from 'node:zlib';

export interface PdfFacts {
  readonly pages: number;
  readonly title: string | undefined;
  readonly text: string;
  readonly tagged: boolean;
}

const CP1252: Readonly<Record<number, string>> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž',
  0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};
const decodeByte = (b: number): string => CP1252[b] ?? String.fromCharCode(b);

function hexString(hex: string): string {
  let out = '';
  const clean = hex.replace(/\s+/g, '');
  for (let i = 0; i < clean.length; i += 2) out += decodeByte(parseInt(clean.slice(i, i + 2).padEnd(2, '0'), 16));
  return out;
}

function literalString(s: string): string {
  return s.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) => {
    const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
    return map[e] ?? decodeByte(parseInt(e, 8));
  });
}

/** Text drawn in one content stream: each BT..ET block on its own line. */
function streamText(content: string): string {
  const lines: string[] = [];
  for (const block of content.match(/BT[\s\S]*?ET/g) ?? []) {
    let line = '';
    for (const m of block.matchAll(/\[((?:[^\]\\]|\\.)*)\]\s*TJ|<([0-9A-Fa-f\s]*)>\s*Tj|\(((?:[^)\\]|\\.)*)\)\s*Tj/g)) {
      if (m[1] !== undefined) {
        for (const part of m[1].matchAll(/<([0-9A-Fa-f\s]*)>|\(((?:[^)\\]|\\.)*)\)/g)) {
          line += part[1] !== undefined ? hexString(part[1]) : literalString(part[2] ?? '');
        }
      } else if (m[2] !== undefined) line += hexString(m[2]);
      else line += literalString(m[3] ?? '');
    }
    lines.push(line);
  }
  return lines.join('\n');
}

export function readPdf(bytes: Buffer): PdfFacts {
  const raw = bytes.toString('latin1');
  const texts: string[] = [];
  const re = /<<((?:(?!>>\s*stream)[\s\S])*?)>>\s*stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw)) !== null) {
    const dict = m[1] ?? '';
    const start = m.index + m[0].length;
    const lengthMatch = /\/Length (\d+)/.exec(dict);
    const end = lengthMatch ? start + Number(lengthMatch[1]) : raw.indexOf('endstream', start);
    const data = bytes.subarray(start, end);
    let content: string;
    try {
      content = /\/Filter\s*\/FlateDecode/.test(dict) ? inflateSync(data).toString('latin1') : data.toString('latin1');
    } catch {
      continue;
    }
    if (content.includes('BT')) texts.push(streamText(content));
    re.lastIndex = end;
  }
  const pages = (raw.match(/\/Type \/Page\b(?!s)/g) ?? []).length;
  // pdfkit writes the info Title as an indirect string object.
  const titleRef = /\/Title (\d+) 0 R/.exec(raw);
  const titleMatch = titleRef ? new RegExp(`(?:^|\\n)${titleRef[1]} 0 obj\\s*\\(((?:[^)\\\\]|\\\\.)*)\\)`).exec(raw) : /\/Title \(((?:[^)\\]|\\.)*)\)/.exec(raw);
  return {
    pages,
    title: titleMatch ? literalString(titleMatch[1] ?? '') : undefined,
    text: texts.join('\n'),
    tagged: /\/StructTreeRoot/.test(raw) && /\/Marked true/.test(raw),
  };
}
