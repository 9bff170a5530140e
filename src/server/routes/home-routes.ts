/** The clinician's (and supervisor's) home page. */
import { z } from 'zod';
import { IsoDate } from '../../core/notes/model.ts';
import { clinicianHome } from '../../db/chart/home-repository.ts';
import { HomeOut } from '../../api/home.ts';
import { ctxOf, ERROR_RESPONSES, type RouteGroup } from './route-kit.ts';

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
