/**
 * The server's typed configuration, read once at startup from the environment together
 * with the store configuration (`src/config/config.ts`); every problem is reported at once
 * (STYLE.md §7). Defaults suit one machine: 127.0.0.1:3000, SQLite in `./data`.
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, loadConfig, type StoreConfig } from '../config/config.ts';
import { languageModelConfigFromEnv, type LanguageModelConfig } from '../llm/chat-client.ts';

const Int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const Bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const ServerEnv = z.object({
  PORT: Int(0, 65535).default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  /** 45 CFR 164.312(a)(2)(iii) automatic logoff. */
  NOTEWALL_IDLE_MINUTES: Int(1, 24 * 60).default(15),
  /** Overrides NOTEWALL_IDLE_MINUTES with seconds (tests and demos of the idle warning); at least 10. */
  NOTEWALL_IDLE_SECONDS: Int(10, 24 * 3600).optional(),
  NOTEWALL_SESSION_HOURS: Int(1, 7 * 24).default(12),
  /** `auto`: Secure when the request came over TLS (directly, or per a trusted proxy). */
  NOTEWALL_SECURE_COOKIES: z.enum(['auto', 'always', 'never']).default('auto'),
  NOTEWALL_TRUST_PROXY: Bool.default(false),
  /** Requests per minute per client address; 0 turns the general limit off (the login limit stays). */
  NOTEWALL_RATE_LIMIT: Int(0, 1_000_000).default(1200),
  NOTEWALL_LOGIN_RATE_LIMIT: Int(1, 10_000).default(10),
  NOTEWALL_BODY_LIMIT_KB: Int(16, 64 * 1024).default(1024),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NOTEWALL_WEB_DIR: z.string().trim().min(1).optional(),
});

export interface ServerConfig {
  readonly store: StoreConfig;
  readonly port: number;
  readonly host: string;
  readonly idleSeconds: number;
  readonly absoluteSeconds: number;
  readonly secureCookies: 'auto' | 'always' | 'never';
  readonly trustProxy: boolean;
  readonly rateLimitPerMinute: number;
  readonly loginRateLimitPerMinute: number;
  readonly bodyLimitBytes: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** The built web app (Vite output). */
  readonly webDir: string;
  /** The optional language model (`NOTEWALL_LLM_*`); absent means the feature is off. */
  readonly languageModel?: LanguageModelConfig;
}

/** Where `npm run build` puts the web app. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../dist/web', import.meta.url));

/** Reads the server configuration; throws {@link ConfigError} listing every problem. */
export function loadServerConfig(env: Readonly<Record<string, string | undefined>> = process.env, cwd = process.cwd()): ServerConfig {
  const problems: string[] = [];
  let store: StoreConfig | undefined;
  try {
    store = loadConfig(env, cwd).store;
  } catch (err) {
    if (err instanceof ConfigError) problems.push(...err.problems);
    else throw err;
  }
  const picked = Object.fromEntries(Object.keys(ServerEnv.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = ServerEnv.safeParse(picked);
  if (!parsed.success) problems.push(...parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'} ${i.message}`));
  let languageModel: LanguageModelConfig | undefined;
  try {
    languageModel = languageModelConfigFromEnv(env);
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
  }
  if (problems.length > 0 || !store || !parsed.success) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    store,
    port: e.PORT,
    host: e.HOST,
    idleSeconds: e.NOTEWALL_IDLE_SECONDS ?? e.NOTEWALL_IDLE_MINUTES * 60,
    absoluteSeconds: e.NOTEWALL_SESSION_HOURS * 3600,
    secureCookies: e.NOTEWALL_SECURE_COOKIES,
    trustProxy: e.NOTEWALL_TRUST_PROXY,
    rateLimitPerMinute: e.NOTEWALL_RATE_LIMIT,
    loginRateLimitPerMinute: e.NOTEWALL_LOGIN_RATE_LIMIT,
    bodyLimitBytes: e.NOTEWALL_BODY_LIMIT_KB * 1024,
    logLevel: e.LOG_LEVEL,
    webDir: e.NOTEWALL_WEB_DIR ? resolve(cwd, e.NOTEWALL_WEB_DIR) : DEFAULT_WEB_DIR,
    ...(languageModel ? { languageModel } : {}),
  };
}
