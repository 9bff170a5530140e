import { describe, expect, it } from 'vitest';
import { Authorization, normaliseParty, validateAuthorization } from './authorization.ts';
import { AS_OF, validAuthorization } from './test-fixtures.ts';

describe('validateAuthorization', () => {
  it('accepts a complete form of either kind', () => {
    expect(validateAuthorization(validAuthorization('general'), AS_OF)).toEqual({ valid: true, problems: [] });
    expect(validateAuthorization(validAuthorization('psychotherapy-notes'), AS_OF)).toEqual({ valid: true, problems: [] });
  });

  it('treats a bare form (id and kind only) as missing every element and statement', () => {
    const check = validateAuthorization(Authorization.parse({ id: 'X', kind: 'general' }), AS_OF);
    expect(check.valid).toBe(false);
    expect(check.problems.map((p) => p.element)).toEqual([
      'description',
      'discloser',
      'recipient',
      'purpose',
      'expiresOn',
      'signedBy',
      'signedOn',
      'statements.rightToRevoke',
      'statements.conditioning',
      'statements.redisclosure',
    ]);
  });

  it('allows a psychotherapy-notes form combined only with another (combinedWithOther false) and ignores the checkbox on it', () => {
    expect(validateAuthorization(validAuthorization('psychotherapy-notes', { includesPsychotherapyNotes: true }), AS_OF).valid).toBe(true);
  });

  it('rejects unknown fields so a misspelled revocation is never ignored', () => {
    expect(Authorization.safeParse({ id: 'X', kind: 'general', revokedon: '2026-01-01' }).success).toBe(false);
  });
});

describe('normaliseParty', () => {
  it('ignores case, punctuation and spacing only', () => {
    expect(normaliseParty('Dr. A.  B.')).toBe(normaliseParty('dr a b'));
    expect(normaliseParty('Ünal Clinic')).toBe(normaliseParty('ünal clinic'));
    expect(normaliseParty('A. B. Clinic')).not.toBe(normaliseParty('A. B. Clinics'));
  });
});
