/**
 * Scoring: item answers → total, severity band, safety flag, PCL-5 cluster subscores and
 * provisional PTSD. Every number comes from the table in `instruments.ts`.
 */
import {
  INSTRUMENTS,
  isInstrumentId,
  INSTRUMENT_IDS,
  type BandRef,
  type InstrumentDefinition,
  type InstrumentId,
  type Pcl5ClusterKey,
  type SeverityBand,
} from './instruments.ts';

/** Options shared by the scoring functions. */
export interface MeasureOptions {
  /**
   * PCL-5 total at or above which the screen is a provisional PTSD diagnosis. Default 33;
   * NCPTSD documents 31–33. Any whole number 1–80 is accepted so a practice can follow its
   * own validated cut point.
   */
  readonly pcl5Cutoff?: number;
}

/**
 * Bad input to a measure function. `field` names what was wrong (`items`, `items[3]`,
 * `pcl5Cutoff`, `baselineTotal`, …); the message is safe to show to the clinician.
 */
export class MeasureInputError extends Error {
  override readonly name = 'MeasureInputError';
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

export interface MeasureFlags {
  /** PHQ-9 only: item 9 answered above "not at all"; start the safety workflow. */
  readonly item9Positive?: boolean;
  /** PHQ-9 only: the raw item 9 answer (0–3). */
  readonly item9Value?: number;
}

export type Pcl5Subscores = { readonly [K in Pcl5ClusterKey]: number };

export interface ProvisionalPtsd {
  /** Total at or above `cutoff`. */
  readonly byCutoff: boolean;
  /** DSM-5 rule: items ≥2 count; ≥1 B, ≥1 C, ≥2 D, ≥2 E. */
  readonly byDsm5Rule: boolean;
  readonly cutoff: number;
}

/** The scored measure. `subscores` and `provisionalPtsd` are present for the PCL-5 only. */
export interface MeasureResult {
  readonly instrument: InstrumentId;
  readonly total: number;
  readonly band: BandRef;
  readonly flags: MeasureFlags;
  readonly subscores?: Pcl5Subscores;
  readonly provisionalPtsd?: ProvisionalPtsd;
}

/** The table entry for `instrument`; throws {@link MeasureInputError} for an unknown id. */
export function getInstrument(instrument: InstrumentId): InstrumentDefinition {
  // Callers from plain JavaScript or the CLI may pass any string.
  if (!isInstrumentId(instrument)) {
    throw new MeasureInputError('instrument', `unknown instrument "${String(instrument)}"; use one of ${INSTRUMENT_IDS.join(', ')}`);
  }
  return INSTRUMENTS[instrument];
}

/** The possible totals of `instrument` (0 to its maximum). */
export function totalRange(instrument: InstrumentId): { min: number; max: number } {
  const def = getInstrument(instrument);
  return { min: def.itemMin * def.itemCount, max: def.totalMax };
}

/**
 * Resolves and checks the PCL-5 cutoff. Throws {@link MeasureInputError} (`pcl5Cutoff`)
 * unless it is a whole number 1–80.
 */
export function resolvePcl5Cutoff(options: MeasureOptions | undefined): number {
  const def = INSTRUMENTS.pcl5;
  const cutoff = options?.pcl5Cutoff ?? def.pcl5?.defaultCutoff ?? def.totalMax;
  if (!Number.isInteger(cutoff) || cutoff < 1 || cutoff > def.totalMax) {
    throw new MeasureInputError('pcl5Cutoff', `the PCL-5 cutoff is ${String(cutoff)}; it must be a whole number 1–${def.totalMax} (NCPTSD suggests 31–33)`);
  }
  return cutoff;
}

/** The bands of `instrument`; for the PCL-5 they are built around the cutoff. */
export function bandsFor(instrument: InstrumentId, options?: MeasureOptions): readonly SeverityBand[] {
  const def = getInstrument(instrument);
  if (instrument !== 'pcl5') return def.bands;
  const cutoff = resolvePcl5Cutoff(options);
  const [below, provisional] = def.bands;
  if (!below || !provisional) throw new Error('PCL-5 table must define two bands');
  return [
    { key: below.key, label: below.label, min: 0, max: cutoff - 1 },
    { key: provisional.key, label: provisional.label, min: cutoff, max: def.totalMax },
  ];
}

/**
 * The band containing `total`, or `undefined` when the total is not a whole number in the
 * instrument's range. For the PCL-5, which has no empirically derived severity bands, the
 * bands are `below-cutoff` and `provisional-ptsd` at the (configurable) cutoff.
 */
export function bandForTotal(instrument: InstrumentId, total: number, options?: MeasureOptions): BandRef | undefined {
  if (!isInstrumentId(instrument)) return undefined;
  const { min, max } = totalRange(instrument);
  if (!Number.isInteger(total) || total < min || total > max) return undefined;
  const band = bandsFor(instrument, options).find((b) => total >= b.min && total <= b.max);
  return band ? { key: band.key, label: band.label } : undefined;
}

/**
 * Scores a completed measure. `items` are the answers in questionnaire order.
 *
 * @throws {@link MeasureInputError} on an unknown instrument, a wrong number of items, or
 *   an item that is not a whole number in the item range; the message names the item
 *   ("item 4 is 5; PHQ-9 items are scored 0–3").
 */
export function scoreMeasure(instrument: InstrumentId, items: readonly number[], options?: MeasureOptions): MeasureResult {
  const def = getInstrument(instrument);
  validateItems(def, items);
  const total = items.reduce((sum, v) => sum + v, 0);
  const band = bandForTotal(instrument, total, options);
  // Unreachable when the table's bands cover the range; a gap is a table bug.
  if (!band) throw new Error(`${def.displayName} bands do not cover total ${total}`);

  const flags: { item9Positive?: boolean; item9Value?: number } = {};
  if (def.safetyItem) {
    const value = items[def.safetyItem.item - 1] ?? 0;
    flags.item9Value = value;
    flags.item9Positive = value >= def.safetyItem.positiveAtOrAbove;
  }

  if (!def.pcl5) return { instrument, total, band, flags };

  const cutoff = resolvePcl5Cutoff(options);
  const subscores = { B: 0, C: 0, D: 0, E: 0 };
  let dsm5 = true;
  for (const cluster of def.pcl5.clusters) {
    const answers = items.slice(cluster.firstItem - 1, cluster.lastItem);
    subscores[cluster.key] = answers.reduce((s, v) => s + v, 0);
    const symptoms = answers.filter((v) => v >= (def.pcl5?.symptomThreshold ?? Infinity)).length;
    if (symptoms < cluster.minSymptoms) dsm5 = false;
  }
  return {
    instrument,
    total,
    band,
    flags,
    subscores,
    provisionalPtsd: { byCutoff: total >= cutoff, byDsm5Rule: dsm5, cutoff },
  };
}

function validateItems(def: InstrumentDefinition, items: readonly number[]): void {
  const range = `${def.itemMin}–${def.itemMax}`;
  if (!Array.isArray(items)) {
    throw new MeasureInputError('items', `${def.displayName} needs a list of ${def.itemCount} item answers`);
  }
  if (items.length !== def.itemCount) {
    throw new MeasureInputError('items', `${def.displayName} has ${def.itemCount} items; got ${items.length}`);
  }
  items.forEach((value: unknown, i) => {
    const shown = typeof value === 'number' ? String(value) : JSON.stringify(value) ?? String(value);
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new MeasureInputError(`items[${i}]`, `item ${i + 1} is ${shown}; ${def.displayName} items are whole numbers scored ${range}`);
    }
    if (value < def.itemMin || value > def.itemMax) {
      throw new MeasureInputError(`items[${i}]`, `item ${i + 1} is ${shown}; ${def.displayName} items are scored ${range}`);
    }
  });
}
