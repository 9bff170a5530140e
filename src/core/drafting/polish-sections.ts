/**
 * What the optional language model is given and how its answer goes back into the note.
 * Only the narrative sections of the progress-note draft are sent, each under its heading;
 * the structured header (date, times, CPT codes, place of service, diagnoses) stays home,
 * because rephrasing does not need it (45 CFR 164.502(b) minimum necessary) and the model
 * cannot then alter a billed fact. The reply is mapped back to the same sections by their
 * headings; a reply that lost or reordered a heading cannot be accepted.
 */
import { FORMATS, type ProgressNoteFormat, type SectionName } from '../notes/formats.ts';

export type SectionTexts = Partial<Record<SectionName, string>>;

/** The sections that have text, in the format's order. */
function filled(format: ProgressNoteFormat, sections: SectionTexts): Array<{ name: SectionName; title: string; text: string }> {
  return FORMATS[format].sections.flatMap((s) => {
    const text = (sections[s.name] ?? '').trim();
    return text === '' ? [] : [{ name: s.name, title: s.title, text }];
  });
}

/**
 * The prompt text: each non-empty section as `Title:` on its own line, then its text. An
 * empty section is left out, so the model has no blank to fill (ARCHITECTURE.md invariant 7).
 */
export function polishPromptText(format: ProgressNoteFormat, sections: SectionTexts): string {
  return filled(format, sections)
    .map((s) => `${s.title}:\n${s.text}`)
    .join('\n\n');
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export type ParsedReply = { readonly ok: true; readonly sections: SectionTexts } | { readonly ok: false; readonly problem: string };

/**
 * Maps a rephrasing back to sections: the headings that were sent must all be there, in the
 * same order, at the start of a line (`Title:`, optionally in bold or after `#`). Sections
 * that were not sent stay absent; an extra heading the model made up is refused.
 */
export function parsePolishedSections(format: ProgressNoteFormat, sent: SectionTexts, reply: string): ParsedReply {
  const expected = filled(format, sent);
  if (expected.length === 0) return { ok: false, problem: 'the draft has no section text to rephrase' };
  const found: Array<{ name: SectionName; headingStart: number; contentStart: number }> = [];
  let from = 0;
  for (const s of expected) {
    const re = new RegExp(`^[ \\t]*(?:#{1,6}[ \\t]*)?(?:\\*\\*|__)?${escape(s.title)}(?:\\*\\*|__)?[ \\t]*:(?:\\*\\*|__)?[ \\t]*`, 'gim');
    re.lastIndex = from;
    const m = re.exec(reply);
    if (!m) return { ok: false, problem: `the reply has no "${s.title}:" heading after the previous section` };
    found.push({ name: s.name, headingStart: m.index, contentStart: m.index + m[0].length });
    from = m.index + m[0].length;
  }
  if (reply.slice(0, found[0]!.headingStart).trim() !== '') return { ok: false, problem: 'the reply has text before the first heading' };
  const others = FORMATS[format].sections.filter((s) => !expected.some((e) => e.name === s.name));
  const sections: SectionTexts = {};
  for (const [i, f] of found.entries()) {
    const text = reply.slice(f.contentStart, found[i + 1]?.headingStart ?? reply.length).trim();
    if (text === '') return { ok: false, problem: `the reply left the ${f.name} section empty` };
    const stray = others.find((o) => new RegExp(`^[ \\t]*(?:\\*\\*|#{1,6}[ \\t]*)?${escape(o.title)}(?:\\*\\*)?[ \\t]*:`, 'im').test(text));
    if (stray) return { ok: false, problem: `the reply added a "${stray.title}" section that the draft left empty` };
    sections[f.name] = text;
  }
  return { ok: true, sections };
}
