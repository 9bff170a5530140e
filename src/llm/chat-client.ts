/**
 * A client for any OpenAI-compatible chat-completions endpoint (a local llama.cpp or Ollama
 * server, or a cloud service under a BAA). Off unless configured. Every failure is a typed
 * result, never a throw, so the caller can always fall back to the composed draft.
 */
import { z } from 'zod';

export const LanguageModelConfig = z.object({
  /** Base URL, e.g. http://127.0.0.1:11434/v1 (the client appends /chat/completions). */
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:11434/v1' }),
  model: z.string().trim().min(1, 'must name the model'),
  apiKey: z.string().min(1).optional(),
  timeoutMs: z.number().int().min(100).max(120_000).default(20_000),
  /** Reply size limit in bytes; a longer reply is treated as malformed. */
  maxReplyBytes: z.number().int().min(1_000).max(5_000_000).default(500_000),
});
export type LanguageModelConfig = z.infer<typeof LanguageModelConfig>;

/**
 * Reads `NOTEWALL_LLM_URL`, `NOTEWALL_LLM_MODEL`, `NOTEWALL_LLM_API_KEY`, `NOTEWALL_LLM_TIMEOUT_MS`.
 * Returns `undefined` when no URL is set (the feature is off); throws one error listing every
 * bad value when it is set wrongly.
 */
export function languageModelConfigFromEnv(env: Readonly<Record<string, string | undefined>>): LanguageModelConfig | undefined {
  if (!env.NOTEWALL_LLM_URL) return undefined;
  const parsed = LanguageModelConfig.safeParse({
    url: env.NOTEWALL_LLM_URL,
    model: env.NOTEWALL_LLM_MODEL ?? '',
    ...(env.NOTEWALL_LLM_API_KEY ? { apiKey: env.NOTEWALL_LLM_API_KEY } : {}),
    ...(env.NOTEWALL_LLM_TIMEOUT_MS ? { timeoutMs: Number(env.NOTEWALL_LLM_TIMEOUT_MS) } : {}),
  });
  if (parsed.success) return parsed.data;
  const names: Record<string, string> = { url: 'NOTEWALL_LLM_URL', model: 'NOTEWALL_LLM_MODEL', apiKey: 'NOTEWALL_LLM_API_KEY', timeoutMs: 'NOTEWALL_LLM_TIMEOUT_MS' };
  throw new Error(parsed.error.issues.map((i) => `${names[String(i.path[0])] ?? String(i.path[0])} ${i.message}`).join('; '));
}

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

export type ChatResult =
  | { readonly ok: true; readonly text: string; readonly model: string }
  | { readonly ok: false; readonly error: 'timeout' | 'unreachable' | 'http-error' | 'malformed-reply' | 'empty-reply'; readonly detail: string };

const Reply = z.object({
  model: z.string().optional(),
  choices: z
    .array(z.object({ message: z.object({ role: z.string().optional(), content: z.string().nullable() }) }))
    .min(1, 'has no choices'),
});

/** Sends one chat completion with temperature 0 (the same draft gets the same rephrasing where the server allows). */
export async function chatComplete(config: LanguageModelConfig, messages: readonly ChatMessage[]): Promise<ChatResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), config.timeoutMs);
  try {
    let res: Response;
    try {
      res = await fetch(`${config.url.replace(/\/+$/, '')}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}) },
        body: JSON.stringify({ model: config.model, messages, temperature: 0, stream: false }),
        signal: controller.signal,
      });
    } catch (err) {
      if (controller.signal.aborted) return { ok: false, error: 'timeout', detail: `no answer within ${config.timeoutMs} ms` };
      return { ok: false, error: 'unreachable', detail: err instanceof Error ? err.message : String(err) };
    }
    let body: string;
    try {
      body = await res.text();
    } catch {
      return controller.signal.aborted
        ? { ok: false, error: 'timeout', detail: `no complete answer within ${config.timeoutMs} ms` }
        : { ok: false, error: 'malformed-reply', detail: 'the reply body could not be read' };
    }
    if (!res.ok) return { ok: false, error: 'http-error', detail: `HTTP ${res.status}` };
    if (body.length > config.maxReplyBytes) return { ok: false, error: 'malformed-reply', detail: `reply over ${config.maxReplyBytes} bytes` };
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return { ok: false, error: 'malformed-reply', detail: 'the reply is not JSON' };
    }
    const parsed = Reply.safeParse(json);
    if (!parsed.success) return { ok: false, error: 'malformed-reply', detail: `the reply is not a chat completion: ${parsed.error.issues[0]?.message ?? ''}` };
    const text = parsed.data.choices[0]!.message.content?.trim() ?? '';
    if (text === '') return { ok: false, error: 'empty-reply', detail: 'the model returned no text' };
    return { ok: true, text, model: parsed.data.model ?? config.model };
  } finally {
    clearTimeout(timer);
  }
}
