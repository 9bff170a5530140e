// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { parseSessionDetails, type SessionDetails } from '../../core/drafting/index.ts';
import { renderUi, seriousAxeViolations } from '../test/render.tsx';
import { DraftFromDetails } from './draft-from-details.tsx';
import { carryForward, emptyDraftForm, toSessionDetailsInput } from './draft-form.ts';
import { SplitReview } from './split-review.tsx';

const previous: SessionDetails = {
  logistics: { date: '2026-03-07', start: '10:00', end: '10:50', cptCodes: ['90834'], placeOfService: 'telehealth-home', telehealthMode: 'video' },
  modality: { type: 'individual', participants: [{ role: 'client', label: 'J.R.' }] },
  diagnoses: [{ code: 'F41.1', description: 'Generalized anxiety disorder' }],
  report: { text: 'pt c/o poor sleep' },
  measures: [{ instrument: 'gad7', total: 12, baselineTotal: 15 }],
  risk: { suicidalIdeation: 'denied', homicidalIdeation: 'denied', selfHarm: 'denied', level: 'low' },
  medications: { list: [{ name: 'sertraline', dose: '50 mg daily' }] },
  goals: [{ goal: 'sleep 7 hrs on work nights', progress: 'improved' }],
  nextSession: { frequency: 'weekly' },
};

describe('draft form model', () => {
  it('carries stable facts forward, and never risk, times, report or progress', () => {
    const form = carryForward(previous, '2026-03-14');
    expect(form.date).toBe('2026-03-14');
    expect(form.start).toBe('');
    expect(form.cptCodes).toEqual(['90834']);
    expect(form.modality).toBe('individual');
    expect(form.diagnoses).toEqual(previous.diagnoses);
    expect(form.medications).toBe('sertraline, 50 mg daily');
    expect(form.goals).toEqual([{ goal: 'sleep 7 hrs on work nights', progress: '', note: '' }]);
    expect(form.measures.gad7).toEqual({ total: '', baselineTotal: '15' });
    expect(form.risk).toEqual(emptyDraftForm('2026-03-14').risk);
    expect(form.report).toBe('');
    const parsed = parseSessionDetails(toSessionDetailsInput(form));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.details.risk).toBeUndefined();
  });

  it('leaves empty inputs out instead of defaulting them', () => {
    const parsed = parseSessionDetails(toSessionDetailsInput(emptyDraftForm('2026-03-14')));
    expect(parsed).toEqual({ ok: true, details: { logistics: { date: '2026-03-14' } } });
  });
});

describe('DraftFromDetails', () => {
  it('composes as you type, shows provenance on focus, and fills the editor', () => {
    const onUse = vi.fn();
    renderUi(<DraftFromDetails defaults={carryForward(previous, '2026-03-14')} onUseDraft={onUse} />);
    fireEvent.change(screen.getByLabelText("Client's report"), { target: { value: 'pt c/o worry re: deadlines' } });
    const draft = screen.getByTestId('composed-draft');
    const sentence = within(draft).getByText(/Client complains of worry regarding deadlines/);
    fireEvent.focus(sentence);
    expect(screen.getByTestId('provenance').textContent).toBe('Source: report.text');
    // Nothing invented: no risk sentence, since risk was not entered this session.
    expect(draft.textContent).not.toMatch(/denies|SI\b|suicid/i);
    fireEvent.click(screen.getByRole('button', { name: 'Use this draft' }));
    expect(onUse).toHaveBeenCalledOnce();
    const note = onUse.mock.calls[0]![0] as { format: string; session: { date: string; modality: string }; sections: Record<string, string>; risk?: unknown };
    expect(note.format).toBe('soap');
    expect(note.session).toMatchObject({ date: '2026-03-14', modality: 'individual', placeOfService: 'telehealth-home', cptCodes: ['90834'] });
    expect(note.sections.subjective).toContain('Client complains of worry regarding deadlines.');
    expect(note.risk).toBeUndefined();
  });

  it('needs modality and place of service before the draft can be used', () => {
    renderUi(<DraftFromDetails defaults={emptyDraftForm('2026-03-14')} onUseDraft={() => undefined} />);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Use this draft' }).disabled).toBe(true);
    expect(screen.getByText('Choose the modality and place of service to use this draft.')).toBeTruthy();
  });

  it('names the field of an invalid input', () => {
    renderUi(<DraftFromDetails defaults={{ ...emptyDraftForm('2026-03-14'), start: '11:00', end: '10:00' }} onUseDraft={() => undefined} />);
    expect(screen.getByText('logistics.end')).toBeTruthy();
  });

  it('has no serious or critical axe violations', async () => {
    const { container } = renderUi(<DraftFromDetails defaults={carryForward(previous, '2026-03-14')} onUseDraft={() => undefined} />);
    expect(await seriousAxeViolations(container)).toEqual([]);
  });
});

describe('SplitReview', () => {
  const raw = [
    'Client reports sleeping five hours a night.',
    'Her psychiatrist increased her sertraline to 150 mg.',
    'I noticed a strong urge to rescue her, maybe my own history.',
  ].join('\n');

  it('locks excluded content to the progress note and lets other sentences be toggled; nothing is lost on accept', () => {
    const onAccept = vi.fn();
    renderUi(<SplitReview initialText={raw} onAccept={onAccept} />);
    const med = screen.getByRole('radiogroup', { name: 'Destination of sentence 2' });
    expect(within(med).getByRole<HTMLInputElement>('radio', { name: 'Progress note' }).checked).toBe(true);
    expect(within(med).getByRole<HTMLInputElement>('radio', { name: 'Psychotherapy note' }).disabled).toBe(true);
    expect(screen.getByText(/Locked: holds medication/)).toBeTruthy();
    // Trying to move the locked sentence does nothing.
    fireEvent.click(within(med).getByRole('radio', { name: 'Psychotherapy note' }));
    expect(within(med).getByRole<HTMLInputElement>('radio', { name: 'Progress note' }).checked).toBe(true);
    const process = screen.getByRole('radiogroup', { name: 'Destination of sentence 3' });
    expect(within(process).getByRole<HTMLInputElement>('radio', { name: 'Psychotherapy note' }).checked).toBe(true);
    // Toggle sentence 1 to the private note, then back.
    const first = screen.getByRole('radiogroup', { name: 'Destination of sentence 1' });
    fireEvent.click(within(first).getByRole('radio', { name: 'Psychotherapy note' }));
    fireEvent.click(screen.getByRole('button', { name: 'Accept into both notes' }));
    expect(onAccept).toHaveBeenLastCalledWith({
      progress: 'Her psychiatrist increased her sertraline to 150 mg.',
      psychotherapy: 'Client reports sleeping five hours a night.\nI noticed a strong urge to rescue her, maybe my own history.',
    });
    fireEvent.click(within(first).getByRole('radio', { name: 'Progress note' }));
    fireEvent.click(screen.getByRole('button', { name: 'Accept into both notes' }));
    const result = onAccept.mock.lastCall![0] as { progress: string; psychotherapy: string };
    expect(result.progress).toBe('Client reports sleeping five hours a night.\nHer psychiatrist increased her sertraline to 150 mg.');
    for (const line of raw.split('\n')) expect(`${result.progress}\n${result.psychotherapy}`).toContain(line);
  });

  it('has no serious or critical axe violations', async () => {
    const { container } = renderUi(<SplitReview initialText={raw} onAccept={() => undefined} />);
    expect(await seriousAxeViolations(container)).toEqual([]);
  });
});
