/**
 * Login, logout, the current session, TOTP enrolment and the per-role TOTP policy
 * (45 CFR 164.312(d) person authentication; 164.308(a)(5)(ii)(C) log-in monitoring).
 *
 * Login order: lockout check, password (argon2id), second factor, vault unlock, session
 * row. Every login, failure, lockout and logout is audited. A wrong username costs the
 * same argon2 work as a wrong password, and both count towards the username's lockout.
 */
import { z } from 'zod';
import {
  acceptTotpStep,
  auditLoginRefused,
  auditPasswordChange,
  clearTotpEnrolmentRequirement,
  createLoginSession,
  DEFAULT_LOCKOUT,
  findLoginSession,
  getTotp,
  getTotpPolicy,
  lockedUntil,
  recordLoginFailure,
  revokeUserSessions,
  setTotpPolicy,
  startTotpEnrolment,
  userIdByUsername,
  userProfile,
} from '../../db/auth/auth-repository.ts';
import { loadActor } from '../../db/chart/context.ts';
import { authenticate, Password, practiceExists, unsafeSetPasswordHash } from '../../db/chart/users-repository.ts';
import { ROLES } from '../../db/chart/schema.ts';
import { ANY_ROLE, type RequestAuth } from '../access.ts';
import { clearSessionCookie, setSessionCookie } from '../auth/cookies.ts';
import { endSession } from '../auth/auth-hook.ts';
import { csrfTokenFor, encodeSessionCookie, hashSessionToken, newSessionToken } from '../auth/session-token.ts';
import { newTotpSecret, otpauthUri, verifyTotp } from '../auth/totp.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { SessionInfo } from '../../api/schemas.ts';
import type { AccessNotice } from '../vault/gateway.ts';
import { authOf, ctxOf, ERROR_RESPONSES, NO_STORE, type RouteGroup } from './route-kit.ts';

export const LoginBody = z
  .object({
    username: z.string().trim().toLowerCase().min(1, 'is required').max(63),
    password: z.string().min(1, 'is required').max(1024),
    /** Six digits from the authenticator app, when the account has TOTP. */
    totpCode: z.string().trim().max(10).optional(),
  })
  .meta({ id: 'LoginRequest' });

const TotpPolicy = z.object(Object.fromEntries(ROLES.map((r) => [r, z.boolean()])) as Record<(typeof ROLES)[number], z.ZodBoolean>).meta({ id: 'TotpPolicy' });

async function sessionInfo(deps: AppDeps, auth: RequestAuth, absoluteExpiresAt: string, notices: readonly AccessNotice[]): Promise<z.infer<typeof SessionInfo>> {
  const profile = await userProfile(deps.chart, auth.actor.userId);
  if (!profile) throw new AppError('unauthenticated');
  const totp = await getTotp(deps.chart, auth.actor.userId);
  return {
    user: { ...profile, roles: [...auth.actor.roles] },
    csrfToken: auth.csrfToken,
    idleTimeoutSeconds: deps.config.idleSeconds,
    absoluteExpiresAt,
    totpEnrolled: Boolean(totp?.confirmed_at),
    totpEnrolmentRequired: auth.totpEnrolmentRequired,
    vaultUnlocked: auth.vaultSession !== null,
    notices: [...notices],
  };
}

export const authRoutes: RouteGroup = (app, deps) => {
  app.post('/api/auth/login', {
    config: { access: { roles: 'public' }, rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: 60_000 } },
    schema: { tags: ['auth'], summary: 'Log in; sets the HttpOnly session cookie', body: LoginBody, response: { 200: SessionInfo, ...ERROR_RESPONSES } },
    handler: async (request, reply) => {
      const { username, password, totpCode } = request.body;
      const now = deps.now();
      if (!(await practiceExists(deps.chart))) throw new AppError('setup-required');
      const knownId = await userIdByUsername(deps.chart, username);
      if (await lockedUntil(deps.chart, username, now)) {
        await auditLoginRefused(deps.chart, { userId: knownId, requestId: request.id, reason: 'locked' });
        throw new AppError('account-locked');
      }
      const fail = async (reason: string, code: 'invalid-credentials' | 'totp-required'): Promise<never> => {
        const { locked } = await recordLoginFailure(deps.chart, { username, userId: knownId, now, requestId: request.id, reason, policy: DEFAULT_LOCKOUT });
        throw new AppError(locked ? 'account-locked' : code);
      };
      const userId = await authenticate(deps.chart, username, password);
      if (!userId) return fail('bad-credentials', 'invalid-credentials');
      const totp = await getTotp(deps.chart, userId);
      if (totp?.confirmed_at) {
        if (!totpCode) {
          // Password was right; ask for the code without counting a failure.
          await auditLoginRefused(deps.chart, { userId, requestId: request.id, reason: 'totp-required' });
          throw new AppError('totp-required');
        }
        const step = verifyTotp(totp.secret, totpCode, Math.floor(now.getTime() / 1000));
        if (step === null || !(await acceptTotpStep(deps.chart, userId, step, request.id, false))) return fail('bad-totp', 'totp-required');
      }
      const actor = await loadActor(deps.chart, userId, request.id);
      const policy = await getTotpPolicy(deps.chart);
      const enrolmentRequired = !totp?.confirmed_at && actor.roles.some((r) => policy[r]);
      const vault = await deps.vault.unlock(userId, password, deps.config.absoluteSeconds);
      const token = newSessionToken();
      const row = await createLoginSession(deps.chart, {
        tokenHash: hashSessionToken(token),
        userId,
        vaultSessionId: vault?.sessionId ?? null,
        now,
        absoluteSeconds: deps.config.absoluteSeconds,
        totpEnrolmentRequired: enrolmentRequired,
        requestId: request.id,
        username,
      });
      setSessionCookie(reply, deps, request, encodeSessionCookie(token, vault?.sessionSecret ?? null));
      void reply.header('cache-control', NO_STORE);
      const auth: RequestAuth = {
        actor,
        tokenHash: row.id_hash,
        vaultSession: vault ? { sessionId: vault.sessionId, sessionSecret: vault.sessionSecret } : null,
        totpEnrolmentRequired: enrolmentRequired,
        csrfToken: csrfTokenFor(token),
      };
      return sessionInfo(deps, auth, row.absolute_expires_at, vault?.notices ?? []);
    },
  });

  app.post('/api/auth/logout', {
    config: { access: { roles: ANY_ROLE, duringTotpEnrolment: true } },
    schema: { tags: ['auth'], summary: 'Log out: ends the session and locks the vault key', response: { 204: z.null(), ...ERROR_RESPONSES } },
    handler: async (request, reply) => {
      await endSession(deps, authOf(request).tokenHash, 'logout', request.id);
      clearSessionCookie(reply, deps, request);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/auth/session', {
    config: { access: { roles: ANY_ROLE, duringTotpEnrolment: true } },
    schema: { tags: ['auth'], summary: 'The current session (user, roles, CSRF token, timeouts)', response: { 200: SessionInfo, ...ERROR_RESPONSES } },
    handler: async (request, reply) => {
      const auth = authOf(request);
      void reply.header('cache-control', NO_STORE);
      const absolute = new Date(deps.now().getTime() + deps.config.absoluteSeconds * 1000).toISOString();
      const row = await findLoginSession(deps.chart, auth.tokenHash);
      return sessionInfo(deps, auth, row?.absolute_expires_at ?? absolute, await deps.vault.pendingNotices(auth.actor.userId));
    },
  });

  app.post('/api/auth/notices/acknowledge', {
    config: { access: { roles: ANY_ROLE } },
    schema: { tags: ['auth'], summary: 'Mark emergency-access notices as seen', response: { 204: z.null(), ...ERROR_RESPONSES } },
    handler: async (request, reply) => {
      await deps.vault.acknowledgeNotices(authOf(request).actor.userId);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/auth/totp/enrol', {
    config: { access: { roles: ANY_ROLE, duringTotpEnrolment: true } },
    schema: {
      tags: ['auth'],
      summary: 'Start TOTP enrolment: a new secret and its otpauth:// URI',
      response: { 200: z.object({ secret: z.string(), otpauthUri: z.string() }).meta({ id: 'TotpEnrolment' }), ...ERROR_RESPONSES },
    },
    handler: async (request, reply) => {
      const auth = authOf(request);
      const existing = await getTotp(deps.chart, auth.actor.userId);
      if (existing?.confirmed_at) throw new AppError('conflict', 'A second factor is already enrolled.');
      const profile = await userProfile(deps.chart, auth.actor.userId);
      const secret = newTotpSecret();
      await startTotpEnrolment(deps.chart, auth.actor.userId, secret, request.id);
      void reply.header('cache-control', NO_STORE);
      return { secret, otpauthUri: otpauthUri('Notewall', profile?.username ?? auth.actor.userId, secret) };
    },
  });

  app.post('/api/auth/totp/confirm', {
    config: { access: { roles: ANY_ROLE, duringTotpEnrolment: true } },
    schema: {
      tags: ['auth'],
      summary: 'Confirm TOTP enrolment with a first code',
      body: z.object({ code: z.string().trim().regex(/^\d{6}$/, 'must be six digits') }),
      response: { 204: z.null(), ...ERROR_RESPONSES },
    },
    handler: async (request, reply) => {
      const auth = authOf(request);
      const totp = await getTotp(deps.chart, auth.actor.userId);
      if (!totp || totp.confirmed_at) throw new AppError('conflict', 'Start enrolment first.');
      const step = verifyTotp(totp.secret, request.body.code, Math.floor(deps.now().getTime() / 1000));
      if (step === null || !(await acceptTotpStep(deps.chart, auth.actor.userId, step, request.id, true))) {
        throw new AppError('validation', 'does not match; check the time on your device', 'code');
      }
      await clearTotpEnrolmentRequirement(deps.chart, auth.actor.userId);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/auth/password', {
    config: { access: { roles: ANY_ROLE } },
    schema: {
      tags: ['auth'],
      summary: 'Change your password; the vault key is re-wrapped and your other sessions end',
      body: z.object({ currentPassword: z.string().min(1, 'is required').max(1024), newPassword: z.string().max(1024) }).meta({ id: 'PasswordChange' }),
      response: { 204: z.null(), ...ERROR_RESPONSES },
    },
    handler: async (request, reply) => {
      const auth = authOf(request);
      const profile = await userProfile(deps.chart, auth.actor.userId);
      const { currentPassword, newPassword } = request.body;
      if (!profile || (await authenticate(deps.chart, profile.username, currentPassword)) !== auth.actor.userId) {
        await auditPasswordChange(deps.chart, auth.actor.userId, 'failed', request.id);
        throw new AppError('validation', 'is not correct', 'currentPassword');
      }
      const checked = Password.safeParse(newPassword);
      if (!checked.success) throw new AppError('validation', checked.error.issues[0]?.message ?? 'is invalid', 'newPassword');
      // The vault first: if re-wrapping fails, the login password has not changed either.
      if (await deps.vault.hasAuthorKey(auth.actor.userId)) await deps.vault.changePassword(auth.actor.userId, currentPassword, newPassword);
      await unsafeSetPasswordHash(deps.chart, auth.actor.userId, newPassword);
      await auditPasswordChange(deps.chart, auth.actor.userId, 'allowed', request.id);
      for (const vaultSession of await revokeUserSessions(deps.chart, auth.actor.userId, 'logout', deps.now(), request.id, auth.tokenHash)) await deps.vault.lock(vaultSession);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/admin/totp-policy', {
    config: { access: { roles: ['admin'] } },
    schema: { tags: ['admin'], summary: 'Which roles must use a second factor', response: { 200: TotpPolicy, ...ERROR_RESPONSES } },
    handler: async () => getTotpPolicy(deps.chart),
  });

  app.put('/api/admin/totp-policy', {
    config: { access: { roles: ['admin'] } },
    schema: { tags: ['admin'], summary: 'Require (or stop requiring) TOTP for roles', body: TotpPolicy.partial().strict(), response: { 200: TotpPolicy, ...ERROR_RESPONSES } },
    handler: async (request) => setTotpPolicy(ctxOf(deps, request), request.body),
  });
};
