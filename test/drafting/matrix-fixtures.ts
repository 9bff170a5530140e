/**
 * Who may call each drafting route (AI consent, polish), and a valid request for each,
 * prepared fresh per call. The server's route × role matrix (test/server/route-matrix.test.ts)
 * spreads these rows into its table and starts its server with {@link DRAFTING_MATRIX_ENV}.
 */
import type { TestServer } from '../server/helpers.ts';
import { cleanNote } from '../server/helpers.ts';

type Caller = 'admin' | 'clinician' | 'supervisor' | 'records' | 'biller';

/** The security reviewer's table for the drafting routes: the client's clinician and admins. */
export const DRAFTING_ROUTE_ROLES: Readonly<Record<string, readonly Caller[]>> = {
  'GET /api/clients/:clientId/ai-consent': ['admin', 'clinician'],
  'PUT /api/clients/:clientId/ai-consent': ['admin', 'clinician'],
  // The author of the draft alone; the model is never asked for anyone else.
  'POST /api/notes/:noteId/polish': ['clinician'],
};

/**
 * A language model that is configured but unreachable (port 9, where nothing listens): the
 * allowed polish call answers 200 whether the gate refused (no consent yet) or the send
 * failed (consent recorded by an earlier row of the matrix). No test data leaves the machine.
 */
export const DRAFTING_MATRIX_ENV: Readonly<Record<string, string>> = { NOTEWALL_LLM_URL: 'http://127.0.0.1:9/v1', NOTEWALL_LLM_MODEL: 'matrix-model', NOTEWALL_LLM_TIMEOUT_MS: '500' };

let day = 0;

/** A valid request for one drafting route, or `undefined` for a route this file does not own. */
export async function prepareDraftingCall(route: string, t: TestServer): Promise<{ url: string; body?: unknown } | undefined> {
  switch (route) {
    case 'GET /api/clients/:clientId/ai-consent':
      return { url: `/api/clients/${t.clientId}/ai-consent` };
    case 'PUT /api/clients/:clientId/ai-consent':
      return { url: `/api/clients/${t.clientId}/ai-consent`, body: { granted: true, note: 'Synthetic consent form.' } };
    case 'POST /api/notes/:noteId/polish': {
      const date = new Date(Date.UTC(2023, 0, 1) + ++day * 86_400_000).toISOString().slice(0, 10);
      const res = await t.call(t.logins.clinician, 'POST', `/api/clients/${t.clientId}/notes`, { content: cleanNote(date) });
      if (res.statusCode !== 201) throw new Error(res.body);
      return { url: `/api/notes/${res.json<{ id: string }>().id}/polish` };
    }
    default:
      return undefined;
  }
}
