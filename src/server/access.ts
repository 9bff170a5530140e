/**
 * Deny by default (ARCHITECTURE.md invariant 6; 45 CFR 164.312(a)(1) access control):
 * every route declares who may call it in `config.access`, and the app refuses to start
 * when one does not ({@link assertRouteDeclared}, run from an `onRoute` hook). The decision
 * itself is one pure function, table-tested; per-record checks (assigned clients, note
 * authorship, billing scope) stay in the repositories.
 */
import type { Actor } from '../db/chart/context.ts';
import type { Role } from '../db/chart/schema.ts';

export interface RouteAccess {
  /** The roles that may call the route, or `public` (no login needed). */
  readonly roles: readonly Role[] | 'public';
  /**
   * A record route (its path names a client, note or other record): a role that may not
   * call it gets 404, as if the record did not exist, instead of 403.
   */
  readonly record?: boolean;
  /** Callable while the user still has to enrol a second factor their role requires. */
  readonly duringTotpEnrolment?: boolean;
}

/** What the session layer knows about the caller. */
export interface RequestAuth {
  readonly actor: Actor;
  readonly tokenHash: string;
  readonly vaultSession: { readonly sessionId: string; readonly sessionSecret: string } | null;
  readonly totpEnrolmentRequired: boolean;
  readonly csrfToken: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
}

/** Every role: for routes any logged-in user may call (their own session, TOTP). */
export const ANY_ROLE: readonly Role[] = ['admin', 'clinician', 'supervisor', 'records', 'biller'];

export type RouteDecision =
  | { readonly kind: 'allow' }
  | { readonly kind: 'deny'; readonly code: 'unauthenticated' | 'forbidden' | 'not-found' | 'totp-enrolment-required' };

/** Decides one request against its route's declaration. */
export function decideRouteAccess(access: RouteAccess, auth: Pick<RequestAuth, 'actor' | 'totpEnrolmentRequired'> | null): RouteDecision {
  if (access.roles === 'public') return { kind: 'allow' };
  if (!auth) return { kind: 'deny', code: 'unauthenticated' };
  if (auth.totpEnrolmentRequired && !access.duringTotpEnrolment) return { kind: 'deny', code: 'totp-enrolment-required' };
  const allowed = access.roles;
  if (auth.actor.roles.some((r) => allowed.includes(r))) return { kind: 'allow' };
  // 404 where 403 would reveal that a record exists (STYLE.md §5).
  return { kind: 'deny', code: access.record ? 'not-found' : 'forbidden' };
}

/** One registered route and its declaration, for the docs and the route × role test. */
export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  readonly access: RouteAccess;
}

/** Throws when a route was registered without an access declaration. */
export function assertRouteDeclared(method: string | readonly string[], url: string, access: RouteAccess | undefined): RouteAccess {
  if (!access) {
    throw new Error(`route ${String(method)} ${url} declares no config.access: every route must say who may call it (deny by default)`);
  }
  return access;
}

/** `GET /api/clients/:clientId`: the id the audit log uses for a route. */
export function routeId(method: string, url: string): string {
  return `${method} ${url}`;
}
