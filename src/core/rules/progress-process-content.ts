import type { Rule } from './types.ts';
import { quote } from './util.ts';

const KIND_WORDS = {
  countertransference: 'transference or countertransference',
  'clinician-feelings': "the clinician's own feelings",
  'sexual-or-trauma-detail': 'detailed sexual or trauma narrative',
} as const;

/**
 * Process material in the chart is disclosed with it; minimum necessary (45 CFR 164.502(b))
 * says keep it out of the record and in the private psychotherapy note.
 */
export const processContent: Rule = {
  id: 'progress-note/process-content',
  kinds: ['progress'],
  severity: 'warning',
  citation: '45 CFR 164.502(b) and 164.514(d) (minimum necessary); 164.501 (psychotherapy notes)',
  description: 'Countertransference, the clinician\'s own feelings and detailed sexual or trauma narrative belong in the psychotherapy note.',
  check: ({ text, facts }) =>
    facts.processContent.map((p) => ({
      start: p.start,
      end: p.end,
      message: `${quote(text, p)} is ${KIND_WORDS[p.kind]}; the medical record is shared with payers and others.`,
      fix: 'Move it to the psychotherapy note, or summarise what the record needs in clinical terms.',
      data: { kind: p.kind },
    })),
};
