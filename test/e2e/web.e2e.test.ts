/**
 * The web app end to end, in Debian's Chromium against the real server: setup → create
 * clinicians → create a client → session → a progress note with a lint error, fixed and
 * signed → a psychotherapy note whose excluded sentence moves to the progress note →
 * a PHQ-9 and its chart → another clinician cannot find the client → the admin sees the
 * audit entries. axe-core runs on every screen; note text with HTML and script is shown
 * as text and never executed. Screenshots go to `screenshots/` (git-ignored).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, axeCheck, ensureWebBuilt, launchChromium, shoot, startServer, type AxeProblem, type RunningServer } from './harness.ts';

const PASSWORD = 'synthetic password for tests';
const HOSTILE = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

let server: RunningServer | undefined;
let browser: Browser | undefined;
let page: Page;
const axeProblems: AxeProblem[] = [];
let shot = 0;
const README_SCREENS = new Set(['session-lint-error', 'session-signed-private-note', 'client-chart', 'admin-audit']);

/** axe on the current screen, then a screenshot. */
async function screen(name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  axeProblems.push(...(await axeCheck(page, name)));
  shot += 1;
  // From the top, so the fixed header is drawn where it belongs in a full-page image.
  await page.evaluate('window.scrollTo(0, 0)');
  await shoot(page, `${String(shot).padStart(2, '0')}-${name}`);
  // Viewport-sized copies of the screens the README shows (docs/images/).
  if (README_SCREENS.has(name)) await shoot(page, `readme-${name}`, false);
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

beforeAll(async () => {
  ensureWebBuilt();
  server = await startServer();
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('web app in Chromium against the real server', () => {
  it('walks setup → clinician → client → session → notes → PHQ-9 → isolation → audit, accessibly and without running note HTML', async () => {
    const url = server!.url;
    await page.goto(`${url}/`);

    // First-run setup; the recovery code is shown once and needs "I have stored it".
    await page.getByLabel('Practice name').fill('Synthetic Practice');
    await page.getByLabel('Admin username').fill('admin');
    await page.getByLabel('Admin display name').fill('A. Admin');
    await page.getByLabel(/^Admin password/).fill(PASSWORD);
    await screen('setup');
    await page.getByRole('button', { name: 'Create practice' }).click();
    await expect.poll(() => page.getByTestId('recovery-code').textContent()).toMatch(/^([0-9A-Z]{5}-){10}[0-9A-Z]{5}$/);
    const continueButton = page.getByRole('button', { name: 'Continue to sign in' });
    expect(await continueButton.isDisabled()).toBe(true);
    await screen('setup-recovery-code');
    await page.getByLabel('I have stored it').check();
    await continueButton.click();
    await screen('sign-in');

    // The admin creates two clinicians.
    await signIn('admin');
    await page.getByRole('heading', { name: 'Administration' }).waitFor();
    for (const [username, name] of [
      ['clin-a', 'C. Alpha'],
      ['clin-b', 'C. Beta'],
    ] as const) {
      await page.getByLabel(/^Username/).fill(username);
      await page.getByLabel('Display name').fill(name);
      await page.getByLabel(/^Initial password/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Create user' }).click();
      await page.getByRole('cell', { name: username, exact: true }).waitFor();
    }
    await screen('admin-users');
    await signOut();

    // Clinician A: home, then a new client.
    await signIn('clin-a');
    await page.getByRole('heading', { name: 'Home' }).waitFor();
    await screen('home');
    await page.getByRole('link', { name: 'Clients', exact: true }).click();
    await page.getByLabel('Name or initials').fill('J. D.');
    await page.getByLabel('Date of birth').fill('1990-04-12');
    await screen('clients');
    await page.getByRole('button', { name: 'Create client' }).click();
    await page.getByRole('heading', { name: 'J. D.', level: 1 }).waitFor();
    const chartUrl = page.url();

    // A diagnosis from the ICD-10-CM search, then a session.
    await page.getByLabel(/Search ICD-10-CM/).fill('F41.1');
    await page.getByRole('button', { name: /^Add F41\.1 / }).click();
    await page.getByText('Generalized anxiety disorder').first().waitFor();
    await page.getByLabel('Start time').fill('10:00');
    await page.getByLabel('End time').fill('10:50');
    await page.getByLabel('CPT').fill('90834');
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.getByRole('heading', { name: /^Session · J\. D\./ }).waitFor();

    // Progress note with a lint error (PHQ-9 14 called "severe"), fixed, then signed.
    await page.getByRole('combobox', { name: 'Interventions' }).fill('cognitive restructuring');
    await page.getByRole('combobox', { name: 'Interventions' }).press('Enter');
    await page.getByRole('checkbox', { name: 'Risk was assessed this session' }).check();
    await page.getByRole('combobox', { name: 'Suicidal ideation' }).selectOption('denied');
    await page.getByRole('combobox', { name: 'Homicidal ideation' }).selectOption('denied');
    await page.getByRole('combobox', { name: 'Self-harm' }).selectOption('denied');
    await page.getByRole('textbox', { name: 'Subjective (S)', exact: true }).fill('Client reported worry about work most days.');
    await page.getByRole('textbox', { name: 'Objective (O)', exact: true }).fill(`Alert, engaged, anxious affect. Quoted message: ${HOSTILE}`);
    await page.getByRole('textbox', { name: 'Assessment (A)', exact: true }).fill('PHQ-9 score 14, severe depression.');
    await page.getByRole('textbox', { name: 'Plan (P)', exact: true }).fill('Continue weekly CBT; practise worry postponement.');
    const findings = page.getByRole('region', { name: 'Compliance findings' });
    await findings.getByText('PHQ-9 total 14 is moderate, not "severe".').waitFor();
    const signButton = page.getByRole('button', { name: /^Sign/ }).last();
    expect(await signButton.isDisabled()).toBe(true);
    await page.getByText('All changes saved').or(page.getByText(/^Saved /)).waitFor();
    await screen('session-lint-error');
    await page.getByRole('textbox', { name: 'Assessment (A)', exact: true }).fill('PHQ-9 score 14, moderate depression.');
    await findings.getByText('PHQ-9 total 14 is moderate, not "severe".').waitFor({ state: 'detached' });
    await signButton.click();
    await page.getByText('(signed, locked)').waitFor();
    // The hostile text is shown as text in the signed note and never ran.
    await page.getByText(HOSTILE).first().waitFor();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();

    // Psychotherapy note: the medication sentence moves to the progress note (an addendum, as it is signed).
    const privateNote = page.getByRole('textbox', { name: 'Private process notes', exact: true });
    const savedPrivate = page.waitForResponse((r) => r.url().includes('/api/psychotherapy-notes') && r.request().method() === 'POST' && r.status() === 201);
    await privateNote.fill(`We explored her fear of abandonment and the dream about her father. She takes sertraline 50 mg daily. ${HOSTILE}`);
    await savedPrivate;
    await page.getByRole('button', { name: /^Move to progress note .*sertraline/ }).waitFor();
    await screen('session-signed-private-note');
    const savedMove = page.waitForResponse((r) => r.url().includes('/api/psychotherapy-notes/') && r.request().method() === 'PUT' && r.status() === 200);
    await page.getByRole('button', { name: /^Move to progress note .*sertraline/ }).click();
    expect(await privateNote.inputValue()).not.toContain('sertraline');
    expect(await privateNote.inputValue()).toContain('fear of abandonment');
    expect(await page.getByLabel('Addendum', { exact: true }).inputValue()).toContain('She takes sertraline 50 mg daily.');
    await savedMove;
    await page.getByRole('button', { name: 'Save addendum' }).click();
    await page.getByRole('heading', { name: 'Addenda' }).waitFor();
    await page.getByText('She takes sertraline 50 mg daily.').first().waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();

    // PHQ-9 item by item (total 14, item 9 = 0), saved, then the chart.
    const phq = [2, 2, 2, 2, 2, 2, 1, 1, 0];
    for (const [i, score] of phq.entries()) {
      await page
        .getByRole('radiogroup', { name: new RegExp(`^Item ${i + 1} —`) })
        .getByRole('radio', { name: new RegExp(`^${score} · `) })
        .check();
    }
    await page.getByRole('button', { name: 'Save PHQ-9' }).click();
    await page.getByText(/^Saved: PHQ-9 total 14/).waitFor();
    await screen('session-measures');
    await page.goto(chartUrl);
    await page.getByTestId('trend-phq9').waitFor();
    await page.getByRole('cell', { name: 'Signed' }).waitFor();
    await screen('client-chart');
    await signOut();

    // Clinician B cannot find the client, by search or by address.
    await signIn('clin-b');
    await page.getByRole('link', { name: 'Clients', exact: true }).click();
    await page.getByLabel('Search clients').fill('J. D.');
    await page.getByText(/No clients match/).waitFor();
    await screen('other-clinician-search');
    await page.goto(chartUrl);
    await page.getByText('There is no client here that you may see.').waitFor();
    await screen('other-clinician-chart');
    await signOut();

    // The admin sees the audit entries, verifies the chain, and sees who accessed the record.
    await signIn('admin');
    await page.getByRole('tab', { name: 'Audit log' }).click();
    await page.getByRole('cell', { name: 'note.sign' }).first().waitFor();
    await page.getByRole('cell', { name: 'note.addendum' }).first().waitFor();
    await page.getByRole('cell', { name: 'measure.create' }).first().waitFor();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText('Chain intact').waitFor();
    await screen('admin-audit');
    await page.getByRole('tab', { name: 'Who accessed a record' }).click();
    await page.getByRole('combobox', { name: 'Client', exact: true }).selectOption({ label: 'J. D.' });
    await page.getByRole('cell', { name: 'C. Alpha' }).first().waitFor();
    await screen('admin-access-report');

    writeFileSync(join(SCREENSHOT_DIR, 'axe.json'), JSON.stringify(axeProblems, null, 2));
    expect(axeProblems).toEqual([]);
  }, 150_000);
});
