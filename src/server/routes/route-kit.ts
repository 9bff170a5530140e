/** Shared route plumbing: the zod-typed app, the actor-scoped repository context, id params and error responses. */
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RepoContext } from '../../db/chart/context.ts';
import type { RequestAuth } from '../access.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, ErrorBody } from '../errors.ts';

export type ZodApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** A route group: registers its routes on the app. */
export type RouteGroup = (app: ZodApp, deps: AppDeps) => void;

/** The caller's session; the access hook guarantees it on every non-public route. */
export function authOf(request: FastifyRequest): RequestAuth {
  if (!request.auth) throw new AppError('unauthenticated');
  return request.auth;
}

/** The repository context for the caller. */
export function ctxOf(deps: AppDeps, request: FastifyRequest): RepoContext {
  return { store: deps.chart, actor: authOf(request).actor };
}

/** Ids are UUIDs; anything else cannot name a record. */
export const Id = z.string().min(1).max(100).regex(/^[A-Za-z0-9-]+$/, 'must be an id');
export const ClientParams = z.object({ clientId: Id });
export const NoteParams = z.object({ noteId: Id });

/** Error responses every route may give, for the OpenAPI document. */
export const ERROR_RESPONSES = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

/** Responses must never be cached by a browser or a proxy: they carry PHI. */
export const NO_STORE = 'no-store';
