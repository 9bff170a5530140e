/**
 * The release rules as data: one row per requester type, one rule per class of record,
 * each with its citation. `decide.ts` reads this table; no other code holds these rules.
 *
 * Sources: ../shared/reference/hipaa-facts.md §2 (164.508), §3 (164.524), §4 (164.512(e)),
 * §5 (164.528), §6 (minimum necessary). Points that source marks UNVERIFIED are decided
 * conservatively and surfaced as caveats; see docs/disclosure.md.
 */
import type { DisclosureRequest, Problem, RequesterType } from './request.ts';

/** Request details a rule can depend on, each a pure predicate with what to say when unmet. */
export const CONDITION_IDS = [
  'representative-verified',
  'subpoena-assurance',
  'order-names-progress-notes',
  'order-names-psychotherapy-notes',
  'oversight-of-originator',
  'no-self-pay-restriction',
  'ai-consent',
] as const;
export type ConditionId = (typeof CONDITION_IDS)[number];

export interface Condition {
  readonly holds: (request: DisclosureRequest) => boolean;
  /** The answer when the condition does not hold (before any authorization is considered). */
  readonly unmet: {
    readonly basis: string;
    readonly explanation: string;
    readonly problem?: Omit<Problem, 'authorizationId'>;
  };
}

export const CONDITIONS: Readonly<Record<ConditionId, Condition>> = {
  'representative-verified': {
    holds: (r) => r.representative?.authorityVerified === true,
    unmet: {
      basis: '45 CFR 164.502(g); 164.514(h)',
      explanation:
        "A personal representative has the client's right of access only once their authority under state law is verified and documented. A parent is not a minor's representative where the minor consented to their own care or the parent agreed to confidentiality (45 CFR 164.502(g)(3)).",
      problem: {
        code: 'representative-authority-unverified',
        element: 'representative.authorityVerified',
        message: "The representative's authority has not been verified (45 CFR 164.502(g), 164.514(h)); verify it before releasing anything.",
      },
    },
  },
  'subpoena-assurance': {
    holds: (r) => (r.subpoena?.satisfactoryAssurance ?? 'none') !== 'none',
    unmet: {
      basis: '45 CFR 164.512(e)(1)(ii)',
      explanation:
        'A subpoena without a court order may be answered only with written satisfactory assurance that the client was notified and could object, or that a qualified protective order was sought. There is none, so nothing may be released on the subpoena.',
      problem: {
        code: 'no-satisfactory-assurance',
        element: 'subpoena.satisfactoryAssurance',
        message:
          'The subpoena came without satisfactory assurance of notice to the client or of a qualified protective order (45 CFR 164.512(e)(1)(ii)(A), (B)). Ask the requester for it, or for the client\'s authorization, or object.',
      },
    },
  },
  'order-names-progress-notes': {
    holds: (r) => r.courtOrder?.coversProgressNotes === true,
    unmet: {
      basis: '45 CFR 164.512(e)(1)(i)',
      explanation: 'A court order allows release only of what it expressly names, and this order does not name the chart or progress notes (or its details were not recorded).',
      problem: {
        code: 'court-order-details-missing',
        element: 'courtOrder',
        message: 'Record what the court order names (courtOrder.coversProgressNotes, courtOrder.coversPsychotherapyNotes); nothing is released on an order whose scope is unknown (45 CFR 164.512(e)(1)(i)).',
      },
    },
  },
  'order-names-psychotherapy-notes': {
    holds: (r) => r.courtOrder?.coversPsychotherapyNotes === true,
    unmet: {
      basis: '45 CFR 164.508(a)(2); 164.512(e)(1)(i)',
      explanation:
        'A court order moves psychotherapy notes only when it expressly names them. This one does not, so they need a psychotherapy-notes authorization.',
      problem: {
        code: 'court-order-details-missing',
        element: 'courtOrder',
        message: 'Record what the court order names (courtOrder.coversProgressNotes, courtOrder.coversPsychotherapyNotes); nothing is released on an order whose scope is unknown (45 CFR 164.512(e)(1)(i)).',
      },
    },
  },
  'oversight-of-originator': {
    holds: (r) => r.oversight?.ofOriginator === true,
    unmet: {
      basis: '45 CFR 164.508(a)(2)(ii); 164.512(d)',
      explanation:
        "Health oversight is an exception for psychotherapy notes only when the agency is overseeing the notes' author (for example a licensing board investigating that clinician). This oversight is not of the author, so the notes need a psychotherapy-notes authorization.",
    },
  },
  'no-self-pay-restriction': {
    holds: (r) => r.payer?.selfPayRestriction !== true,
    unmet: {
      basis: '45 CFR 164.522(a)(1)(vi)',
      explanation:
        'The client paid in full out of pocket and asked that the health plan not receive this information; the practice must honour that restriction for payment and operations.',
      problem: {
        code: 'self-pay-restriction',
        element: 'payer.selfPayRestriction',
        message: 'The client restricted disclosure to the health plan for services they paid for in full (45 CFR 164.522(a)(1)(vi)).',
      },
    },
  },
  'ai-consent': {
    holds: (r) => r.languageModel?.clientConsent === true,
    unmet: {
      basis: '45 CFR 164.506(c)(1); Notewall policy (client AI consent)',
      explanation:
        "Notewall sends a draft to a language model only when the client's consent to AI assistance is recorded and not revoked. There is none, so the draft stays on this machine.",
      problem: {
        code: 'no-ai-consent',
        element: 'languageModel.clientConsent',
        message: "Record the client's consent to language-model assistance before sending a draft to a model.",
      },
    },
  },
};

/** A class of record may leave on this basis, possibly only when a condition holds. */
export interface PermitRule {
  readonly effect: 'permit';
  readonly basis: string;
  readonly explanation: string;
  readonly when?: ConditionId;
  readonly minimumNecessary: boolean;
  /** Why minimum necessary does or does not apply, with its citation. */
  readonly minimumNecessaryWhy: string;
  readonly accountable: boolean;
  /** Why the accounting does or does not need an entry, with its citation. */
  readonly accountingWhy: string;
  readonly caveats?: readonly string[];
  /** When the rule does not permit (condition unmet), a valid fitting authorization may still. */
  readonly authorizationMayCure: boolean;
}

/** No basis to release this class; perhaps an authorization can supply one. */
export interface DenyRule {
  readonly effect: 'deny';
  readonly basis: string;
  readonly explanation: string;
  readonly caveats?: readonly string[];
  readonly authorizationMayCure: boolean;
}

export type ClassRule = PermitRule | DenyRule;

export interface RequesterRule {
  /** The row's governing citation. */
  readonly citation: string;
  readonly progressNotes: ClassRule;
  readonly psychotherapyNotes: ClassRule;
  /** Which response clock runs for this requester, if any. */
  readonly deadline?: 'access';
}

// Shared wording, so the same rule is explained the same way in every row.
const MN_APPLIES = 'Minimum necessary applies (45 CFR 164.502(b), 164.514(d)): send only what the purpose needs, never the whole record without a specific reason.';
const MN_TREATMENT = 'Minimum necessary does not apply to disclosures to a provider for treatment (45 CFR 164.502(b)(2)(i)).';
const MN_INDIVIDUAL = 'Minimum necessary does not apply to disclosures to the client (45 CFR 164.502(b)(2)(ii)).';
const MN_HHS = 'Minimum necessary does not apply to disclosures to HHS for enforcement (45 CFR 164.502(b)(2)(iv)).';
const MN_ORDER = 'The order sets the scope: release exactly what it names and nothing more (45 CFR 164.512(e)(1)(i)); disclosures required by law are outside minimum necessary (45 CFR 164.502(b)(2)(v)).';
const ACC_TPO = 'Treatment, payment and health care operations are excluded from the accounting (45 CFR 164.528(a)(1)(i)).';
const ACC_INDIVIDUAL = 'Disclosures to the client are excluded from the accounting (45 CFR 164.528(a)(1)(ii)).';
const ACC_512 = 'This 164.512 disclosure must be entered in the accounting of disclosures: date, recipient, description and purpose (45 CFR 164.528(a), (b)(2)).';
const ACC_HHS = 'Disclosures to HHS are not among the exclusions in 45 CFR 164.528(a)(1), so the gate records them in the accounting.';
/** Said whenever psychotherapy notes may leave: the author's approval and key are needed. */
export const AUTHOR_APPROVAL_NOTE = 'The author must approve the release and unlock the notes with their key; records staff never see their content.';
const PRIVILEGE = 'State law or psychotherapist-patient privilege (e.g. Jaffee v. Redmond) may bar production even where HIPAA permits it; consider legal review and an objection.';

const ACCESS_PSYCHOTHERAPY_DENY: DenyRule = {
  effect: 'deny',
  basis: '45 CFR 164.524(a)(1)(i); 164.524(a)(2)(i)',
  explanation:
    'Psychotherapy notes are excluded from the right of access, and this denial cannot be reviewed. Give the rest of what was asked for. An authorization does not change this.',
  caveats: ['Some state laws give clients access to psychotherapy notes; check state law before answering.'],
  authorizationMayCure: false,
};

const NEEDS_PSYCHOTHERAPY_AUTHORIZATION = (why: string, caveats?: readonly string[]): DenyRule => ({
  effect: 'deny',
  basis: '45 CFR 164.508(a)(2)',
  explanation: `${why} Psychotherapy notes need the client's separate psychotherapy-notes authorization for any disclosure outside the few exceptions in 45 CFR 164.508(a)(2).`,
  ...(caveats ? { caveats } : {}),
  authorizationMayCure: true,
});

/**
 * The rule table. Every requester type has exactly one row (the type makes a missing row a
 * compile error).
 */
export const REQUESTER_RULES: Readonly<Record<RequesterType, RequesterRule>> = {
  individual: {
    citation: '45 CFR 164.524',
    deadline: 'access',
    progressNotes: {
      effect: 'permit',
      basis: '45 CFR 164.524(a)(1)',
      explanation: 'The client has a right to a copy of their chart, including progress notes, in the form they ask for if it is readily producible.',
      minimumNecessary: false,
      minimumNecessaryWhy: MN_INDIVIDUAL,
      accountable: false,
      accountingWhy: ACC_INDIVIDUAL,
      caveats: ['A licensed professional may deny parts on a reviewable ground (45 CFR 164.524(a)(3)), such as danger to life or safety; the client may then ask for review.'],
      authorizationMayCure: false,
    },
    psychotherapyNotes: ACCESS_PSYCHOTHERAPY_DENY,
  },
  'personal-representative': {
    citation: '45 CFR 164.502(g); 164.524',
    deadline: 'access',
    progressNotes: {
      effect: 'permit',
      when: 'representative-verified',
      basis: '45 CFR 164.524(a)(1); 164.502(g)',
      explanation: "A verified personal representative stands in the client's shoes and has the client's right of access to the chart.",
      minimumNecessary: false,
      minimumNecessaryWhy: MN_INDIVIDUAL,
      accountable: false,
      accountingWhy: ACC_INDIVIDUAL,
      caveats: ['Access may be denied, with review, if a licensed professional judges that access by this representative is reasonably likely to cause substantial harm (45 CFR 164.524(a)(3)(iii)).'],
      authorizationMayCure: false,
    },
    psychotherapyNotes: ACCESS_PSYCHOTHERAPY_DENY,
  },
  'provider-treatment': {
    citation: '45 CFR 164.506(c)(2); 164.508(a)(2)',
    progressNotes: {
      effect: 'permit',
      basis: '45 CFR 164.506(c)(2)',
      explanation: 'Another provider may receive the chart for the treatment of this client without an authorization.',
      minimumNecessary: false,
      minimumNecessaryWhy: MN_TREATMENT,
      accountable: false,
      accountingWhy: ACC_TPO,
      authorizationMayCure: true,
    },
    psychotherapyNotes: NEEDS_PSYCHOTHERAPY_AUTHORIZATION('Treatment by another provider is not an exception.'),
  },
  payer: {
    citation: '45 CFR 164.506(c); 164.508(a)(2)',
    progressNotes: {
      effect: 'permit',
      when: 'no-self-pay-restriction',
      basis: '45 CFR 164.506(c)(1), (c)(3)',
      explanation: 'A payer may receive what it needs for payment of this client\'s claims without an authorization.',
      minimumNecessary: true,
      minimumNecessaryWhy: MN_APPLIES,
      accountable: false,
      accountingWhy: ACC_TPO,
      authorizationMayCure: true,
    },
    psychotherapyNotes: NEEDS_PSYCHOTHERAPY_AUTHORIZATION('Payment is not an exception.', [
      'A payer may not make treatment, payment, enrollment or eligibility depend on signing a psychotherapy-notes authorization (45 CFR 164.508(b)(4)); the health-plan exception to that rule reportedly excludes psychotherapy notes (UNVERIFIED; the gate does not rely on it).',
    ]),
  },
  'attorney-subpoena': {
    citation: '45 CFR 164.512(e)(1)(ii); 164.508(a)(2)',
    progressNotes: {
      effect: 'permit',
      when: 'subpoena-assurance',
      basis: '45 CFR 164.512(e)(1)(ii)',
      explanation: 'The subpoena came with written satisfactory assurance (notice to the client with the time to object passed, or a qualified protective order), so the chart may be released in answer to it.',
      minimumNecessary: true,
      minimumNecessaryWhy: MN_APPLIES,
      accountable: true,
      accountingWhy: ACC_512,
      caveats: [PRIVILEGE],
      authorizationMayCure: true,
    },
    psychotherapyNotes: NEEDS_PSYCHOTHERAPY_AUTHORIZATION(
      'A subpoena without a court order never moves psychotherapy notes: 164.512(e) is not among the exceptions.',
      [PRIVILEGE],
    ),
  },
  'court-order': {
    citation: '45 CFR 164.512(e)(1)(i); 164.512(a); 164.508(a)(2)(ii)',
    progressNotes: {
      effect: 'permit',
      when: 'order-names-progress-notes',
      basis: '45 CFR 164.512(e)(1)(i)',
      explanation: 'A court order allows release of what it expressly names, and it names the chart.',
      minimumNecessary: false,
      minimumNecessaryWhy: MN_ORDER,
      accountable: true,
      accountingWhy: ACC_512,
      caveats: [PRIVILEGE],
      authorizationMayCure: true,
    },
    psychotherapyNotes: {
      effect: 'permit',
      when: 'order-names-psychotherapy-notes',
      basis: '45 CFR 164.508(a)(2)(ii); 164.512(a); 164.512(e)(1)(i)',
      explanation:
        'The order expressly names psychotherapy notes, so producing them is required by law, which is an exception to the authorization requirement.',
      minimumNecessary: false,
      minimumNecessaryWhy: MN_ORDER,
      accountable: true,
      accountingWhy: ACC_512,
      caveats: [
        'UNVERIFIED: that a court order naming psychotherapy notes is "required by law" under 164.512(a) is the common reading; HHS has not said so explicitly. Get legal review before release.',
        PRIVILEGE,
      ],
      authorizationMayCure: true,
    },
  },
  'authorized-third-party': {
    citation: '45 CFR 164.508(a)(1), (a)(2)',
    progressNotes: {
      effect: 'deny',
      basis: '45 CFR 164.508(a)(1)',
      explanation: 'A third party with no other basis may receive the chart only under a valid general authorization that names them.',
      authorizationMayCure: true,
    },
    psychotherapyNotes: NEEDS_PSYCHOTHERAPY_AUTHORIZATION('A third party has no exception of its own.'),
  },
  'health-oversight': {
    citation: '45 CFR 164.512(d); 164.508(a)(2)(ii)',
    progressNotes: {
      effect: 'permit',
      basis: '45 CFR 164.512(d)(1)',
      explanation: 'A health oversight agency (such as a licensing board) may receive the chart for its authorized oversight activities.',
      minimumNecessary: true,
      minimumNecessaryWhy: MN_APPLIES,
      accountable: true,
      accountingWhy: `${ACC_512} The agency may ask in writing that the entry be withheld from the client for a time (45 CFR 164.528(a)(2)).`,
      authorizationMayCure: true,
    },
    psychotherapyNotes: {
      effect: 'permit',
      when: 'oversight-of-originator',
      basis: '45 CFR 164.508(a)(2)(ii); 164.512(d)',
      explanation: "The agency is overseeing the notes' author, which is an exception to the authorization requirement.",
      minimumNecessary: true,
      minimumNecessaryWhy: MN_APPLIES,
      accountable: true,
      accountingWhy: `${ACC_512} The agency may ask in writing that the entry be withheld from the client for a time (45 CFR 164.528(a)(2)).`,
      authorizationMayCure: true,
    },
  },
  coroner: {
    citation: '45 CFR 164.512(g)(1); 164.508(a)(2)(ii)',
    progressNotes: {
      effect: 'permit',
      basis: '45 CFR 164.512(g)(1)',
      explanation: 'A coroner or medical examiner may receive records to identify a deceased person, determine a cause of death, or for other duties the law gives them.',
      minimumNecessary: true,
      minimumNecessaryWhy: MN_APPLIES,
      accountable: true,
      accountingWhy: ACC_512,
      authorizationMayCure: true,
    },
    psychotherapyNotes: {
      effect: 'permit',
      basis: '45 CFR 164.508(a)(2)(ii); 164.512(g)(1)',
      explanation: 'Disclosure to a coroner or medical examiner is an exception to the authorization requirement.',
      minimumNecessary: true,
      minimumNecessaryWhy: MN_APPLIES,
      accountable: true,
      accountingWhy: ACC_512,
      authorizationMayCure: true,
    },
  },
  'serious-threat': {
    citation: '45 CFR 164.512(j)(1)(i); 164.508(a)(2)(ii)',
    progressNotes: {
      effect: 'permit',
      basis: '45 CFR 164.512(j)(1)(i)',
      explanation:
        'On a good-faith belief that it is needed to prevent or lessen a serious and imminent threat to someone\'s health or safety, records may go to a person reasonably able to prevent or lessen it.',
      minimumNecessary: true,
      minimumNecessaryWhy: MN_APPLIES,
      accountable: true,
      accountingWhy: ACC_512,
      caveats: ['State duty-to-warn or duty-to-protect law may require or limit this disclosure.'],
      authorizationMayCure: true,
    },
    psychotherapyNotes: {
      effect: 'permit',
      basis: '45 CFR 164.508(a)(2)(ii); 164.512(j)(1)(i)',
      explanation: 'A serious and imminent threat is an exception to the authorization requirement; share only what is needed to prevent or lessen it.',
      minimumNecessary: true,
      minimumNecessaryWhy: MN_APPLIES,
      accountable: true,
      accountingWhy: ACC_512,
      caveats: ['State duty-to-warn or duty-to-protect law may require or limit this disclosure.'],
      authorizationMayCure: true,
    },
  },
  hhs: {
    citation: '45 CFR 164.502(a)(2)(ii); 164.508(a)(2)(ii)',
    progressNotes: {
      effect: 'permit',
      basis: '45 CFR 164.502(a)(2)(ii)',
      explanation: 'The practice must give HHS what it needs to investigate or review HIPAA compliance.',
      minimumNecessary: false,
      minimumNecessaryWhy: MN_HHS,
      accountable: true,
      accountingWhy: ACC_HHS,
      authorizationMayCure: true,
    },
    psychotherapyNotes: {
      effect: 'permit',
      basis: '45 CFR 164.508(a)(2)(ii); 164.502(a)(2)(ii)',
      explanation: 'Disclosure to HHS for a compliance investigation or review is an exception to the authorization requirement.',
      minimumNecessary: false,
      minimumNecessaryWhy: MN_HHS,
      accountable: true,
      accountingWhy: ACC_HHS,
      authorizationMayCure: true,
    },
  },
  'originator-treatment': {
    citation: '45 CFR 164.508(a)(2)(i)(A); 164.506(c)(1)',
    progressNotes: {
      effect: 'permit',
      basis: '45 CFR 164.506(c)(1)',
      explanation: 'The treating clinician may use the chart to treat the client.',
      minimumNecessary: false,
      minimumNecessaryWhy: 'This is a use by the treating provider for treatment; minimum necessary does not limit treatment (45 CFR 164.502(b)(2)(i)).',
      accountable: false,
      accountingWhy: `${ACC_TPO} It is a use inside the practice, not a disclosure.`,
      authorizationMayCure: true,
    },
    psychotherapyNotes: {
      effect: 'permit',
      basis: '45 CFR 164.508(a)(2)(i)(A)',
      explanation: 'The author may use their own psychotherapy notes to treat the client without an authorization.',
      minimumNecessary: false,
      minimumNecessaryWhy: 'This is the author\'s own use for treatment (45 CFR 164.502(b)(2)(i)).',
      accountable: false,
      accountingWhy: `${ACC_TPO} It is a use inside the practice, not a disclosure.`,
      authorizationMayCure: true,
    },
  },
  training: {
    citation: '45 CFR 164.508(a)(2)(i)(B); 164.506(c)(1)',
    progressNotes: {
      effect: 'permit',
      basis: '45 CFR 164.506(c)(1)',
      explanation: "The practice's own supervised training programs are health care operations (45 CFR 164.501).",
      minimumNecessary: true,
      minimumNecessaryWhy: `${MN_APPLIES} De-identify teaching material where you can.`,
      accountable: false,
      accountingWhy: ACC_TPO,
      authorizationMayCure: true,
    },
    psychotherapyNotes: {
      effect: 'permit',
      basis: '45 CFR 164.508(a)(2)(i)(B)',
      explanation:
        "Use in the practice's own supervised training program, where mental-health students, trainees or practitioners learn to counsel, is an exception to the authorization requirement.",
      minimumNecessary: true,
      minimumNecessaryWhy: `${MN_APPLIES} De-identify teaching material where you can.`,
      accountable: false,
      accountingWhy: ACC_TPO,
      authorizationMayCure: true,
    },
  },
  // A model operated for the practice (on its own machine, or by a business associate under
  // a BAA, 45 CFR 164.502(e), 164.504(e)) rephrasing the treating clinician's own draft.
  'language-model': {
    citation: '45 CFR 164.506(c)(1); 164.502(e); 164.508(a)(2)',
    progressNotes: {
      effect: 'permit',
      when: 'ai-consent',
      basis: '45 CFR 164.506(c)(1); 164.502(e)',
      explanation:
        "The composed draft may go to a language model run for the practice (locally or by a business associate under a BAA) to be rephrased for the treating clinician, because the client's AI consent is recorded.",
      minimumNecessary: true,
      minimumNecessaryWhy: 'Only the composed draft of this one note is sent, never the rest of the chart (45 CFR 164.502(b), 164.514(d)).',
      accountable: false,
      accountingWhy: 'A use for treatment and operations through a business associate is not in the accounting (45 CFR 164.528(a)(1)(i)).',
      authorizationMayCure: false,
    },
    psychotherapyNotes: {
      effect: 'deny',
      basis: '45 CFR 164.508(a)(2)',
      explanation:
        'Psychotherapy notes never enter a language-model prompt: no 164.508(a)(2) exception covers sending them to a model, and Notewall never does.',
      authorizationMayCure: false,
    },
  },
  'legal-defense': {
    citation: '45 CFR 164.508(a)(2)(i)(C); 164.506(c)(1)',
    progressNotes: {
      effect: 'permit',
      basis: '45 CFR 164.506(c)(1)',
      explanation: 'A practice that is a party to a proceeding may use and disclose the chart for its defence as health care operations (legal services).',
      minimumNecessary: true,
      minimumNecessaryWhy: MN_APPLIES,
      accountable: false,
      accountingWhy: ACC_TPO,
      authorizationMayCure: true,
    },
    psychotherapyNotes: {
      effect: 'permit',
      basis: '45 CFR 164.508(a)(2)(i)(C)',
      explanation: 'Defending the practice in a legal action or other proceeding the client brought is an exception to the authorization requirement.',
      minimumNecessary: true,
      minimumNecessaryWhy: MN_APPLIES,
      accountable: false,
      accountingWhy: ACC_TPO,
      authorizationMayCure: true,
    },
  },
};

/** Requester types with a right to an accounting of disclosures (45 CFR 164.528(a)). */
export const ACCOUNTING_REQUESTERS: readonly RequesterType[] = ['individual', 'personal-representative'];

/** How a release under a valid authorization is answered, per class. */
export const UNDER_AUTHORIZATION = {
  progressNotes: {
    basis: '45 CFR 164.508(a)(1)',
    explanation: 'Released under a valid authorization that names this recipient; its description of the information sets what may go.',
  },
  psychotherapyNotes: {
    basis: '45 CFR 164.508(a)(2)',
    explanation: 'Released under a valid psychotherapy-notes authorization that names this recipient; its description of the notes sets what may go.',
  },
  minimumNecessaryWhy: 'Minimum necessary does not apply to a disclosure under a valid authorization; the authorization\'s scope governs (45 CFR 164.502(b)(2)(iii)).',
  accountingWhy: 'Disclosures under an authorization are excluded from the accounting (45 CFR 164.528(a)(1)(iv)).',
} as const;
