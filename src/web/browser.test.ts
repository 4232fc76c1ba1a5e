// End-to-end tests in headless Debian chromium against the real service (engine, SQLite, HTTP,
// WebSocket) with the built front end: the help page, the widget and the advisor console, each
// state scanned by axe-core, and screenshots at 1280 and 360 px saved to test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildWeb } from './build.js';
import { ADMIN, CHROMIUM, hasChromium, launchChromium, screenshot, startSite, startWebServer, type WebServer, expectNoAxeViolations } from './testing.js';

if (!hasChromium) {
  console.warn(`SKIPPED: the browser tests (src/web/browser.test.ts) — ${CHROMIUM} is missing. Install Debian's chromium (apt-get install chromium) to run them.`);
}

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 740 };


describe.skipIf(!hasChromium)('in a real browser', { timeout: 60_000 }, () => {
  let browser: Browser;
  let server: WebServer;
  let bankSite: WebServer;
  let otherSite: WebServer;
  const contexts: BrowserContext[] = [];

  async function newPage(viewport = DESKTOP): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'nn-NO', timezoneId: 'Europe/Oslo' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => console.warn(`page error on ${page.url()}: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400 && !(r.status() === 401 && r.url().endsWith('/api/advisor/me'))) console.warn(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
    });
    return page;
  }

  /** The chat widget inside its shadow root (Playwright's CSS locators pierce open shadow roots). */
  /** The waiting conversations in the console (not "Mine samtalar"). */
  const waiting = (page: Page) => page.getByRole('region', { name: /^Kø/ }).locator('.item');
  const widget = (page: Page) => page.locator('.kundesenter-chat-host').locator('section.chat');

  async function openHelp(page: Page, url = server.url): Promise<void> {
    await page.goto(url);
    await page.locator('html[data-kundesenter-chat="ready"]').waitFor();
  }

  async function sendInWidget(page: Page, text: string): Promise<void> {
    await widget(page).getByLabel('Skriv meldinga di').fill(text);
    await widget(page).getByRole('button', { name: 'Send', exact: true }).click();
  }

  /** Fills the console's login form and sends it; `expectIn`: wait until the queue shows. */
  async function loginAs(page: Page, email: string, password: string, expectIn = true): Promise<void> {
    await page.getByLabel('E-post').fill(email);
    await page.getByLabel('Passord').fill(password);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    if (expectIn) await page.getByRole('heading', { name: /^Kø/ }).waitFor();
  }

  async function loginAdvisor(page: Page, base = server.url): Promise<void> {
    await page.goto(`${base}/agent`);
    await loginAs(page, ADMIN.email, ADMIN.password);
  }

  beforeAll(async () => {
    await buildWeb(true);
    // The bank's own site, on another origin, embeds the widget with one script tag; so does
    // another site that the service does not allow.
    const embedding = () => `<!doctype html><html lang="nn"><head><title>Banken</title></head>
<body><main><h1>Kundeservice</h1><p>Innhald.</p></main><script src="${server.url}/assets/widget.js" defer></script></body></html>`;
    bankSite = await startSite(embedding);
    otherSite = await startSite(embedding);
    // Always open, so the hand-off paths do not depend on when the tests run.
    server = await startWebServer({ openingHours: 'mon-sun 00:00-24:00', widgetOrigins: bankSite.url });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
    await bankSite?.close();
    await otherSite?.close();
  });

  it('the help page without JavaScript has every answer and error code; with it, the error field answers at once', async () => {
    const page = await newPage();
    const cspViolations: string[] = [];
    page.on('console', (m) => m.type() === 'error' && /Content Security Policy/i.test(m.text()) && cspViolations.push(m.text()));
    await openHelp(page);
    await expect.poll(() => page.locator('details').count()).toBeGreaterThan(30);
    // The widget is styled under the page's strict policy (no inline styles allowed).
    expect(await widget(page).getByRole('button', { name: 'Send', exact: true }).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(0, 39, 118)');
    await expectNoAxeViolations(page, 'help page, widget open');
    await screenshot(page, 'help-page-1280');
    await screenshot(page, 'help-page-1280-top', false);

    await page.getByLabel('Skriv inn feilmeldinga di').fill('BID-14B1');
    await expect.poll(() => page.locator('#svar').textContent()).toContain('tidsavbrot ved innlogging');
    await page.getByRole('button', { name: 'Finn svar' }).click();
    const answer = widget(page).locator('.msg.bot').last();
    await expect.poll(() => answer.textContent()).toContain('tidsavbrot ved innlogging');
    await expect.poll(() => widget(page).getByRole('group', { name: 'Hjelpte dette svaret?' }).count()).toBe(1);
    await expectNoAxeViolations(page, 'widget with a bot answer');
    await page.locator('.kundesenter-chat-host').screenshot({ path: 'test-results/widget-answer-1280.png' });

    // A partial code in a new conversation: the bot asks back with options as buttons.
    const other = await newPage();
    await openHelp(other);
    await sendInWidget(other, 'BID-14');
    const options = widget(other).getByRole('group', { name: 'Vel det som passar best' });
    await options.waitFor();
    await expect.poll(() => options.getByRole('button').count()).toBeGreaterThan(1);
    await expectNoAxeViolations(other, 'widget with clarify options');
    await other.locator('.kundesenter-chat-host').screenshot({ path: 'test-results/widget-clarify-1280.png' });
    await options.getByRole('button', { name: 'Feilkode BID-14D1' }).click();
    // The greeting, the question back, and the answer.
    await expect.poll(() => widget(other).locator('.msg.bot').count()).toBe(3);
    await expect.poll(() => widget(other).locator('.msg.bot').last().textContent()).toContain('BID-14D1');
    expect(cspViolations).toEqual([]);
  });

  it('without JavaScript the page is complete, and the error field is answered by the server', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(server.url);
    expect(await page.locator('.chat-mount').textContent()).toContain('Lastar chat …');
    await page.getByLabel('Skriv inn feilmeldinga di').fill('BID-1439');
    await page.getByRole('button', { name: 'Finn svar' }).click();
    await page.waitForURL(/feilmelding=BID-1439/);
    expect(await page.locator('#svar').textContent()).toContain('har blitt sperra');
    // axe needs scripts: scan the same server-rendered answer with them on.
    const scanned = await newPage();
    await scanned.goto(`${server.url}/?feilmelding=BID-1439`);
    await expectNoAxeViolations(scanned, 'help page answered by the server');
  });

  it('text scales to 200 % without sideways scrolling', async () => {
    const page = await newPage();
    await openHelp(page);
    await page.evaluate(() => {
      document.documentElement.style.fontSize = '200%';
    });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await sendInWidget(page, 'BID-14D1');
    await expect.poll(() => widget(page).locator('.msg.bot').last().textContent()).toContain('for lang tid');
    await screenshot(page, 'help-page-1280-text-200', false);
  });

  it('the filter narrows the questions, and a topic link opens its answer', async () => {
    const page = await newPage();
    await openHelp(page);
    await page.getByLabel('Søk i spørsmål, svar og feilkodar').fill('kodebrikke');
    await expect.poll(() => page.locator('#filter-status').textContent()).toMatch(/\d+ treff/);
    const visible = await page.locator('details:not([hidden])').count();
    expect(visible).toBeGreaterThan(0);
    expect(visible).toBeLessThan(await page.locator('details').count());
    await page.goto(`${server.url}/#forgot-password`);
    await expect.poll(() => page.locator('#forgot-password').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
  });

  it('a customer asks for an advisor; the advisor sees it, claims it and replies; the customer sees it live; a reload resumes', async () => {
    const advisor = await newPage();
    await loginAdvisor(advisor);
    await expectNoAxeViolations(advisor, 'console, empty queue');

    const customer = await newPage();
    await openHelp(customer);
    await sendInWidget(customer, 'Eg har gløymt BankID-passordet mitt');
    await expect.poll(() => widget(customer).locator('.msg.bot').count()).toBe(2); // the greeting and the answer
    await widget(customer).getByRole('button', { name: 'Snakk med ein rådgjevar' }).click();
    const queue = widget(customer).locator('.queue');
    await expect.poll(() => queue.textContent()).toContain('Du er nummer 1 i køen');
    await expectNoAxeViolations(customer, 'widget, queued');
    await customer.locator('.kundesenter-chat-host').screenshot({ path: 'test-results/widget-queued-1280.png' });

    // The console: a visible and audible notice, and the queue entry with topic and waiting time.
    await advisor.getByText('Ny samtale i køen').waitFor();
    expect(await advisor.evaluate('window.kundesenterBeeps.count')).toBeGreaterThan(0);
    const entry = waiting(advisor).first();
    await expect.poll(() => entry.textContent()).toContain('gløymt BankID-passordet');
    await expect.poll(() => entry.textContent()).toMatch(/ventar \d+ s/);
    await expectNoAxeViolations(advisor, 'console, a conversation waiting');
    await entry.getByRole('button', { name: /Ta samtalen/ }).click();

    const panel = advisor.getByRole('tabpanel');
    await expect.poll(() => panel.locator('.log').textContent()).toContain('Eg har gløymt BankID-passordet mitt');
    await expect.poll(() => panel.locator('.understood').first().textContent()).toContain('Boten forstod');
    // A suggested answer, inserted and edited, then sent.
    await panel.getByRole('button', { name: /Set inn/ }).first().click();
    const replyBox = panel.getByLabel('Svar til kunden');
    expect((await replyBox.inputValue()).length).toBeGreaterThan(20);
    await replyBox.fill('Hei! Eg heiter Admin. Har du pass eller ID-kort? Då kan du bestille nytt passord i appen.');
    await panel.getByRole('button', { name: 'Send svar' }).click();
    await panel.getByLabel('Nytt notat').fill('Kunden har truleg pass. Følg opp.');
    await panel.getByRole('button', { name: 'Lagre notat' }).click();
    await expect.poll(() => panel.locator('.note-list').textContent()).toContain('Følg opp');

    // Live on the customer's side, without a reload: the name, the reply, the typing indicator.
    await expect.poll(() => widget(customer).locator('.msg.advisor').last().textContent()).toContain('Eg heiter Admin');
    await expect.poll(() => widget(customer).locator('.who').textContent()).toContain('Du snakkar med Admin');
    // The live region announces it to screen readers.
    await expect.poll(() => widget(customer).locator('[aria-live="polite"]').last().textContent()).toContain('Admin: Hei! Eg heiter Admin');
    expect(await widget(customer).textContent()).not.toContain('Følg opp'); // notes never reach the customer
    await panel.getByLabel('Svar til kunden').pressSequentially('Ein augneblink', { delay: 20 });
    await widget(customer).locator('.typing').waitFor();
    await sendInWidget(customer, 'Ja, eg har pass');
    await expect.poll(() => panel.locator('.log').textContent()).toContain('Ja, eg har pass');
    await expectNoAxeViolations(customer, 'widget, talking to an advisor');
    await expectNoAxeViolations(advisor, 'console with a conversation');
    await screenshot(advisor, 'console-1280');

    // A reload resumes the same conversation, with its history and its advisor.
    await customer.reload();
    await customer.locator('html[data-kundesenter-chat="ready"]').waitFor();
    await expect.poll(() => widget(customer).locator('.log').textContent()).toContain('Eg heiter Admin');
    await expect.poll(() => widget(customer).locator('.who').textContent()).toContain('Du snakkar med Admin');
    await panel.getByLabel('Svar til kunden').fill('Er du der framleis?');
    await panel.getByRole('button', { name: 'Send svar' }).click();
    await expect.poll(() => widget(customer).locator('.msg.advisor').last().textContent()).toContain('Er du der framleis?');

    // Close with an outcome; the customer is told.
    await panel.getByLabel('Utfall').selectOption('løyst');
    await panel.getByRole('button', { name: 'Avslutt samtalen' }).click();
    await expect.poll(() => widget(customer).locator('.log').textContent()).toContain('Samtalen er avslutta');
    // After close: no text box that would silently start over; the advisor's last words stay.
    await widget(customer).getByRole('button', { name: 'Start ein ny samtale' }).waitFor();
    expect(await widget(customer).getByLabel('Skriv meldinga di').count()).toBe(0);
    expect(await widget(customer).locator('.log').textContent()).toContain('Er du der framleis?');
    await expectNoAxeViolations(customer, 'widget after the advisor closed');
    await customer.locator('.kundesenter-chat-host').screenshot({ path: 'test-results/widget-closed-by-advisor-1280.png' });

    // The phone layout of the console.
    await advisor.setViewportSize(PHONE);
    await screenshot(advisor, 'console-360');
    await expectNoAxeViolations(advisor, 'console at 360 px');
  });

  it('works at 360 px: the page, the widget, and keyboard only', async () => {
    const page = await newPage(PHONE);
    await openHelp(page);
    await screenshot(page, 'help-page-360');
    await screenshot(page, 'help-page-360-top', false);
    // Keyboard only: tab to the chat's field, write, send with Enter, answer "Nei" with the keyboard.
    const field = widget(page).getByLabel('Skriv meldinga di');
    for (let i = 0; i < 12 && !(await field.evaluate((el) => el.matches(':focus')).catch(() => false)); i++) await page.keyboard.press('Tab');
    await field.focus();
    await page.keyboard.type('BID-1433');
    await page.keyboard.press('Enter');
    await expect.poll(() => widget(page).locator('.msg.bot').last().textContent()).toContain('ikkje tilgjengeleg');
    const no = widget(page).getByRole('button', { name: /^Nei/ });
    await no.focus();
    const outline = await no.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).toBe('solid'); // visible focus
    await page.keyboard.press('Enter');
    await expect.poll(() => widget(page).locator('.queue').textContent()).toContain('i køen');
    await expectNoAxeViolations(page, 'widget at 360 px, queued');
    await page.locator('.kundesenter-chat-host').screenshot({ path: 'test-results/widget-360.png' });
    await page.locator('#feilmeldingar').screenshot({ path: 'test-results/error-table-360.png' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'no sideways scrolling at 360 px').toBeLessThanOrEqual(0);
    // Leave the queue, so the next test starts with an empty one. Ending asks first.
    await widget(page).getByRole('button', { name: 'Avslutt samtalen' }).click();
    const question = widget(page).getByRole('group', { name: /Vil du avslutte samtalen\? Du mistar plassen din i køen/ });
    await question.waitFor();
    await expect.poll(() => question.getByRole('button', { name: 'Nei, hald fram' }).evaluate((el) => el.matches(':focus'))).toBe(true);
    await expectNoAxeViolations(page, 'widget at 360 px, asked before ending');
    await page.locator('.kundesenter-chat-host').screenshot({ path: 'test-results/widget-confirm-end-360.png' });
    await question.getByRole('button', { name: 'Ja, avslutt' }).click();
    const again = widget(page).getByRole('button', { name: 'Start ein ny samtale' });
    await again.waitFor();
    await expect.poll(() => again.evaluate((el) => el.matches(':focus'))).toBe(true);
    await page.locator('.kundesenter-chat-host').screenshot({ path: 'test-results/widget-ended-360.png' });
  });

  it('embeds in any page with one script tag: a floating button opens the chat, styles isolated', async () => {
    const page = await newPage(PHONE);
    // A bank's own page on the service's origin (served by the browser, not the service) whose
    // styles would wreck the widget's buttons if they leaked into it.
    await page.route(`${server.url}/bank-side`, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><html lang="nn"><head><title>Banken</title><style>button { background: red !important; font-size: 40px; }</style></head>
<body><main><h1>Banken si side</h1><p>Innhald.</p></main><script src="${server.url}/assets/widget.js" defer></script></body></html>`,
      }),
    );
    await page.goto(`${server.url}/bank-side`);
    const launcher = page.getByRole('button', { name: 'Chat med oss' });
    await launcher.waitFor();
    expect(await launcher.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(0, 39, 118)');
    await expectNoAxeViolations(page, 'embedded, closed');
    await launcher.click();
    await expect.poll(() => widget(page).getByLabel('Skriv meldinga di').evaluate((el) => el.matches(':focus'))).toBe(true);
    await sendInWidget(page, 'BID-1439');
    await expect.poll(() => widget(page).locator('.msg.bot').last().textContent()).toContain('sperra');
    await expectNoAxeViolations(page, 'embedded, open');
    await screenshot(page, 'widget-embedded-360', false);
    await page.keyboard.press('Escape');
    await launcher.waitFor();
    await expect.poll(() => launcher.evaluate((el) => el.matches(':focus'))).toBe(true);
  });

  it('embeds on the bank’s own site (another origin) with one script tag; a site not allowed gets no chat', async () => {
    const sockets: string[] = [];
    const page = await newPage(PHONE);
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await page.goto(`${bankSite.url}/kundeservice`);
    await page.getByRole('button', { name: 'Chat med oss' }).click();
    await sendInWidget(page, 'BID-1439');
    await expect.poll(() => widget(page).locator('.msg.bot').last().textContent()).toContain('sperra');
    // The live socket to the service opened from the bank's page too.
    expect(sockets.some((u) => u.startsWith(`${server.url.replace('http:', 'ws:')}/api/conversations/`))).toBe(true);
    await expectNoAxeViolations(page, 'embedded on another origin, open');

    // A site that is not in WIDGET_ORIGINS: the service refuses it, and the widget says it cannot reach us.
    const other = await newPage(PHONE);
    await other.goto(`${otherSite.url}/kundeservice`);
    await other.getByRole('button', { name: 'Chat med oss' }).click();
    await sendInWidget(other, 'BID-1439');
    await expect.poll(() => widget(other).getByRole('alert').textContent()).toContain('Vi får ikkje kontakt med kundesenteret');
    expect(await widget(other).locator('.log').textContent()).not.toContain('sperra');
  });

  it('an advisor handles several conversations at once, transfers one back, and an admin manages advisor accounts', async () => {
    const admin = await newPage();
    await loginAdvisor(admin);
    const customers = [await newPage(), await newPage()];
    const texts = ['Kodebrikka mi viser ingen tal', 'Appen berre snurrar når eg loggar inn'];
    for (const [i, c] of customers.entries()) {
      await openHelp(c);
      await sendInWidget(c, texts[i]!);
      await expect.poll(() => widget(c).locator('.msg.bot').count()).toBe(2);
      await widget(c).getByRole('button', { name: 'Snakk med ein rådgjevar' }).click();
      await expect.poll(() => widget(c).locator('.queue').textContent()).toContain(`nummer ${i + 1} i køen`);
    }
    await expect.poll(() => waiting(admin).count()).toBe(2);
    // Take the first, then (once it has left the waiting list) the next one.
    await waiting(admin).first().getByRole('button', { name: /Ta samtalen/ }).click();
    await expect.poll(() => waiting(admin).count()).toBe(1);
    await waiting(admin).first().getByRole('button', { name: /Ta samtalen/ }).click();
    const tabs = admin.getByRole('tab');
    await expect.poll(() => tabs.count()).toBe(2);
    // Claiming puts focus in the reply box; only after that do we take it to the tabs.
    await expect.poll(() => admin.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    // Keyboard: the arrow keys move between the tabs.
    await tabs.nth(1).focus();
    await admin.keyboard.press('ArrowLeft');
    await expect.poll(() => tabs.nth(0).getAttribute('aria-selected')).toBe('true');
    const first = admin.getByRole('tabpanel');
    await expect.poll(() => first.locator('.log').textContent()).toContain(texts[0]!);
    await first.getByLabel('Svar til kunden').fill('Hei frå rådgjevaren til den første');
    await first.getByRole('button', { name: 'Send svar' }).click();
    await expect.poll(() => widget(customers[0]!).locator('.log').textContent()).toContain('til den første');
    await screenshot(admin, 'console-two-conversations-1280');
    expect(await widget(customers[1]!).locator('.log').textContent()).not.toContain('til den første');

    // Transfer the second back to the queue: the customer is told, and it waits again.
    await tabs.nth(1).click();
    await admin.getByRole('tabpanel').getByRole('button', { name: 'Send tilbake til køen' }).click();
    await expect.poll(() => widget(customers[1]!).locator('.log').textContent()).toContain('send tilbake til køen');
    await expect.poll(() => waiting(admin).first().textContent()).toMatch(/Nr\. 1 · ventar/);

    // The admin adds an advisor, who then logs in and takes the waiting conversation.
    await admin.getByRole('button', { name: 'Brukarar' }).click();
    const form = admin.getByRole('region', { name: 'Brukarar' });
    await form.getByLabel('Namn', { exact: true }).fill('Kari Rådgjevar');
    await form.getByLabel('E-post').fill('kari@bank.test');
    await form.getByLabel('Passord (minst 12 teikn)').fill('eit langt og godt passord');
    await form.getByRole('button', { name: 'Opprett brukar' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toContain('kan no logge inn');
    await expectNoAxeViolations(admin, 'console, two conversations and the accounts form');

    const kari = await newPage();
    await kari.goto(`${server.url}/agent`);
    await loginAs(kari, 'kari@bank.test', 'eit langt og godt passord', false);
    await kari.getByText('Kari Rådgjevar').waitFor();
    expect(await kari.getByRole('button', { name: 'Brukarar' }).count()).toBe(0);
    await waiting(kari).first().getByRole('button', { name: /Ta samtalen/ }).click();
    await expect.poll(() => widget(customers[1]!).locator('.who').textContent()).toContain('Du snakkar med Kari Rådgjevar');

    // The admin manages Kari's account with the keyboard alone: role, a new password, deactivate, reactivate.
    const status = () => form.getByRole('status').textContent();
    const kariRow = form.getByRole('listitem').filter({ hasText: 'kari@bank.test' });
    const press = async (name: RegExp) => {
      await kariRow.getByRole('button', { name }).focus();
      await admin.keyboard.press('Enter');
    };
    await expect.poll(() => kariRow.textContent()).toMatch(/Aktiv.*rådgjevar/);
    // The only admin is offered no demotion or deactivation that could only fail.
    const adminRow = form.getByRole('listitem').filter({ hasText: 'admin@bank.test' });
    await expect.poll(() => adminRow.textContent()).toContain('Siste aktive administrator');
    expect(await adminRow.getByRole('button', { name: /^Gjer til rådgjevar|^Deaktiver/ }).count()).toBe(0);
    await press(/^Gjer til administrator – Kari Rådgjevar/);
    await expect.poll(status).toContain('Kari Rådgjevar er no administrator');
    await press(/^Gjer til rådgjevar/);
    await expect.poll(status).toContain('Kari Rådgjevar er no rådgjevar');
    // The name customers see, set with the keyboard.
    await press(/^Namn kundane ser for Kari Rådgjevar/);
    const shown = kariRow.getByLabel('Namnet kundane ser for Kari Rådgjevar (la feltet stå tomt for å bruke kontonamnet)');
    await expect.poll(() => shown.evaluate((el) => el.matches(':focus'))).toBe(true);
    await admin.keyboard.type('Kari');
    await admin.keyboard.press('Enter');
    await expect.poll(status).toContain('Kundane ser no «Kari» når Kari Rådgjevar svarar');
    await expect.poll(() => kariRow.textContent()).toContain('Kundane ser: Kari');
    await press(/^Nytt passord for Kari Rådgjevar/);
    const newPassword = kariRow.getByLabel('Nytt passord for Kari Rådgjevar (minst 12 teikn)');
    await expect.poll(() => newPassword.evaluate((el) => el.matches(':focus'))).toBe(true);
    await admin.keyboard.type('eit heilt nytt passord');
    await admin.keyboard.press('Enter');
    await expect.poll(status).toContain('Kari Rådgjevar har fått nytt passord og er logga ut');
    await expect.poll(() => kariRow.getByRole('button', { name: /^Nytt passord/ }).evaluate((el) => el.matches(':focus'))).toBe(true);
    // Kari's console notices at once that her session has ended.
    await expect.poll(() => kari.getByRole('alert').textContent()).toContain('Økta di har gått ut');
    await loginAs(kari, 'kari@bank.test', 'eit heilt nytt passord');

    await press(/^Deaktiver Kari Rådgjevar/);
    await expect.poll(status).toContain('Kari Rådgjevar er deaktivert og logga ut');
    await expect.poll(() => kariRow.textContent()).toContain('Deaktivert');
    await expect.poll(() => kari.getByRole('alert').textContent()).toContain('Økta di har gått ut');
    // Her customer waits for the next advisor again.
    await expect.poll(() => widget(customers[1]!).locator('.who').textContent()).toContain('Du ventar på ein rådgjevar');
    await expect.poll(() => waiting(admin).count()).toBe(1);
    await expectNoAxeViolations(admin, 'console, the accounts list with a deactivated advisor');
    await screenshot(admin, 'console-accounts-1280');
    await loginAs(kari, 'kari@bank.test', 'eit heilt nytt passord', false);
    await expect.poll(() => kari.getByRole('alert').textContent()).toContain('Kontoen din er deaktivert');
    await press(/^Aktiver Kari Rådgjevar/);
    await expect.poll(status).toContain('Kari Rådgjevar kan logge inn igjen');
    await loginAs(kari, 'kari@bank.test', 'eit heilt nytt passord');
  });

  it('the help page’s "open now" turns to "closed" when the centre closes, without a reload', async () => {
    // Wednesday 25 November 2026, two seconds before 22:00 in Oslo (the page keeps time by the server's clock).
    const closing = await startWebServer({ now: () => new Date('2026-11-25T20:59:58Z') });
    try {
      const page = await newPage();
      const served = await page.goto(closing.url);
      expect(await served!.text()).toContain('Ope no – til kl. 22:00');
      // The page's script moves with the clock from the moment it runs: two seconds later, closed.
      const status = page.locator('.status');
      await expect.poll(() => status.textContent()).toContain('Stengt – opnar i morgon kl. 07:00');
      expect(await status.getAttribute('class')).toContain('is-closed');
    } finally {
      for (const c of contexts.splice(0)) await c.close().catch(() => {});
      await closing.close();
    }
  });

  it('outside opening hours the customer leaves a message, which waits as a callback request', async () => {
    // Wednesday 25 November 2026, 23:30 in Oslo: closed until Thursday 07:00.
    const closed = await startWebServer({ now: () => new Date('2026-11-25T22:30:00Z') });
    try {
      const page = await newPage();
      await openHelp(page, closed.url);
      expect(await page.locator('.status').textContent()).toContain('Stengt – opnar i morgon kl. 07:00');
      await sendInWidget(page, 'Eg treng hjelp med BankID');
      await expect.poll(() => widget(page).locator('.msg').count()).toBeGreaterThan(2);
      await widget(page).getByRole('button', { name: 'Snakk med ein rådgjevar' }).click();
      const form = widget(page).getByRole('form', { name: 'Legg igjen ei melding' });
      await form.waitFor();
      await expect.poll(() => form.textContent()).toContain('torsdag 26. november kl. 07:00');
      expect(await form.textContent()).toContain('i morgon, torsdag 26. november kl. 07:00');
      // One text box, the form's; its button in view; the header tells the truth.
      expect(await widget(page).getByLabel('Skriv meldinga di').count()).toBe(0);
      // In view and not clipped: what the page shows at the button's centre is the button.
      await form.getByRole('button', { name: 'Send meldinga' }).scrollIntoViewIfNeeded();
      await expect.poll(() => form.getByRole('button', { name: 'Send meldinga' }).evaluate((el) => {
        const r = el.getBoundingClientRect();
        const root = el.getRootNode() as Document | ShadowRoot;
        return r.top >= 0 && r.bottom <= window.innerHeight && root.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === el;
      })).toBe(true);
      expect(await widget(page).locator('.who').textContent()).toContain('Kundesenteret er stengt');
      await expectNoAxeViolations(page, 'widget, closed hours form');
      await page.locator('.kundesenter-chat-host').screenshot({ path: 'test-results/widget-closed-1280.png' });
      await form.getByRole('button', { name: 'Send meldinga' }).click();
      await form.getByText('Skriv inn telefonnummer eller e-postadresse').waitFor();
      await form.getByLabel('Namn (valfritt)').fill('Kari Nordmann');
      await form.getByLabel('Telefon').fill('912 34 567');
      await form.getByLabel('Melding').fill('BankID-appen min er sperra. Ring meg i morgon.');
      await form.getByRole('button', { name: 'Send meldinga' }).click();
      await expect.poll(() => widget(page).locator('.log').textContent()).toContain('Vi har fått meldinga di');
      expect(await form.count()).toBe(0);

      const advisor = await newPage();
      await loginAdvisor(advisor, closed.url);
      const callbacks = advisor.getByRole('region', { name: /Ring tilbake/ });
      await expect.poll(() => callbacks.textContent()).toContain('Kari Nordmann');
      await expect.poll(() => callbacks.textContent()).toContain('912 34 567');
    } finally {
      // Close the pages first: their sockets would otherwise keep reconnecting to a closing server.
      for (const c of contexts.splice(0)) await c.close().catch(() => {});
      await closed.close();
    }
  });
});
