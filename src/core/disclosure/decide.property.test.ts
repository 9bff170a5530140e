/**
 * Property-based tests for the gate over thousands of generated requests and
 * authorizations. The oracle below is written independently of `rules.ts` and
 * `authorization.ts`, straight from 45 CFR 164.508(a)(2), (b)(2), (b)(3) and 164.524(a)(1)(i).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideDisclosure } from './decide.ts';
import { Authorization } from './authorization.ts';
import type { AuthorizationInput } from './authorization.ts';
import { DisclosureDecision, DisclosureRequest, REQUESTER_TYPES } from './request.ts';
import type { DisclosureRequestInput } from './request.ts';

const RUNS = 3000;
const AS_OF_CHOICES = ['2026-03-09', '2026-03-10', '2026-03-11'];
const DATES = ['2025-12-31', '2026-03-09', '2026-03-10', '2026-03-11', '2026-12-31'];
const PARTIES = ['Q. R. Recipient Group', 'q r recipient group', 'Other Party LLC', ''];

const maybe = <T,>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
const formText = fc.constantFrom('Psychotherapy notes 2025', 'Progress notes 2025', 'At the request of the individual', '', '   ');

const authorizationArb: fc.Arbitrary<Authorization> = fc
  .record({
    id: fc.constantFrom('A', 'B', 'C', 'D'),
    kind: fc.constantFrom('general', 'psychotherapy-notes'),
    description: maybe(formText),
    discloser: maybe(formText),
    recipient: maybe(fc.constantFrom(...PARTIES)),
    purpose: maybe(formText),
    expiresOn: maybe(fc.constantFrom(...DATES)),
    expirationEvent: maybe(fc.constantFrom('End of treatment', '')),
    expirationEventOccurred: fc.boolean(),
    signedBy: maybe(fc.constantFrom('J. K.', '')),
    signedOn: maybe(fc.constantFrom(...DATES)),
    signerRole: fc.constantFrom('individual', 'personal-representative'),
    representativeAuthority: maybe(fc.constantFrom('Guardian', '')),
    statements: fc.record({ rightToRevoke: fc.boolean(), conditioning: fc.boolean(), redisclosure: fc.boolean() }),
    combinedWithOther: fc.boolean(),
    includesPsychotherapyNotes: fc.boolean(),
    improperlyConditioned: fc.boolean(),
    revokedOn: maybe(fc.constantFrom(...DATES)),
    knownFalse: fc.boolean(),
  })
  .map((raw) => Authorization.parse(raw satisfies AuthorizationInput));

/** Mostly-valid authorizations, so that releases under an authorization are common too. */
const nearlyValidAuthorizationArb: fc.Arbitrary<Authorization> = fc
  .record({
    id: fc.constantFrom('A', 'B', 'C', 'D'),
    kind: fc.constantFrom('general', 'psychotherapy-notes'),
    recipient: fc.constantFrom(...PARTIES),
    revokedOn: maybe(fc.constantFrom(...DATES)),
    expiresOn: fc.constantFrom(...DATES),
    signedOn: fc.constantFrom('2026-01-01', '2026-03-11'),
    includesPsychotherapyNotes: fc.boolean(),
  })
  .map((raw) =>
    Authorization.parse({
      ...raw,
      description: 'Records 2025',
      discloser: 'Elmwood Counseling',
      purpose: 'At the request of the individual',
      signedBy: 'J. K.',
      statements: { rightToRevoke: true, conditioning: true, redisclosure: true },
    }),
  );

const requestArb: fc.Arbitrary<DisclosureRequest> = fc
  .record({
    requester: fc.constantFrom(...REQUESTER_TYPES),
    asksFor: fc.constantFrom('records', 'records', 'records', 'accounting-of-disclosures'),
    recipient: maybe(fc.constantFrom('Q. R. Recipient Group', 'Other Party LLC', 'Q.R. RECIPIENT GROUP')),
    receivedOn: maybe(fc.constantFrom(...DATES)),
    subpoena: maybe(fc.record({ satisfactoryAssurance: fc.constantFrom('notice', 'qualified-protective-order', 'none') })),
    courtOrder: maybe(fc.record({ coversProgressNotes: fc.boolean(), coversPsychotherapyNotes: fc.boolean() })),
    oversight: maybe(fc.record({ ofOriginator: fc.boolean() })),
    representative: maybe(fc.record({ authorityVerified: fc.boolean() })),
    payer: maybe(fc.record({ selfPayRestriction: fc.boolean() })),
    languageModel: maybe(fc.record({ clientConsent: fc.boolean() })),
  })
  .map((raw) => DisclosureRequest.parse(raw satisfies DisclosureRequestInput));

const casesArb = fc.record({
  request: requestArb,
  authorizations: fc.array(fc.oneof(authorizationArb, nearlyValidAuthorizationArb), { maxLength: 4 }),
  asOf: fc.constantFrom(...AS_OF_CHOICES),
});

// ---- independent oracle -------------------------------------------------------------

const filled = (s: string | undefined): boolean => s !== undefined && s.trim() !== '';
const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** 45 CFR 164.508(b)(2), (b)(3), (c), written out again from the regulation. */
function oracleValid(a: Authorization, asOf: string, all: readonly Authorization[]): boolean {
  const elements =
    filled(a.description) &&
    filled(a.discloser) &&
    filled(a.recipient) &&
    filled(a.purpose) &&
    (a.expiresOn !== undefined || filled(a.expirationEvent)) &&
    filled(a.signedBy) &&
    a.signedOn !== undefined &&
    (a.signerRole === 'individual' || filled(a.representativeAuthority));
  const statements = a.statements.rightToRevoke && a.statements.conditioning && a.statements.redisclosure;
  const inForce =
    !(a.expiresOn !== undefined && a.expiresOn < asOf) &&
    !a.expirationEventOccurred &&
    !(a.revokedOn !== undefined && a.revokedOn <= asOf) &&
    !(a.signedOn !== undefined && a.signedOn > asOf);
  const notCompound = !a.combinedWithOther && !(a.kind === 'general' && a.includesPsychotherapyNotes);
  const unique = all.filter((b) => b.id === a.id).length === 1;
  return elements && statements && inForce && notCompound && !a.improperlyConditioned && !a.knownFalse && unique;
}

function hasValidFitting(kind: Authorization['kind'], request: DisclosureRequest, auths: readonly Authorization[], asOf: string): boolean {
  return auths.some(
    (a) =>
      a.kind === kind &&
      oracleValid(a, asOf, auths) &&
      request.recipient !== undefined &&
      norm(a.recipient ?? '') === norm(request.recipient),
  );
}

/** The 164.508(a)(2) exceptions, as they apply to this request. */
function psychotherapyException(r: DisclosureRequest): boolean {
  switch (r.requester) {
    case 'originator-treatment': // (a)(2)(i)(A)
    case 'training': // (a)(2)(i)(B)
    case 'legal-defense': // (a)(2)(i)(C)
    case 'hhs': // (a)(2)(ii) via 164.502(a)(2)(ii)
    case 'coroner': // 164.512(g)(1)
    case 'serious-threat': // 164.512(j)(1)(i)
      return true;
    case 'court-order': // 164.512(a), only when the order names them
      return r.courtOrder?.coversPsychotherapyNotes === true;
    case 'health-oversight': // 164.512(d), only oversight of the originator
      return r.oversight?.ofOriginator === true;
    default:
      return false;
  }
}

const shuffle = <T,>(xs: readonly T[], seed: number): T[] => {
  const out = [...xs];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

describe('decideDisclosure properties', () => {
  it('releases psychotherapy notes only on a valid psychotherapy-notes authorization or a 164.508(a)(2) exception', () => {
    fc.assert(
      fc.property(casesArb, ({ request, authorizations, asOf }) => {
        const d = decideDisclosure(request, authorizations, asOf);
        if (d.psychotherapyNotes.release) {
          expect(request.asksFor).toBe('records');
          expect(psychotherapyException(request) || hasValidFitting('psychotherapy-notes', request, authorizations, asOf)).toBe(true);
          expect(d.psychotherapyNotes.requiresAuthorApproval).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('never releases psychotherapy notes to the client or their representative under the right of access', () => {
    const accessArb = fc
      .tuple(casesArb, fc.constantFrom('individual' as const, 'personal-representative' as const))
      .map(([c, requester]) => ({ ...c, request: { ...c.request, requester } }));
    fc.assert(
      fc.property(accessArb, ({ request, authorizations, asOf }) => {
        expect(decideDisclosure(request, authorizations, asOf).psychotherapyNotes.release).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('never releases psychotherapy notes on an attorney subpoena alone', () => {
    fc.assert(
      fc.property(casesArb, ({ request, authorizations, asOf }) => {
        const subpoena = { ...request, requester: 'attorney-subpoena' as const };
        const d = decideDisclosure(subpoena, authorizations, asOf);
        if (!hasValidFitting('psychotherapy-notes', subpoena, authorizations, asOf)) expect(d.psychotherapyNotes.release).toBe(false);
        expect(decideDisclosure(subpoena, [], asOf).psychotherapyNotes.release).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('a general authorization never moves psychotherapy notes', () => {
    fc.assert(
      fc.property(casesArb, ({ request, authorizations, asOf }) => {
        const withoutGeneral = authorizations.filter((a) => a.kind !== 'general');
        // Removing general authorizations cannot change the psychotherapy-notes answer
        // (unless removing one un-duplicates an id, which the oracle handles separately).
        const ids = new Set(withoutGeneral.map((a) => a.id));
        if (authorizations.some((a) => a.kind === 'general' && ids.has(a.id))) return;
        expect(decideDisclosure(request, withoutGeneral, asOf).psychotherapyNotes.release).toBe(
          decideDisclosure(request, authorizations, asOf).psychotherapyNotes.release,
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('defective authorizations authorize nothing', () => {
    fc.assert(
      fc.property(casesArb, ({ request, authorizations, asOf }) => {
        const defective = authorizations.filter((a) => !oracleValid(a, asOf, authorizations));
        const a = decideDisclosure(request, defective, asOf);
        const b = decideDisclosure(request, [], asOf);
        expect([a.progressNotes.release, a.psychotherapyNotes.release, a.accountable]).toEqual([
          b.progressNotes.release,
          b.psychotherapyNotes.release,
          b.accountable,
        ]);
      }),
      { numRuns: RUNS },
    );
  });

  it('is deterministic and does not depend on the order of the authorizations', () => {
    fc.assert(
      fc.property(casesArb, fc.nat(), ({ request, authorizations, asOf }, seed) => {
        const d = decideDisclosure(request, authorizations, asOf);
        expect(decideDisclosure(request, authorizations, asOf)).toEqual(d);
        expect(decideDisclosure(request, shuffle(authorizations, seed), asOf)).toEqual(d);
      }),
      { numRuns: RUNS },
    );
  });

  it('every answer has a CFR basis, fits the schema, and keeps the accounting consistent', () => {
    fc.assert(
      fc.property(casesArb, ({ request, authorizations, asOf }) => {
        const d = decideDisclosure(request, authorizations, asOf);
        expect(DisclosureDecision.safeParse(d).success).toBe(true);
        for (const c of [d.progressNotes, d.psychotherapyNotes]) {
          expect(c.basis).toMatch(/^45 CFR 164\.\d{3}\([a-z]\)/);
          if (!c.release) expect([c.minimumNecessary, c.accountable]).toEqual([false, false]);
          // 164.528(a)(1)(iv): nothing released under an authorization is accounted.
          if (c.authorizationId !== undefined) expect([c.release, c.accountable, c.minimumNecessary]).toEqual([true, false, false]);
        }
        expect(d.accountable).toBe((d.progressNotes.release && d.progressNotes.accountable) || (d.psychotherapyNotes.release && d.psychotherapyNotes.accountable));
        // Problems that name an authorization name one that was given.
        for (const p of d.problems) if (p.authorizationId !== undefined) expect(authorizations.map((a) => a.id)).toContain(p.authorizationId);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the generators', () => {
  it('reach every kind of outcome, so the properties are not vacuous', () => {
    const seen = new Set<string>();
    for (const { request, authorizations, asOf } of fc.sample(casesArb, { numRuns: 3000, seed: 42 })) {
      const d = decideDisclosure(request, authorizations, asOf);
      if (d.psychotherapyNotes.release) seen.add(d.psychotherapyNotes.authorizationId ? 'psy-by-authorization' : 'psy-by-exception');
      if (d.progressNotes.authorizationId) seen.add('chart-by-authorization');
      if (!d.psychotherapyNotes.release) seen.add('psy-denied');
      if (d.problems.some((p) => p.code === 'revoked')) seen.add('revoked');
      if (d.problems.some((p) => p.code === 'compound')) seen.add('compound');
    }
    expect([...seen].sort()).toEqual(['chart-by-authorization', 'compound', 'psy-by-authorization', 'psy-by-exception', 'psy-denied', 'revoked']);
  });
});
