/**
 * First-run setup in the browser: `GET /api/setup` says whether the practice exists;
 * `POST /api/setup` creates it, its first admin (with a vault key) and the recovery key,
 * and returns the recovery code exactly once (45 CFR 164.312(a)(2)(ii): the emergency
 * access procedure). `src/db/ops/setup.ts` does the storage part.
 */
import { z } from 'zod';
import { practiceExists } from '../../db/chart/users-repository.ts';
import { setupPractice } from '../../db/ops/setup.ts';
import { ERROR_RESPONSES, NO_STORE, type RouteGroup } from './route-kit.ts';

export const SetupBody = z
  .object({
    practiceName: z.string().trim().min(1, 'is required').max(200),
    admin: z.object({
      username: z.string().max(63),
      displayName: z.string().max(200),
      password: z.string().max(1024),
      /** The admin also sees clients and writes notes. */
      clinician: z.boolean().default(false),
    }),
  })
  .meta({ id: 'SetupRequest' });

export const setupRoutes: RouteGroup = (app, deps) => {
  app.get('/api/health', {
    config: { access: { roles: 'public' } },
    schema: {
      tags: ['setup'],
      summary: 'Liveness for load balancers: answers 200 once the chart database answers',
      response: { 200: z.object({ ok: z.literal(true) }), ...ERROR_RESPONSES },
    },
    handler: async () => {
      await practiceExists(deps.chart);
      return { ok: true as const };
    },
  });

  app.get('/api/setup', {
    config: { access: { roles: 'public' } },
    schema: { tags: ['setup'], summary: 'Whether the practice still needs first-run setup', response: { 200: z.object({ needsSetup: z.boolean() }), ...ERROR_RESPONSES } },
    handler: async () => ({ needsSetup: !(await practiceExists(deps.chart)) }),
  });

  app.post('/api/setup', {
    config: { access: { roles: 'public' } },
    schema: {
      tags: ['setup'],
      summary: 'Create the practice and its first admin; returns the recovery code once',
      body: SetupBody,
      response: { 201: z.object({ practiceId: z.string(), adminId: z.string(), recoveryCode: z.string() }), ...ERROR_RESPONSES },
    },
    handler: async (request, reply) => {
      const b = request.body;
      const result = await setupPractice(deps.config.store, {
        practiceName: b.practiceName,
        admin: { username: b.admin.username, displayName: b.admin.displayName, password: b.admin.password, roles: b.admin.clinician ? ['admin', 'clinician'] : ['admin'] },
      });
      void reply.header('cache-control', NO_STORE).code(201);
      return result;
    },
  });
};
