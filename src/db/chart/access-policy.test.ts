import { describe, expect, it } from 'vitest';
import { decideAccess, PERMISSIONS, ROLE_GRANTS, type Permission } from './access-policy.ts';
import { ROLES, type AssignmentRelation, type Role } from './schema.ts';

const cases: ReadonlyArray<[Role[], Permission, AssignmentRelation[], boolean]> = [
  [['clinician'], 'note.write', ['clinician'], true],
  [['clinician'], 'note.write', [], false],
  [['clinician'], 'note.write', ['supervisor'], false],
  [['clinician'], 'note.read', ['supervisor'], true],
  [['supervisor'], 'note.cosign', ['supervisor'], true],
  [['supervisor'], 'note.cosign', ['clinician'], false],
  [['supervisor'], 'note.write', ['supervisor'], false],
  [['biller'], 'note.read', [], false],
  [['biller'], 'session.read', [], true],
  [['records'], 'note.read', [], true],
  [['records'], 'note.write', [], false],
  [['admin'], 'note.read', [], false],
  [['admin'], 'user.manage', [], true],
  [['admin', 'clinician'], 'note.sign', ['clinician'], true],
  [[], 'client.read', ['clinician'], false],
];

describe('decideAccess', () => {
  it.each(cases)('%j %s with %j → %s', (roles, permission, relations, expected) => {
    expect(decideAccess(roles, permission, relations).allowed).toBe(expected);
  });

  it('names the role whose grant allowed the access', () => {
    expect(decideAccess(['biller', 'records'], 'note.read', [])).toEqual({ allowed: true, role: 'records' });
  });

  it('never grants a permission missing from every role (deny by default)', () => {
    for (const permission of PERMISSIONS) {
      const granted = ROLES.some((r) => ROLE_GRANTS[r][permission] !== undefined);
      if (!granted) expect(decideAccess([...ROLES], permission, ['clinician', 'supervisor']).allowed).toBe(false);
    }
  });
});
