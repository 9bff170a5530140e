/** Time and id helpers: instants are UTC ISO strings in both dialects (ARCHITECTURE.md, Storage). */
import { randomUUID } from 'node:crypto';

/** The current instant as `YYYY-MM-DDTHH:MM:SS.sssZ`. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** A new random id (UUID v4). Ids are text so both dialects store them alike. */
export function newId(): string {
  return randomUUID();
}
