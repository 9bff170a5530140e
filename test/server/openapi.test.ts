/**
 * The OpenAPI document is generated from the route schemas and served at /api/docs; the
 * committed copy in docs/openapi.json (what the web app codes against) must match it.
 * Regenerate with `NOTEWALL_UPDATE_OPENAPI=1 npx vitest run test/server/openapi.test.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.ts';

const FILE = resolve(import.meta.dirname, '../../docs/openapi.json');

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

describe('OpenAPI document', () => {
  it('is served at /api/docs and /api/docs/openapi.json', async () => {
    const a = await t.call(null, 'GET', '/api/docs');
    const b = await t.call(null, 'GET', '/api/docs/openapi.json');
    expect(a.statusCode).toBe(200);
    expect(a.json()).toEqual(b.json());
    const doc = a.json<{ openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/notes/{noteId}/sign', '/api/psychotherapy-notes/{noteId}']));
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['ProgressNote', 'SessionInfo', 'Error', 'Finding']));
    // The web catch-all and the docs themselves are not API.
    expect(Object.keys(doc.paths)).not.toContain('/*');
  });

  it('matches the committed docs/openapi.json', async () => {
    const served = `${JSON.stringify((await t.call(null, 'GET', '/api/docs')).json(), null, 2)}\n`;
    if (process.env['NOTEWALL_UPDATE_OPENAPI'] === '1') writeFileSync(FILE, served);
    const committed = readFileSync(FILE, 'utf8');
    expect(committed, 'docs/openapi.json is stale: regenerate it with NOTEWALL_UPDATE_OPENAPI=1 npx vitest run test/server/openapi.test.ts').toBe(served);
  });
});
