/**
 * Phrase tables for clinical content, as data. The extractors in `extract-clinical.ts`
 * apply them; rules never match text themselves. Acronyms are matched case-sensitively so
 * "SI" and "HI" are not "si" and "Hi".
 */
import type { RiskTopic, SummaryCategory } from './facts.ts';

// ---------------------------------------------------------------------------------------
// Risk: suicidal / homicidal ideation, self-harm, safety plan, risk assessment.

export const RISK_PATTERNS: ReadonlyArray<{ readonly topic: RiskTopic; readonly re: RegExp }> = [
  {
    topic: 'safety-plan',
    re: /\b(?:safety[\s-]plan(?:ning)?|crisis(?:\s+response)?\s+plan|means\s+restriction|lethal\s+means(?:\s+(?:counseling|safety))?|(?:removed|secured|locked\s+up)\s+(?:the\s+)?(?:firearms?|guns?|weapons?)|988|crisis\s+line|crisis\s+hotline)\b/gi,
  },
  {
    topic: 'risk-assessment',
    re: /\b(?:(?:suicide|suicidal|violence|safety)\s+risk\s+assessment|risk\s+assessment|safety\s+assessment|C-?SSRS|Columbia(?:\s+Suicide\s+Severity\s+Rating\s+Scale)?|(?:low|moderate|high|imminent|elevated|acute|chronic)(?:\s+(?:acute|chronic))?\s+risk(?:\s+(?:of|for)\s+(?:harm|suicide|self-harm|violence))?|risk\s*(?:level\s*)?(?:is|was|remains|deemed|assessed\s+as|[:=-])\s*(?:low|moderate|high|minimal|elevated)|protective\s+factors|risk\s+factors|assessed\s+for\s+(?:safety|risk|SI|suicidal|harm|self-harm)|(?:no|not\s+(?:at|an?))\s+imminent\s+(?:risk|danger))\b/gi,
  },
  { topic: 'suicidal', re: /(?<![\p{L}\p{N}])(?:passive\s+|active\s+)?SI(?![\p{L}\p{N}])/gu },
  {
    topic: 'suicidal',
    re: /\b(?:suicidal\s+(?:ideation|thoughts?|intent|plans?|behaviou?rs?|urges)|suicidality|suicidal|passive\s+death\s+wish|thoughts\s+of\s+(?:killing|hurting|harming|ending)\s+(?:herself|himself|themselves|themself|myself|her\s+life|his\s+life|their\s+life|my\s+life)|wish(?:es|ed)?\s+(?:to\s+be\s+dead|to\s+die|(?:she|he|they|I)\s+(?:was|were)\s+dead|to\s+not\s+wake\s+up|not\s+to\s+wake\s+up)|better\s+off\s+dead|(?:passive\s+)?thoughts\s+of\s+(?:death|dying|being\s+dead|not\s+waking\s+up)|kill\s+(?:herself|himself|themselves|myself)|end\s+(?:her|his|their|my)\s+life|suicide\s+attempts?|suicide)\b/gi,
  },
  { topic: 'homicidal', re: /(?<![\p{L}\p{N}])HI(?![\p{L}\p{N}])/gu },
  {
    topic: 'homicidal',
    re: /\b(?:homicidal\s+(?:ideation|thoughts?|intent|plans?)|homicidality|homicidal|thoughts\s+of\s+(?:harming|hurting|killing)\s+(?:others|someone|anyone))\b/gi,
  },
  {
    topic: 'self-harm',
    re: /\b(?:self[\s-]?harm(?:ing)?|self[\s-]?injur(?:y|ious|ing)(?:\s+behaviou?rs?)?|non[\s-]?suicidal\s+self[\s-]?injury|NSSI|cutting\s+(?:herself|himself|themselves|behaviou?rs?)|burning\s+(?:herself|himself|themselves))\b/gi,
  },
];

/** Negation within the last few words before a term: "denies SI", "no HI", "negative for…". */
export const NEGATION_BEFORE_RE = /\b(?:denie[sd]|denying|deny|no|not|negative\s+for|without|nor|none|absent|free\s+of|never|ruled\s+out)\b(?:[\s,/]+(?:and\s+|or\s+)?[\p{L}\p{N}-]+){0,6}[\s,/]*(?:and\s+|or\s+|any\s+|current\s+|active\s+|passive\s+)*$/iu;
/** Negation written after the term: "SI/HI: denied", "SI: none", "SI denied". */
export const NEGATION_AFTER_RE = /^\s*(?:\/\s*[A-Za-z]+\s*)*(?:[:=-]\s*(?:denied|denies|none|negative|neg|no|absent|not\s+(?:present|endorsed|reported))\b|(?:denied|not\s+endorsed|negative)\b)/i;
/** A past or historical mention: "history of SI", "hx of self-harm", "prior suicide attempt". */
export const HISTORY_BEFORE_RE = /\b(?:history\s+of|hx\s+of|hx|past|previous|prior|remote|lifetime)\b(?:\s+[\p{L}-]+){0,2}\s*$/iu;

// ---------------------------------------------------------------------------------------
// Modality and frequency of treatment (45 CFR 164.501: excluded from psychotherapy notes).

export const MODALITY_PHRASES: readonly string[] = [
  'individual psychotherapy', 'individual therapy', 'individual session', 'individual counseling',
  'family psychotherapy', 'family therapy', 'family session', 'family counseling', 'conjoint session', 'conjoint family',
  'couples therapy', 'couples psychotherapy', 'couples session', 'couples counseling', 'couple therapy', 'marital therapy',
  'group psychotherapy', 'group therapy', 'group session', 'process group', 'skills group',
  'play therapy', 'art therapy', 'crisis psychotherapy', 'crisis intervention',
  'telehealth', 'tele-health', 'telemedicine', 'teletherapy', 'telepsychology', 'video session', 'video visit', 'via video', 'via Zoom',
  'telephone session', 'phone session', 'audio-only', 'in person', 'in-person session', 'in person session', 'in-person visit', 'face-to-face session', 'office visit',
  'cognitive behavioral therapy', 'cognitive-behavioral therapy', 'cognitive behavioural therapy', 'cognitive behavioral',
  'dialectical behavior therapy', 'dialectical behaviour therapy', 'acceptance and commitment therapy',
  'eye movement desensitization and reprocessing', 'motivational interviewing', 'motivational enhancement therapy',
  'trauma-focused CBT', 'trauma focused cognitive behavioral therapy', 'cognitive processing therapy', 'prolonged exposure',
  'exposure therapy', 'exposure and response prevention', 'interpersonal therapy', 'interpersonal psychotherapy',
  'psychodynamic psychotherapy', 'psychodynamic therapy', 'psychoanalytic psychotherapy', 'schema therapy',
  'emotionally focused therapy', 'emotion-focused therapy', 'Gottman method', 'internal family systems', 'narrative therapy',
  'solution-focused therapy', 'solution-focused brief therapy', 'supportive psychotherapy', 'supportive therapy',
  'mentalization-based treatment', 'parent-child interaction therapy', 'behavioral couples therapy', 'structural family therapy',
  'CBT', 'DBT', 'EMDR', 'ACT', 'TF-CBT', 'CPT', 'IPT', 'ERP', 'EFT', 'IFS', 'MBCT', 'MBSR', 'PCIT', 'CBT-I', 'SFBT', 'MBT', 'PE therapy',
];

export const FREQUENCY_RE = /\b(?:weekly|bi-?weekly|every\s+(?:other\s+)?(?:week|two\s+weeks|2\s+weeks|month)|fortnightly|monthly|twice\s+(?:a|per|each)\s+(?:week|month)|once\s+(?:a|per|each)\s+(?:week|month)|(?:two|three|four|\d)\s+times\s+(?:a|per|each)\s+(?:week|month)|\d\s?x\s?\/?\s?(?:week|wk|month|mo)\b|q\s?(?:week|wk|2\s?weeks?)|(?:1|one)x\s?(?:weekly|monthly))(?![\p{L}])/giu;
/** A frequency counts only in a sentence about sessions or treatment ("weekly dinners" does not). */
export const TREATMENT_CONTEXT_RE = /\b(?:sessions?|therapy|CBT|DBT|EMDR|ACT|IPT|ERP|psychotherapy|appointments?|appts?|treatment|tx|counseling|(?:we|will|to|and)\s+meet|met\s+(?:with\s+)?(?:client|pt|her|him|them)|see(?:n|ing)?|f\/u|follow[\s-]?up|check[\s-]?ins?|groups?)\b/i;

// ---------------------------------------------------------------------------------------
// Summaries of diagnosis, functional status, treatment plan, symptoms, prognosis and
// progress (45 CFR 164.501: any summary of these is excluded from psychotherapy notes).

const DISORDERS = '(?:MDD|GAD|PTSD|OCD|ADHD|BPD|bipolar(?:\\s+I{1,2})?(?:\\s+disorder)?|major\\s+depressive\\s+disorder|major\\s+depression|generalized\\s+anxiety\\s+disorder|panic\\s+disorder|social\\s+anxiety\\s+disorder|post-?traumatic\\s+stress\\s+disorder|borderline\\s+personality\\s+disorder|adjustment\\s+disorder|persistent\\s+depressive\\s+disorder|schizophrenia|schizoaffective\\s+disorder|an?\\s+(?:\\w+\\s+)?(?:anxiety|depressive|mood|trauma|eating|personality|substance\\s+use|alcohol\\s+use)\\s+disorder)';

export const SUMMARY_PATTERNS: ReadonlyArray<{ readonly category: SummaryCategory; readonly re: RegExp; readonly thirdPartyCheck: boolean }> = [
  {
    category: 'diagnosis',
    re: /\b(?:meets?\s+(?:full\s+|DSM-?5\s+)?criteria\s+for|diagnos(?:is|es|ed)|dx|working\s+diagnosis|provisional\s+diagnosis|differential(?:\s+diagnosis)?|rule[\s-]out|r\/o)\b(?:[^.;\n]|\.(?=\S)){0,60}/gi,
    thirdPartyCheck: true,
  },
  {
    category: 'diagnosis',
    re: new RegExp(`\\b(?:(?:client|pt|patient|she|he|they)\\s+(?:has|have|carries|presents\\s+with|continues\\s+to\\s+meet\\s+criteria\\s+for)|consistent\\s+with|indicative\\s+of)\\s+${DISORDERS}\\b`, 'gi'),
    thirdPartyCheck: true,
  },
  { category: 'prognosis', re: /\bprognos(?:is|tic)\b(?:[^.;\n]|\.(?=\S)){0,40}/gi, thirdPartyCheck: false },
  {
    category: 'functional-status',
    re: /\b(?:functional\s+status|(?:occupational|social|academic|daily|overall|global|role)\s+functioning|functioning\s+(?:at|in)\s+(?:work|school|home)|GAF(?:\s+score)?|ADLs|activities\s+of\s+daily\s+living|(?:un)?able\s+to\s+(?:work|attend\s+(?:work|school|classes?)|maintain\s+(?:employment|(?:her|his|their)\s+job)|perform\s+(?:ADLs|daily\s+tasks|job\s+duties)|care\s+for\s+(?:herself|himself|themselves))|impair(?:ed|ment)\s+(?:in|at)\s+(?:work|school|social|occupational|daily)|missed\s+(?:\d+|several|multiple)\s+days\s+of\s+(?:work|school))\b/gi,
    thirdPartyCheck: true,
  },
  {
    category: 'treatment-plan',
    re: /\b(?:treatment\s+plan|tx\s+plan|plan\s*:|plan\s+of\s+care|treatment\s+goals?|(?:the\s+)?plan\s+is\s+to|next\s+session\s+(?:will|we\s+will)|will\s+continue\s+(?:to|with)|continue\s+(?:current\s+|weekly\s+|biweekly\s+)?(?:treatment|therapy|sessions|plan)|homework\s+(?:assigned|is|was)|assigned\s+homework|refer(?:red|ral)\s+(?:to|for)\s+(?:a\s+)?(?:psychiatr|medication|IOP|PHP|higher\s+level|group))/gi,
    thirdPartyCheck: false,
  },
  {
    category: 'symptoms',
    re: /\b(?:symptoms?|sx|symptomatology|symptomatic)\b/gi,
    thirdPartyCheck: true,
  },
  {
    category: 'symptoms',
    re: /\b(?:reports?|reported|endorses?|endorsed|c\/o|complains?\s+of|presents?\s+with|experiencing)\s+(?:\w+\s+){0,2}(?:depressed\s+mood|low\s+mood|anhedonia|insomnia|hypersomnia|poor\s+sleep|decreased\s+appetite|increased\s+appetite|poor\s+concentration|hopelessness|worthlessness|fatigue|panic\s+attacks?|nightmares|flashbacks|hypervigilance|irritability|excessive\s+worry|intrusive\s+thoughts|racing\s+thoughts|auditory\s+hallucinations|AVH)\b/gi,
    thirdPartyCheck: true,
  },
  {
    category: 'progress',
    re: /\b(?:progress(?:ing)?\s+(?:toward|towards|on|in|to\s+date|with|since|has\s+been)|(?:is|has\s+been|are|was|were)\s+(?:making|showing|demonstrat(?:ing|ed))\s+(?:\w+\s+)?progress|(?:good|steady|minimal|limited|some|slow|significant|little|no|fair|marked)\s+progress|goals?\s+(?:(?:partially|fully|not)\s+)?(?:met|achieved|progressing)|improvement\s+(?:in|since|of)|responding\s+(?:well\s+|poorly\s+)?to\s+(?:treatment|therapy|interventions)|response\s+to\s+(?:treatment|therapy)|(?:mood|sleep|anxiety|depression|panic|nightmares|functioning|coping|attendance)\s+(?:has|have|is|are)\s+(?:\w+\s+)?(?:improved|improving|worsened|worsening|stabilized|declined))\b/gi,
    thirdPartyCheck: true,
  },
];

/**
 * Someone other than the client is the subject: "her sister's depression", "his father was
 * diagnosed…", "the group member's symptoms".
 */
export const THIRD_PARTY_RE = /\b(?:(?:her|his|their|my|client's|pt's)\s+(?:mother|mom|father|dad|sister|brother|husband|wife|partner|spouse|boyfriend|girlfriend|son|daughter|child|children|kids?|friend|boss|coworker|co-worker|grandmother|grandfather|aunt|uncle|cousin|roommate|ex|parents?|stepfather|stepmother|family)|(?:mother|father|sister|brother|husband|wife|partner|friend|boss)'s|\bhe\s+said\s+his|\bshe\s+said\s+her)\b/i;

// ---------------------------------------------------------------------------------------
// Interventions (a progress note must document what the clinician did).

export const INTERVENTION_PHRASES: readonly string[] = [
  'cognitive restructuring', 'psychoeducation', 'psycho-education', 'socratic questioning', 'thought record', 'thought records',
  'behavioral activation', 'behavioural activation', 'in vivo exposure', 'imaginal exposure', 'exposure hierarchy', 'graded exposure',
  'grounding', 'diaphragmatic breathing', 'paced breathing', 'breathing exercise', 'breathing exercises', 'progressive muscle relaxation',
  'relaxation training', 'mindfulness', 'guided imagery', 'role-play', 'role play', 'role-played', 'reflective listening',
  'validation', 'validated', 'motivational interviewing', 'safety planning', 'problem-solving', 'problem solving', 'skills training',
  'distress tolerance', 'emotion regulation', 'chain analysis', 'DEAR MAN', 'opposite action', 'radical acceptance',
  'cognitive defusion', 'values clarification', 'values exploration', 'bilateral stimulation', 'resourcing', 'containment exercise',
  'sleep hygiene', 'activity scheduling', 'homework review', 'reviewed homework', 'assigned homework', 'communication skills',
  'active listening', 'reframing', 'reframed', 'explored', 'processed', 'normalized', 'empathic reflection', 'supportive counseling',
  'coping skills', 'coping strategies', 'genogram', 'sand tray', 'parent training', 'parenting strategies', 'CBT techniques',
  'DBT skills', 'EMDR processing', 'trauma narrative', 'worry time', 'urge surfing', 'behavioral experiment', 'exposure exercise',
  'interpersonal inventory', 'communication analysis', 'enactment', 'circular questioning', 'externalizing', 'facilitated',
];

// ---------------------------------------------------------------------------------------
// References to psychotherapy notes from a progress note: the reference itself tells a
// reader that a private note exists and invites a request for it.

export const PSYCHOTHERAPY_NOTE_REFERENCE_RES: readonly RegExp[] = [
  /\bpsychotherapy[\s-]+notes?\b/gi,
  /\bprocess[\s-]+notes?\b/gi,
  /\b(?:private|shadow)\s+(?:clinical\s+|therapy\s+|session\s+|therapist\s+)?(?:notes?|file|records?)\b/gi,
  /\b(?:my|this\s+writer's|(?:the\s+)?therapist's|(?:the\s+)?clinician's|writer's)\s+(?:own\s+)?(?:personal|private|separate|process|confidential)\s+(?:notes?|file|records?)\b/gi,
  /\b(?:see|refer\s+to|documented\s+in|details\s+in|more\s+in|recorded\s+in|kept\s+in)\s+(?:my\s+|the\s+)?(?:separate\s+)?(?:confidential|private|personal)\s+(?:note|notes|file|documentation)\b/gi,
  /\b(?:details?|content|specifics|more)\s+(?:are\s+|is\s+)?(?:documented|recorded|kept|noted|written)\s+(?:elsewhere|separately|outside\s+(?:the|this)\s+(?:record|chart|note))\b/gi,
];

// ---------------------------------------------------------------------------------------
// Process material that belongs in the private note (minimum necessary, 164.502(b)).

export const COUNTERTRANSFERENCE_RE = /\b(?:counter[\s-]?)?transference(?:[\s-]?(?:reactions?|feelings?))?\b/gi;

const FEELING_WORDS = [
  'irritated', 'annoyed', 'frustrated', 'angry', 'sad', 'bored', 'anxious', 'uncomfortable', 'attracted', 'protective', 'helpless',
  'overwhelmed', 'moved', 'tearful', 'impatient', 'defensive', 'drawn to', 'disgusted', 'resentful', 'guilty', 'sleepy',
  'distracted', 'triggered', 'hopeless', 'inadequate', 'incompetent', 'afraid', 'scared', 'uneasy', 'exhausted', 'drained',
  'annoyance', 'irritation', 'a pull', 'tenderness', 'parental', 'envious', 'jealous', 'hurt', 'dismissed', 'manipulated', 'stuck',
];
export const CLINICIAN_FEELING_RE = new RegExp(
  `(?:\\b(?:I|this\\s+writer|this\\s+clinician|the\\s+therapist|therapist|writer|the\\s+clinician)\\s+(?:was\\s+|am\\s+|felt\\s+|feel\\s+|became\\s+|got\\s+|grew\\s+|found\\s+myself\\s+(?:feeling\\s+|getting\\s+|becoming\\s+)?|noticed\\s+(?:myself\\s+)?(?:feeling\\s+|getting\\s+|becoming\\s+)?)(?:(?:very|quite|really|so|somewhat|a\\s+bit|a\\s+little|increasingly|deeply|strangely|oddly)\\s+)?(?:${FEELING_WORDS.map((w) => w.replace(/ /g, '\\s+')).join('|')})\\b|\\bmade\\s+me\\s+(?:feel|uncomfortable|angry|sad|anxious|furious)\\b|\\bmy\\s+own\\s+(?:feelings|reactions?|anxiety|history|discomfort|issues|stuff)\\b|\\bI\\s+(?:felt|feel)\\s+(?:like\\s+(?:I|her|his)|a\\s+(?:pull|strong\\s+urge|wave)))`,
  'gi',
);

export const SEXUAL_TRAUMA_DETAIL_PHRASES: readonly string[] = [
    'raped me', 'raped her', 'raped him', 'penetrated', 'penetration', 'genitals', 'genitalia', 'oral sex', 'anal sex', 'masturbated',
    'masturbating', 'masturbation', 'fondled', 'fondling', 'ejaculated', 'ejaculation', 'orgasm', 'orgasms', 'intercourse',
    'her breasts', 'his penis', 'her vagina', 'his crotch', 'her crotch', 'sexual fantasy', 'sexual fantasies', 'threesome',
    'forced her to', 'forced him to', 'forced me to', 'pinned her down', 'pinned me down', 'held her down', 'held me down',
  'sexual positions', 'naked photos', 'nude photos', 'pinned her', 'pinned him', 'pinned me',
];

/** Narrative detail markers: a problem in the record only when the sentence is about sex or trauma. */
export const NARRATIVE_DETAIL_RE = /\b(?:described|recounted|narrated|detailed|walked\s+(?:me|this\s+writer|the\s+therapist)\s+through)\b[^.\n]{0,60}?\b(?:in\s+(?:graphic\s+|vivid\s+|explicit\s+|great\s+|full\s+)?detail|step[\s-]by[\s-]step|moment[\s-]by[\s-]moment|blow[\s-]by[\s-]blow)\b|\b(?:step[\s-]by[\s-]step|moment[\s-]by[\s-]moment|blow[\s-]by[\s-]blow|in\s+(?:graphic|vivid|explicit)\s+detail)\b/gi;
export const SEXUAL_TRAUMA_TOPIC_RE = /\b(?:sex|sexual(?:ly)?|had\s+sex|intimacy|intimate|assault(?:ed)?|rape[ds]?|abuse[ds]?|molest(?:ed|ation)?|attack(?:ed)?|violence|beat(?:en|ing)?|the\s+(?:incident|accident|crash|shooting))\b/i;
/** "no intercourse", "non-genital": a negated term is a plan or boundary, not a narrative. */
export const DETAIL_NEGATION_BEFORE_RE = /(?:\bnon-|\b(?:no|not|without|avoid(?:ing)?)\s+)$/i;
