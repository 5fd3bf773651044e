import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordModule } from '../../src/adapters/discord/discord-module.js';
import { loadConfig } from '../../src/config/load-config.js';
import { startService } from '../../src/start-service.js';
import { BOT_USER, fixture, IDS, TOKEN } from '../adapters/discord/discord-harness.js';
import { type FakeAnthropicServer, startFakeAnthropicServer } from '../fakes/fake-anthropic-server.js';
import { type FakeDiscordApi, startFakeDiscordApi } from '../fakes/fake-discord-api.js';
import { type FakeDiscordGateway, startFakeDiscordGateway } from '../fakes/fake-discord-gateway.js';
import { createRecordingLogger } from '../fakes/recording-logger.js';
import { FIXTURE_CONTENT_DIR } from '../fixtures/load-fixture-files.js';
import { openTestDatabase, type TestDatabase } from '../setup/test-database.js';

let anthropic: FakeAnthropicServer;
let gateway: FakeDiscordGateway;
let discord: FakeDiscordApi;
let db: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  gateway = await startFakeDiscordGateway({
    user: BOT_USER,
    applicationId: IDS.bot,
    guilds: [fixture('guild-create', { id: IDS.guild })],
  });
  [anthropic, discord, db, dataDir] = await Promise.all([
    startFakeAnthropicServer(),
    startFakeDiscordApi({ bot: BOT_USER, gatewayUrl: gateway.url }),
    openTestDatabase('pglite'),
    mkdtemp(path.join(os.tmpdir(), 'graceful-stop-')),
  ]);
  await db.disconnect();
});
afterAll(async () => {
  await Promise.all([
    anthropic.close(),
    gateway.close(),
    discord.close(),
    db.close(),
    rm(dataDir, { recursive: true, force: true }),
  ]);
});

async function start(env: Record<string, string> = {}) {
  const logger = createRecordingLogger();
  const config = loadConfig({
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    CONTENT_DIR: FIXTURE_CONTENT_DIR,
    CONTENT_WATCH: 'false',
    USER_ID_SALT: 'graceful-stop-test-salt',
    ANTHROPIC_API_KEY: 'sk-test-not-real',
    ANTHROPIC_BASE_URL: anthropic.url,
    ANTHROPIC_MAX_RETRIES: '0',
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: IDS.bot,
    DISCORD_API_URL: discord.url,
    PUBLIC_RATE_LIMIT: '0',
    ...env,
  });
  const service = await startService({
    config: { ...config, PORT: 0 },
    logger,
    modules: [createDiscordModule({ retryDelaysMs: [20] })],
  });
  await expect.poll(() => logger.lines.some((l) => l.message === 'connected')).toBe(true);
  return { service, logger, base: `http://127.0.0.1:${service.http.port}` };
}

/** A browser's way into the Ask page: the visitor cookie and the form's CSRF token. */
async function askForm(base: string): Promise<{ cookie: string; csrf: string }> {
  const page = await fetch(`${base}/ask`);
  const cookie = page.headers.getSetCookie()[0]!.split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  return { cookie, csrf };
}

function postQuestion(base: string, form: { cookie: string; csrf: string }, question: string) {
  return fetch(`${base}/ask`, {
    method: 'POST',
    headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ question, _csrf: form.csrf }),
  });
}

describe('a graceful stop drains answers on every surface, within one budget', () => {
  it('lets a web answer and a Discord answer being written finish before the service is down', async () => {
    const { service, logger, base } = await start();
    const release = anthropic.hold();
    const before = anthropic.requests.length;
    const form = await askForm(base);
    const web = postQuestion(base, form, 'How many tokens is a word?');
    const interaction = fixture('interaction-ask');
    gateway.dispatch('INTERACTION_CREATE', interaction);
    await expect.poll(() => anthropic.requests.length).toBe(before + 2);

    const stopping = service.stop();
    await expect
      .poll(
        () => logger.lines.find((l) => l.message === 'waiting for work in flight before stopping')?.fields,
      )
      .toMatchObject({ inFlight: 2, drainSeconds: 30 });
    release();
    await stopping;

    const page = await web;
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('A grounded answer from the library.');
    const edit = discord.requests.filter(
      (r) => r.method === 'PATCH' && r.path.includes(interaction.token) && r.body.embeds?.[0]?.fields,
    );
    expect(edit.at(-1)!.body.embeds[0].description).toBe('A grounded answer from the library.');
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('apologises on both surfaces when the budget runs out', async () => {
    const { service, base } = await start({ SHUTDOWN_DRAIN_SECONDS: '0' });
    const release = anthropic.hold();
    try {
      const before = anthropic.requests.length;
      const form = await askForm(base);
      const web = postQuestion(base, form, 'How many tokens is a word?');
      const interaction = fixture('interaction-ask');
      gateway.dispatch('INTERACTION_CREATE', interaction);
      await expect.poll(() => anthropic.requests.length).toBe(before + 2);
      await service.stop();

      const page = await web;
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('the tutor is restarting');
      const followUp = discord.requests.find(
        (r) => r.method === 'POST' && r.path === `/webhooks/${IDS.bot}/${interaction.token}`,
      );
      expect(followUp?.body).toMatchObject({
        content: expect.stringContaining('the tutor is restarting'),
        flags: 64,
      });
    } finally {
      release();
    }
  });
});
