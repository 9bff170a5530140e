/**
 * The storage layer's error: a closed list of codes, a user-safe message, and the field
 * that was wrong when the input was at fault. The server maps codes to HTTP statuses in one
 * table; `not-found` is also what an actor gets for a record they may not see, so a denial
 * never reveals that the record exists (ARCHITECTURE.md invariant 6).
 */
export const STORAGE_ERROR_CODES = [
  'invalid-input',
  'not-found',
  'conflict',
  'immutable',
  'locked',
  'integrity',
] as const;
export type StorageErrorCode = (typeof STORAGE_ERROR_CODES)[number];

export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    /** The input field at fault (dotted path), for `invalid-input`. */
    readonly field?: string,
  ) {
    super(field ? `${field}: ${message}` : message);
  }
}

/** Shorthand for a validation failure naming its field. */
export function invalid(field: string, message: string): StorageError {
  return new StorageError('invalid-input', message, field);
}
