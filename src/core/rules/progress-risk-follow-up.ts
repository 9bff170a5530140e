import type { Rule, RuleReport } from './types.ts';
import { quote } from './util.ts';

// Wording that states ideation (not a past attempt or someone else's suicide).
const IDEATION = /\bSI\b|ideation|thoughts|wish|better off dead|kill|end (?:her|his|their|my) life|suicidal|death wish/i;

/**
 * A positive PHQ-9 item 9 or endorsed suicidal ideation needs a documented risk assessment
 * or safety plan (Simon et al., Psychiatr Serv 2013; hipaa-facts §10).
 */
export const riskFollowUp: Rule = {
  id: 'progress-note/risk-follow-up',
  kinds: ['progress'],
  severity: 'error',
  citation: 'PHQ-9 item 9 safety follow-up (Simon et al., Psychiatr Serv 2013); standard of care for suicide-risk documentation',
  description: 'PHQ-9 item 9 above 0, or endorsed suicidal ideation, needs a documented risk assessment or safety plan.',
  check: ({ text, facts }) => {
    const followedUp = facts.risk.some((r) => (r.topic === 'risk-assessment' || r.topic === 'safety-plan') && r.polarity !== 'denied');
    if (followedUp) return [];
    const reports: RuleReport[] = [];
    for (const i of facts.item9) {
      if (i.value > 0 && i.value <= 3) {
        reports.push({
          start: i.start,
          end: i.end,
          message: `${quote(text, i)}: PHQ-9 item 9 is positive, and the note documents no risk assessment or safety plan.`,
          fix: 'Document the suicide-risk assessment (e.g. C-SSRS), the risk level and the safety plan.',
          data: { trigger: 'phq9-item9', value: i.value },
        });
      }
    }
    for (const r of facts.risk) {
      if (r.topic !== 'suicidal' || r.polarity !== 'present') continue;
      if (!IDEATION.test(text.slice(r.start, r.end))) continue;
      reports.push({
        start: r.start,
        end: r.end,
        message: `${quote(text, r)}: suicidal ideation is documented without a risk assessment or safety plan.`,
        fix: 'Document the suicide-risk assessment (e.g. C-SSRS), the risk level and the safety plan.',
        data: { trigger: 'suicidal-ideation' },
      });
    }
    return reports;
  },
};
