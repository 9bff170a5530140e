/**
 * The Fastify app: security headers, cookies, rate limits, the request gate (sessions,
 * CSRF, deny-by-default access), one error shape, the OpenAPI document and every route
 * group. `buildApp` takes open stores so tests can run it in-process with `inject`.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import { assertRouteDeclared, type RouteEntry } from './access.ts';
import { authHook } from './auth/auth-hook.ts';
import type { AppDeps } from './deps.ts';
import { AppError, errorBody, toAppError } from './errors.ts';
import { loggerOptions } from './logger.ts';
import { auditRoutes } from './routes/audit-routes.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { clientsRoutes } from './routes/clients-routes.ts';
import { clinicalRoutes } from './routes/clinical-routes.ts';
import { docsRoutes } from './routes/docs-routes.ts';
import { draftingRoutes } from './routes/drafting-routes.ts';
import { homeRoutes } from './routes/home-routes.ts';
import { notesRoutes } from './routes/notes-routes.ts';
import { releaseRoutes } from './routes/release-routes.ts';
import type { RouteGroup } from './routes/route-kit.ts';
import { setupRoutes } from './routes/setup-routes.ts';
import { trainingRoutes } from './routes/training-routes.ts';
import { usersRoutes } from './routes/users-routes.ts';
import { webBuilt, webRoutes } from './routes/web-routes.ts';
import { psychotherapyRoutes } from './vault/psychotherapy-routes.ts';

/** Every route group, API first; the web catch-all last. */
export const ROUTE_GROUPS: readonly RouteGroup[] = [
  setupRoutes,
  authRoutes,
  usersRoutes,
  clientsRoutes,
  clinicalRoutes,
  notesRoutes,
  draftingRoutes,
  psychotherapyRoutes,
  auditRoutes,
  releaseRoutes,
  trainingRoutes,
  homeRoutes,
  docsRoutes,
  webRoutes,
];

export interface BuildOptions {
  /** Capture log output (tests). */
  readonly logStream?: DestinationStream;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its access declaration, in registration order. */
    routeCatalog: RouteEntry[];
  }
}

/** Strict CSP: only our own scripts; Mantine needs inline style attributes. */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Served over plain HTTP on loopback by default; TLS is the proxy's job.
  upgradeInsecureRequests: null,
};

export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(deps.config.logLevel, options.logStream),
    genReqId: () => randomUUID(),
    bodyLimit: deps.config.bodyLimitBytes,
    trustProxy: deps.config.trustProxy,
    // The zod schemas validate; this only stops pathological inputs early.
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  // JSON only. text/plain is a "simple" content type a cross-site form may send without a
  // CORS preflight; refusing it (415) leaves public POSTs (login, setup) no such path.
  app.removeContentTypeParser('text/plain');
  // A body-less POST (logout, co-sign) sent with `Content-Type: application/json` is
  // common from fetch clients; treat an empty body as no body. Everything else goes to
  // Fastify's own parser, which refuses __proto__ and constructor poisoning.
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') {
      done(null, undefined);
      return;
    }
    void defaultJson(request, typeof body === 'string' ? body : body.toString('utf8'), done);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Deny by default: a route without `config.access` stops the app from starting.
  app.decorate('routeCatalog', [] as RouteEntry[]);
  app.addHook('onRoute', (route) => {
    const access = assertRouteDeclared(route.method, route.url, route.config?.access);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) app.routeCatalog.push({ method: String(method), url: route.url, access });
  });

  app.decorateRequest('auth', null);
  await app.register(fastifyHelmet, { contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES }, crossOriginEmbedderPolicy: false, frameguard: { action: 'deny' } });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: deps.config.rateLimitPerMinute > 0,
    max: Math.max(1, deps.config.rateLimitPerMinute),
    timeWindow: 60_000,
    errorResponseBuilder: () => new AppError('rate-limited'),
  });
  if (webBuilt(deps.config.webDir)) await app.register(fastifyStatic, { root: deps.config.webDir, serve: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Notewall API',
        version: '0.1.0',
        description:
          'Cookie sessions: log in with POST /api/auth/login, then send the csrfToken from the response in X-CSRF-Token on every POST, PUT, PATCH and DELETE. Errors are { error: { code, message, field?, requestId } }.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'nw_session' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  app.addHook('onRequest', authHook(deps));
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  app.setErrorHandler((err, request, reply) => {
    const appErr = toAppError(err);
    if (appErr.code === 'internal') {
      // Logged with the request id; the client gets the generic message only.
      // Name, message, code and stack only: driver errors carry extra fields (PostgreSQL's
      // `detail` quotes the offending values) that may hold PHI.
      const e = err instanceof Error ? err : new Error(String(err));
      request.log.error({ error: { type: e.name, message: e.message, code: (e as { code?: unknown }).code, stack: e.stack }, reqId: request.id }, 'internal error');
    } else {
      request.log.info({ code: appErr.code, field: appErr.field }, 'request refused');
    }
    if (appErr.code === 'rate-limited' || appErr.code === 'account-locked') void reply.header('retry-after', '60');
    return reply.status(appErr.status).send(errorBody(appErr, request.id));
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).send(errorBody(new AppError('not-found'), request.id)));

  const zodApp = app;
  for (const group of ROUTE_GROUPS) group(zodApp, deps);
  return app;
}
