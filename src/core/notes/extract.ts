/**
 * Fact extraction from pasted note text. Clinicians paste notes written elsewhere, so the
 * linter reads plain text: this module finds every fact the rules need, each with its span.
 * Pure and deterministic; never throws on any string.
 */
import {
  extractInterventions,
  extractMedications,
  extractModality,
  extractProcessContent,
  extractPsychotherapyNoteReferences,
  extractRisk,
  extractSummaries,
} from './extract-clinical.ts';
import {
  extractCptCodes,
  extractDates,
  extractDurations,
  extractIcd10Codes,
  extractTimes,
  sessionMinutes,
} from './extract-logistics.ts';
import { extractMeasures, extractOtherTests } from './extract-measures.ts';
import type { NoteFacts, Span } from './facts.ts';
import { extractFrontMatter } from './front-matter.ts';
import { extractHeadings, extractLabels } from './headings.ts';

/** Extracts every fact from a note's text. Front matter, when present, adds explicit facts. */
export function extractFacts(text: string): NoteFacts {
  const fm = extractFrontMatter(text);
  const bodyStart = fm?.span.end ?? 0;
  // Facts in the body only: the front matter is read by its own parser.
  const inBody = <T extends Span>(facts: readonly T[]): T[] => facts.filter((f) => f.start >= bodyStart);

  const times = [...(fm?.times ?? []), ...inBody(extractTimes(text))];
  const durations = [...(fm?.durations ?? []), ...inBody(extractDurations(text))];
  const { measures, item9 } = extractMeasures(text);
  const minutes = sessionMinutes(times, durations);
  return {
    ...(fm ? { frontMatter: { start: fm.span.start, end: fm.span.end, ...(fm.kind ? { kind: fm.kind } : {}), problems: fm.problems } } : {}),
    dates: [...(fm?.dates ?? []), ...inBody(extractDates(text))],
    times,
    durations,
    cptCodes: [...(fm?.cptCodes ?? []), ...inBody(extractCptCodes(text))],
    icd10Codes: [...(fm?.icd10Codes ?? []), ...inBody(extractIcd10Codes(text))],
    measures: [...(fm?.measures ?? []), ...inBody(measures)],
    item9: [...(fm?.item9 ?? []), ...inBody(item9)],
    otherTests: inBody(extractOtherTests(text)),
    medications: inBody(extractMedications(text)),
    risk: [...(fm?.risk ?? []), ...inBody(extractRisk(text))],
    modality: [...(fm?.modality ?? []), ...inBody(extractModality(text))],
    headings: inBody(extractHeadings(text)),
    labels: inBody(extractLabels(text)),
    summaries: inBody(extractSummaries(text)),
    interventions: inBody(extractInterventions(text)),
    psychotherapyNoteReferences: inBody(extractPsychotherapyNoteReferences(text)),
    processContent: inBody(extractProcessContent(text)),
    ...(minutes === undefined ? {} : { sessionMinutes: minutes }),
  };
}
