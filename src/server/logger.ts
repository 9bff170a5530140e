/**
 * Logging without PHI (45 CFR 164.312(b); 164.502(b) minimum necessary): pino logs carry
 * the method, the path without its query string, the status, the timing and the request
 * id. Bodies are never logged, cookies and CSRF tokens are redacted, and error responses
 * log their code and field, never their text. `test/server/logging.test.ts` runs a full
 * request cycle with a marker in a note and a client name and shows neither reaches the log.
 */
import type { FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';

/** Paths pino censors wherever they appear. */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'body',
  'req.body',
  'password',
  'content',
];

function pathOnly(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/** Fastify logger options; `stream` lets tests capture the output. */
export function loggerOptions(level: string, stream?: DestinationStream): FastifyServerOptions['logger'] {
  if (level === 'silent' && !stream) return false;
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req(req: { method: string; url: string; id: string }) {
        return { method: req.method, path: pathOnly(req.url), id: req.id };
      },
      res(res: { statusCode: number }) {
        return { statusCode: res.statusCode };
      },
    },
    ...(stream ? { stream } : {}),
  };
}
