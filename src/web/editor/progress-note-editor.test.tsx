// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderProgressNote } from '../../core/notes/render.ts';
import type { ProgressNoteContent } from '../../core/notes/model.ts';
import { lint } from '../../core/rules/index.ts';
import { cleanSoapNote, noteWithProblems } from '../pages/synthetic.ts';
import { renderUi, seriousAxeViolations } from '../test/render.tsx';
import { ProgressNoteEditor, type SaveState } from './progress-note-editor.tsx';

function Harness(props: { initial: ProgressNoteContent; onSign?: (r?: string) => void; saveState?: SaveState; onValue?: (v: ProgressNoteContent) => void }) {
  const [value, setValue] = useState(props.initial);
  return (
    <ProgressNoteEditor
      value={value}
      onChange={(v) => {
        setValue(v);
        props.onValue?.(v);
      }}
      onSign={props.onSign ?? (() => undefined)}
      status="draft"
      saveState={props.saveState ?? { kind: 'saved' }}
    />
  );
}

const findingsRegion = () => screen.getByRole('region', { name: 'Compliance findings' });

describe('ProgressNoteEditor', () => {
  it('fixtures: the clean note has no findings and the other has an error and a warning', () => {
    expect(lint(renderProgressNote(cleanSoapNote()).text, { kind: 'progress' }).findings).toEqual([]);
    const rules = lint(renderProgressNote(noteWithProblems()).text, { kind: 'progress' }).findings.map((f) => `${f.rule}/${f.severity}`);
    expect(rules).toEqual(['progress-note/cpt-duration-mismatch/error', 'progress-note/process-content/warning']);
  });

  it('lints on every edit: a new problem shows in the panel and is highlighted in its field', () => {
    renderUi(<Harness initial={cleanSoapNote()} />);
    expect(within(findingsRegion()).getByText('No findings.')).toBeTruthy();
    const subjective = screen.getByLabelText('Subjective (S)');
    fireEvent.change(subjective, { target: { value: 'Client reports work stress. I felt irritated with her.' } });
    const panel = findingsRegion();
    expect(within(panel).getByText('progress-note/process-content')).toBeTruthy();
    expect(within(panel).getByText(/45 CFR 164\.502\(b\)/)).toBeTruthy();
    // The mirror behind the subjective textarea marks exactly the finding's words.
    const backdrop = screen.getByTestId(`${subjective.id}-backdrop`);
    const marks = [...backdrop.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toEqual(['I felt irritated']);
    expect(subjective.getAttribute('aria-describedby')).toContain(`${subjective.id}-status`);
    // Fixing the text clears it.
    fireEvent.change(subjective, { target: { value: 'Client reports work stress.' } });
    expect(within(findingsRegion()).getByText('No findings.')).toBeTruthy();
    expect(backdrop.querySelectorAll('mark')).toHaveLength(0);
  });

  it('clicking a finding focuses its field and selects the offending text', () => {
    renderUi(<Harness initial={noteWithProblems()} />);
    const subjective = screen.getByLabelText<HTMLTextAreaElement>('Subjective (S)');
    fireEvent.click(within(findingsRegion()).getByRole('button', { name: /clinician's own feelings/ }));
    expect(document.activeElement).toBe(subjective);
    expect(subjective.value.slice(subjective.selectionStart, subjective.selectionEnd)).toBe('I felt irritated');
    // A structured field's finding focuses that input.
    fireEvent.click(within(findingsRegion()).getByRole('button', { name: /fits 90834/ }));
    expect(document.activeElement).toBe(screen.getByLabelText('CPT codes', { selector: 'input' }));
  });

  it('maps leading white space in a section: the selection still covers the finding', () => {
    const note = noteWithProblems();
    renderUi(<Harness initial={{ ...note, sections: { ...note.sections, subjective: `\n   ${note.sections.subjective ?? ''}` } }} />);
    const subjective = screen.getByLabelText<HTMLTextAreaElement>('Subjective (S)');
    fireEvent.click(within(findingsRegion()).getByRole('button', { name: /clinician's own feelings/ }));
    expect(subjective.value.slice(subjective.selectionStart, subjective.selectionEnd)).toBe('I felt irritated');
  });

  it('a missing required element sends the user to the input that supplies it', () => {
    const note = cleanSoapNote();
    renderUi(<Harness initial={{ ...note, risk: undefined }} />);
    fireEvent.click(within(findingsRegion()).getByRole('button', { name: /risk/i }));
    expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: 'Risk was assessed this session' }));
  });

  it('sign is disabled while error findings remain, until an override reason is typed', () => {
    const onSign = vi.fn();
    renderUi(<Harness initial={noteWithProblems()} onSign={onSign} />);
    const sign = screen.getByRole<HTMLButtonElement>('button', { name: 'Sign with override' });
    expect(sign.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Override reason'), { target: { value: '   ' } });
    expect(sign.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Override reason'), { target: { value: 'Payer requires 90837 for this extended session' } });
    expect(sign.disabled).toBe(false);
    fireEvent.click(sign);
    expect(onSign).toHaveBeenCalledWith('Payer requires 90837 for this extended session');
  });

  it('a note without errors signs with no override reason', () => {
    const onSign = vi.fn();
    renderUi(<Harness initial={cleanSoapNote()} onSign={onSign} />);
    expect(screen.queryByLabelText('Override reason')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Sign note' }));
    expect(onSign).toHaveBeenCalledWith(undefined);
  });

  it('switching format keeps shared sections, carries the rest over, and never drops text', () => {
    let latest: ProgressNoteContent | undefined;
    renderUi(<Harness initial={cleanSoapNote()} onValue={(v) => (latest = v)} />);
    fireEvent.click(screen.getByRole('radio', { name: 'DAP' }));
    expect(screen.getByLabelText<HTMLTextAreaElement>('Assessment (A)').value).toBe('Anxiety symptoms improving with CBT; sleep remains disrupted.');
    expect(screen.getByLabelText<HTMLTextAreaElement>('Plan (P)').value).toContain('thought record');
    expect(screen.getByLabelText<HTMLTextAreaElement>('Data (D)').value).toBe('');
    // Subjective and objective are carried over, visible and editable, and block signing.
    expect(screen.getByLabelText<HTMLTextAreaElement>('Subjective: carried over').value).toBe('Client reports work stress and poor sleep for two weeks.');
    expect(screen.getByLabelText<HTMLTextAreaElement>('Objective: carried over').value).toContain('Casually dressed');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Sign note' }).disabled).toBe(true);
    // Back to SOAP: everything where it was.
    fireEvent.click(screen.getByRole('radio', { name: 'SOAP' }));
    expect(screen.getByLabelText<HTMLTextAreaElement>('Subjective (S)').value).toBe('Client reports work stress and poor sleep for two weeks.');
    expect(screen.queryByLabelText('Subjective: carried over')).toBeNull();
    // To BIRP and move the carried-over text into Behavior.
    fireEvent.click(screen.getByRole('radio', { name: 'BIRP' }));
    const carried = screen.getByLabelText('Subjective: carried over').closest('.mantine-Paper-root') as HTMLElement;
    fireEvent.click(within(carried).getByRole('button', { name: 'Move into Behavior' }));
    expect(screen.getByLabelText<HTMLTextAreaElement>('Behavior (B)').value).toBe('Client reports work stress and poor sleep for two weeks.');
    expect(latest?.sections.subjective).toBeUndefined();
    const all = Object.values(latest?.sections ?? {}).join('\n');
    for (const text of Object.values(cleanSoapNote().sections)) expect(all).toContain(text);
  });

  it('a failed save says so and keeps the text', () => {
    renderUi(<Harness initial={cleanSoapNote()} saveState={{ kind: 'failed', message: 'The server did not answer.' }} />);
    expect(screen.getByRole('alert').textContent).toContain('The server did not answer.');
    expect(screen.getByRole('alert').textContent).toContain('Your text is kept');
    expect(screen.getByLabelText<HTMLTextAreaElement>('Subjective (S)').value).toBe('Client reports work stress and poor sleep for two weeks.');
  });

  it('shows schema problems in the logistics fields and does not sign an invalid note', () => {
    const note = cleanSoapNote();
    renderUi(<Harness initial={{ ...note, session: { ...note.session, start: '11:00', end: '10:50' } }} />);
    expect(screen.getByText(/End time must be after the start time 11:00/)).toBeTruthy();
  });

  it('renders note text containing HTML or script as text, never as markup', () => {
    const note = cleanSoapNote();
    const hostile = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"><b>bold</b>';
    const { container } = renderUi(
      <ProgressNoteEditor value={{ ...note, sections: { ...note.sections, plan: hostile } }} onChange={() => undefined} onSign={() => undefined} status="signed" saveState={{ kind: 'saved' }} />,
    );
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(screen.getByRole('article', { name: 'Signed progress note text' }).textContent).toContain(hostile);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('draft view: hostile text stays text in the textarea and its highlight mirror', () => {
    const note = cleanSoapNote();
    const hostile = '<script>window.__pwned = 3</script> I felt irritated <img src=x onerror="window.__pwned = 4">';
    const { container } = renderUi(<Harness initial={{ ...note, sections: { ...note.sections, subjective: hostile } }} />);
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByLabelText<HTMLTextAreaElement>('Subjective (S)').value).toBe(hostile);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('signed view is read-only and offers an addendum', () => {
    const onAdd = vi.fn();
    renderUi(
      <ProgressNoteEditor
        value={cleanSoapNote()}
        onChange={() => undefined}
        onSign={() => undefined}
        status="signed"
        saveState={{ kind: 'saved' }}
        addenda={[{ at: '2026-03-15 09:00', author: 'A.B., LCSW', text: 'Client called to confirm next session.' }]}
        onAddAddendum={onAdd}
      />,
    );
    expect(screen.queryByLabelText('Subjective (S)')).toBeNull();
    expect(screen.queryByRole('button', { name: /Sign/ })).toBeNull();
    expect(screen.getByText('Client called to confirm next session.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add addendum' }));
    fireEvent.change(screen.getByLabelText('Addendum'), { target: { value: 'Late entry: homework sheet given.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save addendum' }));
    expect(onAdd).toHaveBeenCalledWith('Late entry: homework sheet given.');
  });

  it('has no serious or critical axe violations (draft with findings, and signed)', async () => {
    const { container, unmount } = renderUi(<Harness initial={noteWithProblems()} />);
    expect(await seriousAxeViolations(container)).toEqual([]);
    unmount();
    const signed = renderUi(
      <ProgressNoteEditor value={cleanSoapNote()} onChange={() => undefined} onSign={() => undefined} status="signed" saveState={{ kind: 'saved' }} onAddAddendum={() => undefined} />,
    );
    expect(await seriousAxeViolations(signed.container)).toEqual([]);
  });
});
