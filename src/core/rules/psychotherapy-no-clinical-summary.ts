import type { SummaryCategory } from '../notes/facts.ts';
import type { Rule, RuleReport } from './types.ts';
import { PSYCHOTHERAPY_NOTE_DEFINITION, quote, withoutOverlaps } from './util.ts';

const CATEGORY_WORDS: Readonly<Record<SummaryCategory, string>> = {
  diagnosis: 'diagnosis',
  'functional-status': 'functional status',
  'treatment-plan': 'treatment plan',
  symptoms: 'symptoms',
  prognosis: 'prognosis',
  progress: 'progress to date',
};

/**
 * 45 CFR 164.501: "any summary of the following items: diagnosis, functional status, the
 * treatment plan, symptoms, prognosis, and progress to date" is excluded.
 */
export const noClinicalSummary: Rule = {
  id: 'psychotherapy-note/no-clinical-summary',
  kinds: ['psychotherapy'],
  severity: 'error',
  citation: `${PSYCHOTHERAPY_NOTE_DEFINITION}: any summary of diagnosis, functional status, treatment plan, symptoms, prognosis or progress to date is excluded`,
  description: 'A psychotherapy note may not summarise diagnosis, functional status, treatment plan, symptoms, prognosis or progress.',
  check: ({ text, facts }) => {
    const fix = 'Move this summary to the progress note (assessment or plan) and keep only your process notes here.';
    const report = (start: number, end: number, category: SummaryCategory): RuleReport => ({
      start,
      end,
      message: `${quote(text, { start, end })} summarises ${CATEGORY_WORDS[category]}; that belongs in the progress note, not a psychotherapy note.`,
      fix,
      data: { category },
    });
    const headingCategory = (section: string): SummaryCategory | undefined =>
      section === 'assessment' ? 'diagnosis' : section === 'plan' || section === 'goals' ? 'treatment-plan' : undefined;
    const labelCategory: Partial<Record<string, SummaryCategory>> = {
      diagnosis: 'diagnosis',
      assessment: 'diagnosis',
      plan: 'treatment-plan',
      'functional-status': 'functional-status',
    };
    const reports: RuleReport[] = [
      ...facts.summaries.map((s) => report(s.start, s.end, s.category)),
      ...facts.icd10Codes.map((c) => report(c.start, c.end, 'diagnosis')),
      // An Assessment or Plan heading is reported with the line it introduces ("A: GAD, improving.").
      ...facts.headings.flatMap((h) => {
        const c = headingCategory(h.section);
        if (!c) return [];
        const nl = text.indexOf('\n', h.end);
        const lineEndAt = nl === -1 ? text.length : nl;
        return [report(h.start, text.slice(h.start, lineEndAt).trimEnd().length + h.start, c)];
      }),
      ...facts.labels.flatMap((l) => {
        const c = labelCategory[l.field];
        return c ? [report(l.start, l.end, c)] : [];
      }),
    ];
    return withoutOverlaps(reports.sort((a, b) => a.start - b.start || b.end - a.end));
  },
};
