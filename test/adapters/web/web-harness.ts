import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import type { SnsHttp } from '../../../src/adapters/email/webhooks/sns-http.js';
import { createWebApp } from '../../../src/adapters/web/create-web-app.js';
import type { WebDeps } from '../../../src/adapters/web/web-deps.js';
import { webDepsFrom } from '../../../src/adapters/web/web-deps-from.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { type Container, createContainer } from '../../../src/container.js';
import type { Clock } from '../../../src/core/ports.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { FIXTURE_CONTENT_DIR } from '../../fixtures/load-fixture-files.js';
import { openTestDatabase } from '../../setup/test-database.js';

/** An admin token long enough for the config schema. */
export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

/** A clock the test moves by hand. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
}

/** A web app on a real container over a private copy of the fixture library (admins may edit it). */
export interface WebHarness {
  app: Hono;
  /** What the app was built from (e.g. to read the page cache's render count). */
  deps: WebDeps;
  container: Container;
  contentDir: string;
  clock: ManualClock;
  logger: ReturnType<typeof createRecordingLogger>;
  /** A fresh browser-like client with its own cookie jar. */
  client(options?: { ip?: string }): WebClient;
  close(): Promise<void>;
}

/** Starts a harness; `env` adds or overrides environment variables. With `database` it runs on a fresh migrated PGlite (the newsletter needs one). */
export async function createWebHarness(
  env: Record<string, string> = {},
  options: { database?: boolean; snsHttp?: SnsHttp } = {},
): Promise<WebHarness> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ct-web-'));
  const contentDir = path.join(dir, 'content');
  await cp(FIXTURE_CONTENT_DIR, contentDir, { recursive: true });
  let now = new Date('2026-11-24T10:00:00.000Z').getTime();
  const clock: ManualClock = {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
  };
  const logger = createRecordingLogger();
  const db = options.database ? await openTestDatabase('pglite') : null;
  // The container opens the database itself, as in production; a PGlite folder takes one connection at a time.
  await db?.disconnect();
  const config = loadConfig({
    CONTENT_DIR: contentDir,
    DATA_DIR: path.join(dir, 'data'),
    CONTENT_WATCH: 'false',
    ADMIN_TOKEN,
    ...(db ? { DATABASE_URL: db.url } : {}),
    ...env,
  });
  const container = await createContainer({
    config,
    logger,
    clock,
    database: Boolean(db),
    ...(options.snsHttp ? { snsHttp: options.snsHttp } : {}),
  });
  const deps = webDepsFrom(container);
  const app = createWebApp(deps);
  let clients = 0;
  return {
    app,
    deps,
    container,
    contentDir,
    clock,
    logger,
    // Each client is its own address unless told otherwise, like separate people.
    client: (options) => {
      clients += 1;
      return new WebClient(app, options?.ip ?? `203.0.113.${clients % 250}`);
    },
    async close() {
      await container.close();
      await db?.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Sends requests like a browser would: keeps cookies, finds the CSRF token on the last page. */
export class WebClient {
  readonly cookies = new Map<string, string>();
  csrf: string | null = null;

  constructor(
    private readonly app: Hono,
    private readonly ip: string,
  ) {}

  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0 && !headers.has('cookie'))
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await this.app.request(
      pathname,
      { ...init, headers },
      { incoming: { socket: { remoteAddress: this.ip } } },
    );
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** GETs a page and remembers its CSRF token; returns the status and body. */
  async get(
    pathname: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; text: string; response: Response }> {
    const response = await this.request(pathname, { headers });
    const text = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
    if (token) this.csrf = token;
    return { status: response.status, text, response };
  }

  /** POSTs a urlencoded form, with the remembered CSRF token unless `_csrf` is given (null leaves it out). */
  async post(
    pathname: string,
    fields: Record<string, string>,
    options: { csrf?: string | null; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; text: string; response: Response }> {
    const body = new URLSearchParams(fields);
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (csrf !== null && csrf !== undefined) body.set('_csrf', csrf);
    const response = await this.request(pathname, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
    });
    return { status: response.status, text: await response.text(), response };
  }

  /** Logs in to the admin console. */
  async login(token = ADMIN_TOKEN): Promise<{ status: number; text: string; response: Response }> {
    await this.get('/admin/login');
    return this.post('/admin/login', { token, next: '/admin' });
  }
}

/** The text of the <main> element, tags stripped, for readable assertions. */
export function mainText(html: string): string {
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? html;
  return main
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
