/**
 * Which ICD-10-CM codes ship to the browser: chapter F plus the codes outside it that a
 * therapist records in behavioural-health practice. The build script
 * (`scripts/build-icd10.ts`) filters the full list with {@link isBehavioralIcd10Code}; the
 * server and CLI use the full list, so nothing here limits what may be billed.
 *
 * Each prefix matches the code and every code below it ("Z91.5" matches Z91.5, Z91.51,
 * Z91.52). The parents of a dotted prefix (Z91, Z13) are deliberately not included.
 */
export interface Icd10ScopeEntry {
  readonly prefix: string;
  readonly reason: string;
}

export const BEHAVIORAL_ICD10_SCOPE: readonly Icd10ScopeEntry[] = [
  { prefix: 'F', reason: 'Chapter 5: mental, behavioral and neurodevelopmental disorders' },
  { prefix: 'R41.8', reason: 'Other symptoms involving cognitive functions (e.g. attention and concentration deficit)' },
  { prefix: 'R44', reason: 'Hallucinations and other symptoms involving general sensations and perceptions' },
  { prefix: 'R45', reason: 'Symptoms involving emotional state, including R45.851 suicidal ideations' },
  { prefix: 'R46', reason: 'Symptoms involving appearance and behavior' },
  { prefix: 'T14.91', reason: 'Suicide attempt' },
  { prefix: 'T74', reason: 'Adult and child abuse, neglect and other maltreatment, confirmed' },
  { prefix: 'T76', reason: 'Adult and child abuse, neglect and other maltreatment, suspected' },
  { prefix: 'Z04.7', reason: 'Encounter for examination and observation following alleged abuse' },
  { prefix: 'Z13.3', reason: 'Screening for mental health and behavioral disorders' },
  { prefix: 'Z13.4', reason: 'Screening for developmental disorders in childhood (e.g. autism)' },
  { prefix: 'Z55', reason: 'Problems related to education and literacy' },
  { prefix: 'Z56', reason: 'Problems related to employment and unemployment' },
  { prefix: 'Z59', reason: 'Problems related to housing and economic circumstances' },
  { prefix: 'Z60', reason: 'Problems related to social environment' },
  { prefix: 'Z62', reason: 'Problems related to upbringing (including child abuse history)' },
  { prefix: 'Z63', reason: 'Other problems related to primary support group, including family circumstances' },
  { prefix: 'Z64', reason: 'Problems related to certain psychosocial circumstances' },
  { prefix: 'Z65', reason: 'Problems related to other psychosocial circumstances' },
  { prefix: 'Z69', reason: 'Encounter for mental health services for victim and perpetrator of abuse' },
  { prefix: 'Z70', reason: 'Counseling related to sexual attitude, behavior and orientation' },
  { prefix: 'Z71', reason: 'Persons encountering health services for other counseling and medical advice' },
  { prefix: 'Z72', reason: 'Problems related to lifestyle (e.g. gambling, sleep deprivation, antisocial behavior)' },
  { prefix: 'Z73', reason: 'Problems related to life management difficulty (e.g. burn-out, stress)' },
  { prefix: 'Z76.5', reason: 'Malingerer' },
  { prefix: 'Z81.8', reason: 'Family history of other mental and behavioral disorders' },
  { prefix: 'Z86.5', reason: 'Personal history of mental and behavioral disorders' },
  { prefix: 'Z91.4', reason: 'Personal history of psychological trauma' },
  { prefix: 'Z91.5', reason: 'Personal history of self-harm' },
];

const PREFIXES = BEHAVIORAL_ICD10_SCOPE.map((s) => s.prefix);

/** Whether `code` (dotted, upper case, as in the code list) is in the browser's behavioural scope. */
export function isBehavioralIcd10Code(code: string): boolean {
  return PREFIXES.some((p) => code.startsWith(p));
}
