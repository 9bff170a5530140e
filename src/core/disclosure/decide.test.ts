import { describe, expect, it } from 'vitest';
import { decideDisclosure } from './decide.ts';
import { DisclosureDecision, REQUESTER_TYPES } from './request.ts';
import type { DisclosureRequest, RequesterType } from './request.ts';
import type { Authorization, AuthorizationInput } from './authorization.ts';
import { AS_OF, request, validAuthorization } from './test-fixtures.ts';

/** [progress notes released, psychotherapy notes released, accountable] */
type Outcome = readonly [boolean, boolean, boolean];

interface Row {
  readonly name: string;
  readonly request: DisclosureRequest;
  readonly none: Outcome;
  readonly general: Outcome;
  readonly psychotherapy: Outcome;
  readonly both: Outcome;
  /** Expected bases with no authorization: [progress notes, psychotherapy notes]. */
  readonly bases: readonly [string, string];
  /** Minimum necessary on the progress notes with no authorization, when they are released. */
  readonly minimumNecessary?: boolean;
}

const T = true;
const F = false;
const all = (o: Outcome) => ({ none: o, general: o, psychotherapy: o, both: o });

// Hand-written expectations (not derived from rules.ts), one row per requester type and
// each request detail that changes the answer.
const ROWS: readonly Row[] = [
  { name: 'individual', request: request({ requester: 'individual' }), ...all([T, F, F]), bases: ['45 CFR 164.524(a)(1)', '45 CFR 164.524(a)(1)(i); 164.524(a)(2)(i)'], minimumNecessary: false },
  {
    name: 'personal-representative, authority verified',
    request: request({ requester: 'personal-representative', representative: { authorityVerified: true } }),
    ...all([T, F, F]),
    bases: ['45 CFR 164.524(a)(1); 164.502(g)', '45 CFR 164.524(a)(1)(i); 164.524(a)(2)(i)'],
    minimumNecessary: false,
  },
  {
    name: 'personal-representative, authority not verified',
    request: request({ requester: 'personal-representative' }),
    ...all([F, F, F]),
    bases: ['45 CFR 164.502(g); 164.514(h)', '45 CFR 164.524(a)(1)(i); 164.524(a)(2)(i)'],
  },
  {
    name: 'provider-treatment',
    request: request({ requester: 'provider-treatment' }),
    none: [T, F, F],
    general: [T, F, F],
    psychotherapy: [T, T, F],
    both: [T, T, F],
    bases: ['45 CFR 164.506(c)(2)', '45 CFR 164.508(a)(2)'],
    minimumNecessary: false,
  },
  {
    name: 'payer',
    request: request({ requester: 'payer' }),
    none: [T, F, F],
    general: [T, F, F],
    psychotherapy: [T, T, F],
    both: [T, T, F],
    bases: ['45 CFR 164.506(c)(1), (c)(3)', '45 CFR 164.508(a)(2)'],
    minimumNecessary: true,
  },
  {
    name: 'payer, client paid out of pocket and restricted disclosure',
    request: request({ requester: 'payer', payer: { selfPayRestriction: true } }),
    none: [F, F, F],
    general: [T, F, F],
    psychotherapy: [F, T, F],
    both: [T, T, F],
    bases: ['45 CFR 164.522(a)(1)(vi)', '45 CFR 164.508(a)(2)'],
  },
  {
    name: 'attorney-subpoena without satisfactory assurance',
    request: request({ requester: 'attorney-subpoena', subpoena: { satisfactoryAssurance: 'none' } }),
    none: [F, F, F],
    general: [T, F, F],
    psychotherapy: [F, T, F],
    both: [T, T, F],
    bases: ['45 CFR 164.512(e)(1)(ii)', '45 CFR 164.508(a)(2)'],
  },
  {
    name: 'attorney-subpoena with no subpoena details recorded',
    request: request({ requester: 'attorney-subpoena' }),
    none: [F, F, F],
    general: [T, F, F],
    psychotherapy: [F, T, F],
    both: [T, T, F],
    bases: ['45 CFR 164.512(e)(1)(ii)', '45 CFR 164.508(a)(2)'],
  },
  {
    name: 'attorney-subpoena with notice to the client',
    request: request({ requester: 'attorney-subpoena', subpoena: { satisfactoryAssurance: 'notice' } }),
    none: [T, F, T],
    general: [T, F, T],
    psychotherapy: [T, T, T],
    both: [T, T, T],
    bases: ['45 CFR 164.512(e)(1)(ii)', '45 CFR 164.508(a)(2)'],
    minimumNecessary: true,
  },
  {
    name: 'attorney-subpoena with a qualified protective order',
    request: request({ requester: 'attorney-subpoena', subpoena: { satisfactoryAssurance: 'qualified-protective-order' } }),
    none: [T, F, T],
    general: [T, F, T],
    psychotherapy: [T, T, T],
    both: [T, T, T],
    bases: ['45 CFR 164.512(e)(1)(ii)', '45 CFR 164.508(a)(2)'],
    minimumNecessary: true,
  },
  {
    name: 'court-order naming the chart only',
    request: request({ requester: 'court-order', courtOrder: { coversProgressNotes: true, coversPsychotherapyNotes: false } }),
    none: [T, F, T],
    general: [T, F, T],
    psychotherapy: [T, T, T],
    both: [T, T, T],
    bases: ['45 CFR 164.512(e)(1)(i)', '45 CFR 164.508(a)(2); 164.512(e)(1)(i)'],
    minimumNecessary: false,
  },
  {
    name: 'court-order naming psychotherapy notes',
    request: request({ requester: 'court-order', courtOrder: { coversPsychotherapyNotes: true } }),
    ...all([T, T, T]),
    bases: ['45 CFR 164.512(e)(1)(i)', '45 CFR 164.508(a)(2)(ii); 164.512(a); 164.512(e)(1)(i)'],
    minimumNecessary: false,
  },
  {
    name: 'court-order naming only psychotherapy notes',
    request: request({ requester: 'court-order', courtOrder: { coversProgressNotes: false, coversPsychotherapyNotes: true } }),
    none: [F, T, T],
    general: [T, T, T],
    psychotherapy: [F, T, T],
    both: [T, T, T],
    bases: ['45 CFR 164.512(e)(1)(i)', '45 CFR 164.508(a)(2)(ii); 164.512(a); 164.512(e)(1)(i)'],
  },
  {
    name: 'court-order with its scope not recorded',
    request: request({ requester: 'court-order' }),
    none: [F, F, F],
    general: [T, F, F],
    psychotherapy: [F, T, F],
    both: [T, T, F],
    bases: ['45 CFR 164.512(e)(1)(i)', '45 CFR 164.508(a)(2); 164.512(e)(1)(i)'],
  },
  {
    name: 'authorized-third-party',
    request: request({ requester: 'authorized-third-party' }),
    none: [F, F, F],
    general: [T, F, F],
    psychotherapy: [F, T, F],
    both: [T, T, F],
    bases: ['45 CFR 164.508(a)(1)', '45 CFR 164.508(a)(2)'],
  },
  {
    name: 'health-oversight, not of the author',
    request: request({ requester: 'health-oversight', oversight: { ofOriginator: false } }),
    none: [T, F, T],
    general: [T, F, T],
    psychotherapy: [T, T, T],
    both: [T, T, T],
    bases: ['45 CFR 164.512(d)(1)', '45 CFR 164.508(a)(2)(ii); 164.512(d)'],
    minimumNecessary: true,
  },
  {
    name: 'health-oversight of the author (licensing board)',
    request: request({ requester: 'health-oversight', oversight: { ofOriginator: true } }),
    ...all([T, T, T]),
    bases: ['45 CFR 164.512(d)(1)', '45 CFR 164.508(a)(2)(ii); 164.512(d)'],
    minimumNecessary: true,
  },
  { name: 'coroner', request: request({ requester: 'coroner' }), ...all([T, T, T]), bases: ['45 CFR 164.512(g)(1)', '45 CFR 164.508(a)(2)(ii); 164.512(g)(1)'], minimumNecessary: true },
  {
    name: 'serious-threat',
    request: request({ requester: 'serious-threat' }),
    ...all([T, T, T]),
    bases: ['45 CFR 164.512(j)(1)(i)', '45 CFR 164.508(a)(2)(ii); 164.512(j)(1)(i)'],
    minimumNecessary: true,
  },
  { name: 'hhs', request: request({ requester: 'hhs' }), ...all([T, T, T]), bases: ['45 CFR 164.502(a)(2)(ii)', '45 CFR 164.508(a)(2)(ii); 164.502(a)(2)(ii)'], minimumNecessary: false },
  {
    name: 'originator-treatment',
    request: request({ requester: 'originator-treatment' }),
    ...all([T, T, F]),
    bases: ['45 CFR 164.506(c)(1)', '45 CFR 164.508(a)(2)(i)(A)'],
    minimumNecessary: false,
  },
  { name: 'training', request: request({ requester: 'training' }), ...all([T, T, F]), bases: ['45 CFR 164.506(c)(1)', '45 CFR 164.508(a)(2)(i)(B)'], minimumNecessary: true },
  {
    name: 'legal-defense',
    request: request({ requester: 'legal-defense' }),
    ...all([T, T, F]),
    bases: ['45 CFR 164.506(c)(1)', '45 CFR 164.508(a)(2)(i)(C)'],
    minimumNecessary: true,
  },
  {
    name: 'language-model, client AI consent recorded',
    request: request({ requester: 'language-model', languageModel: { clientConsent: true } }),
    ...all([T, F, F]),
    bases: ['45 CFR 164.506(c)(1); 164.502(e)', '45 CFR 164.508(a)(2)'],
    minimumNecessary: true,
  },
  {
    name: 'language-model, no AI consent',
    request: request({ requester: 'language-model' }),
    ...all([F, F, F]),
    bases: ['45 CFR 164.506(c)(1); Notewall policy (client AI consent)', '45 CFR 164.508(a)(2)'],
    minimumNecessary: false,
  },
];

const outcome = (d: DisclosureDecision): Outcome => [d.progressNotes.release, d.psychotherapyNotes.release, d.accountable];

const AUTH_SETS: ReadonlyArray<readonly [keyof Pick<Row, 'none' | 'general' | 'psychotherapy' | 'both'>, () => Authorization[]]> = [
  ['none', () => []],
  ['general', () => [validAuthorization('general')]],
  ['psychotherapy', () => [validAuthorization('psychotherapy-notes')]],
  ['both', () => [validAuthorization('general'), validAuthorization('psychotherapy-notes')]],
];

describe('decideDisclosure: every requester type × authorizations', () => {
  it('has a row for every requester type', () => {
    const covered = new Set(ROWS.map((r) => r.request.requester));
    expect([...covered].sort()).toEqual([...REQUESTER_TYPES].sort());
  });

  for (const row of ROWS) {
    for (const [set, auths] of AUTH_SETS) {
      it(`${row.name} — ${set} authorization`, () => {
        const d = decideDisclosure(row.request, auths(), AS_OF);
        expect(outcome(d)).toEqual(row[set]);
        expect(DisclosureDecision.safeParse(d).success).toBe(true);
        // Valid authorizations raise no defect problems.
        expect(d.problems.filter((p) => ['missing-element', 'missing-statement', 'expired', 'revoked', 'compound'].includes(p.code))).toEqual([]);
        if (d.psychotherapyNotes.release) expect(d.psychotherapyNotes.requiresAuthorApproval).toBe(true);
        else expect(d.psychotherapyNotes.requiresAuthorApproval).toBeUndefined();
      });
    }
    it(`${row.name} — bases and minimum necessary`, () => {
      const d = decideDisclosure(row.request, [], AS_OF);
      expect([d.progressNotes.basis, d.psychotherapyNotes.basis]).toEqual(row.bases);
      if (row.minimumNecessary !== undefined) expect(d.progressNotes.minimumNecessary).toBe(row.minimumNecessary);
    });
  }
});

describe('decideDisclosure: releases under an authorization', () => {
  it('cites 164.508, drops minimum necessary, is not accountable, and names the authorization', () => {
    const d = decideDisclosure(request({ requester: 'authorized-third-party' }), [validAuthorization('general'), validAuthorization('psychotherapy-notes')], AS_OF);
    expect(d.progressNotes).toMatchObject({ release: true, basis: '45 CFR 164.508(a)(1)', minimumNecessary: false, accountable: false, authorizationId: 'G-1' });
    expect(d.psychotherapyNotes).toMatchObject({ release: true, basis: '45 CFR 164.508(a)(2)', requiresAuthorApproval: true, authorizationId: 'P-1' });
    expect(d.accountable).toBe(false);
    expect(d.accountingReason).toContain('164.528(a)(1)(iv)');
  });

  it('keeps the accounting when the chart goes on a subpoena and the notes on an authorization', () => {
    const d = decideDisclosure(request({ requester: 'attorney-subpoena', subpoena: { satisfactoryAssurance: 'notice' } }), [validAuthorization('psychotherapy-notes')], AS_OF);
    expect(d.progressNotes.accountable).toBe(true);
    expect(d.psychotherapyNotes.accountable).toBe(false);
    expect(d.accountable).toBe(true);
    expect(d.accountingReason).toContain('164.528');
  });

  it('never lets a psychotherapy-notes authorization reach the client under the right of access', () => {
    for (const requester of ['individual', 'personal-representative'] as const) {
      const d = decideDisclosure(
        request({ requester, representative: { authorityVerified: true } }),
        [validAuthorization('psychotherapy-notes')],
        AS_OF,
      );
      expect(d.psychotherapyNotes.release).toBe(false);
      expect(d.psychotherapyNotes.basis).toContain('164.524(a)(1)(i)');
    }
  });
});

type Mutation = { name: string; kind: 'general' | 'psychotherapy-notes' | 'both'; change: Partial<AuthorizationInput>; code: string; element: string };

const DEFECTS: readonly Mutation[] = [
  { name: 'no description', kind: 'both', change: { description: undefined }, code: 'missing-element', element: 'description' },
  { name: 'blank description', kind: 'both', change: { description: '   ' }, code: 'missing-element', element: 'description' },
  { name: 'no discloser', kind: 'both', change: { discloser: undefined }, code: 'missing-element', element: 'discloser' },
  { name: 'no recipient', kind: 'both', change: { recipient: undefined }, code: 'missing-element', element: 'recipient' },
  { name: 'no purpose', kind: 'both', change: { purpose: '' }, code: 'missing-element', element: 'purpose' },
  { name: 'no expiration date or event', kind: 'both', change: { expiresOn: undefined }, code: 'missing-element', element: 'expiresOn' },
  { name: 'not signed', kind: 'both', change: { signedBy: undefined }, code: 'missing-element', element: 'signedBy' },
  { name: 'signature not dated', kind: 'both', change: { signedOn: undefined }, code: 'missing-element', element: 'signedOn' },
  {
    name: "representative's authority missing",
    kind: 'both',
    change: { signerRole: 'personal-representative' },
    code: 'missing-element',
    element: 'representativeAuthority',
  },
  {
    name: 'no right-to-revoke statement',
    kind: 'both',
    change: { statements: { conditioning: true, redisclosure: true } },
    code: 'missing-statement',
    element: 'statements.rightToRevoke',
  },
  {
    name: 'no conditioning statement',
    kind: 'both',
    change: { statements: { rightToRevoke: true, redisclosure: true } },
    code: 'missing-statement',
    element: 'statements.conditioning',
  },
  {
    name: 'no redisclosure statement',
    kind: 'both',
    change: { statements: { rightToRevoke: true, conditioning: true } },
    code: 'missing-statement',
    element: 'statements.redisclosure',
  },
  { name: 'expired by date', kind: 'both', change: { expiresOn: '2026-03-09' }, code: 'expired', element: 'expiresOn' },
  {
    name: 'expiration event occurred',
    kind: 'both',
    change: { expiresOn: undefined, expirationEvent: 'End of treatment', expirationEventOccurred: true },
    code: 'expired',
    element: 'expirationEventOccurred',
  },
  { name: 'revoked before the disclosure', kind: 'both', change: { revokedOn: '2026-03-01' }, code: 'revoked', element: 'revokedOn' },
  { name: 'revocation received the same day', kind: 'both', change: { revokedOn: AS_OF }, code: 'revoked', element: 'revokedOn' },
  { name: 'psychotherapy-notes form combined with another', kind: 'psychotherapy-notes', change: { combinedWithOther: true }, code: 'compound', element: 'combinedWithOther' },
  { name: 'general form combined with a consent to treat', kind: 'general', change: { combinedWithOther: true }, code: 'compound', element: 'combinedWithOther' },
  {
    name: 'general form with a psychotherapy-notes checkbox',
    kind: 'general',
    change: { includesPsychotherapyNotes: true },
    code: 'compound',
    element: 'includesPsychotherapyNotes',
  },
  { name: 'improperly conditioned', kind: 'both', change: { improperlyConditioned: true }, code: 'improperly-conditioned', element: 'improperlyConditioned' },
  { name: 'known false', kind: 'both', change: { knownFalse: true }, code: 'known-false', element: 'knownFalse' },
  { name: 'signed after the disclosure date', kind: 'both', change: { signedOn: '2026-03-11' }, code: 'not-yet-signed', element: 'signedOn' },
];

describe('decideDisclosure: every defect × every requester type', () => {
  for (const defect of DEFECTS) {
    const kinds = defect.kind === 'both' ? (['general', 'psychotherapy-notes'] as const) : ([defect.kind] as const);
    for (const kind of kinds) {
      it(`a ${kind} authorization with "${defect.name}" authorizes nothing`, () => {
        const auth = validAuthorization(kind, defect.change);
        for (const row of ROWS) {
          const d = decideDisclosure(row.request, [auth], AS_OF);
          // Defective means it authorizes nothing: the answer is the no-authorization answer.
          expect(outcome(d), row.name).toEqual(row.none);
          const named = d.problems.find((p) => p.authorizationId === auth.id && p.code === defect.code);
          expect(named, row.name).toMatchObject({ element: defect.element });
          expect(named?.message).toMatch(/45 CFR 164\.508/);
        }
      });
    }
  }
});

describe('authorization timing and matching', () => {
  const thirdParty = request({ requester: 'authorized-third-party' });

  it('a revocation received after the disclosure date does not reach back (164.508(b)(5))', () => {
    const d = decideDisclosure(thirdParty, [validAuthorization('general', { revokedOn: '2026-03-11' })], AS_OF);
    expect(d.progressNotes.release).toBe(true);
    // Only the note that a general authorization cannot move psychotherapy notes.
    expect(d.problems.map((p) => p.code)).toEqual(['wrong-kind']);
  });

  it('is still valid on its expiration date, and with an expiration event that has not happened', () => {
    expect(decideDisclosure(thirdParty, [validAuthorization('general', { expiresOn: AS_OF })], AS_OF).progressNotes.release).toBe(true);
    const byEvent = validAuthorization('general', { expiresOn: undefined, expirationEvent: 'End of treatment' });
    expect(decideDisclosure(thirdParty, [byEvent], AS_OF).progressNotes.release).toBe(true);
  });

  it("accepts a representative's signature that describes their authority", () => {
    const auth = validAuthorization('psychotherapy-notes', { signerRole: 'personal-representative', representativeAuthority: 'Court-appointed guardian (synthetic)' });
    expect(decideDisclosure(thirdParty, [auth], AS_OF).psychotherapyNotes.release).toBe(true);
  });

  it('matches recipients ignoring case, punctuation and spacing, and nothing else', () => {
    const loose = request({ requester: 'authorized-third-party', recipient: '  q r recipient GROUP. ' });
    expect(decideDisclosure(loose, [validAuthorization('general')], AS_OF).progressNotes.release).toBe(true);
    const other = request({ requester: 'authorized-third-party', recipient: 'Q. R. Recipient Group West' });
    const d = decideDisclosure(other, [validAuthorization('general')], AS_OF);
    expect(d.progressNotes.release).toBe(false);
    expect(d.problems).toEqual([
      expect.objectContaining({ code: 'recipient-mismatch', authorizationId: 'G-1', element: 'recipient' }),
      expect.objectContaining({ code: 'wrong-kind', authorizationId: 'G-1' }),
    ]);
  });

  it('cannot match an authorization when the request names no recipient', () => {
    const { recipient: _omit, ...noRecipient } = thirdParty;
    const d = decideDisclosure({ ...noRecipient }, [validAuthorization('general')], AS_OF);
    expect(d.progressNotes.release).toBe(false);
    expect(d.problems.map((p) => p.code)).toEqual(['recipient-unknown', 'wrong-kind']);
  });

  it('says a general authorization never covers psychotherapy notes', () => {
    const d = decideDisclosure(request({ requester: 'payer' }), [validAuthorization('general')], AS_OF);
    expect(d.psychotherapyNotes.release).toBe(false);
    expect(d.problems).toEqual([expect.objectContaining({ code: 'wrong-kind', authorizationId: 'G-1', element: 'kind' })]);
    expect(d.problems[0]?.message).toContain('never covers psychotherapy notes');
  });

  it('sets aside authorizations that share an id', () => {
    const d = decideDisclosure(thirdParty, [validAuthorization('general'), validAuthorization('general', { id: 'G-1', purpose: 'Other' })], AS_OF);
    expect(d.progressNotes.release).toBe(false);
    expect(d.problems.map((p) => p.code)).toContain('duplicate-authorization-id');
  });

  it('reports every defect of one authorization, not just the first', () => {
    const auth = validAuthorization('psychotherapy-notes', { description: '', signedBy: '', knownFalse: true, combinedWithOther: true });
    const d = decideDisclosure(thirdParty, [auth], AS_OF);
    expect(d.problems.map((p) => p.element).sort()).toEqual(['combinedWithOther', 'description', 'knownFalse', 'signedBy']);
  });
});

describe('request problems', () => {
  it('names the missing subpoena assurance', () => {
    const d = decideDisclosure(request({ requester: 'attorney-subpoena', subpoena: { satisfactoryAssurance: 'none' } }), [], AS_OF);
    expect(d.problems).toEqual([expect.objectContaining({ code: 'no-satisfactory-assurance', element: 'subpoena.satisfactoryAssurance' })]);
  });

  it('asks for the court order scope once, not once per class', () => {
    const d = decideDisclosure(request({ requester: 'court-order' }), [], AS_OF);
    expect(d.problems.map((p) => p.code)).toEqual(['court-order-details-missing']);
  });

  it('flags a receipt date after the decision date', () => {
    const d = decideDisclosure(request({ requester: 'individual', receivedOn: '2026-03-11' }), [], AS_OF);
    expect(d.problems.map((p) => p.code)).toEqual(['received-after-as-of']);
  });

  it('rejects a malformed asOf', () => {
    expect(() => decideDisclosure(request({ requester: 'individual' }), [], '10/03/2026')).toThrow(TypeError);
  });
});

describe('deadlines in the decision', () => {
  it('gives the right-of-access clock from the day received, with the extension notice date', () => {
    const d = decideDisclosure(request({ requester: 'individual', receivedOn: '2026-01-31' }), [], AS_OF);
    expect(d.deadline).toEqual({
      from: '2026-01-31',
      date: '2026-03-02',
      rule: expect.stringContaining('164.524(b)(2)') as string,
      extension: { date: '2026-04-01', noticeBy: '2026-03-02', rule: expect.stringContaining('written notice') as string },
    });
  });

  it('counts from asOf when no receipt date is recorded', () => {
    expect(decideDisclosure(request({ requester: 'individual' }), [], AS_OF).deadline?.from).toBe(AS_OF);
  });

  it('uses the configured policy (15 + 15)', () => {
    const d = decideDisclosure(request({ requester: 'personal-representative', receivedOn: '2026-03-01' }), [], AS_OF, {
      deadlines: { access: { initialDays: 15, extensionDays: 15 }, accounting: { initialDays: 60, extensionDays: 30 } },
    });
    expect([d.deadline?.date, d.deadline?.extension?.date]).toEqual(['2026-03-16', '2026-03-31']);
  });

  it('sets no deadline for requesters outside the right of access', () => {
    const others: RequesterType[] = REQUESTER_TYPES.filter((t) => t !== 'individual' && t !== 'personal-representative');
    for (const requester of others) expect(decideDisclosure(request({ requester }), [], AS_OF).deadline).toBeUndefined();
  });

  it('answers an accounting request with the 60 + 30 day clock and no notes', () => {
    const d = decideDisclosure(request({ requester: 'individual', asksFor: 'accounting-of-disclosures', receivedOn: '2026-03-01' }), [], AS_OF);
    expect([d.progressNotes.release, d.psychotherapyNotes.release, d.accountable]).toEqual([false, false, false]);
    expect(d.deadline).toMatchObject({ date: '2026-04-30', extension: { date: '2026-05-30', noticeBy: '2026-04-30' } });
    expect(d.deadline?.rule).toContain('164.528(c)(1)');
    expect(d.problems).toEqual([]);
  });

  it('says only the client has a right to an accounting', () => {
    const d = decideDisclosure(request({ requester: 'payer', asksFor: 'accounting-of-disclosures' }), [], AS_OF);
    expect(d.problems.map((p) => p.code)).toEqual(['accounting-requester']);
  });
});

describe('explanations', () => {
  it('every answer explains itself in words and cites the CFR', () => {
    for (const row of ROWS) {
      for (const [, auths] of AUTH_SETS) {
        const d = decideDisclosure(row.request, auths(), AS_OF);
        for (const c of [d.progressNotes, d.psychotherapyNotes]) {
          expect(c.basis).toMatch(/^45 CFR 164\.\d{3}/);
          expect(c.explanation.length).toBeGreaterThan(40);
        }
        expect(d.accountingReason).toMatch(/45 CFR 164\.\d{3}/);
      }
    }
  });

  it('marks the UNVERIFIED court-order reading as a caveat', () => {
    const d = decideDisclosure(request({ requester: 'court-order', courtOrder: { coversPsychotherapyNotes: true } }), [], AS_OF);
    expect(d.psychotherapyNotes.caveats.join(' ')).toContain('UNVERIFIED');
  });
});
