/**
 * The clinician's home page response (GET /api/home), shared by the server
 * (`src/server/routes/home-routes.ts`) and the web client (`src/web/api/schemas.ts`).
 * Pure: only zod.
 */
import { z } from 'zod';

/** Today's sessions, open drafts, notes awaiting co-signature and PHQ-9 item 9 alerts. */
export const HomeOut = z
  .object({
    today: z.string(),
    todaysSessions: z.array(z.object({ id: z.string(), clientId: z.string(), clientName: z.string(), start: z.string().nullable(), end: z.string().nullable(), modality: z.string() })).readonly(),
    drafts: z.array(z.object({ id: z.string(), clientId: z.string(), clientName: z.string(), sessionDate: z.string(), updatedAt: z.string() })).readonly(),
    awaitingCosign: z
      .array(z.object({ id: z.string(), clientId: z.string(), clientName: z.string(), sessionDate: z.string(), authorId: z.string(), signedAt: z.string().nullable() }))
      .readonly(),
    item9Alerts: z.array(z.object({ measureId: z.string(), clientId: z.string(), clientName: z.string(), administeredOn: z.string(), item9: z.number() })).readonly(),
  })
  .meta({ id: 'HomePage' });
