import type { Rule, RuleReport } from './types.ts';
import { PSYCHOTHERAPY_NOTE_DEFINITION, quote, withoutOverlaps } from './util.ts';

/** 45 CFR 164.501: "modalities and frequencies of treatment furnished" are excluded. */
export const noModalityFrequency: Rule = {
  id: 'psychotherapy-note/no-modality-frequency',
  kinds: ['psychotherapy'],
  severity: 'error',
  citation: `${PSYCHOTHERAPY_NOTE_DEFINITION}: modalities and frequencies of treatment furnished are excluded`,
  description: 'A psychotherapy note may not state the treatment modality (CBT, family therapy, telehealth, a CPT code) or how often treatment happens.',
  check: ({ text, facts }) => {
    const reports: RuleReport[] = [
      ...facts.modality.map((m) => ({
        start: m.start,
        end: m.end,
        message:
          m.kind === 'frequency'
            ? `${quote(text, m)} states how often treatment happens; treatment frequency belongs in the progress note.`
            : `${quote(text, m)} names the treatment modality; modality belongs in the progress note.`,
        fix: 'Document modality and frequency in the progress note and remove them here.',
        data: { kind: m.kind },
      })),
      // A CPT code states the modality (and time band) of the service.
      ...facts.cptCodes.map((c) => ({
        start: c.start,
        end: c.end,
        message: `CPT ${c.code} is a billing code that states the service's modality; it belongs in the progress note.`,
        fix: 'Record the CPT code in the progress note and remove it here.',
        data: { kind: 'cpt', code: c.code },
      })),
    ];
    return withoutOverlaps(reports.sort((a, b) => a.start - b.start));
  },
};
