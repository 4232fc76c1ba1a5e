// The content editor in headless Debian chromium, on two instances of the service (PostgreSQL and
// Redis, as a bank runs more than one): an editor on instance B changes the answer to "kodebrikka
// viser ein dato" and sees the preview, runs the quality check, a second editor approves it, and a
// customer's widget on instance A gets the new text without a restart; a rejected draft is never
// served; rollback restores the bank's text. axe on every state; screenshots at 1280 and 360 px
// (test-results/content-*.png).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseLocation, testDatabaseUrl, testRedisUrl, type TestDatabaseLocation } from '../db/testing.js';
import { client, startTestServer, type TestServer } from '../server/testing.js';
import { buildWeb } from './build.js';
import { ADMIN, expectNoAxeViolations, hasChromium, launchChromium, newNorwegianPage, screenshot } from './testing.js';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 740 };
const EDITORS = [
  { email: 'eva@bank.test', name: 'Eva Redaktør', role: 'editor', password: 'eit langt redaktørpassord' },
  { email: 'ola@bank.test', name: 'Ola Redaktør', role: 'editor', password: 'eit anna langt passord' },
] as const;
const QUESTION = 'kodebrikka mi viser berre ein dato, ingen tal';
const NEW_ANSWER = 'Viser kodebrikka berre ein dato, er batteriet nesten tomt. Bestill ei ny kodebrikke i nettbanken.';
const REJECTED = 'Denne teksten vart avvist og skal aldri nå fram til ein kunde.';
/** The bank's own answer, as in the content folder the service imported. */
const ORIGINAL = readFileSync('content/topics/code-chip-blank.md', 'utf8').split('\n---\n')[1]!.trim().split('\n')[0]!;

const cluster = Boolean(testDatabaseUrl && testRedisUrl);
/** Waits as long as a quality check may take on a busy CI machine. */
const CHECK_MS = 120_000;

describe.skipIf(!hasChromium || !cluster)('the content editor, on two instances', { timeout: 300_000 }, () => {
  let browser: Browser;
  let where: TestDatabaseLocation;
  let a: TestServer;
  let b: TestServer;
  const closers: (() => Promise<unknown>)[] = [];

  const newPage = (viewport = DESKTOP) => newNorwegianPage(browser, closers, viewport, 15_000);

  async function editor(who: (typeof EDITORS)[number], viewport = DESKTOP): Promise<Page> {
    const page = await newPage(viewport);
    await page.goto(`${b.url}/agent/innhald`);
    await page.getByLabel('E-post').fill(who.email);
    await page.getByLabel('Passord').fill(who.password);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByRole('button', { name: 'Logg ut' }).waitFor();
    return page;
  }

  /** A customer on instance A asks in the widget; the bot's last answer. */
  async function customerAsks(page: Page): Promise<string> {
    const widget = page.locator('.kundesenter-chat-host').locator('section.chat');
    const before = await widget.locator('.msg.bot').count();
    await widget.getByLabel('Skriv meldinga di').fill(QUESTION);
    await widget.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => widget.locator('.msg.bot').count(), { timeout: 10_000 }).toBeGreaterThan(before);
    return (await widget.locator('.msg.bot').last().textContent()) ?? '';
  }

  async function openWidget(): Promise<Page> {
    const page = await newPage();
    await page.goto(a.url);
    await page.locator('html[data-kundesenter-chat="ready"]').waitFor();
    return page;
  }

  /** Opens an item's editor, replaces its answer, checks the preview and saves the draft; returns the draft's view. */
  async function draftAnswer(page: Page, answer: string, summary: string, shot?: string): Promise<string> {
    await page.goto(`${b.url}/agent/innhald#element/topic/code-chip-blank`);
    const field = page.getByLabel('Svar (Markdown)');
    await field.fill(answer);
    // the bubble is in a shadow root (the widget's own styles), which playwright's locators enter
    const bubble = page.getByRole('region', { name: 'Slik svarar chatten' }).locator('li.msg.bot');
    await expect.poll(() => bubble.textContent(), { timeout: 10_000 }).toContain(answer);
    await page.getByLabel('Kva har du endra, og kvifor?').fill(summary);
    if (shot) {
      await expectNoAxeViolations(page, `content-${shot}-1280`);
      await screenshot(page, `content-${shot}-1280`);
      // leaving with unsaved changes asks first; staying keeps the editor and what was written
      const asked = new Promise<string>((resolve) => page.once('dialog', (d) => (resolve(d.message()), void d.dismiss())));
      await page.getByRole('link', { name: 'Alt innhald' }).click();
      expect(await asked).toContain('ikkje er lagra');
      await expect.poll(() => page.url()).toContain('#element/topic/code-chip-blank');
      expect(await field.inputValue()).toBe(answer);
    }
    await page.getByRole('button', { name: 'Lagre utkast' }).click();
    await page.getByRole('heading', { name: 'Kvalitetssjekk' }).waitFor();
    return page.url();
  }

  async function checkQuality(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Køyr kvalitetssjekk' }).click();
    await page.getByRole('table', { name: /Evalueringssett/ }).waitFor({ timeout: CHECK_MS });
  }

  beforeAll(async () => {
    await buildWeb();
    where = testDatabaseLocation('postgres');
    const shared = { ...where, redisUrl: testRedisUrl, channel: `test-${randomBytes(4).toString('hex')}`, openingHours: 'mon-sun 00:00-24:00', qualityFolds: 0, contentPollMs: 600_000 };
    [a, b] = await Promise.all([startTestServer(shared), startTestServer(shared)]);
    const admin = client(b.url);
    await admin.post('/api/advisor/login', ADMIN);
    for (const e of EDITORS) expect((await admin.post('/api/admin/advisors', e)).status).toBe(201);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => {});
    await browser?.close();
    await Promise.all([a?.close(), b?.close()]);
    await where?.cleanup();
  });

  it('an editor changes an answer, a second editor approves it, and a widget on the other instance gets it', async () => {
    const customer = await openWidget();
    expect(await customerAsks(customer)).toContain(ORIGINAL.slice(0, 40));

    const eva = await editor(EDITORS[0]);
    await expectNoAxeViolations(eva, 'content-list-1280');
    await screenshot(eva, 'content-list-1280');
    const draftUrl = await draftAnswer(eva, NEW_ANSWER, 'Ny tekst: batteriet er nesten tomt', 'editor');
    // the author cannot approve; the page says a second person must
    await eva.getByText('Ein annan person – ein redaktør eller ein administrator – må godkjenne').waitFor();
    await checkQuality(eva);
    await expectNoAxeViolations(eva, 'content-checked-author-1280');
    await screenshot(eva, 'content-checked-author-1280');
    expect(await customerAsks(customer)).not.toContain(NEW_ANSWER); // a draft is not served

    const ola = await editor(EDITORS[1]);
    await ola.goto(draftUrl);
    await ola.getByRole('table', { name: /Evalueringssett/ }).waitFor();
    await expect.poll(() => ola.getByRole('region', { name: 'Skilnad frå den publiserte teksten' }).textContent()).toContain(NEW_ANSWER);
    await expectNoAxeViolations(ola, 'content-review-1280');
    await screenshot(ola, 'content-review-1280');
    await ola.getByLabel('Kommentar til forfattaren').fill('Godt skrive.');
    await ola.getByRole('button', { name: 'Godkjenn og publiser' }).click();
    await ola.getByText(/Godkjend|publisert/i).first().waitFor();

    // instance A hears of it on the bus (its poll is off) and answers with the new text
    await expect.poll(() => customerAsks(customer), { timeout: 30_000, interval: 1000 }).toContain(NEW_ANSWER);
    await screenshot(customer, 'content-widget-new-answer-1280');
  });

  it('a rejected draft is never served', async () => {
    const eva = await editor(EDITORS[0]);
    const draftUrl = await draftAnswer(eva, REJECTED, 'Prøve med ein annan tone');
    const ola = await editor(EDITORS[1], PHONE);
    await ola.goto(draftUrl);
    await ola.getByRole('button', { name: 'Avvis' }).waitFor();
    await expectNoAxeViolations(ola, 'content-review-360');
    await screenshot(ola, 'content-review-360');
    await ola.getByLabel('Kommentar til forfattaren').fill('Tonen passar ikkje for kundane våre.');
    await ola.getByRole('button', { name: 'Avvis' }).click();
    await ola.getByText(/er avvist/).first().waitFor();
    const customer = await openWidget();
    const reply = await customerAsks(customer);
    expect(reply).not.toContain(REJECTED);
    expect(reply).toContain(NEW_ANSWER);
  });

  it('rollback restores the earlier text, after a second editor approves it', async () => {
    const eva = await editor(EDITORS[0]);
    await eva.goto(`${b.url}/agent/innhald#historikk/${encodeURIComponent('topics/code-chip-blank.md')}`);
    const first = eva.getByRole('listitem').filter({ hasText: 'Versjon 1' });
    await first.getByRole('button', { name: 'Rull tilbake til denne versjonen' }).click();
    await expectNoAxeViolations(eva, 'content-history-1280');
    await screenshot(eva, 'content-history-1280');
    await first.getByLabel('Kva har du endra, og kvifor?').fill('Tilbake til teksten banken godkjende');
    await first.getByRole('button', { name: 'Lagre utkast' }).click();
    await eva.getByRole('heading', { name: 'Kvalitetssjekk' }).waitFor();
    const draftUrl = eva.url();

    const ola = await editor(EDITORS[1]);
    await ola.goto(draftUrl);
    await checkQuality(ola);
    await ola.getByRole('button', { name: 'Godkjenn og publiser' }).click();
    await ola.getByText(/Godkjend|publisert/i).first().waitFor();
    const customer = await openWidget();
    await expect.poll(() => customerAsks(customer), { timeout: 30_000, interval: 1000 }).toContain(ORIGINAL.slice(0, 40));
    expect(await customerAsks(customer)).not.toContain(NEW_ANSWER);
  });
});
