/**
 * Progress notes: draft, edit (optimistic version), sign (the linter re-runs on the
 * canonical text; error findings need a stated override), addendum, supervisor co-sign.
 * A signed note never changes (ARCHITECTURE.md invariant 4).
 */
import { z } from 'zod';
import { ProgressNoteContent } from '../../core/notes/model.ts';
import { addAddendum, chartPage, cosignNote, createDraft, getNote, updateDraft } from '../../db/chart/notes-repository.ts';
import { signProgressNote } from '../../db/chart/signing-repository.ts';
import { ChartPageOut, FindingOut, ProgressNoteOut } from '../../api/schemas.ts';
import { ClientParams, ctxOf, ERROR_RESPONSES, Id, NoteParams, type RouteGroup } from './route-kit.ts';

const READERS = ['clinician', 'supervisor', 'records'] as const;

export const NewNoteBody = z.object({ sessionId: Id.optional(), content: ProgressNoteContent }).meta({ id: 'NewProgressNote' });
export const UpdateNoteBody = z.object({ version: z.number().int().min(1), content: ProgressNoteContent }).meta({ id: 'UpdateProgressNote' });
export const SignBody = z
  .object({
    /** The version you reviewed; a newer one is a conflict. */
    version: z.number().int().min(1).optional(),
    /** Required when the linter reports error-level findings; stored and audited. */
    overrideReason: z.string().max(2000).optional(),
  })
  .meta({ id: 'SignRequest' });
const ChartPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  beforeDate: z.string().max(10).optional(),
  beforeId: Id.optional(),
});

export const notesRoutes: RouteGroup = (app, deps) => {
  app.get('/api/clients/:clientId/notes', {
    config: { access: { roles: [...READERS], record: true } },
    schema: { tags: ['notes'], summary: "The client's chart page: notes, newest session first (no note text)", params: ClientParams, querystring: ChartPageQuery, response: { 200: ChartPageOut, ...ERROR_RESPONSES } },
    handler: async (request) => {
      const q = request.query;
      return chartPage(ctxOf(deps, request), request.params.clientId, {
        limit: q.limit,
        ...(q.beforeDate && q.beforeId ? { before: { sessionDate: q.beforeDate, id: q.beforeId } } : {}),
      });
    },
  });

  app.post('/api/clients/:clientId/notes', {
    config: { access: { roles: ['clinician'], record: true } },
    schema: { tags: ['notes'], summary: 'Create a draft progress note', params: ClientParams, body: NewNoteBody, response: { 201: ProgressNoteOut, ...ERROR_RESPONSES } },
    handler: async (request, reply) => {
      void reply.code(201);
      return createDraft(ctxOf(deps, request), { clientId: request.params.clientId, ...request.body });
    },
  });

  app.get('/api/notes/:noteId', {
    config: { access: { roles: [...READERS], record: true } },
    schema: { tags: ['notes'], summary: 'One progress note with signatures and addenda', params: NoteParams, response: { 200: ProgressNoteOut, ...ERROR_RESPONSES } },
    handler: async (request) => getNote(ctxOf(deps, request), request.params.noteId),
  });

  app.put('/api/notes/:noteId', {
    config: { access: { roles: ['clinician'], record: true } },
    schema: { tags: ['notes'], summary: 'Save a new version of your draft', params: NoteParams, body: UpdateNoteBody, response: { 200: ProgressNoteOut, ...ERROR_RESPONSES } },
    handler: async (request) => updateDraft(ctxOf(deps, request), request.params.noteId, request.body.content, request.body.version),
  });

  app.post('/api/notes/:noteId/sign', {
    config: { access: { roles: ['clinician'], record: true } },
    schema: {
      tags: ['notes'],
      summary: 'Sign your draft: the linter re-runs; error findings need an override reason (422 lint-blocked otherwise)',
      params: NoteParams,
      body: SignBody,
      response: { 200: z.object({ note: ProgressNoteOut, findings: z.array(FindingOut).readonly(), overridden: z.array(z.string()).readonly() }).meta({ id: 'SignResult' }), ...ERROR_RESPONSES },
    },
    handler: async (request) =>
      signProgressNote(ctxOf(deps, request), request.params.noteId, {
        ...(request.body.version !== undefined ? { expectedVersion: request.body.version } : {}),
        ...(request.body.overrideReason !== undefined ? { overrideReason: request.body.overrideReason } : {}),
      }),
  });

  app.post('/api/notes/:noteId/addenda', {
    config: { access: { roles: ['clinician'], record: true } },
    schema: {
      tags: ['notes'],
      summary: 'Add a signed addendum to a signed note',
      params: NoteParams,
      body: z.object({ body: z.string().max(50_000) }).meta({ id: 'NewAddendum' }),
      response: { 201: z.object({ id: z.string(), authorId: z.string(), body: z.string(), noteHash: z.string(), contentHash: z.string(), signedAt: z.string() }), ...ERROR_RESPONSES },
    },
    handler: async (request, reply) => {
      void reply.code(201);
      return addAddendum(ctxOf(deps, request), request.params.noteId, request.body.body);
    },
  });

  app.post('/api/notes/:noteId/cosign', {
    config: { access: { roles: ['supervisor'], record: true } },
    schema: { tags: ['notes'], summary: "Co-sign a supervisee's signed note", params: NoteParams, response: { 200: ProgressNoteOut, ...ERROR_RESPONSES } },
    handler: async (request) => cosignNote(ctxOf(deps, request), request.params.noteId),
  });
};
