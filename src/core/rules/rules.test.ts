/**
 * Table tests for every rule: true positives (the rule fires on exactly the quoted text) and
 * true negatives (the rule stays silent), including the precision traps named in the issue.
 */
import { describe, expect, it } from 'vitest';
import type { NoteKind } from '../notes/model.ts';
import { lint, type RuleId } from './index.ts';

interface Case {
  readonly kind: NoteKind;
  readonly text: string;
  /** Texts the rule's findings must cover, in order; [] means the rule must not fire. */
  readonly hits: readonly string[];
}

/** A complete progress note body that satisfies every required element, to embed cases in. */
const COMPLETE = [
  'Date: 2026-03-14 | Start: 10:00 | End: 10:50',
  'CPT: 90834. Individual psychotherapy, in person.',
  'Dx: F41.1 Generalized anxiety disorder',
  'S: Client reports worry about work.',
  'O: Affect anxious. Denies SI/HI.',
  'Interventions: cognitive restructuring, psychoeducation.',
  'A: Worry continues; engaged well.',
  'P: Next session in one week.',
].join('\n');

const CASES: Readonly<Partial<Record<RuleId, readonly Case[]>>> = {
  'psychotherapy-note/no-medication': [
    { kind: 'psychotherapy', text: 'She said her sertraline 100 mg makes her feel flat with me.', hits: ['sertraline 100 mg'] },
    { kind: 'psychotherapy', text: 'He is angry that the psychiatrist keeps changing his meds.', hits: ['meds'] },
    { kind: 'psychotherapy', text: 'Talked about Zoloft and whether it dulls her. Also her Xanax.', hits: ['Zoloft', 'Xanax'] },
    { kind: 'psychotherapy', text: 'Her SSRI came up again when we spoke about her mother.', hits: ['SSRI'] },
    { kind: 'psychotherapy', text: 'She brought a paper crane and talked about her grandmother.', hits: [] },
    { kind: 'psychotherapy', text: 'I wondered aloud whether her silence was a test of me.', hits: [] },
    { kind: 'psychotherapy', text: 'He joked that therapy is his medicine cabinet of words.', hits: [] },
  ],
  'psychotherapy-note/no-session-times': [
    { kind: 'psychotherapy', text: 'Session 10:00–10:50. She arrived flustered.', hits: ['10:00–10:50'] },
    { kind: 'psychotherapy', text: 'Start: 10:00 AM | End: 10:46 AM\nShe spoke of her brother.', hits: ['Start: 10:00 AM | End: 10:46 AM'] },
    { kind: 'psychotherapy', text: 'A 50-minute session mostly about her brother.', hits: ['50-minute session'] },
    { kind: 'psychotherapy', text: 'Session: #14 (50 min)\nWe stayed with the dream.', hits: ['(50 min)'] },
    { kind: 'psychotherapy', text: 'In the first 15 minutes of the hour she would not look at me.', hits: [] },
    { kind: 'psychotherapy', text: 'We spent 20 minutes on her father and the boat.', hits: [] },
    { kind: 'psychotherapy', text: 'She woke at 3 am from the same dream and lay awake.', hits: [] },
    { kind: 'psychotherapy', text: 'She works 9:00-5:00 at the bakery and resents her boss.', hits: [] },
  ],
  'psychotherapy-note/no-modality-frequency': [
    { kind: 'psychotherapy', text: 'We went back to CBT thought work and she resisted.', hits: ['CBT'] },
    { kind: 'psychotherapy', text: 'The telehealth connection froze as she cried.', hits: ['telehealth'] },
    { kind: 'psychotherapy', text: 'Family therapy today felt like a courtroom.', hits: ['Family therapy'] },
    { kind: 'psychotherapy', text: 'We agreed to weekly sessions until the trial.', hits: ['weekly'] },
    { kind: 'psychotherapy', text: 'She has weekly dinners with her sister and dreads them.', hits: [] },
    { kind: 'psychotherapy', text: 'He told me he would act differently next time.', hits: [] },
    { kind: 'psychotherapy', text: 'I wonder if the monthly visits from her father keep the wound open.', hits: [] },
  ],
  'psychotherapy-note/no-test-results': [
    { kind: 'psychotherapy', text: 'Her PHQ-9 of 18 does not match how composed she seems.', hits: ['PHQ-9 of 18'] },
    { kind: 'psychotherapy', text: 'GAD-7 was in the severe range and she laughed it off.', hits: ['GAD-7 was in the severe'] },
    { kind: 'psychotherapy', text: 'She scored 52 on the PCL-5 and still insists she is fine.', hits: ['52 on the PCL-5'] },
    { kind: 'psychotherapy', text: 'MoCA 24/30 - I wonder how that lands for him.', hits: ['MoCA 24/30'] },
    { kind: 'psychotherapy', text: 'She under-reports on the PCL-5, I suspect to protect me.', hits: [] },
    { kind: 'psychotherapy', text: 'He refused to fill out the PHQ-9 again, which felt like a message.', hits: [] },
  ],
  'psychotherapy-note/no-clinical-summary': [
    { kind: 'psychotherapy', text: 'Client meets criteria for MDD, recurrent.', hits: ['meets criteria for MDD, recurrent'] },
    { kind: 'psychotherapy', text: 'Prognosis is fair given her supports.', hits: ['Prognosis is fair given her supports'] },
    { kind: 'psychotherapy', text: 'Progress toward goals is steady.', hits: ['Progress toward'] },
    { kind: 'psychotherapy', text: 'Her symptoms have eased since spring.', hits: ['symptoms'] },
    { kind: 'psychotherapy', text: 'Dx: F41.1', hits: ['Dx: F41.1'] },
    { kind: 'psychotherapy', text: 'Functioning at work remains impaired.', hits: ['Functioning at work'] },
    { kind: 'psychotherapy', text: 'She talked about her sister\'s depression and her own guilt.', hits: [] },
    { kind: 'psychotherapy', text: 'I wondered whether her anger at me was about her father.', hits: [] },
    { kind: 'psychotherapy', text: 'Her mother was diagnosed with cancer when she was nine.', hits: [] },
  ],
  'progress-note/no-psychotherapy-note-reference': [
    { kind: 'progress', text: `${COMPLETE}\nSee my process notes for the dream.`, hits: ['my process notes'] },
    { kind: 'progress', text: `${COMPLETE}\nDetails in psychotherapy note.`, hits: ['psychotherapy note'] },
    { kind: 'progress', text: `${COMPLETE}\nMore in my private notes.`, hits: ['More in my private notes'] },
    { kind: 'progress', text: `${COMPLETE}\nClient notes that sleep improved. Plan: continue.`, hits: [] },
    { kind: 'progress', text: `${COMPLETE}\nThis progress note was co-signed.`, hits: [] },
  ],
  'progress-note/cpt-duration-mismatch': [
    { kind: 'progress', text: COMPLETE.replace('90834', '90837'), hits: ['90837'] },
    { kind: 'progress', text: COMPLETE.replace('90834', '90832'), hits: ['90832'] },
    { kind: 'progress', text: COMPLETE.replace('End: 10:50', 'End: 10:12'), hits: ['90834'] },
    { kind: 'progress', text: COMPLETE, hits: [] },
    { kind: 'progress', text: COMPLETE.replace('End: 10:50', 'End: 10:55').replace('90834', '90837'), hits: [] },
    { kind: 'progress', text: COMPLETE.replace('90834', '90847'), hits: [] },
  ],
  'progress-note/cpt-add-on': [
    { kind: 'progress', text: COMPLETE.replace('90834', '90834, +90836'), hits: ['+90836'] },
    { kind: 'progress', text: COMPLETE.replace('90834', '90847, +90785'), hits: ['+90785'] },
    { kind: 'progress', text: COMPLETE.replace('90834', '99213, +90836'), hits: [] },
  ],
  'progress-note/diagnosis-code': [
    { kind: 'progress', text: COMPLETE.replace('F41.1', 'F41.99'), hits: ['F41.99'] },
    { kind: 'progress', text: COMPLETE.replace('F41.1 Generalized anxiety disorder', 'F43.1 PTSD'), hits: ['F43.1'] },
    { kind: 'progress', text: COMPLETE, hits: [] },
    { kind: 'progress', text: `${COMPLETE}\nChecked her A1C and B12 with PCP.`, hits: [] },
  ],
  'progress-note/measure-out-of-range': [
    { kind: 'progress', text: `${COMPLETE}\nPHQ-9: 31.`, hits: ['31'] },
    { kind: 'progress', text: `${COMPLETE}\nGAD-7 = 24.`, hits: ['24'] },
    { kind: 'progress', text: `${COMPLETE}\nPHQ-9 item 9: 4, C-SSRS negative.`, hits: ['item 9: 4'] },
    { kind: 'progress', text: `${COMPLETE}\nPHQ-9 27, GAD-7 21, PCL-5 80.`, hits: [] },
    { kind: 'progress', text: `${COMPLETE}\nPHQ-9 given 2 weeks ago; repeat today.`, hits: [] },
  ],
  'progress-note/measure-severity-mismatch': [
    { kind: 'progress', text: `${COMPLETE}\nGAD-7 of 14 (moderately severe).`, hits: ['GAD-7 of 14 (moderately severe'] },
    { kind: 'progress', text: `${COMPLETE}\nPHQ-9 = 8, moderate.`, hits: ['PHQ-9 = 8, moderate'] },
    { kind: 'progress', text: `${COMPLETE}\nPCL-5 total 20, probable PTSD.`, hits: ['PCL-5 total 20, probable PTSD'] },
    { kind: 'progress', text: `${COMPLETE}\nPHQ-9 14 (moderate). GAD-7 16, severe.`, hits: [] },
    { kind: 'progress', text: `${COMPLETE}\nPCL-5 32, probable PTSD.`, hits: [] },
    { kind: 'progress', text: `${COMPLETE}\nPHQ-9 decreased from 18 to 12 (moderate).`, hits: [] },
  ],
  'progress-note/risk-follow-up': [
    { kind: 'progress', text: COMPLETE.replace('Denies SI/HI.', 'PHQ-9 item 9 = 2.'), hits: ['item 9 = 2'] },
    { kind: 'progress', text: COMPLETE.replace('Denies SI/HI.', 'Endorses passive SI, no plan.'), hits: ['passive SI'] },
    { kind: 'progress', text: COMPLETE.replace('Denies SI/HI.', 'Reports thoughts of killing herself at night.'), hits: ['thoughts of killing herself'] },
    { kind: 'progress', text: COMPLETE.replace('Denies SI/HI.', 'Endorses passive SI. C-SSRS screen: low risk; safety plan reviewed.'), hits: [] },
    { kind: 'progress', text: COMPLETE.replace('Denies SI/HI.', 'PHQ-9 item 9 = 0. Denies SI.'), hits: [] },
    { kind: 'progress', text: COMPLETE.replace('Denies SI/HI.', 'Denies SI, HI, self-harm.'), hits: [] },
    { kind: 'progress', text: COMPLETE.replace('Denies SI/HI.', 'History of SI in 2019; denies current SI.'), hits: [] },
  ],
  'progress-note/process-content': [
    { kind: 'progress', text: `${COMPLETE}\nI felt irritated with him throughout.`, hits: ['I felt irritated'] },
    { kind: 'progress', text: `${COMPLETE}\nStrong countertransference today.`, hits: ['countertransference'] },
    { kind: 'progress', text: `${COMPLETE}\nShe described in detail how he raped her in the car.`, hits: ['She described in detail how he raped her in the car.'] },
    { kind: 'progress', text: `${COMPLETE}\nClient has a history of childhood sexual abuse.`, hits: [] },
    { kind: 'progress', text: `${COMPLETE}\nClient said, "I felt irritated with my boss all week."`, hits: [] },
    { kind: 'progress', text: `${COMPLETE}\nHomework: sensate focus, no intercourse this week.`, hits: [] },
  ],
  'note/front-matter': [
    { kind: 'progress', text: `---\ndate: 2026-02-30\n---\n${COMPLETE}`, hits: ['date: 2026-02-30'] },
    { kind: 'progress', text: `---\ncpt: [9083]\n---\n${COMPLETE}`, hits: ['cpt: [9083]'] },
    { kind: 'progress', text: `---\nstart: "10:50"\nend: "10:00"\n---\n${COMPLETE}`, hits: ['end: "10:00"'] },
    { kind: 'progress', text: `---\ndate: 2026-03-14\ncpt: [90834]\n---\n${COMPLETE}`, hits: [] },
  ],
};

describe.each(Object.entries(CASES) as Array<[RuleId, readonly Case[]]>)('%s', (rule, cases) => {
  it.each(cases.map((c, i) => [`${c.kind} #${i + 1}: ${c.hits.length > 0 ? c.hits.join(' | ') : 'no finding'}`, c] as const))('%s', (_label, c) => {
    const findings = lint(c.text, { kind: c.kind }).findings.filter((f) => f.rule === rule);
    expect(findings.map((f) => c.text.slice(f.start, f.end))).toEqual(c.hits);
    for (const f of findings) {
      expect(f.citation.length).toBeGreaterThan(5);
      expect(f.fix.length).toBeGreaterThan(5);
    }
  });
});

describe('progress-note/required-element', () => {
  const elements = (text: string): string[] =>
    lint(text, { kind: 'progress' })
      .findings.filter((f) => f.rule === 'progress-note/required-element')
      .map((f) => String(f.data?.element));

  it('a complete note has none', () => {
    expect(elements(COMPLETE)).toEqual([]);
  });

  it('an empty note misses every element, one finding each', () => {
    expect(elements('Client seen.')).toEqual(['date', 'time', 'cpt', 'modality', 'diagnosis', 'interventions', 'risk', 'assessment', 'plan']);
  });

  it.each([
    ['date', 'Date: 2026-03-14 | '],
    ['cpt', 'CPT: 90834. '],
    ['modality', 'Individual psychotherapy, in person.'],
    ['interventions', 'Interventions: cognitive restructuring, psychoeducation.'],
    ['plan', 'P: Next session in one week.'],
  ])('removing the %s line reports the %s', (element, line) => {
    expect(elements(COMPLETE.replace(line, ''))).toEqual([element]);
  });

  it('"Denies SI/HI" is a risk statement', () => {
    expect(elements(COMPLETE)).not.toContain('risk');
    expect(elements(COMPLETE.replace('Denies SI/HI.', ''))).toEqual(['risk']);
  });

  it('an empty section is reported at its heading', () => {
    const text = COMPLETE.replace('P: Next session in one week.', 'P:');
    const f = lint(text, { kind: 'progress' }).findings.find((x) => x.data?.element === 'plan');
    expect(f && text.slice(f.start, f.end)).toBe('P:');
  });

  it('YAML front matter supplies elements the body lacks', () => {
    const body = 'S: Client reports worry.\nDenies SI/HI.\nInterventions: psychoeducation.\nA: Stable.\nP: Continue.';
    const fm = '---\ndate: 2026-03-14\nstart: "10:00"\nend: "10:50"\ncpt: [90834]\nicd10: [F41.1]\nmodality: individual\n---\n';
    expect(elements(body)).toEqual(['date', 'time', 'cpt', 'modality', 'diagnosis']);
    expect(elements(fm + body)).toEqual([]);
  });

  it('a BIRP note: Response counts as assessment and Intervention as interventions', () => {
    const text = [
      'Date: 2026-04-02, 14:00-14:50, CPT 90834, individual psychotherapy via telehealth. Dx: F32.1',
      'B: Client tearful, reports low mood. Denies SI/HI.',
      'I: Behavioral activation planning.',
      'R: Client engaged and chose two activities.',
      'P: Follow up next week.',
    ].join('\n');
    expect(elements(text)).toEqual([]);
  });
});

describe('lint()', () => {
  it('only runs the rules of the note kind', () => {
    const text = 'She takes sertraline 50 mg. See my process notes.';
    expect(lint(text, { kind: 'psychotherapy' }).findings.every((f) => f.rule.startsWith('psychotherapy-note/'))).toBe(true);
    expect(lint(text, { kind: 'progress' }).findings.every((f) => f.rule.startsWith('progress-note/'))).toBe(true);
  });

  it('a clean psychotherapy note has no findings', () => {
    const text = 'She sat closer to the door today. When I mentioned her father she changed the subject to the weather. I felt a pull to rescue her, and I wonder whether that is what her mother did. She under-reports on the PCL-5, I suspect to protect me.';
    expect(lint(text, { kind: 'psychotherapy' }).findings).toEqual([]);
  });
});
