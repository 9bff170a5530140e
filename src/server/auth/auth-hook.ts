/**
 * The request gate, run as an `onRequest` hook before the body is even parsed:
 *
 * 1. resolve the session cookie to a login session in the database (never process memory),
 *    ending it when it is past its idle timeout or absolute lifetime (45 CFR
 *    164.312(a)(2)(iii) automatic logoff);
 * 2. check the CSRF token on state-changing requests of a logged-in user;
 * 3. apply the route's access declaration ({@link decideRouteAccess}); a denial is
 *    audited (outcome `denied`) and answered 401, 403, or 404 for record routes.
 */
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { loadActor } from '../../db/chart/context.ts';
import { findLoginSession, revokeLoginSession, touchLoginSession, type RevokeReason } from '../../db/auth/auth-repository.ts';
import { appendServerAuditStandalone } from '../../db/auth/server-audit.ts';
import { StorageError } from '../../db/errors.ts';
import { decideRouteAccess, routeId, type RequestAuth } from '../access.ts';
import { AppError } from '../errors.ts';
import type { AppDeps } from '../deps.ts';
import { clearSessionCookie } from './cookies.ts';
import { csrfMatches, csrfTokenFor, decodeSessionCookie, hashSessionToken, SESSION_COOKIE } from './session-token.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Ends a session and locks its vault key; used by logout, timeouts and the sweeper. */
export async function endSession(deps: AppDeps, tokenHash: string, reason: RevokeReason, requestId: string | null): Promise<void> {
  const ended = await revokeLoginSession(deps.chart, tokenHash, reason, deps.now(), requestId);
  if (ended?.vaultSessionId) await deps.vault.lock(ended.vaultSessionId);
}

/** Resolves the cookie to a live session, or null; `expired` says whether one just ended. */
async function resolveSession(deps: AppDeps, request: FastifyRequest): Promise<{ auth: RequestAuth | null; expired: boolean }> {
  const cookie = decodeSessionCookie(request.cookies[SESSION_COOKIE]);
  if (!cookie) return { auth: null, expired: false };
  const tokenHash = hashSessionToken(cookie.token);
  const row = await findLoginSession(deps.chart, tokenHash);
  if (!row) return { auth: null, expired: false };
  if (row.revoked_at !== null) return { auth: null, expired: true };
  const now = deps.now();
  const nowIso = now.toISOString();
  const idleEnds = new Date(new Date(row.last_seen_at).getTime() + deps.config.idleSeconds * 1000).toISOString();
  let reason: RevokeReason | null = null;
  if (row.absolute_expires_at <= nowIso) reason = 'absolute';
  else if (idleEnds <= nowIso) reason = 'idle';
  if (reason) {
    await endSession(deps, tokenHash, reason, request.id);
    return { auth: null, expired: true };
  }
  let actor;
  try {
    actor = await loadActor(deps.chart, row.user_id, request.id);
  } catch (err) {
    if (err instanceof StorageError && err.code === 'not-found') {
      await endSession(deps, tokenHash, 'user-inactive', request.id);
      return { auth: null, expired: true };
    }
    throw err;
  }
  // Sliding idle timer, written at most every `touchSeconds` so reads stay cheap.
  const touchSeconds = Math.min(60, Math.max(1, Math.floor(deps.config.idleSeconds / 15)));
  if (now.getTime() - new Date(row.last_seen_at).getTime() >= touchSeconds * 1000) await touchLoginSession(deps.chart, tokenHash, now);
  return {
    auth: {
      actor,
      tokenHash,
      vaultSession: row.vault_session_id && cookie.vaultSecret ? { sessionId: row.vault_session_id, sessionSecret: cookie.vaultSecret } : null,
      totpEnrolmentRequired: row.totp_enrolment_required === 1,
      csrfToken: csrfTokenFor(cookie.token),
    },
    expired: false,
  };
}

/** Builds the `onRequest` hook for an app. */
export function authHook(deps: AppDeps) {
  return async function onRequest(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    request.auth = null;
    const access = request.routeOptions.config.access;
    // Unmatched URLs reach the not-found handler, which has no declaration and answers 404.
    // Public routes (login, setup, static files) never read the session.
    if (!access || access.roles === 'public') return;
    const { auth, expired } = await resolveSession(deps, request);
    if (expired) clearSessionCookie(reply, deps, request);
    request.auth = auth;
    const id = routeId(request.method, request.routeOptions.url ?? request.url);
    if (auth && !SAFE_METHODS.has(request.method)) {
      const presented = request.headers['x-csrf-token'];
      if (!csrfMatches(auth.csrfToken, typeof presented === 'string' ? presented : undefined)) {
        await appendServerAuditStandalone(deps.chart, { actorId: auth.actor.userId, action: 'route.access', entityType: 'route', entityId: id, outcome: 'denied', requestId: request.id, reason: 'csrf' });
        throw new AppError('csrf');
      }
    }
    const decision = decideRouteAccess(access, auth);
    if (decision.kind === 'allow') return;
    await appendServerAuditStandalone(deps.chart, {
      actorId: auth?.actor.userId ?? null,
      action: 'route.access',
      entityType: 'route',
      entityId: id,
      outcome: 'denied',
      requestId: request.id,
      reason: decision.code,
    });
    if (decision.code === 'unauthenticated' && expired) throw new AppError('session-expired');
    throw new AppError(decision.code);
  };
}
