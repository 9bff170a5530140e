/**
 * Change against a baseline, with the published thresholds for meaningful individual
 * change (lower totals are better on all three instruments).
 */
import type { ChangeLevel, InstrumentId } from './instruments.ts';
import { getInstrument, MeasureInputError, totalRange } from './score.ts';

export interface ChangeResult {
  /** current − baseline; negative is improvement. */
  readonly delta: number;
  readonly direction: 'improved' | 'worsened' | 'unchanged';
  /** The absolute change reaches at least the lowest threshold. */
  readonly meaningful: boolean;
  readonly level: 'none' | ChangeLevel;
  /** The smallest absolute change that counts as meaningful for this instrument. */
  readonly threshold: number;
  /** Source of the threshold reached (or of the lowest threshold when none is reached). */
  readonly citation: string;
  /** PHQ-9 only: the total dropped by at least 50% of a non-zero baseline. */
  readonly response?: boolean;
  /** PHQ-9 only: the current total is below 5. */
  readonly remission?: boolean;
}

/**
 * Compares a current total with a baseline total of the same instrument.
 *
 * PHQ-9: ≥5 points is clinically significant (Löwe 2004); GAD-7: ≥4 (Toussaint 2020);
 * PCL-5: 5–9 reliable, ≥10 clinically significant (NCPTSD). Worsening is judged with the
 * same thresholds. For the PHQ-9 the result also carries `response` and `remission`.
 *
 * @throws {@link MeasureInputError} when a total is not a whole number in range.
 */
export function compareToBaseline(instrument: InstrumentId, baselineTotal: number, currentTotal: number): ChangeResult {
  const def = getInstrument(instrument);
  const range = totalRange(instrument);
  checkTotal(def.displayName, 'baselineTotal', baselineTotal, range);
  checkTotal(def.displayName, 'currentTotal', currentTotal, range);

  const delta = currentTotal - baselineTotal;
  const size = Math.abs(delta);
  const lowest = def.change[0];
  if (!lowest) throw new Error(`${def.displayName} has no change thresholds`);
  // Tiers are ascending; the last one reached wins.
  const reached = def.change.filter((t) => size >= t.minDelta).at(-1);

  const base: ChangeResult = {
    delta,
    direction: delta < 0 ? 'improved' : delta > 0 ? 'worsened' : 'unchanged',
    meaningful: reached !== undefined,
    level: reached?.level ?? 'none',
    threshold: lowest.minDelta,
    citation: (reached ?? lowest).citation,
  };
  if (!def.outcomes) return base;
  return {
    ...base,
    // A zero baseline cannot drop by half; response needs symptoms to respond.
    response: baselineTotal > 0 && baselineTotal - currentTotal >= def.outcomes.responseDrop * baselineTotal,
    remission: currentTotal < def.outcomes.remissionBelow,
  };
}

function checkTotal(name: string, field: string, value: number, range: { min: number; max: number }): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < range.min || value > range.max) {
    throw new MeasureInputError(field, `${field === 'baselineTotal' ? 'the baseline' : 'the current'} total is ${String(value)}; ${name} totals are whole numbers ${range.min}–${range.max}`);
  }
}
