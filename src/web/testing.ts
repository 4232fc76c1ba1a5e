// For the browser tests: the real service (engine, SQLite in a temp DATA_DIR, HTTP and WebSocket)
// with the web front end on a random port, and a headless Debian chromium driven by playwright-core.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { ADMIN, startTestServer } from '../server/testing.js';

export { ADMIN };

/** Debian's chromium; CHROMIUM_PATH points elsewhere (or at nothing, to see the tests skip). */
export const CHROMIUM = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const RESULTS_DIR = join(process.cwd(), 'test-results');

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

export async function startWebServer(o: { openingHours?: string; now?: () => Date; widgetOrigins?: string } = {}): Promise<WebServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kundesenter-web-'));
  const server = await startTestServer({ dataDir, ...o });
  return {
    url: server.url,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Another web site on a port of its own (another origin), serving one page whose HTML is asked for
 * at each request: a bank's page that embeds the widget. Real, not intercepted by the browser, so
 * the browser sees an ordinary local site.
 */
export async function startSite(page: () => string): Promise<WebServer> {
  const site = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page());
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const { port } = site.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => site.close(() => resolve())),
  };
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * A page in a fresh browser context as a Norwegian customer or advisor has it (nynorsk, Oslo's
 * time zone), its close added to `closers`, page errors printed; `timeoutMs` for its actions.
 */
export async function newNorwegianPage(browser: Browser, closers: (() => Promise<unknown>)[], viewport: { width: number; height: number }, timeoutMs: number): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'nn-NO', timezoneId: 'Europe/Oslo' });
  closers.push(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  page.on('pageerror', (e) => console.warn(`page error on ${page.url()}: ${e.message}`));
  return page;
}

const axeSource = () => readFileSync(join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core (from node_modules, evaluated through the DevTools protocol, so the page's strict
 * script policy stays on) over the page, open shadow roots included: WCAG 2.0/2.1 A and AA and
 * axe's best practices. Returns the violations as readable lines; [] is a pass.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate('typeof window.axe');
  if (loaded !== 'object') await page.evaluate(axeSource());
  const violations = (await page.evaluate(`axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    resultTypes: ['violations'],
  }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })))`)) as AxeViolation[];
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`));
}

/** Fails the test with axe's findings, named by the state the page was in. */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `axe violations in state "${state}":\n${violations.join('\n')}`).toEqual([]);
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}
