/**
 * Automatic logoff without losing a draft, in Debian's Chromium against the real server
 * started with a short idle timeout (`NOTEWALL_IDLE_SECONDS`). A clinician edits a
 * progress-note draft while the network refuses the save: the failure is shown and the text
 * stays. Then they stop; the idle warning opens (45 CFR 164.312(a)(2)(iii), automatic
 * logoff), the session ends, the banner and the editor still hold the typed text, they sign
 * in again in the dialog and the draft is saved. The server's copy (read through the API)
 * and a reload show every word typed. axe-core on the failed-save, warning and expired
 * screens; screenshots `screenshots/idle-*.png` (git-ignored). All data synthetic.
 *
 * The fixture (users, client, session, a draft note) is made through the API, which the
 * web suite already walks screen by screen.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request as apiRequest, type APIRequestContext, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, axeCheck, ensureWebBuilt, launchChromium, shoot, startServer, type AxeProblem, type RunningServer } from './harness.ts';

const PASSWORD = 'synthetic password for tests';
/**
 * Short enough for a walk, long enough that axe finishes inside the warning: the client
 * warns 6 s before its deadline and ends the session 19 s after the last contact
 * (`src/web/auth/idle.ts`).
 */
const IDLE_SECONDS = '20';
const TYPED_WHILE_OFFLINE = ' Typed while the save failed: avoidance of crowded stores lessened.';
const TYPED_WHILE_EXPIRED = 'Typed after the session ended: practise one exposure step daily.';

let server: RunningServer | undefined;
let browser: Browser | undefined;
let page: Page;
const axeProblems: AxeProblem[] = [];
const contexts: APIRequestContext[] = [];
let shot = 0;

/** axe on the current screen, then a viewport screenshot (the modal and banner are on top). */
async function screen(name: string): Promise<void> {
  axeProblems.push(...(await axeCheck(page, name)));
  shot += 1;
  await shoot(page, `idle-${String(shot).padStart(2, '0')}-${name}`, false);
}

/** The little of the DOM that {@link settled} uses (this project's Node typings have no DOM lib). */
interface DomNode {
  readonly parentElement: DomNode | null;
}
interface DomGlobals {
  readonly document: { querySelectorAll(selector: string): ArrayLike<DomNode> };
  getComputedStyle(node: DomNode): { readonly opacity: string };
}

/** Waits for a modal's opening transition to finish, so axe measures its real colours. */
async function settled(dialog: Locator): Promise<void> {
  await dialog.waitFor();
  // A function, not a string: the app's CSP (script-src 'self') forbids eval in the page.
  await page.waitForFunction(() => {
    const g = globalThis as unknown as DomGlobals;
    return Array.from(g.document.querySelectorAll('[role="dialog"]')).every((d) => {
      for (let e: DomNode | null = d; e; e = e.parentElement) if (g.getComputedStyle(e).opacity !== '1') return false;
      return true;
    });
  });
}

/** A signed-in API session (its own cookie jar) with the CSRF token. */
async function apiAs(url: string, username: string): Promise<{ post: (path: string, data: unknown) => Promise<unknown>; get: (path: string) => Promise<unknown> }> {
  const ctx = await apiRequest.newContext({ baseURL: url });
  contexts.push(ctx);
  const login = await ctx.post('/api/auth/login', { data: { username, password: PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return {
    post: async (path, data) => {
      const res = await ctx.post(path, { data, headers: { 'x-csrf-token': csrfToken } });
      expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
      return (await res.json()) as unknown;
    },
    get: async (path) => {
      const res = await ctx.get(path);
      expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
      return (await res.json()) as unknown;
    },
  };
}

let clientId = '';
let sessionId = '';
let noteId = '';

beforeAll(async () => {
  ensureWebBuilt();
  // The harness passes the process environment to `notewall serve`.
  const before = process.env['NOTEWALL_IDLE_SECONDS'];
  process.env['NOTEWALL_IDLE_SECONDS'] = IDLE_SECONDS;
  try {
    server = await startServer();
  } finally {
    if (before === undefined) delete process.env['NOTEWALL_IDLE_SECONDS'];
    else process.env['NOTEWALL_IDLE_SECONDS'] = before;
  }
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);

  const url = server.url;
  const setupCtx = await apiRequest.newContext({ baseURL: url });
  contexts.push(setupCtx);
  const setup = await setupCtx.post('/api/setup', { data: { practiceName: 'Synthetic Practice', admin: { username: 'admin', displayName: 'A. Admin', password: PASSWORD, clinician: false } } });
  expect(setup.status(), await setup.text()).toBe(201);
  const admin = await apiAs(url, 'admin');
  await admin.post('/api/users', { username: 'clin-a', displayName: 'C. Alpha', password: PASSWORD, roles: ['clinician'] });
  const clin = await apiAs(url, 'clin-a');
  const client = (await clin.post('/api/clients', { displayName: 'K. L.', dateOfBirth: '1985-07-19' })) as { id: string };
  clientId = client.id;
  await clin.post(`/api/clients/${clientId}/diagnoses`, { code: 'F41.1', description: 'Generalized anxiety disorder' });
  const logistics = { date: '2026-03-02', start: '09:00', end: '09:53', modality: 'individual', cptCodes: ['90837'] };
  sessionId = ((await clin.post(`/api/clients/${clientId}/sessions`, { logistics })) as { id: string }).id;
  noteId = (
    (await clin.post(`/api/clients/${clientId}/notes`, {
      sessionId,
      content: {
        format: 'soap',
        session: logistics,
        diagnoses: [{ code: 'F41.1' }],
        interventions: ['graded exposure planning'],
        mentalStatus: 'Alert, oriented.',
        risk: { suicidalIdeation: 'denied', homicidalIdeation: 'denied', selfHarm: 'denied' },
        sections: { subjective: 'Client reports fewer panic episodes.', objective: 'Calm, engaged.', assessment: 'Progressing toward goal 1.', plan: 'Continue weekly.' },
      },
    })) as { id: string }
  ).id;
}, 120_000);

afterAll(async () => {
  for (const ctx of contexts) await ctx.dispose();
  await browser?.close();
  await server?.stop();
});

describe('idle timeout in Chromium against the real server', () => {
  it('keeps a draft through a failed save and an expired session, and saves it after signing in again', async () => {
    const url = server!.url;
    await page.goto(`${url}/#/clients/${clientId}/sessions/${sessionId}`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel(/^Username/).fill('clin-a');
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const assessment = page.getByRole('textbox', { name: 'Assessment (A)', exact: true });
    const plan = page.getByRole('textbox', { name: 'Plan (P)', exact: true });
    await assessment.waitFor();
    expect(await assessment.inputValue()).toBe('Progressing toward goal 1.');

    // The network refuses the save: the editor says so and keeps the text.
    const notePut = `**/api/notes/${noteId}`;
    await page.route(notePut, (route) => (route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.fallback()));
    await assessment.click();
    await assessment.press('End');
    await assessment.pressSequentially(TYPED_WHILE_OFFLINE, { delay: 5 });
    const failed = page.getByRole('alert').filter({ hasText: 'Not saved' });
    await failed.getByText(/The server could not be reached/).waitFor();
    expect(await assessment.inputValue()).toBe(`Progressing toward goal 1.${TYPED_WHILE_OFFLINE}`);
    await screen('save-failed');

    // The clinician stops; the warning opens before the deadline, then the session ends.
    const warning = page.getByRole('dialog', { name: 'You will be signed out soon' });
    await warning.waitFor({ timeout: 25_000 });
    await settled(warning);
    await page.getByTestId('idle-countdown').waitFor();
    await screen('warning');
    const banner = page.getByRole('alert').filter({ hasText: 'Your session has ended' });
    await banner.waitFor({ timeout: 15_000 });
    await warning.waitFor({ state: 'detached' });
    // The server agrees: the browser's cookie no longer opens a session.
    expect(await page.evaluate(async () => (await fetch('/api/auth/session')).status)).toBe(401);

    // Nothing typed is gone: it is in the editor and in the banner's copy.
    expect(await assessment.inputValue()).toBe(`Progressing toward goal 1.${TYPED_WHILE_OFFLINE}`);
    expect(await banner.getByLabel('Unsaved text').inputValue()).toContain(TYPED_WHILE_OFFLINE.trim());
    await screen('expired');

    // The editor stays usable while signed out; this text must survive too.
    await plan.fill(TYPED_WHILE_EXPIRED);

    // Back online; sign in again in the dialog, and the draft is saved.
    await page.unroute(notePut);
    await banner.getByRole('button', { name: 'Sign in again' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign in again' });
    await settled(dialog);
    expect(await dialog.getByLabel(/^Username/).inputValue()).toBe('clin-a');
    await dialog.getByLabel(/^Password/).fill(PASSWORD);
    await screen('sign-in-again');
    const saved = page.waitForResponse((r) => r.url().endsWith(`/api/notes/${noteId}`) && r.request().method() === 'PUT' && r.status() === 200);
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await saved;
    await dialog.waitFor({ state: 'detached' });
    await banner.waitFor({ state: 'detached' });
    await page.getByText('All changes saved').or(page.getByText(/^Saved /)).waitFor();
    expect(await failed.count()).toBe(0);
    await screen('resumed');

    // The server's copy holds every word typed, offline and signed out.
    const clin = await apiAs(url, 'clin-a');
    const stored = (await clin.get(`/api/notes/${noteId}`)) as { status: string; content: { sections: Record<string, string> } };
    expect(stored.status).toBe('draft');
    expect(stored.content.sections['assessment']).toBe(`Progressing toward goal 1.${TYPED_WHILE_OFFLINE}`);
    expect(stored.content.sections['plan']).toBe(TYPED_WHILE_EXPIRED);

    // And a reload shows it from the server.
    await page.reload();
    await assessment.waitFor();
    expect(await assessment.inputValue()).toBe(`Progressing toward goal 1.${TYPED_WHILE_OFFLINE}`);
    expect(await plan.inputValue()).toBe(TYPED_WHILE_EXPIRED);

    writeFileSync(join(SCREENSHOT_DIR, 'idle-axe.json'), JSON.stringify(axeProblems, null, 2));
    expect(axeProblems).toEqual([]);
  }, 90_000);
});
