// Logged-in chat in headless Debian chromium, against the local test identity provider: a customer
// whose code chip shows a date logs in from the chat, orders a chip, confirms the address and sees
// the receipt; the bank's test receiver gets exactly one signed webhook; the advisor sees the
// verified identity and the order. Refusals (a tampered state, a wrong level of assurance) end in
// a clear message in the widget. axe on every state; screenshots at 1280 and 360 px.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../actions/testing.js';
import { testPersons } from '../identity/dev-provider.js';
import { freePort, startTestServer, type TestServer } from '../server/testing.js';
import { buildWeb } from './build.js';
import { ADMIN, hasChromium, launchChromium, screenshot, expectNoAxeViolations } from './testing.js';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 740 };
const SECRET = 'browser-test-webhook-secret-0123456789';
const kari = testPersons[0]!;
const ola = testPersons[1]!;


describe.skipIf(!hasChromium)('logged-in chat in a real browser', { timeout: 60_000 }, () => {
  let browser: Browser;
  let server: TestServer;
  let receiver: Receiver;
  let dataDir: string;
  const contexts: BrowserContext[] = [];

  async function newPage(viewport = DESKTOP): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'nn-NO', timezoneId: 'Europe/Oslo' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => console.warn(`page error on ${page.url()}: ${e.message}`));
    return page;
  }
  const widget = (page: Page) => page.locator('.kundesenter-chat-host').locator('section.chat');
  async function openHelp(page: Page): Promise<void> {
    await page.goto(server.url);
    await page.locator('html[data-kundesenter-chat="ready"]').waitFor();
  }
  async function send(page: Page, text: string): Promise<void> {
    await widget(page).getByLabel('Skriv meldinga di').fill(text);
    await widget(page).getByRole('button', { name: 'Send', exact: true }).click();
  }
  /** On the test provider's page: choose the person and level, log in; back on the help page. */
  async function provider(page: Page, o: { person?: string; level?: string; shot?: string } = {}): Promise<void> {
    await page.getByRole('heading', { name: /Logg inn med BankID \(testleverandør\)/ }).waitFor();
    if (o.shot) {
      await expectNoAxeViolations(page, 'test identity provider');
      await screenshot(page, o.shot);
    }
    if (o.person) await page.getByRole('radio', { name: new RegExp(o.person) }).check();
    if (o.level) await page.getByLabel('Tryggleiksnivå').selectOption(o.level);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.waitForURL(`${server.url}/**`);
    await page.locator('html[data-kundesenter-chat="ready"]').waitFor();
  }

  beforeAll(async () => {
    await buildWeb(true);
    dataDir = mkdtempSync(join(tmpdir(), 'kundesenter-login-web-'));
    receiver = await startReceiver({ secret: SECRET, now: () => new Date() });
    server = await startTestServer({
      dataDir,
      port: await freePort(),
      openingHours: 'mon-sun 00:00-24:00',
      env: { DEV_IDENTITY_PROVIDER: 'true', ORDERS_WEBHOOK_URL: receiver.url, ORDERS_WEBHOOK_SECRET: SECRET },
      delivery: { everyMs: 100 },
    });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
    await receiver?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a customer whose code chip shows a date logs in, confirms the address, orders a chip and sees the receipt; the bank gets one signed webhook; the advisor sees who and what', async () => {
    const page = await newPage();
    await openHelp(page);
    await send(page, 'kodebrikka mi viser berre ein dato');
    const offer = widget(page).getByRole('button', { name: 'Bestill ny kodebrikke' });
    await offer.waitFor();
    await expectNoAxeViolations(page, 'answer with an action offered');
    await page.locator('.kundesenter-chat-host').screenshot({ path: 'test-results/login-offer-1280.png' });

    await offer.click();
    const panel = widget(page).getByRole('group', { name: 'Bestill ny kodebrikke' });
    await panel.getByText('må du logge inn med BankID').waitFor();
    await expectNoAxeViolations(page, 'action needs a login');
    await page.locator('.kundesenter-chat-host').screenshot({ path: 'test-results/login-needed-1280.png' });

    await panel.getByRole('button', { name: 'Logg inn med BankID' }).click();
    await provider(page, { shot: 'login-provider-1280' });

    // Back in the same conversation, logged in, and the order waiting to be confirmed.
    await widget(page).locator('.identity').getByText(`Innlogga som ${kari.name}`).waitFor();
    await widget(page).locator('.log').getByText(`Du er innlogga som ${kari.name}`).waitFor();
    const confirm = widget(page).getByRole('group', { name: 'Bestill ny kodebrikke' });
    await confirm.locator('address').getByText('5700 Voss').waitFor();
    await expectNoAxeViolations(page, 'confirm the address');
    await page.locator('.kundesenter-chat-host').screenshot({ path: 'test-results/login-confirm-1280.png' });

    await confirm.getByRole('button', { name: 'Bestill kodebrikke' }).click();
    await widget(page).locator('.log').getByText('Det tar omlag 3-10 virkedagar').waitFor();
    await expect.poll(() => widget(page).getByRole('group', { name: 'Bestill ny kodebrikke' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'receipt');
    await page.locator('.kundesenter-chat-host').screenshot({ path: 'test-results/login-receipt-1280.png' });

    await expect.poll(() => receiver.acknowledged.length, { timeout: 10_000 }).toBe(1);
    expect(receiver.arrivals).toHaveLength(1);
    expect(receiver.arrivals[0]!.signed).toBe(true);
    expect(JSON.parse(receiver.arrivals[0]!.body)).toMatchObject({ action: 'order-code-chip', customer: { nationalId: kari.nationalId }, fields: { 'postal-address': { city: 'Voss' } } });

    // The customer asks for a person; the advisor sees the verified identity and the order.
    await send(page, 'eg vil snakke med ein person');
    await widget(page).locator('.log').getByText(/nummer 1 i køen/).waitFor();
    const console_ = await newPage();
    await console_.goto(`${server.url}/agent`);
    await console_.getByLabel('E-post').fill(ADMIN.email);
    await console_.getByLabel('Passord').fill(ADMIN.password);
    await console_.getByRole('button', { name: 'Logg inn' }).click();
    const item = console_.getByRole('region', { name: /^Kø/ }).locator('.item').first();
    await item.getByText('Identitet stadfesta').waitFor();
    await item.getByRole('button', { name: /Ta samtalen/ }).click();
    const box = console_.getByRole('region', { name: 'Kunden' });
    await box.getByText('Identitet stadfesta med BankID').waitFor();
    await box.getByText(`${kari.nationalId.slice(0, 6)} *****`).waitFor();
    await box.getByText(/Levert til banken/).waitFor();
    await expectNoAxeViolations(console_, 'console: identity and order');
    await screenshot(console_, 'login-console-1280');

    await box.getByRole('button', { name: 'Vis heile nummeret' }).click();
    await box.getByLabel(/Kvifor treng du/).fill('Kunden bad om stadfesting');
    await box.getByRole('button', { name: 'Vis', exact: true }).click();
    await box.getByText(kari.nationalId).waitFor();
    await expectNoAxeViolations(console_, 'console: number revealed');

    // The admin's audit log has the login, the order, its delivery and the reveal with its reason.
    await console_.getByRole('button', { name: /Brukarar/ }).click();
    const audit = console_.getByRole('region', { name: 'Revisjonslogg' });
    await audit.getByText('«Kunden bad om stadfesting»').waitFor();
    await audit.getByRole('cell', { name: 'Levert til banken' }).first().waitFor();
    await expectNoAxeViolations(console_, 'admin: audit log');
    await screenshot(console_, 'login-audit-1280');

    // The advisor closes; the customer is asked once how satisfied they were.
    await console_.getByLabel('Utfall').selectOption({ label: 'Løyst' });
    await console_.getByRole('button', { name: 'Avslutt samtalen' }).click();
    const csat = widget(page).getByRole('form', { name: 'Kor nøgd var du med hjelpa?' });
    await csat.waitFor();
    await csat.getByRole('button', { name: 'Send svaret' }).click();
    await csat.getByText('Vel kor nøgd du var').waitFor(); // no score chosen: said, not sent
    await expectNoAxeViolations(page, 'satisfaction asked');
    await page.locator('.kundesenter-chat-host').screenshot({ path: 'test-results/csat-1280.png' });
    await csat.getByRole('radio', { name: '4 – Nøgd' }).check();
    await csat.getByLabel('Kommentar (valfritt)').fill('Rask og grei hjelp');
    await csat.getByRole('button', { name: 'Send svaret' }).click();
    await widget(page).getByText('Takk for svaret!').waitFor();
    await expectNoAxeViolations(page, 'satisfaction answered');
  });

  it('at 360 px: log in and confirm; a wrong level of assurance and a tampered callback are refused with a clear message', async () => {
    const page = await newPage(PHONE);
    await openHelp(page);
    await page.getByRole('button', { name: /chat/i }).first().click().catch(() => {});
    await send(page, 'kodebrikka er heilt blank');
    await widget(page).getByRole('button', { name: 'Bestill ny kodebrikke' }).click();
    await widget(page).getByRole('group', { name: 'Bestill ny kodebrikke' }).getByRole('button', { name: 'Logg inn med BankID' }).click();
    await provider(page, { level: 'urn:bankid:bid;LOA=3', shot: 'login-provider-360' });
    await widget(page).locator('.log').getByText('ikkje høgt nok tryggleiksnivå').waitFor();
    await expectNoAxeViolations(page, 'login refused: level of assurance');
    await page.locator('.kundesenter-chat-host').screenshot({ path: 'test-results/login-refused-acr-360.png' });

    // The order waits: log in again from its panel.
    await widget(page).getByRole('group', { name: 'Bestill ny kodebrikke' }).getByRole('button', { name: 'Logg inn med BankID' }).click();
    await provider(page, { person: ola.name });
    await widget(page).locator('.identity').getByText(`Innlogga som ${ola.name}`).waitFor();
    await widget(page).getByRole('group', { name: 'Bestill ny kodebrikke' }).locator('address').waitFor();
    await expectNoAxeViolations(page, 'confirm at 360');
    await page.locator('.kundesenter-chat-host').screenshot({ path: 'test-results/login-confirm-360.png' });
    await widget(page).getByRole('button', { name: 'Logg ut' }).click();
    await widget(page).locator('.log').getByText('Du er logga ut').waitFor();

    await page.goto(`${server.url}/api/identity/callback?state=tampered&code=nothing`);
    await page.locator('html[data-kundesenter-chat="ready"]').waitFor();
    await widget(page).locator('.error').getByText('Vi kunne ikkje stadfeste innlogginga').waitFor();
    expect(page.url()).not.toContain('kundesenter-login');
    await expectNoAxeViolations(page, 'login refused: tampered state');
    await page.locator('.kundesenter-chat-host').screenshot({ path: 'test-results/login-refused-state-360.png' });
  });
});
