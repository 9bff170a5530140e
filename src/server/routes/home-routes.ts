/** The clinician's (and supervisor's) home page. */
import { z } from 'zod';
import { IsoDate } from '../../core/notes/model.ts';
import { clinicianHome } from '../../db/chart/home-repository.ts';
import { ctxOf, ERROR_RESPONSES, type RouteGroup } from './route-kit.ts';

const HomeOut = z
  .object({
    today: z.string(),
    todaysSessions: z.array(z.object({ id: z.string(), clientId: z.string(), clientName: z.string(), start: z.string().nullable(), end: z.string().nullable(), modality: z.string() })).readonly(),
    drafts: z.array(z.object({ id: z.string(), clientId: z.string(), clientName: z.string(), sessionDate: z.string(), updatedAt: z.string() })).readonly(),
    awaitingCosign: z
      .array(z.object({ id: z.string(), clientId: z.string(), clientName: z.string(), sessionDate: z.string(), authorId: z.string(), signedAt: z.string().nullable() }))
      .readonly(),
    item9Alerts: z.array(z.object({ measureId: z.string(), clientId: z.string(), clientName: z.string(), administeredOn: z.string(), item9: z.number() })).readonly(),
  })
  .meta({ id: 'HomePage' });

export const homeRoutes: RouteGroup = (app, deps) => {
  app.get('/api/home', {
    config: { access: { roles: ['clinician', 'supervisor'] } },
    schema: {
      tags: ['home'],
      summary: "Today's sessions, unsigned drafts, notes awaiting my co-signature, PHQ-9 item-9 alerts without follow-up",
      querystring: z.object({ today: IsoDate.optional() }),
      response: { 200: HomeOut, ...ERROR_RESPONSES },
    },
    handler: async (request) => clinicianHome(ctxOf(deps, request), request.query.today ?? deps.now().toISOString().slice(0, 10)),
  });
};
