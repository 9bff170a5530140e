/**
 * Authorizations (45 CFR 164.508) and their validation.
 *
 * A defective authorization authorizes nothing (164.508(b)(2)). The validator reports every
 * defect it finds, each naming the element or statement at fault, so records staff know
 * exactly what to ask the client to fix. Elements are optional in the schema on purpose: a
 * form with a blank element is a real, recordable document that the gate must refuse with
 * a reason, not a parse error.
 */
import { z } from 'zod';
import { IsoDate } from '../notes/model.ts';
import type { DisclosureRequest, Problem, RecordClass } from './request.ts';

/**
 * `general`: any release-of-information authorization other than one for psychotherapy
 * notes. `psychotherapy-notes`: the separate form 164.508(a)(2) requires; it may be
 * combined only with another psychotherapy-notes authorization (164.508(b)(3)(ii)).
 */
export const AUTHORIZATION_KINDS = ['general', 'psychotherapy-notes'] as const;
export const AuthorizationKind = z.enum(AUTHORIZATION_KINDS);
export type AuthorizationKind = z.infer<typeof AuthorizationKind>;

export const SIGNER_ROLES = ['individual', 'personal-representative'] as const;

const FormText = z.string().max(2000);

/** The 164.508(c)(2) statements, each true when the form contains it. */
export const RequiredStatements = z.strictObject({
  /** (c)(2)(i): right to revoke in writing, and how (or a pointer to the notice of privacy practices). */
  rightToRevoke: z.boolean().default(false),
  /** (c)(2)(ii): whether treatment, payment, enrollment or eligibility may be conditioned on signing. */
  conditioning: z.boolean().default(false),
  /** (c)(2)(iii): information disclosed may be redisclosed and lose Privacy Rule protection. */
  redisclosure: z.boolean().default(false),
});

/** A signed (or attempted) authorization as recorded by records staff. */
export const Authorization = z.strictObject({
  id: z.string().trim().min(1).max(100),
  kind: AuthorizationKind,
  /** (c)(1)(i): the information, described specifically and meaningfully. */
  description: FormText.optional(),
  /** (c)(1)(ii): who may disclose. */
  discloser: FormText.optional(),
  /** (c)(1)(iii): who may receive. */
  recipient: FormText.optional(),
  /** (c)(1)(iv): each purpose ("at the request of the individual" suffices when they start it). */
  purpose: FormText.optional(),
  /** (c)(1)(v): an expiration date, or ... */
  expiresOn: IsoDate.optional(),
  /** ... an expiration event tied to the individual or the purpose. */
  expirationEvent: FormText.optional(),
  /** (b)(2)(i): the practice knows the expiration event has happened. */
  expirationEventOccurred: z.boolean().default(false),
  /** (c)(1)(vi): signature (the signer's name as signed). */
  signedBy: FormText.optional(),
  /** (c)(1)(vi): date of signature. */
  signedOn: IsoDate.optional(),
  signerRole: z.enum(SIGNER_ROLES).default('individual'),
  /** (c)(1)(vi): description of a personal representative's authority. */
  representativeAuthority: FormText.optional(),
  statements: RequiredStatements.prefault({}),
  /**
   * (b)(3): combined into one document with something the rule does not allow: for a
   * psychotherapy-notes authorization, anything but another psychotherapy-notes
   * authorization; for a general one, a document that is not an authorization (e.g. a
   * consent to treat).
   */
  combinedWithOther: z.boolean().default(false),
  /** A general form with a "psychotherapy notes" checkbox ticked: a (b)(3)(ii) compound. */
  includesPsychotherapyNotes: z.boolean().default(false),
  /** (b)(4): treatment, payment, enrollment or eligibility was improperly conditioned on signing. */
  improperlyConditioned: z.boolean().default(false),
  /** (b)(5): the day the written revocation was received. Not retroactive. */
  revokedOn: IsoDate.optional(),
  /** (b)(2)(v): the practice knows material information in it is false. */
  knownFalse: z.boolean().default(false),
});
export type Authorization = z.infer<typeof Authorization>;
export type AuthorizationInput = z.input<typeof Authorization>;

/** Which authorization kind can move each class of record. */
export const KIND_FOR_CLASS: Readonly<Record<RecordClass, AuthorizationKind>> = {
  progressNotes: 'general',
  psychotherapyNotes: 'psychotherapy-notes',
};

type TextElement = 'description' | 'discloser' | 'recipient' | 'purpose';

/** The 164.508(c)(1) text elements, as data: field, citation, plain-words name. */
const TEXT_ELEMENTS: ReadonlyArray<{ field: TextElement; cite: string; words: string }> = [
  { field: 'description', cite: '164.508(c)(1)(i)', words: 'a specific description of the information to be disclosed' },
  { field: 'discloser', cite: '164.508(c)(1)(ii)', words: 'who may make the disclosure' },
  { field: 'recipient', cite: '164.508(c)(1)(iii)', words: 'who may receive the information' },
  { field: 'purpose', cite: '164.508(c)(1)(iv)', words: 'the purpose of the disclosure' },
];

type StatementKey = keyof z.infer<typeof RequiredStatements>;

const STATEMENTS: ReadonlyArray<{ key: StatementKey; cite: string; words: string }> = [
  { key: 'rightToRevoke', cite: '164.508(c)(2)(i)', words: 'the right to revoke in writing and how to do it' },
  { key: 'conditioning', cite: '164.508(c)(2)(ii)', words: 'whether treatment or payment may be conditioned on signing' },
  { key: 'redisclosure', cite: '164.508(c)(2)(iii)', words: 'that the recipient may redisclose the information and it may lose protection' },
];

/** The result of checking one authorization on a given day. */
export interface AuthorizationCheck {
  readonly valid: boolean;
  readonly problems: readonly Problem[];
}

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

/**
 * Checks one authorization as of `asOf` (the day of the disclosure) against
 * 45 CFR 164.508(b)(2), (b)(3), (b)(4), (b)(5) and (c). Reports every defect; valid only
 * when there are none.
 */
export function validateAuthorization(auth: Authorization, asOf: string): AuthorizationCheck {
  const problems: Problem[] = [];
  const add = (code: Problem['code'], element: string, message: string): void => {
    problems.push({ code, message: `Authorization ${auth.id}: ${message}`, authorizationId: auth.id, element });
  };

  // 45 CFR 164.508(b)(2)(ii): every core element must be filled in.
  for (const el of TEXT_ELEMENTS) {
    if (blank(auth[el.field])) {
      add('missing-element', el.field, `${el.words} is not filled in (45 CFR ${el.cite}), so it authorizes nothing.`);
    }
  }
  // 45 CFR 164.508(c)(1)(v): an expiration date or an expiration event.
  if (auth.expiresOn === undefined && blank(auth.expirationEvent)) {
    add('missing-element', 'expiresOn', 'there is no expiration date or expiration event (45 CFR 164.508(c)(1)(v)).');
  }
  // 45 CFR 164.508(c)(1)(vi): signature and date; a representative's authority.
  if (blank(auth.signedBy)) {
    add('missing-element', 'signedBy', 'it is not signed (45 CFR 164.508(c)(1)(vi)).');
  }
  if (auth.signedOn === undefined) {
    add('missing-element', 'signedOn', 'the signature is not dated (45 CFR 164.508(c)(1)(vi)).');
  }
  if (auth.signerRole === 'personal-representative' && blank(auth.representativeAuthority)) {
    add(
      'missing-element',
      'representativeAuthority',
      "it was signed by a personal representative but does not describe the representative's authority (45 CFR 164.508(c)(1)(vi)).",
    );
  }
  // 45 CFR 164.508(c)(2): the three required statements.
  for (const st of STATEMENTS) {
    if (!auth.statements[st.key]) {
      add('missing-statement', `statements.${st.key}`, `it lacks the statement of ${st.words} (45 CFR ${st.cite}).`);
    }
  }
  // 45 CFR 164.508(b)(2)(i): expired by date or by a known event.
  if (auth.expiresOn !== undefined && auth.expiresOn < asOf) {
    add('expired', 'expiresOn', `it expired on ${auth.expiresOn}, before ${asOf} (45 CFR 164.508(b)(2)(i)).`);
  }
  if (auth.expirationEventOccurred) {
    add('expired', 'expirationEventOccurred', 'its expiration event has happened (45 CFR 164.508(b)(2)(i)).');
  }
  // 45 CFR 164.508(b)(5): written revocation takes effect on receipt and is not retroactive,
  // so a disclosure dated before the day of receipt stays valid.
  if (auth.revokedOn !== undefined && auth.revokedOn <= asOf) {
    add('revoked', 'revokedOn', `the written revocation received on ${auth.revokedOn} ends it (45 CFR 164.508(b)(2)(iii), (b)(5)).`);
  }
  // 45 CFR 164.508(b)(3)(ii): a psychotherapy-notes authorization stands alone.
  if (auth.kind === 'psychotherapy-notes' && auth.combinedWithOther) {
    add(
      'compound',
      'combinedWithOther',
      'a psychotherapy-notes authorization may be combined only with another psychotherapy-notes authorization (45 CFR 164.508(b)(3)(ii), (b)(2)(iv)).',
    );
  }
  if (auth.kind === 'general' && auth.includesPsychotherapyNotes) {
    add(
      'compound',
      'includesPsychotherapyNotes',
      'a general form with a psychotherapy-notes checkbox combines a psychotherapy-notes authorization with another one; the whole form is defective (45 CFR 164.508(b)(3)(ii), (b)(2)(iv)). Psychotherapy notes need their own separate form.',
    );
  }
  if (auth.kind === 'general' && auth.combinedWithOther) {
    add(
      'compound',
      'combinedWithOther',
      'it is combined with a document that is not an authorization, such as a consent to treat (45 CFR 164.508(b)(3), (b)(2)(iv)).',
    );
  }
  // 45 CFR 164.508(b)(4): no conditioning of treatment, payment, enrollment or eligibility.
  if (auth.improperlyConditioned) {
    add(
      'improperly-conditioned',
      'improperlyConditioned',
      'treatment, payment, enrollment or eligibility was conditioned on signing it (45 CFR 164.508(b)(4), (b)(2)(iv)).',
    );
  }
  // 45 CFR 164.508(b)(2)(v): known to contain false material information.
  if (auth.knownFalse) {
    add('known-false', 'knownFalse', 'the practice knows material information in it is false (45 CFR 164.508(b)(2)(v)).');
  }
  // An authorization signed after the disclosure date cannot have authorized it.
  if (auth.signedOn !== undefined && auth.signedOn > asOf) {
    add('not-yet-signed', 'signedOn', `it was signed on ${auth.signedOn}, after ${asOf}, so it did not exist yet (45 CFR 164.508(a)(1)).`);
  }
  return { valid: problems.length === 0, problems };
}

/**
 * Normalises a party's name for comparison: case, accents' composed forms, punctuation and
 * spacing do not matter ("Dr. A. B." matches "dr a b"), anything else does.
 */
export function normaliseParty(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Whether a *valid* authorization covers this request for this class of record: right kind
 * (a general authorization never covers psychotherapy notes, and a psychotherapy-notes
 * authorization covers nothing else, 164.508(b)(3)(ii)) and the recipient the form names
 * (164.508(c)(1)(iii)). Returns the reason it does not fit, or undefined when it fits.
 */
export function authorizationMismatch(auth: Authorization, request: DisclosureRequest, recordClass: RecordClass): Problem | undefined {
  const needed = KIND_FOR_CLASS[recordClass];
  const base = { authorizationId: auth.id };
  if (auth.kind !== needed) {
    const message =
      recordClass === 'psychotherapyNotes'
        ? `Authorization ${auth.id} is a general authorization; a general authorization never covers psychotherapy notes, which need their own psychotherapy-notes authorization (45 CFR 164.508(a)(2), (b)(3)(ii)).`
        : `Authorization ${auth.id} is a psychotherapy-notes authorization; it covers only psychotherapy notes, and the chart needs a general authorization (45 CFR 164.508(b)(3)(ii)).`;
    return { code: 'wrong-kind', message, element: 'kind', ...base };
  }
  if (request.recipient === undefined) {
    return {
      code: 'recipient-unknown',
      message: `The request does not say who receives the records, so authorization ${auth.id} cannot be matched to it; an authorization covers only the recipient it names (45 CFR 164.508(c)(1)(iii)).`,
      element: 'recipient',
      ...base,
    };
  }
  if (normaliseParty(auth.recipient ?? '') !== normaliseParty(request.recipient)) {
    return {
      code: 'recipient-mismatch',
      message: `Authorization ${auth.id} names "${auth.recipient ?? ''}" as recipient, not "${request.recipient}" (45 CFR 164.508(c)(1)(iii)).`,
      element: 'recipient',
      ...base,
    };
  }
  return undefined;
}
