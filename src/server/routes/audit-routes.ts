/** The audit log (admin), its verification, and the per-client "who accessed this record" report. */
import { z } from 'zod';
import { accessReport, AuditQuery, listAudit, verifyAudit } from '../../db/chart/audit-read-repository.ts';
import { AuditEntryOut } from '../../api/schemas.ts';
import { ClientParams, ctxOf, ERROR_RESPONSES, type RouteGroup } from './route-kit.ts';

export const auditRoutes: RouteGroup = (app, deps) => {
  app.get('/api/audit', {
    config: { access: { roles: ['admin'] } },
    schema: {
      tags: ['audit'],
      summary: 'The audit log, newest first, with filters',
      querystring: AuditQuery,
      response: { 200: z.object({ entries: z.array(AuditEntryOut.extend({ actorDisplayName: z.string().nullable() })), nextBeforeSeq: z.number().int().nullable() }), ...ERROR_RESPONSES },
    },
    handler: async (request) => listAudit(ctxOf(deps, request), request.query),
  });

  app.get('/api/audit/verify', {
    config: { access: { roles: ['admin'] } },
    schema: {
      tags: ['audit'],
      summary: 'Walk the hash chain and name the first broken row',
      response: {
        200: z.union([
          z.object({ ok: z.literal(true), rows: z.number().int(), lastHash: z.string() }),
          z.object({ ok: z.literal(false), rows: z.number().int(), brokenSeq: z.number().int(), problem: z.string() }),
        ]),
        ...ERROR_RESPONSES,
      },
    },
    handler: async (request) => verifyAudit(ctxOf(deps, request)),
  });

  app.get('/api/clients/:clientId/access-report', {
    config: { access: { roles: ['admin'], record: true } },
    schema: {
      tags: ['audit'],
      summary: 'Who accessed this client\'s record (chart and vault), newest first',
      params: ClientParams,
      response: { 200: z.array(AuditEntryOut.extend({ actorUsername: z.string().nullable(), actorDisplayName: z.string().nullable() })), ...ERROR_RESPONSES },
    },
    handler: async (request) => accessReport(ctxOf(deps, request), request.params.clientId),
  });
};
