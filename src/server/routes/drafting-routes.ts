/**
 * Drafting support on the server: the client's consent to language-model assistance
 * (record, revoke, read; the client's clinician or an admin) and "polish", which sends the
 * narrative sections of the caller's own progress-note draft to the configured model and
 * returns the rephrasing as a diff with a re-lint and invented-fact warnings.
 *
 * The model is off unless `NOTEWALL_LLM_URL` is set (then `feature-off`, 404). The draft
 * leaves only when the one disclosure gate allows a `language-model` request for this
 * client's current consent (ARCHITECTURE.md invariant 3); the request is audited before a
 * byte is sent and its outcome after (ids and codes, never text). Psychotherapy notes are
 * never read on this path (45 CFR 164.508(a)(2)). Nothing is saved: the clinician keeps the
 * draft and decides, in the editor, whether to take the rephrasing.
 */
import { z } from 'zod';
import { decideDisclosure, DisclosureRequest } from '../../core/disclosure/index.ts';
import { parsePolishedSections, polishPromptText } from '../../core/drafting/polish-sections.ts';
import { AiConsentInput, getAiConsent, setAiConsent } from '../../db/chart/ai-consent-repository.ts';
import { readPolishSource, recordPolishOutcome } from '../../db/chart/polish-repository.ts';
import { lintProgressNote } from '../../db/chart/signing-repository.ts';
import { polishDraft } from '../../llm/polish.ts';
import { AppError } from '../errors.ts';
import { AiConsentOut, PolishOut } from '../../api/drafting.ts';
import { ClientParams, ctxOf, ERROR_RESPONSES, NO_STORE, NoteParams, type RouteGroup } from './route-kit.ts';

export const AiConsentBody = AiConsentInput.extend({ note: z.string().max(1000).optional() }).meta({ id: 'AiConsentChange' });


const WRITERS = ['admin', 'clinician'] as const;

export const draftingRoutes: RouteGroup = (app, deps) => {
  app.get('/api/clients/:clientId/ai-consent', {
    config: { access: { roles: [...WRITERS], record: true } },
    schema: { tags: ['drafting'], summary: "The client's consent to language-model assistance, with its history", params: ClientParams, response: { 200: AiConsentOut, ...ERROR_RESPONSES } },
    handler: async (request, reply) => {
      void reply.header('cache-control', NO_STORE);
      return { ...(await getAiConsent(ctxOf(deps, request), request.params.clientId)), modelConfigured: deps.config.languageModel !== undefined };
    },
  });

  app.put('/api/clients/:clientId/ai-consent', {
    config: { access: { roles: [...WRITERS], record: true } },
    schema: {
      tags: ['drafting'],
      summary: 'Record (granted: true) or revoke (granted: false) the client\'s consent; revoking consent not in force is 409',
      params: ClientParams,
      body: AiConsentBody,
      response: { 200: AiConsentOut, ...ERROR_RESPONSES },
    },
    handler: async (request) => ({ ...(await setAiConsent(ctxOf(deps, request), request.params.clientId, request.body)), modelConfigured: deps.config.languageModel !== undefined }),
  });

  app.post('/api/notes/:noteId/polish', {
    config: { access: { roles: ['clinician'], record: true } },
    schema: {
      tags: ['drafting'],
      summary: 'Ask the configured language model to rephrase your draft (only with the client\'s AI consent); nothing is saved',
      params: NoteParams,
      response: { 200: PolishOut, ...ERROR_RESPONSES },
    },
    handler: async (request, reply) => {
      void reply.header('cache-control', NO_STORE);
      const model = deps.config.languageModel;
      if (!model) throw new AppError('feature-off', 'No language model is configured on this server (NOTEWALL_LLM_URL).');
      const ctx = ctxOf(deps, request);
      const source = await readPolishSource(ctx, request.params.noteId);
      const asOf = deps.now().toISOString().slice(0, 10);
      // ARCHITECTURE.md invariant 3: the one gate decides, on the consent read just now.
      const decision = decideDisclosure(DisclosureRequest.parse({ requester: 'language-model', languageModel: { clientConsent: source.clientConsent } }), [], asOf);
      const draftText = polishPromptText(source.content.format, source.content.sections);
      if (draftText === '') {
        await recordPolishOutcome(ctx, source, { outcome: 'failed', reason: 'empty-draft' });
        throw new AppError('validation', 'The draft has no section text to rephrase yet.', 'sections');
      }
      const outcome = await polishDraft(model, { format: source.content.format, text: draftText, sections: [] }, decision);
      switch (outcome.status) {
        case 'refused':
          await recordPolishOutcome(ctx, source, { outcome: 'denied', reason: source.clientConsent ? 'gate-refused' : 'no-ai-consent' });
          return { status: 'refused' as const, reason: outcome.reason, draftText };
        case 'failed':
          await recordPolishOutcome(ctx, source, { outcome: 'failed', reason: `sent:${outcome.error}` });
          return { status: 'failed' as const, error: outcome.error, detail: outcome.detail, draftText };
        case 'rephrased': {
          await recordPolishOutcome(ctx, source, { outcome: 'allowed', reason: 'sent:rephrased' });
          const parsed = parsePolishedSections(source.content.format, source.content.sections, outcome.text);
          const sections = parsed.ok ? { ...source.content.sections, ...parsed.sections } : null;
          return {
            status: 'rephrased' as const,
            model: outcome.model,
            draftText,
            text: outcome.text,
            diff: [...outcome.diff],
            findings: sections ? [...lintProgressNote({ ...source.content, sections })] : null,
            invented: [...outcome.invented],
            sections: parsed.ok ? parsed.sections : null,
            problem: parsed.ok ? null : parsed.problem,
            version: source.version,
          };
        }
      }
    },
  });
};
