/**
 * Drafting-support responses (docs/drafting.md): the client's consent to language-model
 * assistance and the polish result, shared by the server
 * (`src/server/routes/drafting-routes.ts`) and the web client (`src/web/api/schemas.ts`).
 * Pure: only zod and `src/core`.
 */
import { z } from 'zod';
import { SectionName } from '../core/notes/formats.ts';
import { FindingOut } from './schemas.ts';

/** One recorded grant or revocation of consent. */
export const ConsentEventOut = z.object({
  status: z.enum(['granted', 'revoked']),
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
});

/** The client's consent to language-model assistance (GET/PUT /api/clients/:id/ai-consent). */
export const AiConsentOut = z
  .object({
    clientId: z.string(),
    granted: z.boolean(),
    current: ConsentEventOut.nullable(),
    history: z.array(ConsentEventOut).readonly(),
    /** Whether this server has a language model configured at all (NOTEWALL_LLM_URL). */
    modelConfigured: z.boolean(),
  })
  .meta({ id: 'AiConsent', description: "The client's consent to language-model assistance: the current state and its history, newest first." });

/** A run of the rephrasing's word diff. */
export const DiffPartOut = z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() });
/** Something the rephrasing says that the draft did not (a number, code, medication, ...). */
export const InventedOut = z.object({ kind: z.enum(['number', 'code', 'medication', 'risk', 'measure', 'negation']), text: z.string() });

/** POST /api/notes/:id/polish: the model's rephrasing, or why there is none. */
export const PolishOut = z
  .discriminatedUnion('status', [
    z.object({
      status: z.literal('rephrased'),
      model: z.string(),
      /** What was sent: the draft's narrative sections under their headings. */
      draftText: z.string(),
      text: z.string(),
      diff: z.array(DiffPartOut),
      /** Re-lint of the whole note with the rephrased sections (null when they could not be mapped back). */
      findings: z.array(FindingOut).nullable(),
      invented: z.array(InventedOut),
      /** The rephrased section texts, ready for the editor; null when the reply lost a heading. */
      sections: z.partialRecord(SectionName, z.string()).nullable(),
      problem: z.string().nullable(),
      /** The note version that was rephrased; accepting over a newer version is the editor's call. */
      version: z.number().int(),
    }),
    z.object({ status: z.literal('refused'), reason: z.string(), draftText: z.string() }),
    z.object({ status: z.literal('failed'), error: z.string(), detail: z.string(), draftText: z.string() }),
  ])
  .meta({ id: 'PolishResult' });
