// The insight dashboard in headless Debian chromium, against the real service with generated
// conversations of known figures (src/insight/testing.ts, rolled up as the service does): an admin
// opens it from the console, chooses the period and the language, reads every figure in the
// tables, downloads a CSV and follows an unanswered question to its conversation; an analyst reads
// it at 360 px and nothing else; an advisor is refused. axe on every state, no CSP violation,
// screenshots at 1280 and 360 px (test-results/insight-*.png).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContentPack } from '../content/index.js';
import { openDatabase, type DatabaseHandle } from '../db/connect.js';
import { testDatabaseLocation, type TestDatabaseLocation } from '../db/testing.js';
import { rollUp } from '../insight/rollup.js';
import { PERIOD, expectedDashboard, insertFixture, type Inserted } from '../insight/testing.js';
import { client, startTestServer, type TestServer } from '../server/testing.js';
import { agentBoot } from './agent-page.js';
import { reasonLabels } from './client/agent/insight/labels.js';
import { buildWeb } from './build.js';
import { ADMIN, hasChromium, launchChromium, newNorwegianPage, screenshot, expectNoAxeViolations } from './testing.js';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 740 };
/** The service's clock: the fixture's days are 10 and 11 March 2026. */
const NOW = new Date('2026-03-12T10:00:00.000Z');
const ANALYST = { email: 'ane@bank.test', name: 'Ane Analytikar', role: 'analyst', password: 'eit langt og godt passord' };
const ADVISOR = { email: 'per@bank.test', name: 'Per Rådgjevar', role: 'advisor', password: 'eit anna langt passord' };

/** Text as a reader sees it: runs of white space (the figures' no-break spaces too) as one space. */
const plain = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
const percent = new Intl.NumberFormat('nn-NO', { style: 'percent', maximumFractionDigits: 1 });

/** expect.poll with the ten seconds a Playwright action gets (this file runs in the node project). */
const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000 });


/** A table's body, found by its caption, as rows of cell texts. */
async function rows(page: Page, caption: string | RegExp): Promise<string[][]> {
  const cells = await page
    .getByRole('table', { name: caption })
    .evaluate((t) => [...(t as HTMLTableElement).tBodies[0]!.rows].map((r) => [...r.cells].map((c) => c.textContent ?? '')));
  return cells.map((r) => r.map(plain));
}

describe.skipIf(!hasChromium)('the insight dashboard in a real browser', { timeout: 60_000 }, () => {
  let browser: Browser;
  let server: TestServer;
  let where: TestDatabaseLocation;
  let db: DatabaseHandle;
  let fixture: Inserted;
  /** What to close after the tests, newest first. */
  const closers: (() => Promise<unknown>)[] = [];
  const cspViolations: string[] = [];
  const titles = agentBoot(loadContentPack('content')).topics;

  async function newPage(viewport = DESKTOP): Promise<Page> {
    const page = await newNorwegianPage(browser, closers, viewport, 10_000);
    page.on('console', (m) => m.type() === 'error' && /Content Security Policy/i.test(m.text()) && cspViolations.push(m.text()));
    return page;
  }

  async function login(page: Page, who: { email: string; password: string }, path = '/agent'): Promise<void> {
    await page.goto(`${server.url}${path}`);
    await page.getByLabel('E-post').fill(who.email);
    await page.getByLabel('Passord').fill(who.password);
    await page.getByRole('button', { name: 'Logg inn' }).click();
  }

  const status = (page: Page) => page.locator('.insight-status');

  /** Types the period into the form and shows it. */
  async function showPeriod(page: Page, from: string, to: string): Promise<void> {
    await page.getByLabel('Frå og med').fill(from);
    await page.getByLabel('Til og med').fill(to);
    await page.getByRole('button', { name: 'Vis tala' }).click();
  }

  beforeAll(async () => {
    await buildWeb(true);
    where = testDatabaseLocation('sqlite');
    closers.push(() => where.cleanup());
    server = await startTestServer({ ...where, now: () => NOW, openingHours: 'mon-sun 00:00-24:00', limits: { loginsPerAddressPerMinute: 1000 } });
    closers.push(() => server.close());
    // The conversations as the chat service would have left them, then the nightly rollup.
    db = await openDatabase({ url: where.databaseUrl, dataDir: where.dataDir, pgSchema: where.pgSchema });
    closers.push(() => db.close());
    fixture = await insertFixture(db.db);
    for (const day of ['2026-03-09', '2026-03-10', '2026-03-11']) await rollUp(db.db, db.dialect, day);
    const admin = client(server.url);
    expect((await admin.post('/api/advisor/login', { email: ADMIN.email, password: ADMIN.password })).status).toBe(200);
    for (const account of [ANALYST, ADVISOR]) expect((await admin.post('/api/admin/advisors', account)).status).toBe(201);
    browser = await launchChromium();
    closers.push(() => browser.close());
  }, 120_000);

  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => {});
  });

  it('an admin opens it from the console and reads the figures the conversations give, for a period and a language', async () => {
    const expected = expectedDashboard(fixture);
    const page = await newPage();
    await login(page, ADMIN);
    await page.getByRole('link', { name: 'Innsikt' }).click();
    await page.waitForURL(`${server.url}/agent/innsikt`);
    // First the service's default: the last 30 days by its clock.
    await eventually(async () => plain(await status(page).textContent())).toBe('Viser tala for 11. februar 2026 – 12. mars 2026, alle språk.');
    expect(await page.getByRole('button', { name: 'Siste 30 dagar' }).getAttribute('aria-pressed')).toBe('true');

    await showPeriod(page, PERIOD.from, PERIOD.to);
    await eventually(async () => plain(await status(page).textContent())).toBe('Viser tala for 10. mars 2026 – 11. mars 2026, alle språk.');

    // The headline: 5 of the 12 conversations solved without an advisor.
    const headline = page.getByRole('region', { name: 'Hovudtal' });
    expect(plain(await headline.textContent())).toContain('Løyst utan rådgjevar41,7 %5 av 12 samtalar');
    expect(plain(await headline.textContent())).toContain('Ventetid i køen (median)20 s');
    expect(plain(await headline.textContent())).toContain('Nøgde kundar (CSAT)3,7 av 53 svar');

    expect(await rows(page, /^Samtalar per dag/)).toEqual([
      ['10. mars 2026', '8', '3', '37,5 %'],
      ['11. mars 2026', '4', '2', '50 %'],
    ]);
    const hours = await rows(page, /^Samtalar etter kva time/);
    expect(hours).toHaveLength(24);
    expect(hours.map((r) => Number(r[1]))).toEqual(expected.conversations.perHour.map((h) => h.total));
    expect(hours[8]).toEqual(['kl. 08–09', '1']);

    const handed = expected.handoffReasons.reduce((n, r) => n + r.total, 0);
    expect((await rows(page, /^Kvifor samtalane/)).map((r) => r.slice(0, 2))).toEqual(expected.handoffReasons.map((r) => [reasonLabels[r.reason], String(r.total)]));
    expect(handed).toBe(7);

    const unanswered = await rows(page, /^Spørsmål utan svar/);
    expect(unanswered.map((r) => r.slice(0, 2))).toEqual(expected.unanswered.map((u) => [u.text, String(u.count)]));
    expect(unanswered.every((r) => r[2]!.startsWith('Opne samtalen'))).toBe(true);

    expect(await rows(page, /^Svar kundane sa/)).toEqual(
      expected.answers.map((a) => [titles[a.topicId]?.title ?? a.topicId, String(a.yes), String(a.no), plain(percent.format(a.noRate))]),
    );
    expect(await rows(page, /^Kø og ventetid/)).toEqual([
      ['Ventetid, median', '20 s'],
      ['Ventetid, 90. persentil (9 av 10 venta kortare)', '2 min 10 s'],
      ['Gav opp i køen', '2'],
      ['Førespurnader om å bli kontakta', '1'],
      ['Førespurnader som er følgde opp', '1'],
    ]);
    expect(await rows(page, /^Samtalar per rådgjevar/)).toEqual([
      ['Ola Rådgjevar', '2', '5 min'],
      ['Kari Rådgjevar', '1', '10 min'],
    ]);
    expect((await rows(page, /^Svar per poeng/)).map((r) => [r[0]!.slice(0, 1), r[1]])).toEqual(expected.csat.distribution.map((x) => [String(x.score), String(x.count)]));
    expect((await rows(page, /^Kommentarar/)).map((r) => [r[1], r[2]])).toEqual(expected.csat.comments.map((c) => [String(c.score), c.comment]));
    expect(plain(await page.locator('.csat-average').textContent())).toContain('Snitt 3,7 av 5 frå 3 svar');

    // Every table's CSV, for the period shown; one of them downloaded with the session.
    const csv = page.getByRole('link', { name: /^Last ned CSV/ });
    expect(await csv.count()).toBe(9);
    const perDay = page.getByRole('link', { name: 'Last ned CSV – Samtalar per dag, og kor mange som vart løyste utan rådgjevar' });
    expect(await perDay.getAttribute('href')).toBe(`/api/insight/export/conversations-per-day?from=${PERIOD.from}&to=${PERIOD.to}&language=all`);
    const download = await page.context().request.get(`${server.url}${await perDay.getAttribute('href')}`);
    expect(download.status()).toBe(200);
    expect((await download.body()).toString('utf8')).toBe('\uFEFFday,total,contained\r\n2026-03-10,8,3\r\n2026-03-11,4,2\r\n');

    // Each table scrolls in a region of its own that the keyboard reaches, named by its caption.
    const regions = page.locator('.table-scroll');
    expect(await regions.count()).toBe(9);
    for (const r of await regions.all()) {
      expect(await r.getAttribute('tabindex')).toBe('0');
      expect(await r.getAttribute('role')).toBe('region');
    }
    // The charts are drawn (uPlot's canvases), and left out for screen readers, which read the tables.
    expect(await page.locator('.chart canvas').count()).toBe(4);
    expect(await page.locator('.chart').evaluateAll((els) => els.every((el) => el.getAttribute('aria-hidden') === 'true'))).toBe(true);
    await expectNoAxeViolations(page, 'dashboard, admin, the fixture period');
    await screenshot(page, 'insight-1280');
    await screenshot(page, 'insight-1280-top', false);

    // One language: the conversations in nynorsk.
    await page.getByLabel('Språk', { exact: true }).selectOption({ label: 'Nynorsk' });
    await page.getByRole('button', { name: 'Vis tala' }).click();
    await eventually(async () => plain(await status(page).textContent())).toBe('Viser tala for 10. mars 2026 – 11. mars 2026, nynorsk.');
    await eventually(async () => plain(await headline.textContent())).toMatch(/ av 6 samtalar/);
    expect(await perDay.getAttribute('href')).toContain('&language=nn');

    // A preset, by the service's clock: 6–12 March has the 9th too.
    await page.getByLabel('Språk', { exact: true }).selectOption({ label: 'Alle språk' });
    await page.getByRole('button', { name: 'Siste 7 dagar' }).click();
    await eventually(async () => plain(await status(page).textContent())).toBe('Viser tala for 6. mars 2026 – 12. mars 2026, alle språk.');
    await eventually(async () => plain(await headline.textContent())).toMatch(/ av 13 samtalar/);
    expect(await page.getByRole('button', { name: 'Siste 7 dagar' }).getAttribute('aria-pressed')).toBe('true');

    // A period the service would refuse is said, not sent.
    await showPeriod(page, '2026-03-11', '2026-03-10');
    await eventually(() => page.getByRole('alert').textContent()).toBe('Frå-datoen kan ikkje vere etter til-datoen.');
    await expectNoAxeViolations(page, 'dashboard, a period refused');

    // An unanswered question's example opens its conversation in the console.
    await showPeriod(page, PERIOD.from, PERIOD.to);
    await eventually(async () => plain(await status(page).textContent())).toContain('10. mars 2026 – 11. mars 2026');
    await page.getByRole('table', { name: /^Spørsmål utan svar/ }).getByRole('link').first().click();
    await page.waitForURL(`${server.url}/agent?samtale=${fixture.ids.c5}`);
    await eventually(() => page.getByRole('tabpanel').locator('.log').textContent()).toContain('bankid nettbrettet logga inn ikkje, kvifor');
    expect(cspViolations).toEqual([]);
  });

  it('an analyst logs in at the console, lands on the dashboard, and reads it at 360 px without the conversations', async () => {
    const page = await newPage(PHONE);
    await login(page, ANALYST);
    await page.waitForURL(`${server.url}/agent/innsikt`);
    await eventually(async () => plain(await status(page).textContent())).toContain('Viser tala for');
    await showPeriod(page, PERIOD.from, PERIOD.to);
    await eventually(async () => plain(await status(page).textContent())).toBe('Viser tala for 10. mars 2026 – 11. mars 2026, alle språk.');
    expect(plain(await page.locator('.top').textContent())).toContain('Ane Analytikar (analytikar)');
    // No way to the queue or to a conversation.
    expect(await page.getByRole('link', { name: 'Samtalar', exact: true }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /Opne/ }).count()).toBe(0);
    expect((await rows(page, /^Spørsmål utan svar/))[0]).toEqual(['bankid nettbrettet logga inn ikkje, kvifor', '2']);
    // Readable at 360 px: the page does not scroll sideways; the wide tables scroll inside their region.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page, 'dashboard, analyst, 360 px');
    await screenshot(page, 'insight-360');
    // The keyboard scrolls a table that is wider than the screen.
    const comments = page.getByRole('region', { name: 'Kommentarar, nyaste først' });
    await comments.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await eventually(() => comments.evaluate((el) => el.scrollWidth > el.clientWidth && el.scrollLeft > 0)).toBe(true);
    expect(cspViolations).toEqual([]);
  });

  it('an advisor has no way in: no link in the console, and the page says who it is for', async () => {
    const page = await newPage();
    await login(page, ADVISOR);
    await page.getByRole('heading', { name: /^Kø/ }).waitFor();
    expect(await page.getByRole('link', { name: 'Innsikt' }).count()).toBe(0);
    await page.goto(`${server.url}/agent/innsikt`);
    await page.getByText('Innsikta er berre for administratorar og analytikarar.').waitFor();
    await expectNoAxeViolations(page, 'dashboard refused to an advisor');
  });
});
