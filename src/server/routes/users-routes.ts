/** Users and roles (admins; 45 CFR 164.308(a)(4) information access management). */
import { z } from 'zod';
import { createUser, listUsers } from '../../db/chart/users-repository.ts';
import { RoleSchema, UserOut } from '../schemas.ts';
import { ctxOf, ERROR_RESPONSES, NO_STORE, type RouteGroup } from './route-kit.ts';

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
    schema: { tags: ['users'], summary: 'Every user and their roles', response: { 200: z.array(UserOut), ...ERROR_RESPONSES } },
    handler: async (request) => listUsers(ctxOf(deps, request)),
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
};
