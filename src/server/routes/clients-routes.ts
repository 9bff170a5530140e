/** Clients, assignments, sessions and the billing view. */
import { z } from 'zod';
import { SessionLogistics } from '../../core/notes/model.ts';
import { billingView } from '../../db/chart/billing-repository.ts';
import { assignClient, createClient, getClient, listClients } from '../../db/chart/clients-repository.ts';
import { ASSIGNMENT_RELATIONS } from '../../db/chart/schema.ts';
import { createSession, listSessions } from '../../db/chart/sessions-repository.ts';
import { ANY_ROLE } from '../access.ts';
import { ClientOut, SessionOut } from '../../api/schemas.ts';
import { ClientParams, ctxOf, ERROR_RESPONSES, Id, type RouteGroup } from './route-kit.ts';

export const NewClientBody = z
  .object({ displayName: z.string().max(200), dateOfBirth: z.string().max(10).optional(), externalRef: z.string().max(200).optional() })
  .meta({ id: 'NewClient' });

export const NewSessionBody = z.object({ clinicianId: Id.optional(), logistics: SessionLogistics }).meta({ id: 'NewSession' });

const BillingOut = z
  .object({
    clientId: z.string(),
    sessions: z
      .array(
      z.object({
        id: z.string(),
        date: z.string(),
        start: z.string().nullable(),
        end: z.string().nullable(),
        durationMinutes: z.number().nullable(),
        cptCodes: z.array(z.string()).readonly(),
        modality: z.string(),
        placeOfService: z.string(),
        clinicianId: z.string(),
      }),
      )
      .readonly(),
    diagnosisCodes: z.array(z.string()).readonly(),
  })
  .meta({ id: 'BillingView' });

export const clientsRoutes: RouteGroup = (app, deps) => {
  app.get('/api/clients', {
    config: { access: { roles: ANY_ROLE } },
    schema: { tags: ['clients'], summary: 'The clients you may see (assigned ones for clinicians and supervisors)', response: { 200: z.array(ClientOut), ...ERROR_RESPONSES } },
    handler: async (request) => listClients(ctxOf(deps, request)),
  });

  app.post('/api/clients', {
    config: { access: { roles: ['admin', 'clinician'] } },
    schema: { tags: ['clients'], summary: 'Create a client (a clinician is assigned to them at once)', body: NewClientBody, response: { 201: ClientOut, ...ERROR_RESPONSES } },
    handler: async (request, reply) => {
      void reply.code(201);
      return createClient(ctxOf(deps, request), request.body);
    },
  });

  app.get('/api/clients/:clientId', {
    config: { access: { roles: ANY_ROLE, record: true } },
    schema: { tags: ['clients'], summary: 'One client', params: ClientParams, response: { 200: ClientOut, ...ERROR_RESPONSES } },
    handler: async (request) => getClient(ctxOf(deps, request), request.params.clientId),
  });

  app.post('/api/clients/:clientId/assignments', {
    config: { access: { roles: ['admin'], record: true } },
    schema: {
      tags: ['clients'],
      summary: 'Assign a clinician or supervisor to a client',
      params: ClientParams,
      body: z.object({ userId: Id, relation: z.enum(ASSIGNMENT_RELATIONS) }).meta({ id: 'NewAssignment' }),
      response: { 204: z.null(), ...ERROR_RESPONSES },
    },
    handler: async (request, reply) => {
      await assignClient(ctxOf(deps, request), { clientId: request.params.clientId, ...request.body });
      return reply.code(204).send(null);
    },
  });

  app.get('/api/clients/:clientId/sessions', {
    config: { access: { roles: ['clinician', 'supervisor', 'records'], record: true } },
    schema: { tags: ['sessions'], summary: "A client's sessions, newest first", params: ClientParams, response: { 200: z.array(SessionOut), ...ERROR_RESPONSES } },
    handler: async (request) => listSessions(ctxOf(deps, request), request.params.clientId),
  });

  app.post('/api/clients/:clientId/sessions', {
    config: { access: { roles: ['clinician'], record: true } },
    schema: {
      tags: ['sessions'],
      summary: 'Record a session; reversed or overlapping times are refused naming the field',
      params: ClientParams,
      body: NewSessionBody,
      response: { 201: SessionOut, ...ERROR_RESPONSES },
    },
    handler: async (request, reply) => {
      void reply.code(201);
      return createSession(ctxOf(deps, request), { clientId: request.params.clientId, ...request.body });
    },
  });

  app.get('/api/clients/:clientId/billing', {
    config: { access: { roles: ['biller'], record: true } },
    schema: {
      tags: ['billing'],
      summary: 'Billing fields only: session dates, times, CPT codes, diagnosis codes (164.502(b) minimum necessary)',
      params: ClientParams,
      response: { 200: BillingOut, ...ERROR_RESPONSES },
    },
    handler: async (request) => billingView(ctxOf(deps, request), request.params.clientId),
  });
};
