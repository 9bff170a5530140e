import type { Rule } from './types.ts';
import { quote } from './util.ts';

/**
 * A psychotherapy note keeps its protection only while it is kept separate from the medical
 * record (45 CFR 164.501); a reference to it in the chart tells every reader of the record
 * that it exists and invites a request for it (164.508(a)(2)).
 */
export const noPsychotherapyNoteReference: Rule = {
  id: 'progress-note/no-psychotherapy-note-reference',
  kinds: ['progress'],
  severity: 'error',
  citation: '45 CFR 164.501 (psychotherapy notes are kept separate from the medical record); 164.508(a)(2)',
  description: 'A progress note may not refer to psychotherapy, process or private notes.',
  check: ({ text, facts }) =>
    facts.psychotherapyNoteReferences.map((r) => ({
      start: r.start,
      end: r.end,
      message: `${quote(text, r)} refers to a psychotherapy or private note; the medical record must not point to it.`,
      fix: 'Delete the reference. Document what the record needs here, and keep process material only in the psychotherapy note.',
    })),
};
