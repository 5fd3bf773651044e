import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GatewayIntentBits } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectInBackground } from '../../../src/adapters/discord/connect-in-background.js';
import { createDiscordModule } from '../../../src/adapters/discord/discord-module.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { type Container, createContainer } from '../../../src/container.js';
import { type FakeDiscordApi, startFakeDiscordApi } from '../../fakes/fake-discord-api.js';
import { type FakeDiscordGateway, startFakeDiscordGateway } from '../../fakes/fake-discord-gateway.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { FIXTURE_CONTENT_DIR } from '../../fixtures/load-fixture-files.js';
import { BOT_USER, fixture, IDS, TOKEN } from './discord-harness.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'discord-module-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function containerWith(env: Record<string, string>) {
  const logger = createRecordingLogger();
  const config = loadConfig({
    CONTENT_DIR: FIXTURE_CONTENT_DIR,
    DATA_DIR: dataDir,
    USER_ID_SALT: 'discord-module-test-salt',
    CONTENT_WATCH: 'false',
    ...env,
  });
  return {
    container: await createContainer({ config, logger, database: false, watchContent: false }),
    logger,
  };
}

describe('the discord service module', () => {
  const module = createDiscordModule({ retryDelaysMs: [20] });
  const opened: Container[] = [];
  afterAll(async () => {
    for (const c of opened) await c.close();
  });

  it('is on only when both the token and the application id are set, and says which one is missing', async () => {
    const status = async (env: Record<string, string>) => {
      const { container } = await containerWith(env);
      opened.push(container);
      return module.status(container);
    };
    expect(await status({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: IDS.bot })).toMatchObject({
      on: true,
    });
    expect(await status({ DISCORD_TOKEN: TOKEN })).toEqual({
      on: false,
      detail: expect.stringMatching(/DISCORD_APPLICATION_ID is not/),
    });
    expect(await status({ DISCORD_APPLICATION_ID: IDS.bot })).toEqual({
      on: false,
      detail: expect.stringMatching(/DISCORD_TOKEN is not/),
    });
    expect(await status({})).toEqual({
      on: false,
      detail: 'set DISCORD_TOKEN and DISCORD_APPLICATION_ID to turn it on',
    });
  });

  describe('running against a fake Discord', () => {
    let gateway: FakeDiscordGateway;
    let api: FakeDiscordApi;
    beforeAll(async () => {
      gateway = await startFakeDiscordGateway({
        user: BOT_USER,
        applicationId: IDS.bot,
        guilds: [fixture('guild-create', { id: IDS.guild })],
      });
      api = await startFakeDiscordApi({ bot: BOT_USER, gatewayUrl: gateway.url });
    });
    afterAll(async () => {
      await gateway.close();
      await api.close();
    });
    let stop: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await stop?.();
      stop = undefined;
    });

    it('connects with the fewest intents, without Message Content, and answers /ask from the container', async () => {
      const { container, logger } = await containerWith({
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: IDS.bot,
        DISCORD_API_URL: api.url,
        PUBLIC_URL: 'https://tutor.example.com',
      });
      opened.push(container);
      ({ stop } = await module.start({
        container,
        mount: () => expect.fail('the discord module needs no HTTP route'),
      }));
      await gateway.ready();

      const [identify] = gateway.identifies;
      expect(identify.token).toBe(TOKEN);
      expect(identify.intents).toBe(
        GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.DirectMessages,
      );
      expect(identify.intents & GatewayIntentBits.MessageContent).toBe(0);

      const interaction = fixture('interaction-ask');
      gateway.dispatch('INTERACTION_CREATE', interaction);
      const edit = await api.waitFor((r) => r.method === 'PATCH' && r.path.includes(interaction.token));
      // No ANTHROPIC_API_KEY here: the tutor quotes the library, and says so.
      expect(edit.body.embeds[0].footer.text).toBeTruthy();
      expect(edit.body.embeds[0].fields[0].value).toContain('https://tutor.example.com/concepts/token');
      await expect
        .poll(() => logger.lines.find((l) => l.message === 'connected')?.fields)
        .toEqual({ component: 'discord', bot: 'concept-tutor#4821', servers: 1 });
    });

    it('keeps the service running when Discord rejects the token, naming the variable to fix', async () => {
      const { container, logger } = await containerWith({
        DISCORD_TOKEN: 'revoked.token.value',
        DISCORD_APPLICATION_ID: IDS.bot,
        DISCORD_API_URL: api.url,
      });
      opened.push(container);
      api.override(/^GET \/gateway\/bot$/, { status: 401, body: { message: '401: Unauthorized', code: 0 } });
      ({ stop } = await module.start({ container, mount: () => {} }));
      await expect
        .poll(() => logger.lines.find((l) => l.level === 'error')?.message)
        .toMatch(/^Discord rejected DISCORD_TOKEN\. Copy a fresh token/);
      expect(JSON.stringify(logger.lines)).not.toContain('revoked.token.value');
    });
  });
});

describe('connectInBackground', () => {
  it('retries while Discord cannot be reached, then connects', async () => {
    const logger = createRecordingLogger();
    let attempts = 0;
    const bot = {
      async login() {
        attempts++;
        if (attempts < 3) throw new Error('getaddrinfo EAI_AGAIN discord.com');
      },
    };
    const connection = connectInBackground(bot, { logger, retryDelaysMs: [1, 2] });
    expect(await connection.outcome).toBe('connected');
    expect(attempts).toBe(3);
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      'could not connect to Discord; retrying in 0 s',
      'could not connect to Discord; retrying in 0 s',
    ]);
  });

  it('stops waiting when the service stops', async () => {
    const connection = connectInBackground(
      { login: () => Promise.reject(new Error('ECONNRESET')) },
      { logger: createRecordingLogger(), retryDelaysMs: [60_000] },
    );
    await new Promise((resolve) => setImmediate(resolve));
    connection.stop();
    expect(await connection.outcome).toBe('stopped');
  });
});
