/**
 * Who may do what to a client's chart, as a data table and one pure function (STYLE.md §3).
 * 45 CFR 164.312(a)(1) access control and 164.502(b) minimum necessary: each role gets the
 * permissions its work needs, scoped to all clients or only the clients the user is
 * assigned to. Anything not granted here is denied.
 */
import type { AssignmentRelation, Role } from './schema.ts';

export const PERMISSIONS = [
  'user.manage',
  'training.record',
  'client.create',
  'client.read',
  'client.assign',
  'session.write',
  'session.read',
  'diagnosis.write',
  'diagnosis.read',
  'goal.write',
  'goal.read',
  'note.write',
  'note.read',
  'note.sign',
  'note.cosign',
  'note.addendum',
  'measure.write',
  'measure.read',
  'authorization.write',
  'authorization.read',
  'request.write',
  'request.read',
  'disclosure.write',
  'disclosure.read',
  'ai-consent.write',
  'ai-consent.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** `all`: every client; otherwise the actor must hold the named assignment to the client. */
export const SCOPES = ['all', 'assigned', 'assigned-clinician', 'assigned-supervisor'] as const;
export type Scope = (typeof SCOPES)[number];

export const ROLE_GRANTS: Readonly<Record<Role, Readonly<Partial<Record<Permission, Scope>>>>> = {
  admin: {
    'user.manage': 'all',
    'training.record': 'all',
    'client.create': 'all',
    'client.read': 'all',
    'client.assign': 'all',
    // Practice administration records consent taken at intake (docs/drafting.md).
    'ai-consent.write': 'all',
    'ai-consent.read': 'all',
  },
  clinician: {
    'client.create': 'all',
    'client.read': 'assigned',
    'session.write': 'assigned-clinician',
    'session.read': 'assigned',
    'diagnosis.write': 'assigned-clinician',
    'diagnosis.read': 'assigned',
    'goal.write': 'assigned-clinician',
    'goal.read': 'assigned',
    'note.write': 'assigned-clinician',
    'note.read': 'assigned',
    'note.sign': 'assigned-clinician',
    'note.addendum': 'assigned-clinician',
    'measure.write': 'assigned-clinician',
    'measure.read': 'assigned',
    'ai-consent.write': 'assigned-clinician',
    'ai-consent.read': 'assigned-clinician',
  },
  supervisor: {
    'client.read': 'assigned-supervisor',
    'session.read': 'assigned-supervisor',
    'diagnosis.read': 'assigned-supervisor',
    'goal.read': 'assigned-supervisor',
    'note.read': 'assigned-supervisor',
    'note.cosign': 'assigned-supervisor',
    'measure.read': 'assigned-supervisor',
  },
  // Release of information works across the practice's records (164.524, 164.528).
  records: {
    'client.read': 'all',
    'session.read': 'all',
    'diagnosis.read': 'all',
    'goal.read': 'all',
    'note.read': 'all',
    'measure.read': 'all',
    'authorization.write': 'all',
    'authorization.read': 'all',
    'request.write': 'all',
    'request.read': 'all',
    'disclosure.write': 'all',
    'disclosure.read': 'all',
  },
  // Minimum necessary for billing (164.502(b)): dates, times, codes and diagnoses, no notes.
  biller: {
    'client.read': 'all',
    'session.read': 'all',
    'diagnosis.read': 'all',
  },
};

/** The decision and, when allowed, the role whose grant allowed it (recorded in the audit log). */
export type AccessDecision = { readonly allowed: true; readonly role: Role } | { readonly allowed: false };

function scopeAdmits(scope: Scope, relations: readonly AssignmentRelation[]): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'assigned':
      return relations.length > 0;
    case 'assigned-clinician':
      return relations.includes('clinician');
    case 'assigned-supervisor':
      return relations.includes('supervisor');
  }
}

/**
 * Decides one access. `relations` are the actor's assignments to the client concerned
 * (empty when there is no client, e.g. `user.manage`, or no assignment).
 */
export function decideAccess(
  roles: readonly Role[],
  permission: Permission,
  relations: readonly AssignmentRelation[],
): AccessDecision {
  for (const role of roles) {
    const scope = ROLE_GRANTS[role][permission];
    if (scope && scopeAdmits(scope, relations)) return { allowed: true, role };
  }
  return { allowed: false };
}
