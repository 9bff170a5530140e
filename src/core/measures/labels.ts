/**
 * Severity labels as clinicians write them ("mod-severe", "probable PTSD"), mapped to band
 * keys, and the check the compliance linter uses to catch a label that contradicts the
 * score written next to it.
 */
import { INSTRUMENTS, type BandKey, type BandRef, type InstrumentId } from './instruments.ts';
import { bandForTotal, resolvePcl5Cutoff, type MeasureOptions } from './score.ts';

/**
 * Normalised label text → band key, per instrument. Normalisation lower-cases, turns
 * hyphens, dashes, slashes and punctuation into spaces and drops the filler words in
 * {@link FILLER_WORDS}, so "Moderately-Severe depression" matches "moderately severe".
 * GAD-7 has no "moderately severe" band, so that label is not a GAD-7 label.
 */
export const SEVERITY_ALIASES: { readonly [K in InstrumentId]: Readonly<Record<string, BandKey>> } = {
  phq9: {
    minimal: 'minimal',
    none: 'minimal',
    'none minimal': 'minimal',
    'minimal none': 'minimal',
    'none to minimal': 'minimal',
    'none or minimal': 'minimal',
    mild: 'mild',
    moderate: 'moderate',
    mod: 'moderate',
    'moderately severe': 'moderately-severe',
    'mod severe': 'moderately-severe',
    'mod sev': 'moderately-severe',
    'moderate severe': 'moderately-severe',
    'moderate to severe': 'moderately-severe',
    severe: 'severe',
    sev: 'severe',
  },
  gad7: {
    minimal: 'minimal',
    none: 'minimal',
    'none minimal': 'minimal',
    'minimal none': 'minimal',
    'none to minimal': 'minimal',
    'none or minimal': 'minimal',
    mild: 'mild',
    moderate: 'moderate',
    mod: 'moderate',
    severe: 'severe',
    sev: 'severe',
  },
  pcl5: {
    'probable ptsd': 'provisional-ptsd',
    'provisional ptsd': 'provisional-ptsd',
    'likely ptsd': 'provisional-ptsd',
    'positive screen': 'provisional-ptsd',
    'screen positive': 'provisional-ptsd',
    positive: 'provisional-ptsd',
    'above cutoff': 'provisional-ptsd',
    'above the cutoff': 'provisional-ptsd',
    'above cut off': 'provisional-ptsd',
    'above threshold': 'provisional-ptsd',
    'below cutoff': 'below-cutoff',
    'below the cutoff': 'below-cutoff',
    'below cut off': 'below-cutoff',
    'below threshold': 'below-cutoff',
    subthreshold: 'below-cutoff',
    'sub threshold': 'below-cutoff',
    'subthreshold ptsd': 'below-cutoff',
    'negative screen': 'below-cutoff',
    'screen negative': 'below-cutoff',
    negative: 'below-cutoff',
  },
};

/** Words dropped before lookup: they describe the label without changing its band. */
export const FILLER_WORDS: { readonly [K in InstrumentId]: readonly string[] } = {
  phq9: ['depression', 'depressive', 'symptoms', 'symptom', 'range', 'severity', 'level', 'score'],
  gad7: ['anxiety', 'symptoms', 'symptom', 'range', 'severity', 'level', 'score'],
  pcl5: ['range', 'result', 'score', 'for'],
};

function normalise(instrument: InstrumentId, text: string): string {
  const filler = new Set(FILLER_WORDS[instrument]);
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w !== '' && !filler.has(w))
    .join(' ');
}

/**
 * Maps a written severity label to the instrument's band key, case-insensitively;
 * `undefined` when the text is not a label of that instrument.
 *
 * @example parseSeverityLabel('phq9', 'Mod-Severe') === 'moderately-severe'
 */
export function parseSeverityLabel(instrument: InstrumentId, text: string): BandKey | undefined {
  const aliases = SEVERITY_ALIASES[instrument] as Readonly<Record<string, BandKey>> | undefined;
  if (!aliases) return undefined;
  const key = normalise(instrument, text);
  return Object.hasOwn(aliases, key) ? aliases[key] : undefined;
}

/** Result of {@link labelContradictsScore}: `expected` is the band the total falls in. */
export interface LabelCheck {
  readonly contradicts: boolean;
  readonly expected: BandRef;
}

/**
 * Whether a written severity label contradicts the total it accompanies. `undefined` when
 * the label is not recognised or the total is out of range (nothing can be said).
 *
 * For the PCL-5 a total inside the grey zone between the published cut points (31–33, widened
 * to include a custom cutoff) never contradicts either label: the sources disagree there.
 */
export function labelContradictsScore(
  instrument: InstrumentId,
  label: string,
  total: number,
  options?: MeasureOptions,
): LabelCheck | undefined {
  const key = parseSeverityLabel(instrument, label);
  if (key === undefined) return undefined;
  const expected = bandForTotal(instrument, total, options);
  if (!expected) return undefined;
  const pcl5 = INSTRUMENTS.pcl5.pcl5;
  if (instrument === 'pcl5' && pcl5) {
    const cutoff = resolvePcl5Cutoff(options);
    const low = Math.min(pcl5.cutoffRange.min, cutoff);
    const high = Math.max(pcl5.cutoffRange.max, cutoff);
    if (total >= low && total <= high) return { contradicts: false, expected };
  }
  return { contradicts: key !== expected.key, expected };
}
