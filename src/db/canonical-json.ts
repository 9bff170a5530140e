/**
 * Canonical JSON (object keys sorted, no whitespace, `undefined` members dropped) and the
 * SHA-256 over it. The signed-note hash and the audit chain both depend on this being
 * byte-for-byte stable across processes and database dialects.
 */
import { createHash } from 'node:crypto';

/** JSON text with every object's keys in sorted order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortDeep(value));
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortDeep(v);
    }
    return out;
  }
  return value;
}

/** Lower-case hex SHA-256 of a UTF-8 string. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
