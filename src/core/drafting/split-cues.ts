/**
 * The splitter's cue table: transparent, weighted evidence that a sentence is the
 * clinician's process material (psychotherapy note) or clinical record material (progress
 * note). A sentence's score is the sum of the weights of the cues it matches, process
 * positive and record negative; it goes to the psychotherapy note only when the score
 * reaches {@link PSYCHOTHERAPY_THRESHOLD}. With no cue at all it stays in the record.
 *
 * These cues never decide an exclusion: whether a sentence carries medication, session
 * times, modality/frequency, test results or a clinical summary (45 CFR 164.501) is asked
 * of the compliance linter, and such a sentence always goes to the progress note.
 */

export type CueSide = 'process' | 'record';

export interface SplitCue {
  /** Stable id; reasons read `process/<id>` or `record/<id>`. */
  readonly id: string;
  readonly side: CueSide;
  /** How much one match counts (each cue counts once per sentence). */
  readonly weight: number;
  readonly pattern: RegExp;
  /**
   * `outside-quotes`: match only text outside quotation marks, so a client's quoted "I feel"
   * is not mistaken for the clinician's own first person.
   */
  readonly scope: 'all' | 'outside-quotes';
  readonly description: string;
}

/** Score at or above which a sentence is routed to the psychotherapy note. */
export const PSYCHOTHERAPY_THRESHOLD = 2;

const CLINICIAN = String.raw`(?:I|this (?:writer|clinician|therapist|counselor)|writer|clinician)`;

export const SPLIT_CUES: readonly SplitCue[] = [
  // ── Process material: the clinician's own reactions ───────────────────────────────────
  {
    id: 'clinician-feeling',
    side: 'process',
    weight: 4,
    scope: 'outside-quotes',
    pattern: new RegExp(
      String.raw`\b${CLINICIAN}\s+(?:also\s+|then\s+)?(?:felt|feel|was (?:aware|moved|struck|bored|irritated|annoyed|angry|sad|touched|frustrated|uncomfortable|anxious|relieved)|am (?:aware|not sure|left)|noticed (?:feeling|myself|my)|notice I|found myself|caught myself|flinched|dread|deflected|had (?:the|an) urge|should explore|'m not sure|am not sure|like her|like him)`,
      'i',
    ),
    description: "the clinician's own feelings or reactions",
  },
  {
    id: 'clinician-own',
    side: 'process',
    weight: 3,
    scope: 'outside-quotes',
    pattern: /\b(?:my (?:own |)(?:reaction|frustration|anxiety|grief|impatience|reluctance|chest|countertransference|feelings?|urge|wish|role|words)|(?:felt|feel|feeling) (?:useless|deskilled|invisible|manipulated|guilty|defensive|envious|protective|heavy|like (?:I|a|talking))|the urge to|I'm left with|I am left with)\b/i,
    description: "the clinician's own state",
  },
  {
    id: 'countertransference',
    side: 'process',
    weight: 5,
    scope: 'all',
    pattern: /\bcounter-?transference\b/i,
    description: 'countertransference named',
  },
  {
    id: 'transference-dynamics',
    side: 'process',
    weight: 4,
    scope: 'all',
    pattern: /\b(?:transference|projective identification|enactment|parallel process|splits? (?:staff|people)|idealiz\w*|oedipal|displaced|defen[cs]e against|re-?enact\w*|relating to me|rupture|colluding|testing (?:whether|boundaries|me)|being tested|invitation to|self-punishment|flight into health)\b/i,
    description: 'transference, defences or relational dynamics',
  },
  {
    id: 'hypothesis',
    side: 'process',
    weight: 3,
    scope: 'outside-quotes',
    pattern: /\b(?:I (?:wonder|suspect|think|hypothesi[sz]e|am curious|sense)|wonder(?:ing|ed)? (?:if|whether)|hypothesis|working theory|speculation|my sense is|it occurs to me|perhaps|maybe|might be|may be (?:relating|protecting|re-?enacting|a way)|it seems possible|could (?:the|this|it|that|her|his)\b[^.?!]{0,60}\bbe\b|seems to need|as if to)\b/i,
    description: 'hypothesis or speculation',
  },
  {
    id: 'meaning',
    side: 'process',
    weight: 2,
    scope: 'all',
    pattern: /\b(?:unconscious(?:ly)?|symboli[cs]m?|as if|a way of|in order to avoid|says something about|felt (?:like|significant)|something shifted|struck by|felt like a)\b/i,
    description: 'interpretation of meaning',
  },
  {
    id: 'open-question',
    side: 'process',
    weight: 2,
    scope: 'outside-quotes',
    pattern: /\?\s*$/,
    description: "a question the clinician asks themself",
  },
  // ── Process material: what was said, in detail ────────────────────────────────────────
  {
    id: 'long-quotation',
    side: 'process',
    weight: 3,
    scope: 'all',
    pattern: /["“][^"”]*(?:\S+\s+){5,}[^"”]*["”]/,
    description: 'verbatim speech of six words or more',
  },
  {
    id: 'dialogue',
    side: 'process',
    weight: 3,
    scope: 'outside-quotes',
    pattern: /\b(?:I said|I asked|then I|me: |her: |him: |exchange:|client's words|word for word)/i,
    description: 'dialogue in the session',
  },
  {
    id: 'narrative-disclosure',
    side: 'process',
    weight: 2,
    scope: 'outside-quotes',
    pattern: /\b(?:s?he|they) (?:said|says|told (?:me|the story)|whispered|confided|admitted|revealed|recounted|described in (?:great )?detail|described a|went into (?:great )?detail|spoke (?:about|as if)|talked about|shared that|asked about my|kept (?:checking|apologizing)|watched|looked at|brought me|laughed|has never told)\b/i,
    description: 'narrative of what the client said or did in the room',
  },
  {
    id: 'dream-fantasy',
    side: 'process',
    weight: 4,
    scope: 'all',
    pattern: /\b(?:dream(?:ed|t|s)?|fantas(?:y|ies|ize[sd]?)|imagines)\b/i,
    description: 'dreams and fantasies',
  },
  {
    id: 'sensitive-detail',
    side: 'process',
    weight: 3,
    scope: 'all',
    pattern: /\b(?:sexual|affair|attracted to|rape|abuse occurred|gave up for adoption|came into her room|never (?:once )?said|never told anyone|secret|ashamed)\b/i,
    description: 'sensitive detail not needed in the record',
  },
  {
    id: 'supervision-self-note',
    side: 'process',
    weight: 4,
    scope: 'all',
    pattern: /\b(?:bring to supervision|ask (?:my )?supervisor|my supervisor|supervisor whether|discuss with consultant|note to self|private reflection|my own therapy|remember the|keep an eye on how I|come back to it|need to sit with|next time, notice)\b/i,
    description: "a note to self or for the clinician's supervision",
  },
  {
    id: 'first-person',
    side: 'process',
    weight: 1,
    scope: 'outside-quotes',
    pattern: /(?:^|[^\p{L}])(?:I|me|my|myself|I'm|I'd)(?![\p{L}])/u,
    description: 'the clinician writing in the first person',
  },
  // ── Record material ───────────────────────────────────────────────────────────────────
  {
    id: 'client-report',
    side: 'record',
    weight: 2,
    scope: 'outside-quotes',
    pattern: /\b(?:client|pt|patient|clt|she|he|they|mother|father|parent)(?:'s)?\s+(?:\w+\s+)?(?:reports?|reported|endorse[sd]?|denie[sd]|deny|verbalized|identified|agreed|stated?|states|discussed|rated|completed|attended|arrived|cancell?ed|signed|brought (?:her|his|their) completed|engaged|was (?:cooperative|informed|\d+ minutes late)|appeared|describes|continues|remains|is (?:a|able|making|progressing)|has (?:not yet|shown|had no))\b/i,
    description: "the client's report or conduct, summarised",
  },
  {
    id: 'clinical-subject',
    side: 'record',
    weight: 1.5,
    scope: 'all',
    pattern: /^(?:client|pt|patient|clt)\b/i,
    description: 'a sentence about the client in record style',
  },
  {
    id: 'mental-status',
    side: 'record',
    weight: 3,
    scope: 'outside-quotes',
    pattern: /\b(?:affect|mood|oriented|A&?Ox\d|eye contact|speech|thought (?:process|content)|insight|judgment|groomed|dressed|appearance|psychomotor|cooperative|calm|hallucinations?|AVH|linear|goal-directed|fatigued)\b/i,
    description: 'mental status observation',
  },
  {
    id: 'risk',
    side: 'record',
    weight: 3,
    scope: 'all',
    pattern: /\b(?:SI|HI|suicid\w*|homicid\w*|self-harm|self harm|safety plan|crisis line|risk)\b/,
    description: 'risk screening',
  },
  {
    id: 'intervention',
    side: 'record',
    weight: 2,
    scope: 'all',
    pattern: /\b(?:psychoeducation|practiced|role-?played|reviewed|provided|taught|assigned|homework|skills?|coping|intervention|exercise|worksheet|thought records?|exposures?|breathing|relaxation|grounding|cognitive restructuring)\b/i,
    description: 'intervention delivered',
  },
  {
    id: 'plan-follow-up',
    side: 'record',
    weight: 2,
    scope: 'all',
    pattern: /\b(?:will (?:continue|follow|contact|meet|call|return|complete)|next (?:session|appointment|appt)|follow[- ]?up|f\/u|scheduled|refer(?:red|ral)?|plan|goals?)\b/i,
    description: 'plan, follow-up or goal',
  },
  {
    id: 'coordination',
    side: 'record',
    weight: 3,
    scope: 'all',
    pattern: /\b(?:consulted with|collateral|release of information|ROI|PCP|primary care|psychiatrist|prescriber|counselor|permission|consent|interpreter|confidentiality|referred)\b/i,
    description: 'coordination of care, consent or administration',
  },
  {
    id: 'attendance',
    side: 'record',
    weight: 2,
    scope: 'all',
    pattern: /\b(?:cancell?ed|no-show|on time|late (?:for|to)|\d+ minutes late|appointment)\b/i,
    description: 'attendance',
  },
  {
    id: 'symptoms-function',
    side: 'record',
    weight: 1.5,
    scope: 'outside-quotes',
    pattern: /\b(?:symptoms?|sx|sleep\w*|slept|appetite|panic|nightmares?|flashbacks?|concentration|energy|anhedonia|functioning|irritability|drinking|low mood|worry)\b/i,
    description: 'symptoms or functioning',
  },
  {
    id: 'measurement',
    side: 'record',
    weight: 2,
    scope: 'all',
    pattern: /\b(?:scored?|rated|\d+\/10)\b/i,
    description: 'a rating or score',
  },
];
