import type { Rule, RuleReport } from './types.ts';
import { PSYCHOTHERAPY_NOTE_DEFINITION, quote, withoutOverlaps } from './util.ts';

/** 45 CFR 164.501: "counseling session start and stop times" are excluded from psychotherapy notes. */
export const noSessionTimes: Rule = {
  id: 'psychotherapy-note/no-session-times',
  kinds: ['psychotherapy'],
  severity: 'error',
  citation: `${PSYCHOTHERAPY_NOTE_DEFINITION}: counseling session start and stop times are excluded`,
  description: 'A psychotherapy note may not hold session start/stop times or the session length.',
  check: ({ text, facts }) => {
    const reports: RuleReport[] = [
      ...facts.times.map((t) => ({
        start: t.start,
        end: t.end,
        message: `${quote(text, t)} records when the session ${t.kind === 'end' ? 'ended' : t.kind === 'start' ? 'started' : 'started and stopped'}; session times belong in the progress note.`,
        fix: 'Record session times in the progress note (session logistics) and remove them here.',
      })),
      ...facts.durations.map((d) => ({
        start: d.start,
        end: d.end,
        message: `${quote(text, d)} records the session length (${d.minutes} min); it belongs in the progress note.`,
        fix: 'Record the duration in the progress note and remove it here.',
        data: { minutes: d.minutes },
      })),
    ];
    return withoutOverlaps(reports.sort((a, b) => a.start - b.start));
  },
};
