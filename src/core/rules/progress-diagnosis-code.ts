import { isBehavioralIcd10Code } from '../codes/icd10-scope.ts';
import type { Rule, RuleReport } from './types.ts';

/**
 * An ICD-10-CM code must exist in the code set in force, and a header (category) code is not
 * billable: HIPAA transactions require the most specific code (45 CFR 162.1002).
 */
export const diagnosisCode: Rule = {
  id: 'progress-note/diagnosis-code',
  kinds: ['progress'],
  severity: 'error',
  citation: '45 CFR 162.1002 (ICD-10-CM is the HIPAA code set for diagnoses)',
  description: 'Every ICD-10-CM code must exist in the code set, and should be a billable (most specific) code.',
  check: ({ facts, icd10 }) =>
    facts.icd10Codes.flatMap((c): RuleReport[] => {
      const entry = icd10.get(c.code);
      if (!entry) {
        // The browser ships only the behavioural-health codes; outside them it cannot tell.
        if (icd10.scope !== 'full' && !isBehavioralIcd10Code(c.code)) return [];
        return [{
          start: c.start,
          end: c.end,
          message: `${c.code} is not an ICD-10-CM code (code set ${icd10.version}).`,
          fix: 'Check the code; search the diagnosis list for the right one.',
          data: { code: c.code, problem: 'unknown' },
        }];
      }
      if (!entry.billable) {
        const children = icd10.search(c.code, 50).filter((e) => e.billable && e.code.startsWith(c.code)).slice(0, 4);
        return [{
          start: c.start,
          end: c.end,
          severity: 'warning',
          message: `${c.code} (${entry.title}) is a category, not a billable code; a more specific code is required.`,
          fix: children.length > 0 ? `Use a specific code, e.g. ${children.map((e) => `${e.code} ${e.title}`).join('; ')}.` : 'Use a more specific code from this category.',
          data: { code: c.code, problem: 'not-billable' },
        }];
      }
      return [];
    }),
};
