/**
 * Psychotherapy notes (45 CFR 164.501; 164.508(a)(2)): readable and writable by their
 * author alone, through the vault session unlocked at login. Records staff, billers,
 * supervisors and admins never reach these routes (their role is denied with 404), and the
 * vault itself answers 404 to anyone but the author. Emergency access is the one audited
 * exception (164.312(a)(2)(ii)): an admin with the recovery code and a stated reason.
 */
import { z } from 'zod';
import { lint } from '../../core/rules/index.ts';
import { PsychotherapyNoteContent } from '../../core/notes/model.ts';
import { getClient } from '../../db/chart/clients-repository.ts';
import { FindingOut, PsychotherapyNoteOut } from '../../api/schemas.ts';
import { authOf, ctxOf, ERROR_RESPONSES, Id, NO_STORE, NoteParams, type RouteGroup } from '../routes/route-kit.ts';
import { ServerVault } from './gateway.ts';

export const NewPsychotherapyNoteBody = z.object({ clientId: Id, content: PsychotherapyNoteContent }).meta({ id: 'NewPsychotherapyNote' });

function findings(body: string) {
  return lint(body, { kind: 'psychotherapy' }).findings;
}

export const psychotherapyRoutes: RouteGroup = (app, deps) => {
  app.get('/api/psychotherapy-notes', {
    config: { access: { roles: ['clinician'] } },
    schema: {
      tags: ['psychotherapy-notes'],
      summary: 'Your own psychotherapy notes (optionally for one client), newest first',
      querystring: z.object({ clientId: Id.optional() }),
      response: { 200: z.array(PsychotherapyNoteOut), ...ERROR_RESPONSES },
    },
    handler: async (request, reply) => {
      void reply.header('cache-control', NO_STORE);
      return deps.vault.listNotes(ServerVault.require(authOf(request).vaultSession), request.query.clientId);
    },
  });

  app.post('/api/psychotherapy-notes', {
    config: { access: { roles: ['clinician'] } },
    schema: {
      tags: ['psychotherapy-notes'],
      summary: 'Write a psychotherapy note about one of your clients; linter findings come back as warnings',
      body: NewPsychotherapyNoteBody,
      response: { 201: z.object({ id: z.string(), findings: z.array(FindingOut).readonly() }), ...ERROR_RESPONSES },
    },
    handler: async (request, reply) => {
      const session = ServerVault.require(authOf(request).vaultSession);
      // Only about a client the author may see: 404 (audited) otherwise.
      await getClient(ctxOf(deps, request), request.body.clientId);
      const id = await deps.vault.createNote(session, request.body.clientId, request.body.content);
      void reply.code(201);
      return { id, findings: findings(request.body.content.body) };
    },
  });

  app.get('/api/psychotherapy-notes/:noteId', {
    config: { access: { roles: ['clinician'], record: true } },
    schema: { tags: ['psychotherapy-notes'], summary: 'Read one of your psychotherapy notes', params: NoteParams, response: { 200: PsychotherapyNoteOut, ...ERROR_RESPONSES } },
    handler: async (request, reply) => {
      void reply.header('cache-control', NO_STORE);
      return deps.vault.readNote(ServerVault.require(authOf(request).vaultSession), request.params.noteId);
    },
  });

  app.put('/api/psychotherapy-notes/:noteId', {
    config: { access: { roles: ['clinician'], record: true } },
    schema: {
      tags: ['psychotherapy-notes'],
      summary: 'Replace the content of one of your psychotherapy notes',
      params: NoteParams,
      body: z.object({ content: PsychotherapyNoteContent }),
      response: { 200: z.object({ findings: z.array(FindingOut).readonly() }), ...ERROR_RESPONSES },
    },
    handler: async (request) => {
      await deps.vault.updateNote(ServerVault.require(authOf(request).vaultSession), request.params.noteId, request.body.content);
      return { findings: findings(request.body.content.body) };
    },
  });

  app.post('/api/emergency-access', {
    config: { access: { roles: ['admin'] } },
    schema: {
      tags: ['psychotherapy-notes'],
      summary: 'Emergency access (privacy officer): read one psychotherapy note with the recovery code and a stated reason; audited and shown to the author',
      body: z.object({ noteId: Id, recoveryCode: z.string().max(200), reason: z.string().max(2000) }).meta({ id: 'EmergencyAccessRequest' }),
      response: { 200: PsychotherapyNoteOut, ...ERROR_RESPONSES },
    },
    handler: async (request, reply) => {
      const auth = authOf(request);
      void reply.header('cache-control', NO_STORE);
      return deps.vault.emergencyRead({ userId: auth.actor.userId, roles: auth.actor.roles }, request.body.recoveryCode, request.body.reason, request.body.noteId);
    },
  });
};
