/**
 * The server's one error type (STYLE.md §5): a closed list of codes, one table from code
 * to HTTP status and user-safe message, and the field that was wrong. Storage errors, the
 * linter's refusal and schema-validation failures all map into it; nothing else reaches a
 * client, and never a stack trace (unexpected errors become `internal`, logged with the
 * request id).
 */
import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { StorageError, type StorageErrorCode } from '../db/errors.ts';
import { LintBlockedError } from '../db/chart/signing-repository.ts';

export const APP_ERROR_CODES = [
  'validation',
  'malformed-request',
  'unsupported-media-type',
  'payload-too-large',
  'unauthenticated',
  'session-expired',
  'invalid-credentials',
  'totp-required',
  'account-locked',
  'totp-enrolment-required',
  'csrf',
  'forbidden',
  'not-found',
  'conflict',
  'immutable',
  'vault-locked',
  'lint-blocked',
  'setup-required',
  'rate-limited',
  'feature-off',
  'internal',
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/** Status and the default user-safe message of each code. */
export const APP_ERRORS: Readonly<Record<AppErrorCode, { readonly status: number; readonly message: string }>> = {
  validation: { status: 400, message: 'The request has an invalid field.' },
  'malformed-request': { status: 400, message: 'The request body could not be read.' },
  'unsupported-media-type': { status: 415, message: 'Send JSON (Content-Type: application/json).' },
  'payload-too-large': { status: 413, message: 'The request body is too large.' },
  unauthenticated: { status: 401, message: 'Log in first.' },
  'session-expired': { status: 401, message: 'Your session ended; log in again.' },
  'invalid-credentials': { status: 401, message: 'The username or password is not correct.' },
  'totp-required': { status: 401, message: 'Enter the code from your authenticator app.' },
  'account-locked': { status: 423, message: 'Too many failed logins; the account is locked for a while.' },
  'totp-enrolment-required': { status: 403, message: 'Your role requires a second factor; enrol an authenticator app first.' },
  csrf: { status: 403, message: 'The request lacks a valid CSRF token.' },
  forbidden: { status: 403, message: 'Your role does not allow this.' },
  'not-found': { status: 404, message: 'Not found.' },
  conflict: { status: 409, message: 'The request conflicts with the current state.' },
  immutable: { status: 409, message: 'A signed record cannot be changed; add an addendum instead.' },
  'vault-locked': { status: 401, message: 'The psychotherapy-note vault is locked; log in again.' },
  'lint-blocked': { status: 422, message: 'Error-level findings block signing; fix them or state an override reason.' },
  'setup-required': { status: 409, message: 'The practice is not set up yet.' },
  'rate-limited': { status: 429, message: 'Too many requests; slow down.' },
  'feature-off': { status: 404, message: 'This feature is not turned on for this server.' },
  internal: { status: 500, message: 'Something went wrong on our side. The error was logged with its request id.' },
};

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly status: number;
  constructor(
    readonly code: AppErrorCode,
    /** User-safe; defaults to the table's message. */
    message?: string,
    /** The dotted input field at fault. */
    readonly field?: string,
    /** Structured detail that is safe to show (e.g. linter findings). */
    readonly details?: unknown,
  ) {
    super(message ?? APP_ERRORS[code].message);
    this.status = APP_ERRORS[code].status;
  }
}

/** The JSON every error response carries. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(APP_ERROR_CODES),
      message: z.string(),
      field: z.string().optional(),
      requestId: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

const STORAGE_TO_APP: Readonly<Record<StorageErrorCode, AppErrorCode>> = {
  'invalid-input': 'validation',
  'not-found': 'not-found',
  conflict: 'conflict',
  immutable: 'immutable',
  locked: 'vault-locked',
  integrity: 'internal',
};

/**
 * The repositories prefix a field with the entity (`session.logistics.start`,
 * `note.content.session.date`); clients get the path inside their request body
 * (`logistics.start`, `content.session.date`), the same form schema validation uses.
 */
const STORAGE_FIELD_PREFIXES: ReadonlySet<string> = new Set([
  'session', 'note', 'diagnosis', 'goal', 'measure', 'client', 'user', 'assignment', 'setup', 'sign', 'addendum', 'page', 'audit', 'training', 'authorization', 'request', 'disclosure', 'consent',
]);

/** A storage field as a path in the request body. */
export function bodyField(field: string): string {
  const [head, ...rest] = field.split('.');
  return head !== undefined && rest.length > 0 && STORAGE_FIELD_PREFIXES.has(head) ? rest.join('.') : field;
}

function isFastifyError(err: unknown): err is FastifyError {
  return err instanceof Error && typeof (err as { code?: unknown }).code === 'string';
}

/** Maps anything thrown into an {@link AppError}. Unknown errors become `internal`. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof LintBlockedError) {
    return new AppError('lint-blocked', err.message, 'overrideReason', { findings: err.findings });
  }
  if (err instanceof StorageError) {
    const code = STORAGE_TO_APP[err.code];
    // `integrity` is ours to investigate, not the user's: keep its text out of the response.
    if (code === 'internal') return new AppError('internal');
    const message = err.field && err.message.startsWith(`${err.field}: `) ? err.message.slice(err.field.length + 2) : err.message;
    return new AppError(code, message, err.field ? bodyField(err.field) : undefined);
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const first = err.validation[0];
    const path = (first?.instancePath ?? '').split('/').filter(Boolean).join('.');
    const where = (err as { validationContext?: string }).validationContext;
    const field = where && where !== 'body' ? [where, path].filter(Boolean).join('.') : path || 'body';
    return new AppError('validation', first?.message ?? 'is invalid', field);
  }
  if (isFastifyError(err)) {
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return new AppError('unsupported-media-type');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return new AppError('payload-too-large');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return new AppError('malformed-request', 'The JSON body is empty.');
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return new AppError('malformed-request');
      default:
        break;
    }
    const status = err.statusCode ?? 500;
    if (status === 429) return new AppError('rate-limited');
    if (status === 413) return new AppError('payload-too-large');
    if (status === 415) return new AppError('unsupported-media-type');
    if (status === 404) return new AppError('not-found');
    if (status >= 400 && status < 500) return new AppError('malformed-request');
  }
  if (err instanceof SyntaxError) return new AppError('malformed-request');
  return new AppError('internal');
}

/** The response body for an error. */
export function errorBody(err: AppError, requestId: string): ErrorBody {
  return {
    error: {
      code: err.code,
      message: err.message,
      ...(err.field ? { field: err.field } : {}),
      requestId,
      ...(err.details !== undefined ? { details: err.details } : {}),
    },
  };
}
