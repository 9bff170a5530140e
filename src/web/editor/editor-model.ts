/**
 * Pure helpers behind the progress-note editor: where each finding belongs, format
 * switching that never drops text, and moving text between sections. No React here, so the
 * rules are tested without a DOM.
 */
import { FORMATS, SECTION_NAMES, type ProgressNoteFormat, type SectionName } from '../../core/notes/formats.ts';
import type { ProgressNoteContent } from '../../core/notes/model.ts';
import { fieldAt, type RenderedNote } from '../../core/notes/render.ts';
import type { Finding, RequiredElement } from '../../core/rules/index.ts';

/** A field path as used by `renderProgressNote` spans (`session.date`, `sections.plan`, …). */
export type FieldPath = string;

/** Human labels for field paths, used in the findings panel ("in Plan"). */
export function fieldLabel(field: FieldPath): string {
  const fixed: Readonly<Record<string, string>> = {
    'session.date': 'Session date',
    'session.start': 'Start time',
    'session.end': 'End time',
    'session.durationMinutes': 'Duration',
    'session.cptCodes': 'CPT codes',
    'session.modality': 'Modality',
    'session.placeOfService': 'Place of service',
    'session.participants': 'Participants',
    diagnoses: 'Diagnoses',
    functionalStatus: 'Functional status',
    mentalStatus: 'Mental status',
    medications: 'Medications',
    risk: 'Risk assessment',
    'risk.suicidalIdeation': 'Risk assessment',
    interventions: 'Interventions',
    goals: 'Goals',
  };
  const hit = fixed[field];
  if (hit) return hit;
  if (field.startsWith('sections.')) {
    const name = field.slice('sections.'.length) as SectionName;
    for (const def of Object.values(FORMATS)) {
      const s = def.sections.find((x) => x.name === name);
      if (s) return s.title;
    }
  }
  return field;
}

/**
 * Where a missing required element is entered, per format. The linter reports a missing
 * element at the note's start or at an empty heading; the editor sends the user to the
 * input that supplies it instead.
 */
export function elementField(element: RequiredElement, format: ProgressNoteFormat): FieldPath {
  const table: Readonly<Record<RequiredElement, FieldPath>> = {
    date: 'session.date',
    time: 'session.start',
    cpt: 'session.cptCodes',
    modality: 'session.modality',
    diagnosis: 'diagnoses',
    interventions: 'interventions',
    risk: 'risk.suicidalIdeation',
    // BIRP and GIRP have no Assessment section; the clinician's assessment goes under Response.
    assessment: format === 'soap' || format === 'dap' ? 'sections.assessment' : 'sections.response',
    plan: 'sections.plan',
  };
  return table[element];
}

/** Text fields whose rendered span starts with a fixed label before the user's text. */
const TEXT_FIELD_PREFIX: Readonly<Record<string, string>> = {
  functionalStatus: 'Functional status: ',
  mentalStatus: 'Mental status: ',
};

/** The raw (untrimmed) value of a free-text field, or undefined for structured fields. */
export function textFieldValue(content: ProgressNoteContent, field: FieldPath): string | undefined {
  if (field.startsWith('sections.')) return content.sections[field.slice('sections.'.length) as SectionName] ?? '';
  if (field === 'functionalStatus') return content.functionalStatus ?? '';
  if (field === 'mentalStatus') return content.mentalStatus ?? '';
  return undefined;
}

/** A finding placed on the editor: the field it belongs to and, for text fields, the range inside that field's own value. */
export interface PlacedFinding {
  readonly finding: Finding;
  /** Stable key for lists. */
  readonly key: string;
  readonly field: FieldPath | undefined;
  readonly range?: { readonly start: number; readonly end: number } | undefined;
}

/**
 * Maps every finding from rendered-text offsets to the input it came from (`fieldAt`), and
 * for free-text fields to offsets in the field's own value (the renderer trims section text
 * and prefixes some fields with a label; both are undone here).
 */
export function placeFindings(content: ProgressNoteContent, rendered: RenderedNote, findings: readonly Finding[]): PlacedFinding[] {
  return findings.map((finding, i): PlacedFinding => {
    const key = `${finding.rule}:${finding.start}:${finding.end}:${i}`;
    const element = finding.data?.['element'];
    if (finding.rule === 'progress-note/required-element' && typeof element === 'string') {
      return { finding, key, field: elementField(element as RequiredElement, content.format) };
    }
    const field = fieldAt(rendered, finding.start, finding.end);
    if (field === undefined) return { finding, key, field };
    const raw = textFieldValue(content, field);
    const span = rendered.spans.find((s) => s.field === field);
    if (raw === undefined || !span) return { finding, key, field };
    const prefix = TEXT_FIELD_PREFIX[field] ?? '';
    // Sections are rendered trimmed; other text fields verbatim after their label.
    const lead = field.startsWith('sections.') ? raw.length - raw.trimStart().length : 0;
    const bodyLength = field.startsWith('sections.') ? raw.trim().length : raw.length;
    const toLocal = (offset: number): number => Math.min(Math.max(offset - span.start - prefix.length, 0), bodyLength) + lead;
    return { finding, key, field, range: { start: toLocal(finding.start), end: toLocal(finding.end) } };
  });
}

/**
 * Switches the note's format. Section text is keyed by section name, so sections the two
 * formats share (assessment, plan, intervention, response) keep their text, and text of a
 * section the new format lacks stays in the note as "carried over" until the clinician moves
 * or clears it. Nothing is dropped.
 */
export function switchFormat(content: ProgressNoteContent, format: ProgressNoteFormat): ProgressNoteContent {
  return { ...content, format };
}

/** Sections holding text that the current format does not show (carried over from another format). */
export function carriedOverSections(content: ProgressNoteContent): SectionName[] {
  const shown = new Set(FORMATS[content.format].sections.map((s) => s.name));
  return SECTION_NAMES.filter((name) => !shown.has(name) && (content.sections[name] ?? '').trim() !== '');
}

/** Appends text to a section as a new paragraph (or as its only text). */
export function appendToSection(content: ProgressNoteContent, section: SectionName, text: string): ProgressNoteContent {
  const addition = text.trim();
  if (addition === '') return content;
  const existing = (content.sections[section] ?? '').replace(/\s+$/, '');
  return { ...content, sections: { ...content.sections, [section]: existing === '' ? addition : `${existing}\n${addition}` } };
}

/** Moves all text of section `from` to the end of section `to`; `from` is removed. */
export function moveSection(content: ProgressNoteContent, from: SectionName, to: SectionName): ProgressNoteContent {
  const text = content.sections[from] ?? '';
  const moved = appendToSection(content, to, text);
  const sections = { ...moved.sections };
  delete sections[from];
  return { ...moved, sections };
}

/** A new, empty progress note for a session; only what the caller knows is filled in. */
export function emptyProgressNote(format: ProgressNoteFormat, session: ProgressNoteContent['session']): ProgressNoteContent {
  return { format, session, diagnoses: [], interventions: [], medications: [], goals: [], sections: {} };
}
