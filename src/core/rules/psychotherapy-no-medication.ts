import type { Rule } from './types.ts';
import { PSYCHOTHERAPY_NOTE_DEFINITION, quote } from './util.ts';

/** 45 CFR 164.501: "medication prescription and monitoring" is excluded from psychotherapy notes. */
export const noMedication: Rule = {
  id: 'psychotherapy-note/no-medication',
  kinds: ['psychotherapy'],
  severity: 'error',
  citation: `${PSYCHOTHERAPY_NOTE_DEFINITION}: medication prescription and monitoring are excluded`,
  description: 'A psychotherapy note may not hold medication names, doses or prescribing and monitoring details.',
  check: ({ text, facts }) =>
    facts.medications.map((m) => ({
      start: m.start,
      end: m.end,
      message: `${quote(text, m)} is medication ${m.kind === 'management' ? 'management' : 'information'}; it cannot be part of a psychotherapy note.`,
      fix: 'Move this to the progress note (medications), or delete it here.',
      data: { kind: m.kind },
    })),
};
