/**
 * No PHI in logs: a full request cycle whose client name, progress note, psychotherapy
 * note and a rejected field all carry a unique marker, with logging at debug level; the
 * marker never appears in the captured log, while the log did record the requests.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartStore } from '../../src/db/chart/chart-store.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppDeps } from '../../src/server/deps.ts';
import { cleanNote, startTestServer, type TestServer } from './helpers.ts';

const MARKER = `ZQX${randomBytes(6).toString('hex')}`;
const lines: string[] = [];
const stream = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(chunk.toString());
    done();
  },
});

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ env: { LOG_LEVEL: 'debug' }, logStream: stream, clientName: `Client ${MARKER}` });
});
afterAll(async () => {
  await t.close();
});

describe('logging', () => {
  it('never writes the marker from names, notes, errors or query strings', async () => {
    const note = cleanNote('2025-05-01', { sections: { subjective: `Reports ${MARKER} at work.`, objective: 'Calm.', assessment: 'Stable.', plan: 'Continue.' } });
    const draft = await t.call(t.logins.clinician, 'POST', `/api/clients/${t.clientId}/notes`, { content: note });
    expect(draft.statusCode).toBe(201);
    const id = draft.json<{ id: string }>().id;
    expect((await t.call(t.logins.clinician, 'POST', `/api/notes/${id}/sign`, {})).statusCode).toBe(200);
    expect((await t.call(t.logins.records, 'GET', `/api/notes/${id}`)).body).toContain(MARKER);
    const psy = await t.call(t.logins.clinician, 'POST', '/api/psychotherapy-notes', { clientId: t.clientId, content: { body: `Private ${MARKER}.` } });
    expect(psy.statusCode).toBe(201);
    expect((await t.call(t.logins.clinician, 'GET', `/api/psychotherapy-notes/${psy.json<{ id: string }>().id}`)).body).toContain(MARKER);
    // Rejected input carrying the marker, in the body and in the query string.
    expect((await t.call(t.logins.clinician, 'POST', `/api/clients/${t.clientId}/diagnoses`, { code: MARKER })).statusCode).toBe(400);
    expect((await t.call(t.logins.clinician, 'GET', `/api/home?today=${MARKER}`)).statusCode).toBe(400);
    expect((await t.call(t.logins.clinician, 'POST', '/api/clients', `{"displayName": "${MARKER}`, { 'content-type': 'application/json' })).statusCode).toBe(400);
    expect((await t.login(MARKER.toLowerCase(), `pw ${MARKER}`)).statusCode).toBe(401);
    const clients = await t.call(t.logins.clinician, 'GET', '/api/clients');
    expect(clients.body).toContain(MARKER);

    const log = lines.join('');
    expect(log).toContain('request completed');
    expect(log).toContain('request refused');
    expect(log.toLowerCase()).not.toContain(MARKER.toLowerCase());
  });

  it('answers a 500 with the generic message and logs it by request id without driver details', async () => {
    const broken = {
      selectFrom() {
        throw Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505', detail: `Key (display_name)=(${MARKER}) already exists.` });
      },
    };
    const deps = { ...t.server.deps, chart: { ...t.server.deps.chart, db: broken } as unknown as ChartStore } satisfies AppDeps;
    const app = await buildApp(deps, { logStream: stream });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/setup' });
      expect(res.statusCode).toBe(500);
      const body = res.json<{ error: { code: string; message: string; requestId: string } }>();
      expect(body.error.code).toBe('internal');
      expect(res.body).not.toContain('duplicate key');
      expect(res.body).not.toContain(MARKER);
      const log = lines.join('');
      expect(log).toContain(body.error.requestId);
      expect(log).toContain('internal error');
      expect(log).not.toContain(MARKER);
    } finally {
      await app.close();
    }
  });
});
