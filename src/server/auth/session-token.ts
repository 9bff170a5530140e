/**
 * The login cookie and what is derived from it. The cookie holds a random session token
 * and the vault session secret; the database holds only the token's SHA-256 and the
 * vault's sealed key, so neither a stolen database nor a stolen cookie alone opens the
 * author's key (45 CFR 164.312(a)(2)(iv) encryption, (d) authentication).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'nw_session';

/** A fresh 256-bit session token. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database stores for a token. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(`nw-session:${token}`).digest('hex');
}

/**
 * The CSRF token for a session (a double-submit token tied to it): the client echoes it in
 * `X-CSRF-Token` on every state-changing request. A cross-site page can neither read the
 * HttpOnly cookie nor compute this from it.
 */
export function csrfTokenFor(token: string): string {
  return createHash('sha256').update(`nw-csrf:${token}`).digest('base64url');
}

/** Constant-time comparison of a presented CSRF token. */
export function csrfMatches(expected: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Cookie value: `<token>.<vault secret>` (the secret is empty for users without a vault key). */
export function encodeSessionCookie(token: string, vaultSecret: string | null): string {
  return `${token}.${vaultSecret ?? ''}`;
}

const PART = /^[A-Za-z0-9_-]{20,200}$/;

export function decodeSessionCookie(value: string | undefined): { token: string; vaultSecret: string | null } | null {
  if (!value) return null;
  const dot = value.indexOf('.');
  if (dot < 0) return null;
  const token = value.slice(0, dot);
  const secret = value.slice(dot + 1);
  if (!PART.test(token)) return null;
  if (secret !== '' && !PART.test(secret)) return null;
  return { token, vaultSecret: secret === '' ? null : secret };
}
