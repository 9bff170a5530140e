/**
 * Release of information end to end, in Debian's Chromium against the real server
 * (docs/release-workflow.md): a records clerk logs an insurer request (with the letter
 * attached), sees psychotherapy notes excluded with the reason (45 CFR 164.508(a)(2)), files
 * a defective authorization and sees the element named, builds the packet, downloads the
 * PDF and FHIR, and delivers it (no accounting entry: payment, 164.528(a)(1)(i)); a court
 * order naming psychotherapy notes goes to their author, who approves it in their own
 * session; the clerk delivers it and the accounting report shows the court-order
 * disclosure. Records staff never see the psychotherapy note's text. Then the training quiz
 * and the admin's completion report. axe-core runs on every screen; screenshots go to
 * `screenshots/release-*.png` (git-ignored). All data synthetic.
 *
 * The fixture (users, client, a signed progress note, a psychotherapy note) is made through
 * the API, which the web suite already walks screen by screen.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request as apiRequest, type APIRequestContext, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/core/training/index.ts';
import { SCREENSHOT_DIR, axeCheck, ensureWebBuilt, launchChromium, shoot, startServer, type AxeProblem, type RunningServer } from './harness.ts';

const PASSWORD = 'synthetic password for tests';
const PSY_MARKER = 'ZQX-PROCESS-MARKER-4417';
const CLIENT = 'R. T.';

let server: RunningServer | undefined;
let browser: Browser | undefined;
let page: Page;
const axeProblems: AxeProblem[] = [];
const contexts: APIRequestContext[] = [];
let shot = 0;

function isoDaysAgo(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** axe on the current screen, then a full-page screenshot. */
async function screen(name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  axeProblems.push(...(await axeCheck(page, name)));
  shot += 1;
  await page.evaluate('window.scrollTo(0, 0)');
  await shoot(page, `release-${String(shot).padStart(2, '0')}-${name}`);
}

async function signIn(username: string): Promise<void> {
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel(/^Username/).fill(username);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel(/^Signed in as/).waitFor();
}

async function signOut(): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
}

/** A signed-in API session for fixtures (its own cookie jar), with the CSRF token. */
async function apiAs(url: string, username: string): Promise<{ post: (path: string, data: unknown) => Promise<unknown> }> {
  const ctx = await apiRequest.newContext({ baseURL: url });
  contexts.push(ctx);
  const login = await ctx.post('/api/auth/login', { data: { username, password: PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return {
    post: async (path, data) => {
      const res = await ctx.post(path, { data, headers: { 'x-csrf-token': csrfToken } });
      expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
      return res.status() === 204 ? null : ((await res.json()) as unknown);
    },
  };
}

/** Logs a request through the intake screen; ends on the request page. */
async function logRequest(fill: () => Promise<void>): Promise<void> {
  await page.getByRole('link', { name: 'Records requests' }).click();
  await page.getByRole('link', { name: 'Log a new request' }).click();
  await page.getByRole('heading', { name: 'Log a records request' }).waitFor();
  await page.getByRole('combobox', { name: 'Client' }).selectOption({ label: `${CLIENT} (born 1988-02-03)` });
  await fill();
}

beforeAll(async () => {
  ensureWebBuilt();
  server = await startServer();
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);

  // Fixture through the API: practice, a clinician, a records clerk, a client with a signed
  // progress note and a psychotherapy note in the range.
  const url = server.url;
  const setupCtx = await apiRequest.newContext({ baseURL: url });
  contexts.push(setupCtx);
  const setup = await setupCtx.post('/api/setup', { data: { practiceName: 'Synthetic Practice', admin: { username: 'admin', displayName: 'A. Admin', password: PASSWORD, clinician: false } } });
  expect(setup.status(), await setup.text()).toBe(201);
  const admin = await apiAs(url, 'admin');
  await admin.post('/api/users', { username: 'clin-a', displayName: 'C. Alpha', password: PASSWORD, roles: ['clinician'] });
  await admin.post('/api/users', { username: 'clerk', displayName: 'R. Clerk', password: PASSWORD, roles: ['records'] });
  const clin = await apiAs(url, 'clin-a');
  const client = (await clin.post('/api/clients', { displayName: CLIENT, dateOfBirth: '1988-02-03' })) as { id: string };
  const noteDate = isoDaysAgo(20);
  await clin.post(`/api/clients/${client.id}/diagnoses`, { code: 'F41.1', description: 'Generalized anxiety disorder' });
  const logistics = { date: noteDate, start: '10:00', end: '10:53', modality: 'individual', cptCodes: ['90837'] };
  const session = (await clin.post(`/api/clients/${client.id}/sessions`, { logistics })) as { id: string };
  const note = (await clin.post(`/api/clients/${client.id}/notes`, {
    sessionId: session.id,
    content: {
      format: 'soap',
      session: logistics,
      diagnoses: [{ code: 'F41.1' }],
      interventions: ['CBT thought record reviewed'],
      mentalStatus: 'Alert, oriented.',
      risk: { suicidalIdeation: 'denied', homicidalIdeation: 'denied', selfHarm: 'denied' },
      sections: { subjective: 'Client reports improved sleep.', objective: 'Calm, engaged.', assessment: 'Progressing.', plan: 'Continue weekly.' },
    },
  })) as { id: string };
  await clin.post(`/api/notes/${note.id}/sign`, {});
  await clin.post('/api/psychotherapy-notes', { clientId: client.id, content: { sessionDate: noteDate, body: `Process impressions about the dream sequence ${PSY_MARKER}.` } });
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.dispose();
  await browser?.close();
  await server?.stop();
});

describe('release of information in Chromium against the real server', () => {
  it('insurer request → packet delivered; court order → author approves → delivered and accounted; training', async () => {
    const url = server!.url;
    const from = isoDaysAgo(365);
    await page.goto(`${url}/`);

    // The records clerk logs an insurer request received 40 days ago (past the 30-day practice target).
    await signIn('clerk');
    await logRequest(async () => {
      await page.getByRole('combobox', { name: 'Requester type' }).selectOption('payer');
      await page.getByLabel('Received on').fill(isoDaysAgo(40));
      await page.getByRole('textbox', { name: 'Recipient name' }).fill('Synthetic Health Plan');
      await page.getByRole('textbox', { name: 'Recipient address' }).fill('PO Box 100\nSynthetic City');
      await page.getByRole('textbox', { name: 'Purpose', exact: true }).fill('Claim review');
      await page.getByLabel('Records from').fill(from);
      await page.getByRole('checkbox', { name: /^Dates of service/ }).check();
      await page.getByRole('checkbox', { name: 'Diagnoses' }).check();
      await page.getByRole('checkbox', { name: 'Progress notes' }).check();
      await page.getByLabel('Attach the subpoena, order or letter').setInputFiles({ name: 'plan-letter.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 synthetic letter') });
    });
    await screen('intake-payer');
    await page.getByRole('button', { name: 'Log request' }).click();
    await page.getByRole('heading', { name: `Request · ${CLIENT}` }).waitFor();
    await page.getByRole('link', { name: 'plan-letter.pdf' }).waitFor();

    // The decision view: chart released, psychotherapy notes excluded with the reason.
    const psy = page.getByTestId('decision-psychotherapyNotes');
    await psy.getByText('Do not release').waitFor();
    await psy.getByText(/164\.508\(a\)\(2\)/).first().waitFor();
    await page.getByTestId('decision-progressNotes').getByText('Release', { exact: true }).waitFor();
    await page.getByText(/Overdue by \d+ days/).first().waitFor();

    // A general authorization missing the redisclosure statement: the gate names the element.
    await page.getByRole('button', { name: 'File an authorization' }).click();
    const authForm = page.getByRole('form', { name: 'New authorization' });
    await authForm.getByRole('textbox', { name: /^Description of the information/ }).fill('Claims records 2025');
    await authForm.getByRole('textbox', { name: /^Who may disclose/ }).fill('Synthetic Practice');
    await authForm.getByRole('textbox', { name: /^Who may receive/ }).fill('Synthetic Health Plan');
    await authForm.getByRole('textbox', { name: /^Purpose of the disclosure/ }).fill('Claim review');
    await authForm.getByRole('textbox', { name: /^Signature/ }).fill(CLIENT);
    await authForm.getByLabel(/^Signed on/).fill(isoDaysAgo(45));
    await authForm.getByLabel(/^Expires on/).fill(isoDaysAgo(-300));
    await authForm.getByRole('checkbox', { name: /^Right to revoke/ }).check();
    await authForm.getByRole('checkbox', { name: /^Whether treatment or payment/ }).check();
    await authForm.getByRole('button', { name: 'File authorization' }).click();
    await page.getByText('Defective').first().waitFor();
    await page.getByText('statements.redisclosure:').first().waitFor();
    await screen('request-payer-decision');

    // Build → preview → downloads → deliver (payment: no accounting entry).
    await page.getByRole('button', { name: 'Build packet' }).click();
    const pdfLink = page.getByRole('link', { name: /^Download PDF/ }).first();
    await pdfLink.waitFor();
    const pdf = await page.request.get(`${url}${await pdfLink.getAttribute('href')}`);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const fhir = await page.request.get(`${url}${await page.getByRole('link', { name: /^Download FHIR/ }).first().getAttribute('href')}`);
    const fhirText = await fhir.text();
    expect((JSON.parse(fhirText) as { resourceType: string }).resourceType).toBe('Bundle');
    expect(fhirText).not.toContain(PSY_MARKER);
    await page.getByRole('combobox', { name: 'Delivery method' }).selectOption('mail');
    await screen('packet-preview-payer');
    await page.getByRole('button', { name: 'Record delivery' }).click();
    await page.getByText('No accounting entry (this release is not accountable).').waitFor();
    expect(await page.content()).not.toContain(PSY_MARKER);
    await screen('packet-delivered-payer');

    // A court order naming psychotherapy notes goes to the author.
    await logRequest(async () => {
      await page.getByRole('combobox', { name: 'Requester type' }).selectOption('court-order');
      await page.getByRole('checkbox', { name: 'The order expressly names psychotherapy notes' }).check();
      await page.getByRole('textbox', { name: 'Recipient name' }).fill('Clerk of the Synthetic Court');
      await page.getByRole('textbox', { name: 'Purpose', exact: true }).fill('Court order in a synthetic case');
      await page.getByLabel('Records from').fill(from);
    });
    await page.getByRole('button', { name: 'Log request' }).click();
    await page.getByRole('heading', { name: `Request · ${CLIENT}` }).waitFor();
    await page.getByTestId('decision-psychotherapyNotes').getByText('Release', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Build packet' }).click();
    await page.getByText('Waiting for the author').waitFor();
    expect(await page.content()).not.toContain(PSY_MARKER);
    await screen('court-order-awaiting-author');

    // A subpoena without a court order: nothing leaves until the checklist supports it.
    await logRequest(async () => {
      await page.getByRole('combobox', { name: 'Requester type' }).selectOption('attorney-subpoena');
      await page.getByLabel('Received on').fill(isoDaysAgo(45));
      await page.getByRole('textbox', { name: 'Recipient name' }).fill('Law Office of V. W.');
      await page.getByRole('textbox', { name: 'Purpose', exact: true }).fill('Civil litigation');
      await page.getByLabel('Attach the subpoena, order or letter').setInputFiles({ name: 'subpoena.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 synthetic subpoena') });
    });
    await page.getByRole('button', { name: 'Log request' }).click();
    await page.getByRole('heading', { name: 'Subpoena checklist (45 CFR 164.512(e))' }).waitFor();
    await page.getByTestId('decision-progressNotes').getByText('Do not release').waitFor();
    for (const [step, label] of [
      ['notice-to-client', /^Written notice of the request/],
      ['objection-window-closed', /^The time to object has passed/],
    ] as const) {
      const group = page.getByRole('group', { name: label });
      await group.getByLabel('Note').fill(`Synthetic note for ${step}`);
      await group.getByRole('button', { name: /^Record step/ }).click();
      await page.getByText(`Synthetic note for ${step}`).waitFor();
    }
    await screen('subpoena-checklist');

    // The client's own request: the right-of-access copy, with the extension notice.
    await logRequest(async () => {
      await page.getByRole('combobox', { name: 'Requester type' }).selectOption('individual');
      await page.getByRole('textbox', { name: 'Recipient name' }).fill(CLIENT);
      await page.getByRole('textbox', { name: 'Purpose', exact: true }).fill('At the request of the individual');
    });
    await page.getByRole('button', { name: 'Log request' }).click();
    await page.getByText('Deadline set by rule', { exact: false }).or(page.getByText('deadline set by rule', { exact: false })).first().waitFor();
    await page.getByRole('textbox', { name: /^Reason for the delay/ }).fill('Records are being retrieved from archive storage.');
    await page.getByRole('button', { name: 'Record extension notice' }).click();
    await page.getByText(/, extended\)/).waitFor();
    await page.getByRole('button', { name: 'Build access copy' }).click();
    await page.getByRole('heading', { name: /^Right-of-access copy 1/ }).waitFor();
    const accessFhir = await page.request.get(`${url}${await page.getByRole('link', { name: /^Download FHIR/ }).first().getAttribute('href')}`);
    expect(await accessFhir.text()).not.toContain('PSYTHPN');
    await screen('access-copy');

    await page.getByRole('link', { name: 'Records requests' }).click();
    await page.getByRole('table', { name: 'Records requests' }).getByText('Awaiting the author').waitFor();
    await page.getByRole('row').filter({ hasText: 'Law Office of V. W.' }).getByText(/^Overdue by \d+ days$/).waitFor();
    await screen('queue');
    await signOut();

    // The author sees their note in the range and approves.
    await signIn('clin-a');
    await page.getByRole('link', { name: 'Release approvals' }).click();
    await page.getByRole('link', { name: CLIENT }).click();
    await page.getByText(PSY_MARKER).waitFor();
    await screen('author-approval');
    await page.getByRole('button', { name: 'Approve release of these notes' }).click();
    await page.getByRole('status').filter({ hasText: 'Approved' }).waitFor();
    await screen('author-approved');
    await signOut();

    // The clerk delivers the court packet; the accounting entry is written and reported.
    await signIn('clerk');
    await page.getByRole('link', { name: 'Records requests' }).click();
    await page.getByRole('row').filter({ hasText: 'Clerk of the Synthetic Court' }).getByRole('link', { name: CLIENT }).click();
    await page.getByText('Holds psychotherapy notes (author approved)').waitFor();
    expect(await page.content()).not.toContain(PSY_MARKER);
    const courtFhir = await page.request.get(`${url}${await page.getByRole('link', { name: /^Download FHIR/ }).first().getAttribute('href')}`);
    expect(await courtFhir.text()).toContain('PSYTHPN');
    await page.getByRole('combobox', { name: 'Delivery method' }).selectOption('court-filing');
    await page.getByRole('button', { name: 'Record delivery' }).click();
    await page.getByText('The accounting-of-disclosures entry was recorded.').waitFor();
    await screen('court-order-delivered');
    await page.getByRole('link', { name: `Accounting of disclosures for ${CLIENT}` }).click();
    const accounting = page.getByRole('table', { name: 'Accounting of disclosures' });
    await accounting.getByRole('cell', { name: 'Clerk of the Synthetic Court' }).waitFor();
    await accounting.getByText(/164\.512\(e\)\(1\)\(i\)/).first().waitFor();
    expect(await accounting.getByText('Synthetic Health Plan').count()).toBe(0);
    const report = await page.request.get(`${url}${await page.getByRole('link', { name: /^Download the accounting report/ }).getAttribute('href')}`);
    expect((await report.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await screen('accounting');

    // 200 % zoom: a 1400-pixel window at twice the scale is 700 CSS pixels wide.
    await page.setViewportSize({ width: 700, height: 1000 });
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('link', { name: 'Records requests' }).click();
    await page.getByRole('row').filter({ hasText: 'Law Office of V. W.' }).getByRole('link', { name: CLIENT }).click();
    await page.getByRole('heading', { name: 'Decision by class of record' }).waitFor();
    await screen('request-200-percent');
    await page.setViewportSize({ width: 1400, height: 1000 });

    // Training: the clerk answers every scenario (correctly) and passes.
    await page.getByRole('link', { name: 'Training', exact: true }).click();
    await page.getByRole('heading', { name: 'Training: release of information' }).waitFor();
    // Every answer right except the first, which comes back explained with its citation.
    for (const [i, s] of SCENARIOS.entries()) {
      const choice = i === 0 ? (s.correct + 1) % s.choices.length : s.correct;
      await page.getByRole('radiogroup', { name: new RegExp(`^Question ${i + 1} `) }).getByRole('radio').nth(choice).check();
    }
    await page.getByRole('button', { name: /^Submit answers/ }).click();
    await page.getByText('Passed: your completion is recorded').waitFor();
    await page.getByText(`${SCENARIOS.length - 1} of ${SCENARIOS.length} correct`, { exact: false }).waitFor();
    await page.getByText('Not correct').first().waitFor();
    await page.getByText(SCENARIOS[0]!.citation, { exact: false }).first().waitFor();
    await screen('training-passed');
    await signOut();

    await signIn('admin');
    await page.getByRole('link', { name: 'Training report' }).click();
    await page.getByRole('row').filter({ hasText: 'R. Clerk' }).getByText('Completed').waitFor();
    await screen('training-report');

    writeFileSync(join(SCREENSHOT_DIR, 'release-axe.json'), JSON.stringify(axeProblems, null, 2));
    expect(axeProblems).toEqual([]);
  }, 120_000);
});
