/**
 * Measures: PHQ-9, GAD-7 and PCL-5 scoring, severity bands, labels and change. Import from
 * here; the files behind it are an implementation detail.
 */
export {
  INSTRUMENTS,
  INSTRUMENT_IDS,
  InstrumentIdSchema,
  BAND_KEYS,
  PCL5_DEFAULT_CUTOFF,
  instrumentIds,
  isInstrumentId,
} from './instruments.ts';
export type {
  InstrumentId,
  InstrumentDefinition,
  BandKey,
  BandRef,
  SeverityBand,
  ChangeTier,
  ChangeLevel,
  Pcl5Cluster,
  Pcl5ClusterKey,
} from './instruments.ts';
export {
  scoreMeasure,
  bandForTotal,
  bandsFor,
  totalRange,
  getInstrument,
  resolvePcl5Cutoff,
  MeasureInputError,
} from './score.ts';
export type { MeasureResult, MeasureFlags, MeasureOptions, Pcl5Subscores, ProvisionalPtsd } from './score.ts';
export { parseSeverityLabel, labelContradictsScore, SEVERITY_ALIASES, FILLER_WORDS } from './labels.ts';
export type { LabelCheck } from './labels.ts';
export { compareToBaseline } from './change.ts';
export type { ChangeResult } from './change.ts';
