import type { NoteFacts } from '../notes/facts.ts';
import type { SectionName } from '../notes/formats.ts';
import { REQUIRED_ELEMENTS, type RequiredElement, type Rule, type RuleReport } from './types.ts';

interface ElementSpec {
  readonly label: string;
  readonly fix: string;
  readonly citation: string;
  /** Sections whose non-empty body documents the element. */
  readonly sections: readonly SectionName[];
  readonly present: (f: NoteFacts) => boolean;
}

const hasLabel = (f: NoteFacts, field: string): boolean => f.labels.some((l) => l.field === field && l.hasContent);

/** What documents each required element; data, so the docs and the editor can list it. */
const ELEMENTS: Readonly<Record<RequiredElement, ElementSpec>> = {
  date: {
    label: 'session date',
    fix: 'Add the date of service, e.g. "Date: 2026-03-14".',
    citation: '45 CFR 164.501 (session logistics belong in the medical record); payer documentation rules',
    sections: [],
    present: (f) => f.dates.length > 0,
  },
  time: {
    label: 'session start/stop times or duration',
    fix: 'Add start and stop times ("10:00–10:50") or the total face-to-face minutes.',
    citation: 'CPT time rules for psychotherapy codes; Medicare contractors require documented time (hipaa-facts §9)',
    sections: [],
    present: (f) => f.times.length > 0 || f.durations.length > 0,
  },
  cpt: {
    label: 'CPT code',
    fix: 'Add the CPT code billed for the session, e.g. "CPT: 90834".',
    citation: 'HIPAA transaction code sets, 45 CFR 162.1002 (CPT for procedures)',
    sections: [],
    present: (f) => f.cptCodes.length > 0,
  },
  modality: {
    label: 'modality',
    fix: 'State the modality, e.g. "Individual psychotherapy, telehealth (video)".',
    citation: '45 CFR 164.501 (modalities and frequencies of treatment are part of the medical record)',
    sections: [],
    present: (f) => f.modality.some((m) => m.kind === 'modality') || hasLabel(f, 'modality'),
  },
  diagnosis: {
    label: 'diagnosis',
    fix: 'Add the diagnosis with its ICD-10-CM code, e.g. "Dx: F41.1 Generalized anxiety disorder".',
    citation: '45 CFR 164.501 (summary of diagnosis belongs in the medical record); 45 CFR 162.1002 (ICD-10-CM)',
    sections: [],
    present: (f) => f.icd10Codes.length > 0 || hasLabel(f, 'diagnosis') || f.summaries.some((s) => s.category === 'diagnosis'),
  },
  interventions: {
    label: 'interventions',
    fix: 'Describe what you did in session, e.g. "Interventions: cognitive restructuring, psychoeducation on sleep hygiene".',
    citation: 'Medical-necessity documentation for psychotherapy services (payer and CMS documentation rules)',
    sections: ['intervention'],
    present: (f) => f.interventions.length > 0 || hasLabel(f, 'interventions'),
  },
  risk: {
    label: 'risk assessment',
    fix: 'Document risk, e.g. "Denies SI/HI; no safety concerns", or the risk assessment and safety plan.',
    citation: 'Standard of care for suicide-risk documentation; PHQ-9 item 9 follow-up (Simon et al. 2013)',
    sections: [],
    present: (f) => f.risk.length > 0 || hasLabel(f, 'risk'),
  },
  assessment: {
    label: 'assessment',
    fix: 'Add your clinical assessment: the client\'s status, response and progress toward goals.',
    citation: '45 CFR 164.501 (summaries of symptoms, functional status and progress belong in the medical record)',
    sections: ['assessment', 'response'],
    present: (f) => hasLabel(f, 'assessment'),
  },
  plan: {
    label: 'plan',
    fix: 'Add the plan: next session, homework, referrals or changes to treatment.',
    citation: '45 CFR 164.501 (the treatment plan belongs in the medical record)',
    sections: ['plan'],
    present: (f) => hasLabel(f, 'plan'),
  },
};

/** A progress note must document each element; one error per missing element. */
export const requiredElement: Rule = {
  id: 'progress-note/required-element',
  kinds: ['progress'],
  severity: 'error',
  citation: '45 CFR 164.501 (what the medical record holds); CMS and payer documentation requirements',
  description: 'A progress note must document date, time, CPT code, modality, diagnosis, interventions, risk, assessment and plan.',
  check: ({ facts }) => {
    const reports: RuleReport[] = [];
    for (const element of REQUIRED_ELEMENTS) {
      const spec = ELEMENTS[element];
      const sections = facts.headings.filter((h) => spec.sections.includes(h.section));
      if (spec.present(facts) || sections.some((h) => h.hasContent)) continue;
      const empty = sections[0];
      reports.push({
        start: empty?.start ?? 0,
        end: empty?.end ?? 0,
        citation: spec.citation,
        message: empty ? `The ${spec.label} section is empty.` : `The note does not document the ${spec.label}.`,
        fix: spec.fix,
        data: { element },
      });
    }
    return reports;
  },
};
