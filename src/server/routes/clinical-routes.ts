/** Diagnoses (ICD-10-CM, checked against the full code list), treatment-plan goals and measures. */
import { z } from 'zod';
import { InstrumentIdSchema, scoreMeasure } from '../../core/measures/index.ts';
import { addDiagnosis, addGoal, GOAL_STATUSES, listDiagnoses, listGoals, recordMeasure } from '../../db/chart/clinical-repository.ts';
import { listMeasures } from '../../db/chart/measures-read-repository.ts';
import { DiagnosisOut, GoalOut, MeasureOut, MeasureResultOut } from '../../api/schemas.ts';
import { ClientParams, ctxOf, ERROR_RESPONSES, Id, type RouteGroup } from './route-kit.ts';

const READERS = ['clinician', 'supervisor', 'records'] as const;

export const NewDiagnosisBody = z
  .object({ code: z.string().max(10), description: z.string().max(500).optional(), onsetDate: z.string().max(10).optional() })
  .meta({ id: 'NewDiagnosis' });
export const NewGoalBody = z
  .object({ description: z.string().max(2000), targetDate: z.string().max(10).optional(), status: z.enum(GOAL_STATUSES).optional() })
  .meta({ id: 'NewGoal' });
export const NewMeasureBody = z
  .object({ instrument: InstrumentIdSchema, administeredOn: z.string().max(10), items: z.array(z.number()).max(40), sessionId: Id.optional() })
  .meta({ id: 'NewMeasure' });

export const clinicalRoutes: RouteGroup = (app, deps) => {
  app.get('/api/clients/:clientId/diagnoses', {
    config: { access: { roles: [...READERS, 'biller'], record: true } },
    schema: { tags: ['diagnoses'], summary: "A client's diagnoses", params: ClientParams, response: { 200: z.array(DiagnosisOut), ...ERROR_RESPONSES } },
    handler: async (request) => listDiagnoses(ctxOf(deps, request), request.params.clientId),
  });

  app.post('/api/clients/:clientId/diagnoses', {
    config: { access: { roles: ['clinician'], record: true } },
    schema: { tags: ['diagnoses'], summary: 'Record a diagnosis (billable ICD-10-CM code)', params: ClientParams, body: NewDiagnosisBody, response: { 201: DiagnosisOut, ...ERROR_RESPONSES } },
    handler: async (request, reply) => {
      void reply.code(201);
      return addDiagnosis(ctxOf(deps, request), { clientId: request.params.clientId, ...request.body });
    },
  });

  app.get('/api/clients/:clientId/goals', {
    config: { access: { roles: [...READERS], record: true } },
    schema: { tags: ['goals'], summary: "A client's treatment-plan goals", params: ClientParams, response: { 200: z.array(GoalOut), ...ERROR_RESPONSES } },
    handler: async (request) => listGoals(ctxOf(deps, request), request.params.clientId),
  });

  app.post('/api/clients/:clientId/goals', {
    config: { access: { roles: ['clinician'], record: true } },
    schema: { tags: ['goals'], summary: 'Add a treatment-plan goal', params: ClientParams, body: NewGoalBody, response: { 201: z.object({ id: z.string() }), ...ERROR_RESPONSES } },
    handler: async (request, reply) => {
      void reply.code(201);
      return { id: await addGoal(ctxOf(deps, request), { clientId: request.params.clientId, ...request.body }) };
    },
  });

  app.get('/api/clients/:clientId/measures', {
    config: { access: { roles: [...READERS], record: true } },
    schema: { tags: ['measures'], summary: "A client's measures, oldest first, scored", params: ClientParams, response: { 200: z.array(MeasureOut), ...ERROR_RESPONSES } },
    handler: async (request) => listMeasures(ctxOf(deps, request), request.params.clientId),
  });

  app.post('/api/clients/:clientId/measures', {
    config: { access: { roles: ['clinician'], record: true } },
    schema: {
      tags: ['measures'],
      summary: 'Record a PHQ-9, GAD-7 or PCL-5 administration; scored on the server',
      params: ClientParams,
      body: NewMeasureBody,
      response: { 201: z.object({ id: z.string(), result: MeasureResultOut }), ...ERROR_RESPONSES },
    },
    handler: async (request, reply) => {
      const { id } = await recordMeasure(ctxOf(deps, request), { clientId: request.params.clientId, ...request.body });
      void reply.code(201);
      return { id, result: scoreMeasure(request.body.instrument, request.body.items) };
    },
  });
};
