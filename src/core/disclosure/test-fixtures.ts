/**
 * Synthetic authorizations and requests shared by the gate's tests. All names, initials and
 * dates are invented.
 */
import { Authorization } from './authorization.ts';
import type { AuthorizationInput } from './authorization.ts';
import { DisclosureRequest } from './request.ts';
import type { DisclosureRequestInput } from './request.ts';

export const AS_OF = '2026-03-10';
export const RECIPIENT = 'Q. R. Recipient Group';

/** A complete, valid authorization of the given kind naming `RECIPIENT`. */
export function validAuthorization(kind: 'general' | 'psychotherapy-notes', overrides: Partial<AuthorizationInput> = {}): Authorization {
  return Authorization.parse({
    id: kind === 'general' ? 'G-1' : 'P-1',
    kind,
    description: kind === 'general' ? 'Progress notes and diagnoses, 2025-01-01 to 2026-02-28' : 'Psychotherapy notes of Dr. T. U., 2025-06-01 to 2025-12-31',
    discloser: 'Elmwood Counseling (synthetic)',
    recipient: RECIPIENT,
    purpose: 'At the request of the individual',
    expiresOn: '2026-12-31',
    signedBy: 'J. K.',
    signedOn: '2026-02-01',
    statements: { rightToRevoke: true, conditioning: true, redisclosure: true },
    ...overrides,
  });
}

export function request(input: Omit<DisclosureRequestInput, 'recipient'> & { recipient?: string }): DisclosureRequest {
  return DisclosureRequest.parse({ recipient: RECIPIENT, ...input });
}
