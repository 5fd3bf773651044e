import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { type RunningService, startService } from '../../src/start-service.js';
import { createRecordingLogger } from '../fakes/recording-logger.js';
import { openTestDatabase, type TestDatabase } from '../setup/test-database.js';

/** Debian's chromium package; a browser cannot be downloaded here, so .ci/run installs it. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Shown in the name of every skipped e2e suite. */
export const E2E_SKIP_REASON = `${CHROMIUM_PATH} is missing; install it with: apt-get install -y chromium (.ci/run does)`;

/** True when the browser is installed and the e2e suites can run. */
export const hasChromium = existsSync(CHROMIUM_PATH);

/** Where screenshots are kept as test artifacts (gitignored). */
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-results/screenshots');

/** Phone and desktop viewports the key pages are checked and photographed at. */
export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 900 },
} as const;

/** The admin token the e2e service runs with. */
export const E2E_ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef';

/** Launches headless Chromium with flags that keep it off the network and quiet. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The real service on a loopback port, over a private copy of the real content library and a fresh database. */
export interface E2eService {
  baseUrl: string;
  service: RunningService;
  contentDir: string;
  logger: ReturnType<typeof createRecordingLogger>;
  close(): Promise<void>;
}

/** A port that was free a moment ago, so PUBLIC_URL (used in emailed links) can name it before the service starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts the whole service (container, database, HTTP server) the way main.ts does; `env` adds variables. */
export async function startE2eService(env: Record<string, string> = {}): Promise<E2eService> {
  const port = await freePort();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ct-e2e-'));
  const contentDir = path.join(dir, 'content');
  await cp(path.resolve(import.meta.dirname, '../../content'), contentDir, { recursive: true });
  const db: TestDatabase = await openTestDatabase('pglite');
  await db.disconnect();
  const logger = createRecordingLogger();
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    CONTENT_DIR: contentDir,
    CONTENT_WATCH: 'false',
    DATA_DIR: path.join(dir, 'data'),
    DATABASE_URL: db.url,
    ADMIN_TOKEN: E2E_ADMIN_TOKEN,
    ...env,
  });
  const service = await startService({ config, logger, modules: [] });
  return {
    baseUrl: `http://127.0.0.1:${service.http.port}`,
    service,
    contentDir,
    logger,
    async close() {
      await service.stop();
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Collects console errors, uncaught exceptions (a CSP violation shows up
 * here) and failed asset or script loads, to assert there are none. Works on
 * one page or on a whole browser context.
 */
export function collectPageErrors(target: Page | BrowserContext): string[] {
  const errors: string[] = [];
  target.on('console', (message) => {
    // Chrome logs every 4xx as "Failed to load resource"; the response listener below decides which of those matter.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(message.text());
  });
  if ('goto' in target) target.on('pageerror', (error) => errors.push(error.message));
  else target.on('weberror', (error) => errors.push(error.error().message));
  // Expected refusals (a 401, a 404 page) are asserted by the tests themselves; assets and scripts must never fail.
  target.on('response', (response) => {
    const type = response.request().resourceType();
    if (response.status() >= 400 && type !== 'document' && type !== 'fetch')
      errors.push(`${response.status()} ${response.url()}`);
  });
  return errors;
}

/** Saves a full-page screenshot as `test-results/screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** True when the page is wider than the viewport (the classic broken-on-a-phone symptom). */
export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth > window.innerWidth + 1');
}

/** Logs in through the real form. */
export async function loginAsAdmin(page: Page, baseUrl: string, next = '/admin'): Promise<void> {
  await page.goto(`${baseUrl}/admin/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Admin token').fill(E2E_ADMIN_TOKEN);
  await Promise.all([
    page.waitForURL(`${baseUrl}${next}`),
    page.getByRole('button', { name: 'Log in' }).click(),
  ]);
}

/** One axe-core finding, trimmed to what a failure message needs. */
export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Loads axe-core into every page the context opens, as the page's own scripts
 * start. Sending its half a megabyte through the DevTools protocol for each
 * page took about 200 ms a page, most of an accessibility walk's time.
 */
export async function preloadAxe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: AXE_SOURCE });
}

/**
 * Runs axe-core (WCAG 2.x A and AA plus best practices) on the page as it is
 * now, in the top frame only (an embedded email preview is not a page of
 * ours). The script is injected through the DevTools protocol, which the
 * page's CSP does not govern, so the CSP stays on while axe looks; a context
 * that did not {@link preloadAxe} gets it sent now.
 */
export async function runAxe(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate<boolean>(`typeof axe !== 'undefined'`))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate<{
    violations: Array<{
      id: string;
      impact: string | null;
      help: string;
      nodes: Array<{ target: unknown[] }>;
    }>;
  }>(`axe.run(document, { resultTypes: ['violations'], iframes: false })`);
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.map(String).join(' ')),
  }));
}

/**
 * Chromium and a started service for one suite: launched together before its
 * tests, closed after them. Read `browser` and `app` inside tests.
 */
export function useBrowserAndService(env: Record<string, string> = {}): {
  browser: Browser;
  app: E2eService;
} {
  const suite = {} as { browser: Browser; app: E2eService };
  beforeAll(async () => {
    [suite.browser, suite.app] = await Promise.all([launchBrowser(), startE2eService(env)]);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.app?.close();
  });
  return suite;
}
