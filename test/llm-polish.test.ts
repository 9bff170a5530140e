/**
 * The optional language model against a real HTTP server on loopback that speaks the
 * chat-completions protocol with deterministic replies, including timeouts, errors and
 * malformed replies: whatever the model does, the clinician keeps the composed draft.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideDisclosure, DisclosureRequest } from '../src/core/disclosure/index.ts';
import { composeNote, SessionDetails } from '../src/core/drafting/index.ts';
import { languageModelConfigFromEnv, LanguageModelConfig } from '../src/llm/chat-client.ts';
import { polishDraft, POLISH_SYSTEM_PROMPT } from '../src/llm/polish.ts';
import example from '../examples/session-details.json' with { type: 'json' };

interface Received {
  readonly model: string;
  readonly messages: ReadonlyArray<{ role: string; content: string }>;
  readonly authorization: string | undefined;
}

const received: Received[] = [];
let server: Server;
let baseUrl = '';

/** Deterministic behaviours chosen by the requested model name. */
function reply(model: string, userText: string): { status: number; body: string; delayMs?: number } {
  const completion = (content: string | null) => JSON.stringify({ model, choices: [{ message: { role: 'assistant', content } }] });
  switch (model) {
    case 'polite':
      // Rephrase without changing facts.
      return { status: 200, body: completion(userText.replace('Presenting concern:', 'The client came in because of').replace('States she', 'She said she')) };
    case 'inventor':
      return { status: 200, body: completion(`${userText}\nDenies HI. PHQ-9 total 3.`) };
    case 'slow':
      return { status: 200, body: completion(userText), delayMs: 1_500 };
    case 'error':
      return { status: 500, body: '{"error":"boom"}' };
    case 'not-json':
      return { status: 200, body: '<html>gateway</html>' };
    case 'wrong-shape':
      return { status: 200, body: JSON.stringify({ choices: [] }) };
    case 'empty':
      return { status: 200, body: completion('   ') };
    default:
      return { status: 404, body: '{"error":"unknown model"}' };
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      if (req.url !== '/v1/chat/completions' || req.method !== 'POST') {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(raw) as { model: string; messages: Array<{ role: string; content: string }> };
      received.push({ model: body.model, messages: body.messages, authorization: req.headers.authorization });
      const r = reply(body.model, body.messages.find((m) => m.role === 'user')?.content ?? '');
      setTimeout(() => {
        if (!res.destroyed) res.writeHead(r.status, { 'content-type': 'application/json' }).end(r.body);
      }, r.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const draft = composeNote(SessionDetails.parse(example), 'soap');
const consented = decideDisclosure(DisclosureRequest.parse({ requester: 'language-model', languageModel: { clientConsent: true } }), [], '2026-03-14');
const config = (model: string, extra: Partial<LanguageModelConfig> = {}) => LanguageModelConfig.parse({ url: baseUrl, model, timeoutMs: 800, ...extra });

describe('polishDraft', () => {
  it('sends only the composed draft, returns the rephrasing with a diff and a re-lint', async () => {
    const before = received.length;
    const out = await polishDraft(config('polite', { apiKey: 'test-key' }), draft, consented);
    expect(out.status).toBe('rephrased');
    if (out.status !== 'rephrased') return;
    expect(out.invented).toEqual([]);
    expect(out.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(out.text).toContain('The client came in because of work stress');
    expect(out.diff.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['The client came in because of', 'She said']);
    const sent = received.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.messages).toEqual([
      { role: 'system', content: POLISH_SYSTEM_PROMPT },
      { role: 'user', content: draft.text },
    ]);
    expect(sent[0]!.authorization).toBe('Bearer test-key');
  });

  it('flags facts the model invented', async () => {
    const out = await polishDraft(config('inventor'), draft, consented);
    expect(out.status).toBe('rephrased');
    if (out.status === 'rephrased') expect(out.invented.map((i) => i.kind)).toEqual(expect.arrayContaining(['number', 'measure', 'negation']));
  });

  it('sends nothing without the client\'s AI consent', async () => {
    const before = received.length;
    const noConsent = decideDisclosure(DisclosureRequest.parse({ requester: 'language-model' }), [], '2026-03-14');
    const out = await polishDraft(config('polite'), draft, noConsent);
    expect(out).toMatchObject({ status: 'refused', draftText: draft.text });
    expect(received.length).toBe(before);
  });

  it.each([
    ['slow', 'timeout'],
    ['error', 'http-error'],
    ['not-json', 'malformed-reply'],
    ['wrong-shape', 'malformed-reply'],
    ['empty', 'empty-reply'],
    ['unknown-model', 'http-error'],
  ])('model "%s": fails as %s and keeps the composed draft', async (model, error) => {
    const out = await polishDraft(config(model), draft, consented);
    expect(out).toMatchObject({ status: 'failed', error, draftText: draft.text });
  });

  it('an unreachable endpoint fails cleanly', async () => {
    const out = await polishDraft(LanguageModelConfig.parse({ url: 'http://127.0.0.1:9/v1', model: 'x', timeoutMs: 800 }), draft, consented);
    expect(out).toMatchObject({ status: 'failed', error: 'unreachable', draftText: draft.text });
  });
});

describe('languageModelConfigFromEnv', () => {
  it('is off without a URL and names each bad variable', () => {
    expect(languageModelConfigFromEnv({})).toBeUndefined();
    expect(() => languageModelConfigFromEnv({ NOTEWALL_LLM_URL: 'ftp://x', NOTEWALL_LLM_TIMEOUT_MS: '5' })).toThrow(/NOTEWALL_LLM_URL .*NOTEWALL_LLM_MODEL .*NOTEWALL_LLM_TIMEOUT_MS/);
    expect(languageModelConfigFromEnv({ NOTEWALL_LLM_URL: 'http://127.0.0.1:11434/v1', NOTEWALL_LLM_MODEL: 'llama3' })).toMatchObject({ model: 'llama3', timeoutMs: 20_000 });
  });
});
