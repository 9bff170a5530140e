/**
 * The three self-report measures Notewall scores, as data: item counts and ranges, severity
 * bands, change thresholds, LOINC codes and the source of every threshold. The scoring,
 * label and change functions read only this table; no threshold is written anywhere else.
 *
 * Sources are summarised in the shared reference `hipaa-facts.md` §10.
 */
import { z } from 'zod';

export const INSTRUMENT_IDS = ['phq9', 'gad7', 'pcl5'] as const;
/** Zod schema for an instrument id (for edges that receive one as input). */
export const InstrumentIdSchema = z.enum(INSTRUMENT_IDS);
/** The instruments Notewall scores. */
export type InstrumentId = 'phq9' | 'gad7' | 'pcl5';

export const BAND_KEYS = [
  'minimal',
  'mild',
  'moderate',
  'moderately-severe',
  'severe',
  'below-cutoff',
  'provisional-ptsd',
] as const;
/** Machine key of a severity band (PHQ-9/GAD-7) or screening result (PCL-5). */
export type BandKey = (typeof BAND_KEYS)[number];

/** A band as it appears in a result: its key and the label to show. */
export interface BandRef {
  readonly key: BandKey;
  readonly label: string;
}

/** A severity band: totals `min`..`max` inclusive. */
export interface SeverityBand extends BandRef {
  readonly min: number;
  readonly max: number;
}

export type ChangeLevel = 'reliable' | 'clinically-significant';

/** A change threshold: an absolute change of at least `minDelta` points reaches `level`. */
export interface ChangeTier {
  readonly level: ChangeLevel;
  readonly minDelta: number;
  readonly citation: string;
}

export type Pcl5ClusterKey = 'B' | 'C' | 'D' | 'E';

/** A DSM-5 symptom cluster of the PCL-5: items `firstItem`..`lastItem` (1-based). */
export interface Pcl5Cluster {
  readonly key: Pcl5ClusterKey;
  readonly name: string;
  readonly firstItem: number;
  readonly lastItem: number;
  /** DSM-5 rule: how many items of this cluster must be rated at or above the symptom threshold. */
  readonly minSymptoms: number;
}

export interface InstrumentDefinition {
  readonly id: InstrumentId;
  /** Short name as clinicians write it ("PHQ-9"). */
  readonly displayName: string;
  readonly fullName: string;
  readonly recallPeriod: string;
  readonly itemCount: number;
  readonly itemMin: number;
  readonly itemMax: number;
  readonly totalMax: number;
  /** Bands in ascending order, covering 0..totalMax without gaps. */
  readonly bands: readonly SeverityBand[];
  readonly bandsCitation: string;
  /** LOINC codes; a code is listed only where it is verified (see `loincNote`). */
  readonly loinc: {
    readonly panel?: string;
    readonly total?: string;
    /** Item number (1-based) → LOINC code of that item's answer. */
    readonly items?: Readonly<Record<number, string>>;
  };
  readonly loincNote?: string;
  /** Change thresholds, lowest first; lower totals are better on all three instruments. */
  readonly change: readonly ChangeTier[];
  /** PHQ-9 item 9: a positive answer triggers a safety workflow. */
  readonly safetyItem?: {
    readonly item: number;
    readonly positiveAtOrAbove: number;
    readonly description: string;
    readonly citation: string;
  };
  /** PHQ-9 treatment outcomes relative to baseline. */
  readonly outcomes?: {
    /** Response: a drop of at least this fraction of the baseline total. */
    readonly responseDrop: number;
    /** Remission: a current total below this value. */
    readonly remissionBelow: number;
    readonly citation: string;
  };
  /** PCL-5 cluster structure and provisional-diagnosis rules. */
  readonly pcl5?: {
    readonly clusters: readonly Pcl5Cluster[];
    readonly defaultCutoff: number;
    /** The published cut points span this range; a total inside it is ambiguous. */
    readonly cutoffRange: { readonly min: number; readonly max: number };
    readonly cutoffCitation: string;
    /** DSM-5 rule: an item rated at or above this counts as a symptom. */
    readonly symptomThreshold: number;
    readonly dsm5RuleCitation: string;
  };
}

const KROENKE_2001 = 'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med 2001;16:606–613';
const SPITZER_2006 = 'Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med 2006;166:1092–1097';
const NCPTSD_PCL5 = 'National Center for PTSD, "Using the PTSD Checklist for DSM-5 (PCL-5)"; Blevins CA et al., J Trauma Stress 2015;28:489–498';

/** Default PCL-5 cutoff; NCPTSD gives 31–33 from initial research, and 33 was its interim suggestion. */
export const PCL5_DEFAULT_CUTOFF = 33;

const PCL5_DEFAULT_BANDS: readonly SeverityBand[] = [
  { key: 'below-cutoff', label: 'Below cutoff', min: 0, max: PCL5_DEFAULT_CUTOFF - 1 },
  { key: 'provisional-ptsd', label: 'Provisional PTSD', min: PCL5_DEFAULT_CUTOFF, max: 80 },
];

/**
 * The instrument table. Every threshold carries the citation it comes from.
 */
export const INSTRUMENTS: { readonly [K in InstrumentId]: InstrumentDefinition & { readonly id: K } } = {
  phq9: {
    id: 'phq9',
    displayName: 'PHQ-9',
    fullName: 'Patient Health Questionnaire-9',
    recallPeriod: 'past 2 weeks',
    itemCount: 9,
    itemMin: 0,
    itemMax: 3,
    totalMax: 27,
    // Cut points 5, 10, 15, 20 start mild, moderate, moderately severe and severe.
    bands: [
      { key: 'minimal', label: 'Minimal', min: 0, max: 4 },
      { key: 'mild', label: 'Mild', min: 5, max: 9 },
      { key: 'moderate', label: 'Moderate', min: 10, max: 14 },
      { key: 'moderately-severe', label: 'Moderately severe', min: 15, max: 19 },
      { key: 'severe', label: 'Severe', min: 20, max: 27 },
    ],
    bandsCitation: KROENKE_2001,
    loinc: { panel: '44249-1', total: '44261-6', items: { 9: '44260-8' } },
    change: [
      {
        level: 'clinically-significant',
        minDelta: 5,
        citation: 'Löwe B et al. Monitoring depression treatment outcomes with the PHQ-9. Med Care 2004;42:1194–1201 (minimal clinically important individual change: 5 points)',
      },
    ],
    safetyItem: {
      item: 9,
      positiveAtOrAbove: 1,
      description: 'thoughts that you would be better off dead, or of hurting yourself',
      citation: 'Simon GE et al. Does response on the PHQ-9 depression questionnaire predict subsequent suicide attempt or suicide death? Psychiatr Serv 2013 (any answer above "not at all" raises one-year attempt risk)',
    },
    outcomes: {
      responseDrop: 0.5,
      remissionBelow: 5,
      citation: 'Response: ≥50% drop from baseline; remission: total <5 (convention restated in Psychiatr Serv, doi:10.1176/appi.ps.201900295)',
    },
  },
  gad7: {
    id: 'gad7',
    displayName: 'GAD-7',
    fullName: 'Generalized Anxiety Disorder-7',
    recallPeriod: 'past 2 weeks',
    itemCount: 7,
    itemMin: 0,
    itemMax: 3,
    totalMax: 21,
    // Cut points 5, 10, 15 start mild, moderate and severe.
    bands: [
      { key: 'minimal', label: 'Minimal', min: 0, max: 4 },
      { key: 'mild', label: 'Mild', min: 5, max: 9 },
      { key: 'moderate', label: 'Moderate', min: 10, max: 14 },
      { key: 'severe', label: 'Severe', min: 15, max: 21 },
    ],
    bandsCitation: SPITZER_2006,
    loinc: { panel: '69737-5', total: '70274-6' },
    change: [
      {
        level: 'clinically-significant',
        minDelta: 4,
        citation: 'Toussaint A et al. Sensitivity to change and minimal clinically important difference of the GAD-7. J Affect Disord 2020;265:395–401 (MCID: 4 points)',
      },
    ],
  },
  pcl5: {
    id: 'pcl5',
    displayName: 'PCL-5',
    fullName: 'PTSD Checklist for DSM-5',
    recallPeriod: 'past month',
    itemCount: 20,
    itemMin: 0,
    itemMax: 4,
    totalMax: 80,
    // The PCL-5 has no empirically derived severity bands (NCPTSD); the two "bands" are the
    // screening result at the configured cutoff. See docs/measures-and-codes.md.
    bands: PCL5_DEFAULT_BANDS,
    bandsCitation: `${NCPTSD_PCL5} (no empirically derived severity bands; cut point 31–33 for a provisional diagnosis)`,
    loinc: {},
    loincNote: 'No PCL-5 LOINC code is listed: none could be verified against loinc.org for this release.',
    change: [
      {
        level: 'reliable',
        minDelta: 5,
        citation: 'National Center for PTSD: evidence from the DSM-IV PCL suggests 5–10 points is reliable change (NCPTSD wording not verified against the primary page)',
      },
      {
        level: 'clinically-significant',
        minDelta: 10,
        citation: 'National Center for PTSD: evidence from the DSM-IV PCL suggests 10–20 points is clinically significant change (NCPTSD wording not verified against the primary page)',
      },
    ],
    pcl5: {
      clusters: [
        { key: 'B', name: 'intrusion', firstItem: 1, lastItem: 5, minSymptoms: 1 },
        { key: 'C', name: 'avoidance', firstItem: 6, lastItem: 7, minSymptoms: 1 },
        { key: 'D', name: 'negative alterations in cognition and mood', firstItem: 8, lastItem: 14, minSymptoms: 2 },
        { key: 'E', name: 'alterations in arousal and reactivity', firstItem: 15, lastItem: 20, minSymptoms: 2 },
      ],
      defaultCutoff: PCL5_DEFAULT_CUTOFF,
      cutoffRange: { min: 31, max: 33 },
      cutoffCitation: `${NCPTSD_PCL5} (cut point 31–33 from initial research; confirm with CAPS-5)`,
      symptomThreshold: 2,
      dsm5RuleCitation: `${NCPTSD_PCL5} (DSM-5 rule: items rated 2 "moderately" or higher count; ≥1 B, ≥1 C, ≥2 D, ≥2 E)`,
    },
  },
};

/** All instrument ids, in display order. */
export function instrumentIds(): readonly InstrumentId[] {
  return INSTRUMENT_IDS;
}

/** Type guard for instrument ids arriving as plain strings. */
export function isInstrumentId(value: string): value is InstrumentId {
  return (INSTRUMENT_IDS as readonly string[]).includes(value);
}
