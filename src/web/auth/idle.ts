/**
 * The client side of automatic logoff (45 CFR 164.312(a)(2)(iii)). The server ends a
 * session `idleTimeoutSeconds` after the last request it recorded; it records a request at
 * most every `touchSeconds` (same formula as `src/server/auth/auth-hook.ts`), so the
 * browser counts from its last contact minus that slack and never promises more time than
 * the server will give.
 */

/** How often the server writes `last_seen_at`, in seconds (mirrors the auth hook). */
export function touchSeconds(idleSeconds: number): number {
  return Math.min(60, Math.max(1, Math.floor(idleSeconds / 15)));
}

/** When the server may end the session, as epoch ms, given the last contact. */
export function idleDeadline(lastContactMs: number, idleSeconds: number): number {
  return lastContactMs + (idleSeconds - touchSeconds(idleSeconds)) * 1000;
}

/** How long before the deadline the warning opens, in ms: two minutes, or a third of the timeout when shorter. */
export function warnBeforeMs(idleSeconds: number): number {
  return Math.min(120, Math.floor(idleSeconds / 3)) * 1000;
}

/** Whether activity should ping the server to slide its idle timer. */
export function shouldKeepAlive(nowMs: number, lastContactMs: number, idleSeconds: number): boolean {
  return nowMs - lastContactMs >= touchSeconds(idleSeconds) * 1000;
}
