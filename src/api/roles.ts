/**
 * The practice roles, one list for the chart database (`src/db/chart/schema.ts` stores them
 * as text), the server's access rules and the web client. Kept apart from the schemas so the
 * database layer can import it without registering any OpenAPI component.
 */

/** The practice roles. */
export const ROLES = ['admin', 'clinician', 'supervisor', 'records', 'biller'] as const;
/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number];
