/** Setting and clearing the session cookie: HttpOnly, SameSite=Strict, Path=/, Secure over TLS. */
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../deps.ts';
import { SESSION_COOKIE } from './session-token.ts';

function secure(deps: AppDeps, request: FastifyRequest): boolean {
  switch (deps.config.secureCookies) {
    case 'always':
      return true;
    case 'never':
      return false;
    case 'auto':
      // `request.protocol` honours X-Forwarded-Proto only when NOTEWALL_TRUST_PROXY is set.
      return request.protocol === 'https';
  }
}

export function setSessionCookie(reply: FastifyReply, deps: AppDeps, request: FastifyRequest, value: string): void {
  void reply.setCookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: secure(deps, request),
    // No Max-Age: a browser-session cookie, gone when the browser closes (shared
    // workstations). The absolute lifetime is enforced by the server, not the browser.
  });
}

export function clearSessionCookie(reply: FastifyReply, deps: AppDeps, request: FastifyRequest): void {
  void reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/', secure: secure(deps, request) });
}
