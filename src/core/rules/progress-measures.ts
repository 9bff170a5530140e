import { INSTRUMENTS, SEVERITY_ALIASES, bandForTotal, labelContradictsScore, parseSeverityLabel, totalRange, type InstrumentId } from '../measures/index.ts';
import type { Rule, RuleReport } from './types.ts';
import { quote } from './util.ts';

const MEASURE_CITATION = 'PHQ-9 0–27 (Kroenke 2001); GAD-7 0–21 (Spitzer 2006); PCL-5 0–80 (NCPTSD)';

/** A stated total or item value outside what the instrument can produce. */
export const measureOutOfRange: Rule = {
  id: 'progress-note/measure-out-of-range',
  kinds: ['progress'],
  severity: 'error',
  citation: MEASURE_CITATION,
  description: 'A measure total or item value outside the instrument\'s range is a typo or a wrong instrument.',
  check: ({ text, facts }) => {
    const reports: RuleReport[] = [];
    for (const m of facts.measures) {
      if (m.score === undefined) continue;
      const { min, max } = totalRange(m.instrument);
      if (m.score < min || m.score > max) {
        const span = m.scoreSpan ?? m;
        reports.push({
          start: span.start,
          end: span.end,
          message: `${INSTRUMENTS[m.instrument].displayName} total ${m.score} is out of range: totals run ${min}–${max}.`,
          fix: 'Check the total against the item scores and correct it.',
          data: { instrument: m.instrument, score: m.score, max },
        });
      }
    }
    for (const i of facts.item9) {
      if (i.value > 3) {
        reports.push({
          start: i.start,
          end: i.end,
          message: `${quote(text, i)}: PHQ-9 items are scored 0–3, so item 9 cannot be ${i.value}.`,
          fix: 'Correct the item 9 value (0–3).',
          data: { instrument: 'phq9', item: 9, value: i.value },
        });
      }
    }
    return reports;
  },
};

/** Finds which instrument, if any, knows a label, for "GAD-7 … moderately severe". */
function labelOfOtherInstrument(instrument: InstrumentId, label: string): boolean {
  return (Object.keys(SEVERITY_ALIASES) as InstrumentId[]).some((other) => other !== instrument && parseSeverityLabel(other, label) !== undefined);
}

/** A stated severity band that contradicts the stated score. */
export const measureSeverityMismatch: Rule = {
  id: 'progress-note/measure-severity-mismatch',
  kinds: ['progress'],
  severity: 'error',
  citation: 'PHQ-9 bands 5/10/15/20 (Kroenke 2001); GAD-7 bands 5/10/15 (Spitzer 2006); PCL-5 cutoff 31–33 (NCPTSD)',
  description: 'A severity label must be the band the score falls in.',
  check: ({ facts }) => {
    const reports: RuleReport[] = [];
    for (const m of facts.measures) {
      if (m.score === undefined || m.label === undefined || !m.labelSpan) continue;
      const name = INSTRUMENTS[m.instrument].displayName;
      const check = labelContradictsScore(m.instrument, m.label, m.score);
      const expected = check?.expected ?? bandForTotal(m.instrument, m.score);
      if (!expected) continue;
      const wrongScale = check === undefined && labelOfOtherInstrument(m.instrument, m.label);
      if (!(check?.contradicts || wrongScale)) continue;
      reports.push({
        start: m.start,
        end: m.end,
        message: wrongScale
          ? `${name} has no "${m.label}" band; a total of ${m.score} is ${expected.label.toLowerCase()}.`
          : `${name} total ${m.score} is ${expected.label.toLowerCase()}, not "${m.label}".`,
        fix: `Write the band that matches the score ("${expected.label.toLowerCase()}"), or correct the score.`,
        data: { instrument: m.instrument, score: m.score, stated: m.label, expected: expected.key },
      });
    }
    return reports;
  },
};
