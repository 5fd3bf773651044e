import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackModule, slackStatus } from '../../../src/adapters/slack/slack-module.js';
import type { Config } from '../../../src/config/env-schema.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { type RunningService, startService } from '../../../src/start-service.js';
import { type FakeAnthropicServer, startFakeAnthropicServer } from '../../fakes/fake-anthropic-server.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../fakes/fake-slack-api.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { FIXTURE_CONTENT_DIR } from '../../fixtures/load-fixture-files.js';
import { openTestDatabase, type TestDatabase } from '../../setup/test-database.js';
import { BOT_TOKEN, SIGNING_SECRET } from './support/slack-harness.js';
import { createSlackSender, slackFixture, slackSignature } from './support/slack-requests.js';

let slack: FakeSlackApi;
let anthropic: FakeAnthropicServer;
let db: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  [slack, anthropic, db, dataDir] = await Promise.all([
    startFakeSlackApi(),
    startFakeAnthropicServer(),
    openTestDatabase('pglite'),
    mkdtemp(path.join(os.tmpdir(), 'slack-service-')),
  ]);
  // The service opens the database itself, as in production.
  await db.disconnect();
});
afterAll(async () => {
  await Promise.all([
    slack.close(),
    anthropic.close(),
    db.close(),
    rm(dataDir, { recursive: true, force: true }),
  ]);
});

function config(env: Record<string, string> = {}): Config {
  const parsed = loadConfig({
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    CONTENT_DIR: FIXTURE_CONTENT_DIR,
    CONTENT_WATCH: 'false',
    USER_ID_SALT: 'slack-service-test-salt',
    ANTHROPIC_API_KEY: 'sk-test-not-real',
    ANTHROPIC_BASE_URL: anthropic.url,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    // These tests pin the placeholder path; streams have tests of their own.
    SLACK_STREAMING: 'false',
    ...env,
  });
  return { ...parsed, PORT: 0 };
}

async function start(): Promise<{
  service: RunningService;
  logger: ReturnType<typeof createRecordingLogger>;
  send: ReturnType<typeof createSlackSender>;
  url: string;
}> {
  const logger = createRecordingLogger();
  const service = await startService({ config: config(), logger, modules: [slackModule] });
  const url = `http://127.0.0.1:${service.http.port}/slack/events`;
  return { service, logger, send: createSlackSender(url, SIGNING_SECRET), url };
}

describe('Slack in the running service (HTTP mode, one port)', () => {
  it('serves signed requests at POST /slack/events and refuses forged or stale ones with 401', async () => {
    const { service, logger, send, url } = await start();
    try {
      expect(logger.lines.find((l) => l.message.startsWith('concept-tutor ready'))!.message).toMatch(
        /slack: on \(HTTP, Request URL POST \/slack\/events on port 0\)/,
      );
      const payload = slackFixture('app-mention');
      const body = JSON.stringify(payload);
      const now = Math.floor(Date.now() / 1000);

      const forged = await send.event(payload, {
        signature: slackSignature('0123456789abcdef0123456789abcdef', now, body),
      });
      expect(forged.status).toBe(401);
      const stale = await send.event(payload, { timestamp: now - 6 * 60 });
      expect(stale.status).toBe(401);
      const tampered = await send.signed(body.replace('How many', 'How few'), 'application/json', {
        signature: slackSignature(SIGNING_SECRET, now, body),
      });
      expect(tampered.status).toBe(401);
      expect(slack.callsTo('chat.postMessage')).toEqual([]);

      // Slack's one-time check when the Request URL is saved.
      const verification = await send.event({ token: 'x', challenge: 'c3RhcnQ', type: 'url_verification' });
      expect(await verification.json()).toEqual({ challenge: 'c3RhcnQ' });
      const browser = await fetch(url);
      expect(browser.status).toBe(405);
      // The rest of the service still answers on the same port.
      expect((await fetch(`http://127.0.0.1:${service.http.port}/healthz`)).status).toBe(200);
    } finally {
      await service.stop();
    }
  });

  it('answers exactly once across retries and a restart, grounded by the model, with feedback in the database', async () => {
    slack.reset();
    const payload = slackFixture('app-mention');
    const first = await start();
    let questionId: string;
    try {
      expect((await first.send.event(payload)).status).toBe(200);
      expect((await first.send.event(payload, { retryNum: 1 })).status).toBe(200);
    } finally {
      // Stopping waits for the answer being written before it closes the database.
      await first.service.stop();
    }
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    const answer = slack.callsTo('chat.update')[0]!;
    expect(answer.blocks.find((b: any) => b.block_id === 'tutor_answer_0').text.text).toBe(
      'A grounded answer from the library.',
    );
    expect(answer.blocks.find((b: any) => b.block_id === 'tutor_sources').elements[0].text).toBe(
      '*Sources:* *Token* (How many tokens is a word?)',
    );
    questionId = answer.blocks.find((b: any) => b.block_id === 'tutor_feedback').elements[0].value;
    expect(anthropic.requests).toHaveLength(1);

    // A new process over the same database: Slack's late retry and the message copy are still recognised.
    const second = await start();
    try {
      expect((await second.send.event(payload, { retryNum: 2 })).status).toBe(200);
      expect((await second.send.event(slackFixture('message-mention'))).status).toBe(200);
      const click = slackFixture('block-actions-feedback', { QUESTION_ID: questionId });
      click.actions[0].action_id = 'tutor_feedback_helpful';
      expect((await second.send.interaction(click)).status).toBe(200);
    } finally {
      await second.service.stop();
    }
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(anthropic.requests).toHaveLength(1);

    const reopened = await db.reopen();
    try {
      const row = await reopened.prisma.question.findUniqueOrThrow({ where: { id: questionId } });
      expect(row).toMatchObject({ platform: 'slack', covered: true, feedback: 1 });
    } finally {
      await reopened.close();
    }
  });
});

describe('Slack request checks on /slack/events', () => {
  it('refuses a signed request timestamped more than five minutes in the future with 401, as it does a stale one', async () => {
    slack.reset();
    const { service, send } = await start();
    try {
      const now = Math.floor(Date.now() / 1000);
      const payload = slackFixture('app-mention', { '1760000100.000200': '1760000500.000100' });
      const future = await send.event(payload, { timestamp: now + 6 * 60 });
      expect(future.status).toBe(401);
      // A correctly signed, replayable request from the future changes nothing.
      expect(slack.callsTo('chat.postMessage')).toEqual([]);
      // Clocks drift: a few minutes ahead is still accepted.
      expect((await send.event(payload, { timestamp: now + 4 * 60 })).status).toBe(200);
      await slack.waitFor(() => slack.callsTo('chat.update').length === 1);
    } finally {
      await service.stop();
    }
  });

  it('answers with the security headers every other route has', async () => {
    const { service, send, url } = await start();
    try {
      const page = await fetch(`http://127.0.0.1:${service.http.port}/healthz`);
      const names = [
        'content-security-policy',
        'x-content-type-options',
        'x-frame-options',
        'referrer-policy',
        'cross-origin-opener-policy',
        'permissions-policy',
      ];
      for (const response of [
        await send.event({ token: 'x', challenge: 'c3RhcnQ', type: 'url_verification' }),
        await send.event(slackFixture('app-mention'), { signature: 'v0=forged' }),
        await fetch(url),
      ]) {
        for (const name of names) expect(response.headers.get(name), name).toBe(page.headers.get(name));
      }
    } finally {
      await service.stop();
    }
  });
});

describe('Slack while the database is down', () => {
  it('still answers a mention, with an apology and a retry hint instead of silence', async () => {
    slack.reset();
    const { service, send, logger } = await start();
    const anthropicBefore = anthropic.requests.length;
    try {
      // The database goes away under the running service.
      await service.container.database!.close();
      const payload = slackFixture('app-mention', { '1760000100.000200': '1760000600.000100' });
      expect((await send.event(payload)).status).toBe(200);
      const [reply] = await slack.waitFor(() => {
        const updates = slack.callsTo('chat.update');
        return updates.length > 0 ? updates : undefined;
      });
      expect(reply!.text).toMatch(/couldn't record your question.*Please try again in a few minutes/);
      // The message copy of the same mention is still answered once: the claim falls back to memory.
      expect(
        (await send.event(slackFixture('message-mention', { '1760000100.000200': '1760000600.000100' })))
          .status,
      ).toBe(200);
      await slack.waitFor(
        () => logger.lines.filter((l) => l.message.startsWith('could not claim a chat event')).length >= 2,
      );
      expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
      expect(anthropic.requests.length).toBe(anthropicBefore);
    } finally {
      await service.stop();
    }
  });
});

describe('Slack /subscribe with the real newsletter', () => {
  it('starts double opt-in for the Slack profile email, recording where consent came from', async () => {
    slack.reset();
    slack.users.set('U0ASKER001', { email: 'Ada@Example.com' });
    const { service, send, logger } = await start();
    try {
      const fields = {
        ...slackFixture<Record<string, string>>('command-subscribe'),
        response_url: slack.responseUrl(),
      };
      expect((await send.command(fields)).status).toBe(200);
      await slack.waitFor(() => slack.responses.length === 1);
    } finally {
      await service.stop();
    }
    expect(slack.responses[0]!.body).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('ada@example.com'),
    });
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    const reopened = await db.reopen();
    try {
      const subscriber = await reopened.prisma.subscriber.findUniqueOrThrow({
        where: { email: 'ada@example.com' },
        include: { tokens: true },
      });
      expect(subscriber.status).toBe('pending');
      expect(subscriber.tokens.map((t) => t.source)).toEqual(['slack:T0TEAM001']);
    } finally {
      await reopened.close();
    }
  });
});

describe('slackStatus', () => {
  const base = loadConfig({});
  it.each([
    [{}, false, /set SLACK_BOT_TOKEN/],
    [
      { SLACK_BOT_TOKEN: BOT_TOKEN },
      false,
      /neither SLACK_APP_TOKEN \(Socket Mode\) nor SLACK_SIGNING_SECRET/,
    ],
    [
      {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        PUBLIC_URL: 'https://tutor.example.com/',
      },
      true,
      /^HTTP, Request URL https:\/\/tutor\.example\.com\/slack\/events$/,
    ],
    [{ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: 'xapp-1-A0-1-abc' }, true, /^Socket Mode$/],
    [
      {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_APP_TOKEN: 'xapp-1-A0-1-abc',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
      },
      true,
      /Socket Mode; SLACK_SIGNING_SECRET is unused/,
    ],
  ])('%o → on=%s', (env, on, detail) => {
    const status = slackStatus({ ...base, ...loadConfig(env) });
    expect(status.on).toBe(on);
    expect(status.detail).toMatch(detail);
  });

  it('rejects tokens of the wrong kind at startup, naming the variable', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxp-user-token' })).toThrow(
      /SLACK_BOT_TOKEN: must be the Bot User OAuth Token starting with xoxb-/,
    );
    expect(() => loadConfig({ SLACK_APP_TOKEN: 'xoxb-1' })).toThrow(
      /SLACK_APP_TOKEN: must be an app-level token starting with xapp-/,
    );
    expect(() => loadConfig({ SLACK_ANSWER_CHANNEL: '#general' })).toThrow(
      /SLACK_ANSWER_CHANNEL: must be a channel ID/,
    );
  });

  it('stops startup when Slack rejects the bot token', async () => {
    slack.failNext('auth.test', 'invalid_auth');
    await expect(
      startService({ config: config(), logger: createRecordingLogger(), modules: [slackModule] }),
    ).rejects.toThrow(/SLACK_BOT_TOKEN was rejected by Slack \(invalid_auth\)/);
  });
});
