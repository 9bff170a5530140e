// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { INSTRUMENTS, INSTRUMENT_IDS, type InstrumentId } from '../../core/measures/index.ts';
import { renderUi, seriousAxeViolations } from '../test/render.tsx';
import { MeasureEntry, type Item9FollowUp } from './measure-entry.tsx';
import { ANSWER_SCALES, ITEM_PARAPHRASES } from './measure-items.ts';
import { MeasureTrendChart } from './measure-trend-chart.tsx';

function Entry({ instrument, initial = [], onFollowUp }: { instrument: InstrumentId; initial?: Array<number | undefined>; onFollowUp?: (a: Item9FollowUp) => void }) {
  const [value, setValue] = useState(initial);
  return <MeasureEntry instrument={instrument} value={value} onChange={setValue} onItem9FollowUp={onFollowUp} />;
}

/** Picks answer `score` for item `n` (1-based) by its labelled radio. */
function answer(n: number, score: number): void {
  const group = screen.getByRole('radiogroup', { name: new RegExp(`^Item ${n} —`) });
  fireEvent.click(within(group).getByRole('radio', { name: new RegExp(`^${score} ·`) }));
}

describe('measure item tables', () => {
  it('has one paraphrase per item and one label per score for every instrument', () => {
    for (const id of INSTRUMENT_IDS) {
      expect(ITEM_PARAPHRASES[id]).toHaveLength(INSTRUMENTS[id].itemCount);
      expect(ANSWER_SCALES[id]).toHaveLength(INSTRUMENTS[id].itemMax - INSTRUMENTS[id].itemMin + 1);
    }
  });
});

describe('MeasureEntry', () => {
  it('labels every item with its number and scores as items are answered (PHQ-9)', () => {
    renderUi(<Entry instrument="phq9" />);
    expect(screen.getAllByRole('radiogroup')).toHaveLength(9);
    expect(screen.getByRole('radiogroup', { name: 'Item 1 — little interest or pleasure' })).toBeTruthy();
    const answers = [2, 2, 1, 2, 1, 1, 1, 0, 0];
    answers.forEach((a, i) => answer(i + 1, a));
    const score = screen.getByTestId('measure-score');
    expect(score.textContent).toContain('Total: 10');
    expect(score.textContent).toContain('Moderate');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a running total before all items are answered, and no band', () => {
    renderUi(<Entry instrument="gad7" />);
    answer(1, 3);
    answer(2, 2);
    const score = screen.getByTestId('measure-score');
    expect(score.textContent).toContain('Total: 5');
    expect(score.textContent).toContain('2 of 7 answered');
    expect(score.textContent).not.toMatch(/Mild|Minimal/);
  });

  it('prompts for a risk assessment as soon as PHQ-9 item 9 is above zero, and offers the follow-ups', () => {
    const onFollowUp = vi.fn();
    renderUi(<Entry instrument="phq9" onFollowUp={onFollowUp} />);
    answer(9, 0);
    expect(screen.queryByRole('alert')).toBeNull();
    answer(9, 1);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Item 9 is positive');
    fireEvent.click(within(alert).getByRole('button', { name: 'Document risk assessment' }));
    fireEvent.click(within(alert).getByRole('button', { name: 'Review or create safety plan' }));
    expect(onFollowUp.mock.calls).toEqual([['risk-assessment'], ['safety-plan']]);
    answer(9, 0);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('PCL-5: cluster subscores and the provisional screen', () => {
    const items = [2, 2, 1, 1, 0, 2, 1, 0, 3, 2, 1, 0, 0, 0, 2, 0, 3, 1, 0, 0];
    renderUi(<Entry instrument="pcl5" initial={items} />);
    const subscores = screen.getByRole('table', { name: /cluster subscores/ });
    const row = (name: RegExp) => within(subscores).getByRole('row', { name });
    expect(row(/^B: intrusion/).textContent).toContain('6');
    expect(row(/^C: avoidance/).textContent).toContain('3');
    expect(row(/^D: negative/).textContent).toContain('6');
    expect(row(/^E: alterations/).textContent).toContain('6');
    expect(screen.getByTestId('measure-score').textContent).toContain('Total: 21');
    expect(screen.getByTestId('measure-score').textContent).toContain('Below cutoff');
  });

  it('is keyboard-usable: arrow keys move within an item (native radio group)', () => {
    renderUi(<Entry instrument="gad7" />);
    const group = screen.getByRole('radiogroup', { name: /^Item 1 —/ });
    const radios = within(group).getAllByRole<HTMLInputElement>('radio');
    expect(new Set(radios.map((r) => r.name)).size).toBe(1);
    expect(radios.every((r) => r.type === 'radio')).toBe(true);
  });

  it('has no serious or critical axe violations (PHQ-9 with the item-9 prompt, PCL-5 complete)', async () => {
    const { container, unmount } = renderUi(<Entry instrument="phq9" initial={[1, 1, 1, 1, 1, 1, 1, 1, 2]} onFollowUp={() => undefined} />);
    expect(await seriousAxeViolations(container)).toEqual([]);
    unmount();
    const pcl = renderUi(<Entry instrument="pcl5" initial={Array.from({ length: 20 }, () => 2)} />);
    expect(await seriousAxeViolations(pcl.container)).toEqual([]);
  });
});

describe('MeasureTrendChart', () => {
  const points = [
    { date: '2026-03-14', total: 9 },
    { date: '2026-01-10', total: 18 },
    { date: '2026-02-07', total: 15 },
  ];

  it('has a title, a description naming baseline, latest and meaningful change, and a table alternative', () => {
    const { container } = renderUi(<MeasureTrendChart instrument="phq9" points={points} />);
    const svg = screen.getByRole('img', { name: /PHQ-9 totals over time/ });
    const desc = container.querySelector('desc')?.textContent ?? '';
    expect(desc).toContain('Baseline 18 (Moderately severe), latest 9 (Mild)');
    expect(desc).toContain('−9, clinically significant improvement');
    expect(svg.getAttribute('aria-labelledby')?.split(' ')).toHaveLength(2);
    const rows = within(screen.getByRole('table', { name: /table view/ })).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      'DateTotalBandChange from baseline',
      '2026-01-1018Moderately severebaseline',
      '2026-02-0715Moderately severe−3, below the 5-point threshold',
      '2026-03-149Mild−9, clinically significant improvement',
    ]);
  });

  it('shades every band and marks the threshold lines around the baseline', () => {
    const { container } = renderUi(<MeasureTrendChart instrument="phq9" points={points} />);
    const texts = [...container.querySelectorAll('svg text')].map((t) => t.textContent);
    for (const band of INSTRUMENTS.phq9.bands) expect(texts).toContain(`${band.label} (${band.min}–${band.max})`);
    expect(texts).toContain('meaningful improvement (−5)');
    expect(texts).toContain('meaningful worsening (+5)');
    // One meaningful point (the last) drawn as a diamond.
    expect(container.querySelectorAll('svg rect[transform]')).toHaveLength(1);
  });

  it('has no serious or critical axe violations', async () => {
    const { container } = renderUi(<MeasureTrendChart instrument="gad7" points={[{ date: '2026-01-10', total: 15 }, { date: '2026-02-07', total: 9 }]} />);
    expect(await seriousAxeViolations(container)).toEqual([]);
  });
});
