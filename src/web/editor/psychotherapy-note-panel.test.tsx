// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { ProgressNoteFormat, SectionName } from '../../core/notes/formats.ts';
import type { ProgressNoteContent } from '../../core/notes/model.ts';
import { lint } from '../../core/rules/index.ts';
import { cleanSoapNote } from '../pages/synthetic.ts';
import { renderUi, seriousAxeViolations } from '../test/render.tsx';
import { appendToSection } from './editor-model.ts';
import { EXCLUSION_RULES, MOVE_TARGETS, extractSentence, targetSectionFor } from './move-to-progress.ts';
import { PRIVATE_NOTICE, PsychotherapyNotePanel } from './psychotherapy-note-panel.tsx';

const PRIVATE_TEXT = [
  'She sat closer to the door again.',
  'Her psychiatrist increased her sertraline to 150 mg, and she says it makes her "flat".',
  'I felt a pull to rescue her that I think her mother also felt.',
].join(' ');

/** Both notes in one state, as the session page holds them. */
function Pair(props: { body: string; format?: ProgressNoteFormat; spy?: (s: { body: string; progress: ProgressNoteContent }) => void }) {
  const [body, setBody] = useState(props.body);
  const [progress, setProgress] = useState<ProgressNoteContent>({ ...cleanSoapNote(), format: props.format ?? 'soap' });
  props.spy?.({ body, progress });
  return (
    <PsychotherapyNotePanel
      value={body}
      onChange={setBody}
      progressFormat={progress.format}
      onMoveToProgress={(sentence: string, section: SectionName) => setProgress((p) => appendToSection(p, section, sentence))}
    />
  );
}

describe('PsychotherapyNotePanel', () => {
  it('is marked private, and the text area is described by the notice', () => {
    renderUi(<Pair body="" />);
    const textarea = screen.getByLabelText('Private process notes');
    const notice = document.getElementById(textarea.getAttribute('aria-describedby')!.split(' ').at(-1)!);
    expect(notice?.textContent).toContain(PRIVATE_NOTICE);
    expect(PRIVATE_NOTICE).toBe('Psychotherapy note — not part of the medical record, visible only to you');
    expect(screen.getByText('Private')).toBeTruthy();
  });

  it('lints live as a psychotherapy note', () => {
    renderUi(<Pair body="She sat closer to the door again." />);
    const panel = screen.getByRole('region', { name: 'Private-note findings' });
    expect(within(panel).getByText('No findings.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Private process notes'), { target: { value: 'We have been meeting weekly for CBT since January.' } });
    expect(within(screen.getByRole('region', { name: 'Private-note findings' })).getAllByText('psychotherapy-note/no-modality-frequency')).toHaveLength(2);
  });

  it('"Move to progress note" moves the whole sentence and leaves nothing behind', () => {
    let state: { body: string; progress: ProgressNoteContent } | undefined;
    renderUi(<Pair body={PRIVATE_TEXT} spy={(s) => (state = s)} />);
    const before = state!.progress.sections.objective ?? '';
    fireEvent.click(screen.getByRole('button', { name: /^Move to progress note .*the sentence with “sertraline to 150 mg”/ }));
    const moved = 'Her psychiatrist increased her sertraline to 150 mg, and she says it makes her "flat".';
    // Gone from the private note, entirely: no fragment of the sentence, no finding left.
    expect(state!.body).toBe('She sat closer to the door again. I felt a pull to rescue her that I think her mother also felt.');
    expect(state!.body).not.toMatch(/sertraline|150 mg|flat/);
    expect(lint(state!.body, { kind: 'psychotherapy' }).findings).toEqual([]);
    expect(screen.getByLabelText<HTMLTextAreaElement>('Private process notes').value).toBe(state!.body);
    // Arrived once, at the end of the SOAP Objective section.
    expect(state!.progress.sections.objective).toBe(`${before}\n${moved}`);
    const everywhere = Object.values(state!.progress.sections).join('\n');
    expect(everywhere.split(moved)).toHaveLength(2);
    expect(screen.getByText(/Moved to the progress note \(Objective\)/)).toBeTruthy();
  });

  it('routes each excluded category to its section in every format (the data table)', () => {
    for (const rule of EXCLUSION_RULES) {
      for (const format of ['soap', 'dap', 'birp', 'girp'] as const) {
        const section = targetSectionFor(rule, format);
        expect(MOVE_TARGETS[rule].sections[format]).toBe(section);
      }
    }
    expect(targetSectionFor('psychotherapy-note/no-test-results', 'dap')).toBe('data');
    expect(targetSectionFor('psychotherapy-note/no-clinical-summary', 'birp')).toBe('response');
    expect(targetSectionFor('psychotherapy-note/no-modality-frequency', 'girp')).toBe('intervention');
  });

  it('moves every excluded sentence of a mixed note, one click at a time, until none is left', () => {
    let state: { body: string; progress: ProgressNoteContent } | undefined;
    const body = [
      'She sat closer to the door again.',
      'We have been meeting weekly for CBT since January.',
      'PHQ-9 of 18 today.',
      'Prognosis is fair if she keeps coming.',
      'I noticed my own impatience.',
    ].join('\n');
    renderUi(<Pair body={body} format="birp" spy={(s) => (state = s)} />);
    for (let i = 0; i < 10; i++) {
      const buttons = screen.queryAllByRole('button', { name: /^Move to progress note/ });
      if (buttons.length === 0) break;
      fireEvent.click(buttons[0]!);
    }
    expect(lint(state!.body, { kind: 'psychotherapy' }).findings.filter((f) => f.rule.startsWith('psychotherapy-note/'))).toEqual([]);
    expect(state!.body).toBe('She sat closer to the door again.\nI noticed my own impatience.');
    const sections = state!.progress.sections;
    expect(sections.intervention).toContain('We have been meeting weekly for CBT since January.');
    expect(sections.behavior).toContain('PHQ-9 of 18 today.');
    expect(sections.response).toContain('Prognosis is fair if she keeps coming.');
  });

  it('extractSentence: a finding across a sentence end takes both sentences; seams are tidy', () => {
    const text = 'First. Took 20 mg. Of sertraline daily. Last.';
    const start = text.indexOf('20 mg');
    const end = text.indexOf('sertraline') + 'sertraline'.length;
    const { sentence, rest } = extractSentence(text, { start, end });
    expect(sentence).toBe('Took 20 mg. Of sertraline daily.');
    expect(rest).toBe('First. Last.');
  });

  it('has no serious or critical axe violations with findings shown', async () => {
    const { container } = renderUi(<Pair body={PRIVATE_TEXT} />);
    expect(await seriousAxeViolations(container)).toEqual([]);
  });
});
