/**
 * The typed API client. Every response is parsed with its zod schema before the UI sees it
 * (a server that drifts from the contract fails loudly here, not deep in a component).
 * The session cookie is HttpOnly; the CSRF token from login or `GET /api/auth/session`
 * is kept in memory only and sent in `X-CSRF-Token` on every state-changing request.
 */
import type { z } from 'zod';
import { ErrorBody } from './schemas.ts';

/** A refused or failed request, with the server's code, user-safe message and field. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string | undefined,
    readonly details?: unknown,
  ) {
    super(message);
  }
  /** The session is gone (idle timeout, absolute lifetime, logout elsewhere). */
  get sessionEnded(): boolean {
    return this.code === 'session-expired' || this.code === 'unauthenticated' || this.code === 'vault-locked';
  }
}

/** The message to show for any error, naming the field when there is one. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.field ? `${err.field}: ${err.message}` : err.message;
  if (err instanceof Error) return err.message;
  return 'Something went wrong.';
}

interface ClientState {
  csrfToken: string | null;
  /** Called after every request that reached the server (it slides the idle timer). */
  onServerContact: (() => void) | null;
  /** Called when a request is refused because the session has ended. */
  onSessionEnded: ((err: ApiError) => void) | null;
}

const state: ClientState = { csrfToken: null, onServerContact: null, onSessionEnded: null };

export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}
export function setSessionListeners(listeners: { onServerContact?: () => void; onSessionEnded?: (err: ApiError) => void }): void {
  state.onServerContact = listeners.onServerContact ?? null;
  state.onSessionEnded = listeners.onSessionEnded ?? null;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Sends one request and validates the response with `schema` (none for 204). */
export async function request<S extends z.ZodType>(method: Method, path: string, schema: S | null, body?: unknown): Promise<z.infer<S>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && state.csrfToken) headers['x-csrf-token'] = state.csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached. Check the connection.');
  }
  const text = await res.text();
  let json: unknown = undefined;
  if (text !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError(res.status, 'bad-response', `The server sent an unreadable response (HTTP ${res.status}).`);
    }
  }
  if (!res.ok) {
    const parsed = ErrorBody.safeParse(json);
    const err = parsed.success
      ? new ApiError(res.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.field, parsed.data.error.details)
      : new ApiError(res.status, 'http', `The request failed (HTTP ${res.status}).`);
    // A login refusal is not a session ending; anything else with these codes is.
    if (err.sessionEnded && !path.startsWith('/api/auth/login')) state.onSessionEnded?.(err);
    else state.onServerContact?.();
    throw err;
  }
  state.onServerContact?.();
  if (schema === null) return undefined as z.infer<S>;
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(res.status, 'bad-response', `The server's response did not match the API contract (${issue ? `${issue.path.join('.')} ${issue.message}` : 'unknown'}).`);
  }
  return parsed.data;
}

export const get = <S extends z.ZodType>(path: string, schema: S) => request('GET', path, schema);
export const post = <S extends z.ZodType>(path: string, schema: S | null, body?: unknown) => request('POST', path, schema, body);
export const put = <S extends z.ZodType>(path: string, schema: S | null, body?: unknown) => request('PUT', path, schema, body);
