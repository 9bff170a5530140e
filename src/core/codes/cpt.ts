/**
 * Psychotherapy CPT codes and their time and pairing rules, as data, plus the checker the
 * compliance linter and the CLI use to compare billed codes with documented minutes.
 *
 * Facts and sources: shared reference `hipaa-facts.md` §9. CPT descriptors are paraphrased
 * (the AMA's wording is copyrighted); the time bands are the CMS contractor and payer rules.
 */

const NOVITAS = 'Novitas Solutions (CMS MAC), Psychotherapy codes for psychiatrists and other mental health practitioners: time-based codes, choose the closest code';
const APA = 'American Psychological Association Services, psychotherapy CPT codes';
const NGS = 'National Government Services (CMS MAC), Mental health billing: 90791/90792 and +90785';
const CRISIS = 'CMS Physician Fee Schedule, psychotherapy for crisis; 30–74 / +30-minute rule as restated by payer policy (BCBS Illinois psychiatry/psychotherapy policy) and Headway';
const INTERACTIVE_EXCLUSIONS = 'Payer policy (BCBS Illinois psychiatry/psychotherapy; BCBS Rhode Island interactive complexity tips): +90785 not with 90839/90840, 90846, 90847';
const PHARM_MGMT = 'Payer policy (BCBS Illinois psychiatry/psychotherapy): +90863 with psychotherapy, not with crisis codes';
const EM = 'AMA CPT office or other outpatient E/M services; listed so that +90833/+90836/+90838 can find their E/M primary (Novitas)';

export const CPT_KINDS = [
  'diagnostic-evaluation',
  'psychotherapy',
  'psychotherapy-with-em',
  'psychoanalysis',
  'family-psychotherapy',
  'group-psychotherapy',
  'crisis',
  'interactive-complexity',
  'pharmacologic-management',
  'em',
] as const;
export type CptKind = (typeof CPT_KINDS)[number];

/** A CPT code and its reporting rules. */
export interface CptCodeDefinition {
  readonly code: string;
  readonly description: string;
  readonly kind: CptKind;
  /** Fewest face-to-face psychotherapy minutes for which the code may be reported. */
  readonly minMinutes?: number;
  /** Most minutes the code covers; absent means no upper bound. */
  readonly maxMinutes?: number;
  /** An add-on code ("+"): reported only together with a primary code. */
  readonly addOn: boolean;
  /** The add-on needs at least one of these primaries on the same claim. */
  readonly requiresOneOf?: readonly string[];
  /** Codes this one may not be reported with. */
  readonly notWith?: readonly string[];
  readonly citation: string;
}

const EM_NEW = ['99202', '99203', '99204', '99205'] as const;
const EM_ESTABLISHED = ['99211', '99212', '99213', '99214', '99215'] as const;
/** The E/M office codes a psychotherapy add-on (+90833/+90836/+90838) may follow. */
export const EM_OFFICE_CODES: readonly string[] = [...EM_NEW, ...EM_ESTABLISHED];

const INTERACTIVE_PRIMARIES = ['90791', '90792', '90832', '90833', '90834', '90836', '90837', '90838', '90853'];

const EM_LEVEL: Readonly<Record<string, string>> = {
  '99202': 'new patient, straightforward medical decision making',
  '99203': 'new patient, low medical decision making',
  '99204': 'new patient, moderate medical decision making',
  '99205': 'new patient, high medical decision making',
  '99211': 'established patient, may not need a physician or other qualified health professional',
  '99212': 'established patient, straightforward medical decision making',
  '99213': 'established patient, low medical decision making',
  '99214': 'established patient, moderate medical decision making',
  '99215': 'established patient, high medical decision making',
};

/**
 * The code table: psychotherapy codes (hipaa-facts §9) and the office E/M codes. Minutes are
 * face-to-face psychotherapy time with the patient and/or family.
 */
export const CPT_CODES: readonly CptCodeDefinition[] = [
  {
    code: '90785',
    description: 'Interactive complexity: communication factors that complicate the service, not extra time',
    kind: 'interactive-complexity',
    addOn: true,
    requiresOneOf: INTERACTIVE_PRIMARIES,
    notWith: ['90839', '90840', '90846', '90847'],
    citation: `${NGS}; ${INTERACTIVE_EXCLUSIONS}`,
  },
  { code: '90791', description: 'Psychiatric diagnostic evaluation, no medical services', kind: 'diagnostic-evaluation', addOn: false, citation: NGS },
  { code: '90792', description: 'Psychiatric diagnostic evaluation with medical services', kind: 'diagnostic-evaluation', addOn: false, citation: NGS },
  { code: '90832', description: 'Psychotherapy, 30 minutes with patient', kind: 'psychotherapy', minMinutes: 16, maxMinutes: 37, addOn: false, citation: NOVITAS },
  {
    code: '90833',
    description: 'Psychotherapy, 30 minutes with patient, with an E/M service',
    kind: 'psychotherapy-with-em',
    minMinutes: 16,
    maxMinutes: 37,
    addOn: true,
    requiresOneOf: EM_OFFICE_CODES,
    citation: NOVITAS,
  },
  { code: '90834', description: 'Psychotherapy, 45 minutes with patient', kind: 'psychotherapy', minMinutes: 38, maxMinutes: 52, addOn: false, citation: NOVITAS },
  {
    code: '90836',
    description: 'Psychotherapy, 45 minutes with patient, with an E/M service',
    kind: 'psychotherapy-with-em',
    minMinutes: 38,
    maxMinutes: 52,
    addOn: true,
    requiresOneOf: EM_OFFICE_CODES,
    citation: NOVITAS,
  },
  { code: '90837', description: 'Psychotherapy, 60 minutes with patient', kind: 'psychotherapy', minMinutes: 53, addOn: false, citation: NOVITAS },
  {
    code: '90838',
    description: 'Psychotherapy, 60 minutes with patient, with an E/M service',
    kind: 'psychotherapy-with-em',
    minMinutes: 53,
    addOn: true,
    requiresOneOf: EM_OFFICE_CODES,
    citation: NOVITAS,
  },
  { code: '90839', description: 'Psychotherapy for crisis, first 60 minutes', kind: 'crisis', minMinutes: 30, maxMinutes: 74, addOn: false, citation: CRISIS },
  {
    code: '90840',
    description: 'Psychotherapy for crisis, each additional 30 minutes',
    kind: 'crisis',
    addOn: true,
    requiresOneOf: ['90839'],
    citation: CRISIS,
  },
  { code: '90845', description: 'Psychoanalysis', kind: 'psychoanalysis', addOn: false, citation: APA },
  { code: '90846', description: 'Family psychotherapy without the patient present, 50 minutes', kind: 'family-psychotherapy', minMinutes: 26, addOn: false, citation: APA },
  { code: '90847', description: 'Family psychotherapy (conjoint) with the patient present, 50 minutes', kind: 'family-psychotherapy', minMinutes: 26, addOn: false, citation: APA },
  { code: '90849', description: 'Multiple-family group psychotherapy', kind: 'group-psychotherapy', addOn: false, citation: APA },
  { code: '90853', description: 'Group psychotherapy (other than of a multiple-family group)', kind: 'group-psychotherapy', addOn: false, citation: APA },
  {
    code: '90863',
    description: 'Pharmacologic management with psychotherapy (non-physician prescribers)',
    kind: 'pharmacologic-management',
    addOn: true,
    // CPT's parenthetical pairs 90863 with the stand-alone psychotherapy codes.
    requiresOneOf: ['90832', '90834', '90837'],
    notWith: ['90839', '90840'],
    citation: PHARM_MGMT,
  },
  ...EM_OFFICE_CODES.map(
    (code): CptCodeDefinition => ({
      code,
      description: `Office or other outpatient E/M visit, ${EM_LEVEL[code] ?? 'office visit'}`,
      kind: 'em',
      addOn: false,
      citation: EM,
    }),
  ),
];

const BY_CODE: ReadonlyMap<string, CptCodeDefinition> = new Map(CPT_CODES.map((c) => [c.code, c]));

/**
 * Codes that differ only in time. When the minutes fall outside one code's band, the code in
 * the same family whose band holds them is suggested.
 */
export const TIME_FAMILIES: readonly (readonly string[])[] = [
  ['90832', '90834', '90837'],
  ['90833', '90836', '90838'],
];

/** Shortest psychotherapy that is reportable at all (Novitas: under 16 minutes, not reportable). */
export const MIN_REPORTABLE_PSYCHOTHERAPY_MINUTES = 16;

/** Crisis time: 90839 covers 30–74 minutes; each +90840 a further 30 (75–104 = one, …). */
export const CRISIS_TIME = {
  primary: '90839',
  addOn: '90840',
  primaryMaxMinutes: 74,
  addOnMinutes: 30,
  /** Under 30 minutes, crisis time is reported with the regular psychotherapy codes. */
  fallbackFamily: ['90832', '90834', '90837'],
} as const;

export const CPT_PROBLEMS = [
  'below-band',
  'above-band',
  'not-reportable',
  'add-on-without-primary',
  'add-on-not-allowed',
  'crisis-add-on-minutes',
] as const;
export type CptProblemKind = (typeof CPT_PROBLEMS)[number];

/** One problem with the billed codes. `expectedCode` is the code that fits, when there is one. */
export interface CptProblem {
  readonly code: string;
  readonly problem: CptProblemKind;
  readonly message: string;
  readonly expectedCode?: string;
  readonly citation: string;
}

/** Strips white space and the "+" that marks add-on codes in notes ("+90833"). */
export function normaliseCptCode(code: string): string {
  return code.trim().replace(/^\+\s*/, '');
}

/** Whether `code` (with or without a leading "+") is in {@link CPT_CODES}. */
export function isKnownCptCode(code: string): boolean {
  return BY_CODE.has(normaliseCptCode(code));
}

/** The table entry for `code`, if known. */
export function getCptCode(code: string): CptCodeDefinition | undefined {
  return BY_CODE.get(normaliseCptCode(code));
}

/** Number of +90840 units that `minutes` of crisis psychotherapy supports. */
export function crisisAddOnUnits(minutes: number): number {
  if (minutes <= CRISIS_TIME.primaryMaxMinutes) return 0;
  return Math.floor((minutes - CRISIS_TIME.primaryMaxMinutes - 1) / CRISIS_TIME.addOnMinutes) + 1;
}

/**
 * Checks billed CPT codes against each other and against the documented psychotherapy
 * minutes. Unknown codes are ignored (see {@link isKnownCptCode}). When `minutes` is
 * undefined only the add-on pairing rules run.
 *
 * `minutes` is the face-to-face psychotherapy time (with an E/M visit, the psychotherapy
 * part only; for crisis, the total crisis time).
 */
export function checkCptCodes(codes: readonly string[], minutes: number | undefined): CptProblem[] {
  const billed = codes.map(normaliseCptCode);
  const present = new Set(billed);
  const problems: CptProblem[] = [];

  for (const code of present) {
    const def = BY_CODE.get(code);
    if (!def) continue;
    if (def.addOn) problems.push(...checkPairing(def, present));
    if (minutes !== undefined) problems.push(...checkTime(def, minutes));
  }
  if (minutes !== undefined && present.has(CRISIS_TIME.primary) && minutes >= (BY_CODE.get(CRISIS_TIME.primary)?.minMinutes ?? 0)) {
    const reported = billed.filter((c) => c === CRISIS_TIME.addOn).length;
    const expected = crisisAddOnUnits(minutes);
    if (reported !== expected) {
      problems.push({
        code: CRISIS_TIME.addOn,
        problem: 'crisis-add-on-minutes',
        message: `${minutes} minutes of crisis psychotherapy is ${describeCrisis(expected)}; ${reported === 0 ? 'no ' : `${reported}×`}+${CRISIS_TIME.addOn} reported`,
        ...(expected > 0 ? { expectedCode: CRISIS_TIME.addOn } : {}),
        citation: CRISIS,
      });
    }
  }
  return problems;
}

function checkPairing(def: CptCodeDefinition, present: ReadonlySet<string>): CptProblem[] {
  const out: CptProblem[] = [];
  for (const other of def.notWith ?? []) {
    if (!present.has(other)) continue;
    const otherDef = BY_CODE.get(other);
    out.push({
      code: def.code,
      problem: 'add-on-not-allowed',
      message: `+${def.code} (${shortName(def)}) may not be reported with ${other}${otherDef ? ` (${shortName(otherDef)})` : ''}`,
      citation: def.citation,
    });
  }
  const required = def.requiresOneOf;
  if (out.length === 0 && required && !required.some((c) => present.has(c))) {
    out.push({
      code: def.code,
      problem: 'add-on-without-primary',
      message: `+${def.code} is an add-on code; it needs ${describeRequired(required)} on the same claim`,
      citation: def.citation,
    });
  }
  return out;
}

function checkTime(def: CptCodeDefinition, minutes: number): CptProblem[] {
  if (def.minMinutes === undefined) return [];
  const family = TIME_FAMILIES.find((f) => f.includes(def.code));
  const band = describeBand(def);

  if (def.kind === 'family-psychotherapy' && minutes < def.minMinutes) {
    return [{
      code: def.code,
      problem: 'not-reportable',
      message: `${minutes} minutes is under the ${def.minMinutes} minutes ${def.code} needs (${band}); family psychotherapy is not reportable`,
      citation: def.citation,
    }];
  }
  if (minutes < MIN_REPORTABLE_PSYCHOTHERAPY_MINUTES) {
    return [{
      code: def.code,
      problem: 'not-reportable',
      message: `${minutes} minutes of psychotherapy is not reportable (under ${MIN_REPORTABLE_PSYCHOTHERAPY_MINUTES} minutes); ${def.code} is for ${band}`,
      citation: NOVITAS,
    }];
  }
  if (def.code === CRISIS_TIME.primary) {
    // Crisis time over 74 minutes is counted in +90840 units (checked separately).
    if (minutes >= def.minMinutes) return [];
    const fit = fittingCode(CRISIS_TIME.fallbackFamily, minutes);
    return [{
      code: def.code,
      problem: 'below-band',
      message: `${minutes} minutes is under the ${def.minMinutes} minutes crisis psychotherapy needs (${def.code}, ${band})${fit ? `; ${minutes} minutes fits ${fit.code} (${describeBand(fit)})` : ''}`,
      ...(fit ? { expectedCode: fit.code } : {}),
      citation: def.citation,
    }];
  }
  const below = minutes < def.minMinutes;
  const above = def.maxMinutes !== undefined && minutes > def.maxMinutes;
  if (!below && !above) return [];
  const fit = family ? fittingCode(family, minutes) : undefined;
  return [{
    code: def.code,
    problem: below ? 'below-band' : 'above-band',
    message: fit
      ? `${minutes} minutes fits ${fit.code} (${describeBand(fit)}), not ${def.code} (${band})`
      : `${minutes} minutes is ${below ? 'under' : 'over'} the band of ${def.code} (${band})`,
    ...(fit ? { expectedCode: fit.code } : {}),
    citation: def.citation,
  }];
}

function fittingCode(family: readonly string[], minutes: number): CptCodeDefinition | undefined {
  return family
    .map((c) => BY_CODE.get(c))
    .find((d): d is CptCodeDefinition => d !== undefined && d.minMinutes !== undefined && minutes >= d.minMinutes && (d.maxMinutes === undefined || minutes <= d.maxMinutes));
}

function describeBand(def: CptCodeDefinition): string {
  if (def.minMinutes === undefined) return 'untimed';
  return def.maxMinutes === undefined ? `${def.minMinutes}+ min` : `${def.minMinutes}–${def.maxMinutes} min`;
}

function describeCrisis(units: number): string {
  if (units === 0) return `${CRISIS_TIME.primary} alone (30–${CRISIS_TIME.primaryMaxMinutes} min)`;
  const from = CRISIS_TIME.primaryMaxMinutes + 1 + (units - 1) * CRISIS_TIME.addOnMinutes;
  const to = from + CRISIS_TIME.addOnMinutes - 1;
  return `${CRISIS_TIME.primary} + ${units}×${CRISIS_TIME.addOn} (${from}–${to} min)`;
}

function describeRequired(codes: readonly string[]): string {
  const list = compressRuns(codes);
  if (codes.every((c) => BY_CODE.get(c)?.kind === 'em')) return `an E/M code (${list})`;
  return codes.length === 1 ? list : `one of ${list}`;
}

/** "99202, 99203, 99204, 99205" → "99202–99205"; runs shorter than three stay listed. */
function compressRuns(codes: readonly string[]): string {
  const sorted = [...codes].sort();
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && Number(sorted[j + 1]) === Number(sorted[j]) + 1) j++;
    if (j - i >= 2) parts.push(`${sorted[i]}–${sorted[j]}`);
    else parts.push(...sorted.slice(i, j + 1));
    i = j + 1;
  }
  return parts.join(', ');
}

/** The description up to its first colon or comma, lower-cased: "interactive complexity". */
function shortName(def: CptCodeDefinition): string {
  const head = def.description.split(/[:,]/)[0] ?? def.description;
  return head.charAt(0).toLowerCase() + head.slice(1);
}
