/**
 * Drafting end to end, in Debian's Chromium against the real server (test/e2e/harness.ts):
 * a clinician drafts a progress note from session details, sees each sentence's
 * provenance, uses the draft and signs it; the next session's form starts from the
 * previous one and the chart (codes, diagnoses, goals; never its risk or report); raw notes are split sentence by sentence (the medication
 * sentence locked to the progress note) and accepted into both notes; with the client's AI
 * consent recorded on the chart, the draft is rephrased by a language model (a loopback
 * chat-completions server in this process), shown as a diff and accepted. axe on every
 * screen; screenshots to `screenshots/drafting-*.png`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeCheck, ensureWebBuilt, launchChromium, shoot, startServer, type AxeProblem, type RunningServer } from './harness.ts';

const PASSWORD = 'synthetic password for tests';
const PRIVATE = 'I wonder whether her perfectionism echoes what her father expected of her.';

let server: RunningServer | undefined;
let browser: Browser | undefined;
let llm: Server | undefined;
let page: Page;
const sentToModel: string[] = [];
const axeProblems: AxeProblem[] = [];

/** axe on the current screen, a full-page shot from the top, and a viewport shot of `focus` when given. */
async function screen(name: string, focus?: Locator): Promise<void> {
  await page.waitForLoadState('networkidle');
  axeProblems.push(...(await axeCheck(page, name)));
  await page.evaluate('window.scrollTo(0, 0)');
  await shoot(page, `drafting-${name}`);
  if (focus) {
    await focus.scrollIntoViewIfNeeded();
    // Let headless Chromium paint the scrolled-to tiles before the viewport shot.
    await page.waitForTimeout(300);
    await shoot(page, `drafting-${name}-view`, false);
  }
}

async function signIn(username: string): Promise<void> {
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel(/^Username/).fill(username);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel(/^Signed in as/).waitFor();
}

beforeAll(async () => {
  // The language model: rephrases "Client complains of" deterministically and records what it was sent.
  llm = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      sentToModel.push(raw);
      const body = JSON.parse(raw) as { messages: Array<{ role: string; content: string }> };
      const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
      const content = user.replace('Client reports sleeping', 'The client said she is sleeping');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ model: 'loopback-e2e', choices: [{ message: { role: 'assistant', content } }] }));
    });
  });
  await new Promise<void>((resolve) => llm!.listen(0, '127.0.0.1', resolve));
  // The harness passes this process's environment to `notewall serve`.
  process.env['NOTEWALL_LLM_URL'] = `http://127.0.0.1:${(llm.address() as AddressInfo).port}/v1`;
  process.env['NOTEWALL_LLM_MODEL'] = 'loopback-e2e';
  ensureWebBuilt();
  server = await startServer();
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  llm?.closeAllConnections();
  await new Promise<void>((resolve) => (llm ? llm.close(() => resolve()) : resolve()));
});

describe('drafting in Chromium against the real server', () => {
  it('drafts from details with provenance and signs; carries defaults; splits raw notes; polishes with consent', async () => {
    const url = server!.url;
    await page.goto(`${url}/`);
    await page.getByLabel('Practice name').fill('Synthetic Drafting Practice');
    await page.getByLabel('Admin username').fill('admin');
    await page.getByLabel('Admin display name').fill('A. Admin');
    await page.getByLabel(/^Admin password/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create practice' }).click();
    await page.getByLabel('I have stored it').check();
    await page.getByRole('button', { name: 'Continue to sign in' }).click();
    await signIn('admin');
    await page.getByLabel(/^Username/).fill('clin-d');
    await page.getByLabel('Display name').fill('C. Delta');
    await page.getByLabel(/^Initial password/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('cell', { name: 'clin-d', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();

    await signIn('clin-d');
    await page.getByRole('link', { name: 'Clients', exact: true }).click();
    await page.getByLabel('Name or initials').fill('K. L.');
    await page.getByRole('button', { name: 'Create client' }).click();
    await page.getByRole('heading', { name: 'K. L.', level: 1 }).waitFor();
    const chartUrl = page.url();
    await page.getByLabel(/Search ICD-10-CM/).fill('F41.1');
    await page.getByRole('button', { name: /^Add F41\.1 / }).click();
    await page.getByText('Generalized anxiety disorder').first().waitFor();
    const newGoal = page.getByRole('form', { name: 'New goal' });
    await newGoal.getByRole('textbox', { name: /^Goal/ }).fill('sleep 7 hrs on work nights');
    await newGoal.getByRole('button', { name: 'Add goal' }).click();
    await page.getByText('sleep 7 hrs on work nights').first().waitFor();
    await page.getByLabel('Session date').fill('2026-03-07');
    await page.getByLabel('Start time').fill('09:00');
    await page.getByLabel('End time').fill('09:50');
    await page.getByLabel('CPT').fill('90834');
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.getByRole('heading', { name: /^Session · K\. L\./ }).waitFor();

    // Draft from details: keyboard-first form, composed as you type.
    await page.getByRole('button', { name: 'Draft from details' }).click();
    const form = page.getByRole('form', { name: 'Session details' });
    await form.waitFor();
    expect(await form.getByLabel('Start', { exact: true }).inputValue()).toBe('09:00');
    await form.getByLabel('Presenting concern').fill('work stress');
    await form.getByLabel("Client's report").fill('pt c/o poor sleep x2 wks, worry re: deadlines');
    await form.getByLabel('Mood', { exact: true }).fill('anxious');
    await form.getByLabel('Affect', { exact: true }).fill('congruent');
    await form.getByRole('combobox', { name: 'Interventions' }).fill('CBT thought record');
    await form.getByRole('combobox', { name: 'Interventions' }).press('Enter');
    await form.getByLabel('Suicidal ideation').selectOption('denied');
    await form.getByLabel('Homicidal ideation').selectOption('denied');
    await form.getByLabel('Self-harm').selectOption('denied');
    await form.getByLabel('Risk level').selectOption('low');
    await form.getByLabel(/^Medications/).fill('sertraline, 50 mg daily');
    // The chart's treatment goal is offered; its progress is this session's to assess.
    expect(await form.getByLabel('Goal 1', { exact: true }).inputValue()).toBe('sleep 7 hrs on work nights');
    await form.getByLabel('Goal 1 progress').selectOption('improved');
    await form.getByLabel('Assessment', { exact: true }).fill('GAD sx improving w/ CBT');
    await form.getByLabel('Plan', { exact: true }).fill('continue weekly CBT, sleep diary');
    await form.getByLabel('Frequency').selectOption('weekly');

    // Provenance on hover and on keyboard focus.
    const draft = page.getByTestId('composed-draft');
    const report = draft.getByText('Client complains of poor sleep x2 weeks, worry regarding deadlines.');
    await report.hover();
    await expect.poll(() => page.getByTestId('provenance').textContent()).toBe('Source: report.text');
    const risk = draft.getByText(/denied suicidal ideation/);
    await risk.focus();
    await expect.poll(() => page.getByTestId('provenance').textContent()).toMatch(/^Source: risk\.suicidalIdeation/);
    expect(await draft.textContent()).toContain('sertraline 50 mg daily');
    await screen('from-details-provenance', form.getByLabel('Presenting concern'));

    await page.getByRole('button', { name: 'Use this draft' }).click();
    await page.getByText('The draft is in the progress-note editor below.').waitFor();
    expect(await page.getByRole('textbox', { name: 'Subjective (S)', exact: true }).inputValue()).toContain('Client complains of poor sleep x2 weeks');
    await page.getByText('All changes saved').or(page.getByText(/^Saved /)).waitFor();
    await screen('draft-in-editor');
    const signButton = page.getByRole('button', { name: /^Sign/ }).last();
    await expect.poll(() => signButton.isDisabled()).toBe(false);
    await signButton.click();
    await page.getByText('(signed, locked)').waitFor();
    await screen('draft-signed');

    // The next session starts from this one: logistics and stable facts, never risk.
    await page.goto(chartUrl);
    await page.getByLabel('Session date').fill('2026-03-14');
    await page.getByLabel('Start time').fill('09:00');
    await page.getByLabel('End time').fill('09:50');
    await page.getByLabel('CPT').fill('90834');
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.getByRole('heading', { name: /^Session · K\. L\. · 2026-03-14/ }).waitFor();
    await page.getByRole('button', { name: 'Draft from details' }).click();
    const next = page.getByRole('form', { name: 'Session details' });
    await next.waitFor();
    await page.getByText(/the session of 2026-03-07/).waitFor();
    expect(await next.getByLabel('Goal 1', { exact: true }).inputValue()).toBe('sleep 7 hrs on work nights');
    expect(await next.getByLabel('Goal 1 progress').inputValue()).toBe('');
    await next.getByText('90834').first().waitFor();
    await page.getByTestId('composed-draft').getByText(/F41\.1/).waitFor();
    expect(await next.getByLabel('Suicidal ideation').inputValue()).toBe('');
    expect(await next.getByLabel("Client's report").inputValue()).toBe('');
    await screen('carried-defaults');

    // Split raw notes: review each sentence, the medication sentence is locked, accept into both notes.
    await page.getByRole('button', { name: 'Split raw notes' }).click();
    await page.getByLabel('Raw session notes').fill(`Client reports sleeping 6 hours on work nights. She takes sertraline 50 mg daily. ${PRIVATE} Practiced a thought record in session.`);
    const list = page.getByRole('list', { name: 'Sentences and destinations' });
    await list.getByText(/^Locked: holds medication/).waitFor();
    const s3 = list.getByRole('radiogroup', { name: 'Destination of sentence 3' });
    expect(await s3.getByRole('radio', { name: 'Psychotherapy note' }).isChecked()).toBe(true);
    expect(await list.getByRole('radiogroup', { name: 'Destination of sentence 2' }).getByRole('radio', { name: 'Psychotherapy note' }).isDisabled()).toBe(true);
    await screen('split-review', page.getByLabel('Raw session notes'));
    const savedPrivate = page.waitForResponse((r) => r.url().includes('/api/psychotherapy-notes') && r.request().method() === 'POST' && r.status() === 201);
    await page.getByRole('button', { name: 'Accept into both notes' }).click();
    await page.getByText(/^Accepted: the progress sentences/).waitFor();
    const subjective = await page.getByRole('textbox', { name: 'Subjective (S)', exact: true }).inputValue();
    expect(subjective).toContain('She takes sertraline 50 mg daily.');
    expect(subjective).not.toContain('perfectionism');
    const privateNote = await page.getByRole('textbox', { name: 'Private process notes', exact: true }).inputValue();
    expect(privateNote).toContain(PRIVATE);
    expect(privateNote).not.toContain('sertraline');
    await savedPrivate;
    await page.getByText('All changes saved').or(page.getByText(/^Saved /)).first().waitFor();
    await screen('split-accepted');

    // Polish: refused until the client's AI consent is on the chart; then a diff to accept.
    expect(await page.getByRole('button', { name: 'Rephrase with the model' }).isDisabled()).toBe(true);
    const sessionUrl = page.url();
    await page.goto(chartUrl);
    const consentCard = page.getByRole('region', { name: 'AI assistance consent' });
    await consentCard.getByText('Never recorded.', { exact: false }).waitFor();
    await consentCard.getByLabel(/How consent was given/).fill('Signed consent form, synthetic');
    await consentCard.getByRole('button', { name: 'Record consent' }).click();
    await consentCard.getByText('Consent in force').waitFor();
    await screen('chart-ai-consent', consentCard);
    await page.goto(sessionUrl);
    await page.getByRole('heading', { name: /^Session · K\. L\. · 2026-03-14/ }).waitFor();
    await page.getByRole('button', { name: 'Rephrase with the model' }).click();
    const diff = page.getByTestId('polish-diff');
    await diff.waitFor();
    expect(await diff.locator('ins').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('The client said she is')]));
    await screen('polish-diff', page.getByRole('region', { name: 'Polish wording (language model)' }));
    await page.getByRole('button', { name: 'Accept the rephrasing' }).click();
    expect(await page.getByRole('textbox', { name: 'Subjective (S)', exact: true }).inputValue()).toContain('The client said she is sleeping 6 hours');
    // The model never saw the psychotherapy note or the billed header.
    expect(sentToModel).toHaveLength(1);
    expect(sentToModel[0]).not.toContain('perfectionism');
    expect(sentToModel[0]).not.toContain('90834');

    expect(axeProblems).toEqual([]);
  }, 240_000);
});
