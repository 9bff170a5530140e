import { INSTRUMENTS } from '../measures/index.ts';
import type { Rule, RuleReport } from './types.ts';
import { PSYCHOTHERAPY_NOTE_DEFINITION, quote, withoutOverlaps } from './util.ts';

/**
 * 45 CFR 164.501: "results of clinical tests" are excluded. Naming a test without a result
 * ("she under-reports on the PCL-5") is not a result and is not flagged.
 */
export const noTestResults: Rule = {
  id: 'psychotherapy-note/no-test-results',
  kinds: ['psychotherapy'],
  severity: 'error',
  citation: `${PSYCHOTHERAPY_NOTE_DEFINITION}: results of clinical tests are excluded`,
  description: 'A psychotherapy note may not hold measure scores, severity results or other test results.',
  check: ({ text, facts }) => {
    const fix = 'Record the result in the progress note (measures) and remove it here.';
    const reports: RuleReport[] = [
      ...facts.measures
        .filter((m) => m.score !== undefined || m.label !== undefined)
        .map((m) => ({
          start: m.start,
          end: m.end,
          message: `${quote(text, m)} is a ${INSTRUMENTS[m.instrument].displayName} result; test results cannot be part of a psychotherapy note.`,
          fix,
          data: { instrument: m.instrument },
        })),
      ...facts.item9.map((i) => ({
        start: i.start,
        end: i.end,
        message: `${quote(text, i)} is a PHQ-9 item result; test results cannot be part of a psychotherapy note.`,
        fix,
        data: { instrument: 'phq9' },
      })),
      ...facts.otherTests.map((o) => ({
        start: o.start,
        end: o.end,
        message: `${quote(text, o)} is a clinical test result; test results cannot be part of a psychotherapy note.`,
        fix,
        data: { instrument: o.name },
      })),
    ];
    return withoutOverlaps(reports.sort((a, b) => a.start - b.start));
  },
};
