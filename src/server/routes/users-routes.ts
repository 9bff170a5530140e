/** Users and roles (admins; 45 CFR 164.308(a)(4) information access management). */
import { z } from 'zod';
import { resetTotp, revokeUserSessions, totpStatusByUser } from '../../db/auth/auth-repository.ts';
import { updateUser } from '../../db/chart/user-admin-repository.ts';
import { createUser, listUsers } from '../../db/chart/users-repository.ts';
import { RoleSchema, UserListEntryOut, UserOut } from '../../api/schemas.ts';
import { ctxOf, ERROR_RESPONSES, Id, NO_STORE, type RouteGroup } from './route-kit.ts';

const UserParams = z.object({ userId: Id });

export const UserUpdateBody = z
  .object({ displayName: z.string().max(200).optional(), roles: z.array(RoleSchema).max(5).optional(), active: z.boolean().optional() })
  .meta({ id: 'UserUpdate' });

export const NewUserBody = z
  .object({
    username: z.string().max(63),
    displayName: z.string().max(200),
    password: z.string().max(1024),
    roles: z.array(RoleSchema).max(5),
  })
  .meta({ id: 'NewUser' });

export const usersRoutes: RouteGroup = (app, deps) => {
  app.get('/api/users', {
    config: { access: { roles: ['admin'] } },
    schema: { tags: ['users'], summary: 'Every user with their roles, whether active, and their TOTP status', response: { 200: z.array(UserListEntryOut), ...ERROR_RESPONSES } },
    handler: async (request) => {
      const users = await listUsers(ctxOf(deps, request));
      // Read after the audited list: the second factor lives in the server's auth tables.
      const totp = await totpStatusByUser(deps.chart);
      return users.map((u) => ({ ...u, roles: [...u.roles], totpEnrolled: totp.get(u.id) === 'enrolled', totpPending: totp.get(u.id) === 'pending' }));
    },
  });

  app.post('/api/users', {
    config: { access: { roles: ['admin'] } },
    schema: { tags: ['users'], summary: 'Create a user (with their own vault key)', body: NewUserBody, response: { 201: UserOut, ...ERROR_RESPONSES } },
    handler: async (request, reply) => {
      const user = await createUser(ctxOf(deps, request), request.body);
      // Every user gets a vault key at once, so they can write psychotherapy notes.
      await deps.vault.createAuthorKey(user.id, request.body.password);
      void reply.code(201).header('cache-control', NO_STORE);
      return { ...user, roles: [...user.roles] };
    },
  });

  app.patch('/api/users/:userId', {
    config: { access: { roles: ['admin'], record: true } },
    schema: {
      tags: ['users'],
      summary: "Change a user's roles or name, or deactivate them (their sessions end at once)",
      params: UserParams,
      body: UserUpdateBody,
      response: { 200: UserOut.extend({ active: z.boolean() }), ...ERROR_RESPONSES },
    },
    handler: async (request) => {
      const user = await updateUser(ctxOf(deps, request), request.params.userId, request.body);
      if (!user.active) {
        // 164.308(a)(3)(ii)(C): access ends when employment does, not at the next request.
        for (const vaultSession of await revokeUserSessions(deps.chart, user.id, 'user-inactive', deps.now(), request.id)) await deps.vault.lock(vaultSession);
      }
      return { ...user, roles: [...user.roles] };
    },
  });

  app.delete('/api/users/:userId/totp', {
    config: { access: { roles: ['admin'], record: true } },
    schema: { tags: ['users'], summary: "Remove a user's TOTP factor (lost device); they enrol again", params: UserParams, response: { 204: z.null(), ...ERROR_RESPONSES } },
    handler: async (request, reply) => {
      await resetTotp(ctxOf(deps, request), request.params.userId);
      return reply.code(204).send(null);
    },
  });
};
