import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { slackModule } from '../../../src/adapters/slack/slack-module.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { INTERRUPTED_APOLOGY } from '../../../src/core/chat/user-replies.js';
import { startService } from '../../../src/start-service.js';
import {
  type FakeAnthropicServer,
  firstOfEachConcept,
  startFakeAnthropicServer,
} from '../../fakes/fake-anthropic-server.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../fakes/fake-slack-api.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { FIXTURE_CONTENT_DIR } from '../../fixtures/load-fixture-files.js';
import { openTestDatabase, type TestDatabase } from '../../setup/test-database.js';
import { BOT_TOKEN, SIGNING_SECRET } from './support/slack-harness.js';
import { createSlackSender, slackFixture } from './support/slack-requests.js';

let slack: FakeSlackApi;
let anthropic: FakeAnthropicServer;
let db: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  [slack, anthropic, db, dataDir] = await Promise.all([
    startFakeSlackApi(),
    startFakeAnthropicServer(),
    openTestDatabase('pglite'),
    mkdtemp(path.join(os.tmpdir(), 'slack-shutdown-')),
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
beforeEach(() => slack.reset());

async function start(env: Record<string, string> = {}) {
  const logger = createRecordingLogger();
  const config = loadConfig({
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    CONTENT_DIR: FIXTURE_CONTENT_DIR,
    CONTENT_WATCH: 'false',
    USER_ID_SALT: 'slack-shutdown-test-salt',
    ANTHROPIC_API_KEY: 'sk-test-not-real',
    ANTHROPIC_BASE_URL: anthropic.url,
    ANTHROPIC_MAX_RETRIES: '0',
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    // These tests pin the placeholder path; streams have tests of their own.
    SLACK_STREAMING: 'false',
    ...env,
  });
  const service = await startService({ config: { ...config, PORT: 0 }, logger, modules: [slackModule] });
  const send = createSlackSender(`http://127.0.0.1:${service.http.port}/slack/events`, SIGNING_SECRET);
  return { service, logger, send };
}

/** An app_mention with its own ts, so the database's dedupe keys never collide between tests. */
function mention(ts: string) {
  return slackFixture('app-mention', { '1760000100.000200': ts });
}

async function openPlaceholderRows(): Promise<number> {
  const reopened = await db.reopen();
  try {
    return await reopened.prisma.openPlaceholder.count();
  } finally {
    await reopened.close();
  }
}

const answerText = (update: Record<string, any>) =>
  update.blocks.find((b: any) => b.block_id === 'tutor_answer_0')?.text.text;

describe('a graceful stop (SIGTERM) with a Slack answer in flight', () => {
  it('waits for the slow answer and posts it before the service is down', async () => {
    const release = anthropic.hold();
    const { service, send, logger } = await start();
    let stopped = false;
    let stopping: Promise<void> | undefined;
    try {
      expect((await send.event(mention('1760000200.000100'))).status).toBe(200);
      await slack.waitFor(
        () => anthropic.requests.length === 1 && slack.callsTo('chat.postMessage').length === 1,
      );
      stopping = service.stop().then(() => {
        stopped = true;
      });
      await slack.waitFor(() =>
        logger.lines.some((l) => l.message === 'waiting for work in flight before stopping'),
      );
      expect(stopped).toBe(false);
    } finally {
      release();
      await (stopping ?? service.stop());
    }
    const updates = slack.callsTo('chat.update');
    expect(answerText(updates.at(-1)!)).toBe('A grounded answer from the library.');
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    // Finished, so nothing is left for the next start to sweep.
    expect(await openPlaceholderRows()).toBe(0);
  });

  it('finishes the placeholder with an apology when the drain budget runs out', async () => {
    const release = anthropic.hold();
    const { service, send, logger } = await start({ SHUTDOWN_DRAIN_SECONDS: '0' });
    try {
      await send.event(mention('1760000300.000100'));
      await slack.waitFor(
        () => anthropic.requests.length === 2 && slack.callsTo('chat.postMessage').length === 1,
      );
      await service.stop();
    } finally {
      release();
    }
    const last = slack.callsTo('chat.update').at(-1)!;
    expect(last.text).toMatch(/the tutor is restarting and couldn't finish this answer\. Please ask again/);
    expect(JSON.stringify(last.blocks)).not.toContain('tutor_progress');
    expect(logger.lines.map((l) => l.message)).toContain(
      'the drain budget ran out; finishing what is left with an apology',
    );
    expect(await openPlaceholderRows()).toBe(0);
  });
});

describe('placeholders left behind by a crash', () => {
  it('are finished with an apology and a retry hint at the next start; a finished answer is left alone', async () => {
    const progress = {
      type: 'context',
      block_id: 'tutor_progress',
      elements: [{ type: 'mrkdwn', text: '…' }],
    };
    const asked = {
      type: 'section',
      block_id: 'tutor_question',
      text: { type: 'mrkdwn', text: '<@U1> asked:\n>hi' },
    };
    slack.seedMessage({ channel: 'C0GENERAL1', ts: '1760000400.000100', blocks: [asked, progress] });
    slack.seedMessage({
      channel: 'C0GENERAL1',
      ts: '1760000400.000200',
      blocks: [{ type: 'section', block_id: 'tutor_answer_0', text: { type: 'mrkdwn', text: 'done' } }],
    });
    // What a process that died mid-answer left in the database.
    const crashed = await db.reopen();
    try {
      await crashed.prisma.openPlaceholder.createMany({
        data: [
          { platform: 'slack', channel: 'C0GENERAL1', messageId: '1760000400.000100' },
          { platform: 'slack', channel: 'C0GENERAL1', messageId: '1760000400.000200' },
        ],
      });
    } finally {
      await crashed.close();
    }

    const { service, logger } = await start();
    try {
      const [swept] = await slack.waitFor(() => {
        const updates = slack.callsTo('chat.update');
        return updates.length > 0 ? updates : undefined;
      });
      await slack.waitFor(() =>
        logger.lines.some((l) => l.message === 'finished placeholders left by a restart with an apology'),
      );
      expect(swept).toMatchObject({
        channel: 'C0GENERAL1',
        ts: '1760000400.000100',
        text: INTERRUPTED_APOLOGY,
      });
      expect(swept!.blocks[0]).toEqual(asked);
      expect(JSON.stringify(swept!.blocks)).not.toContain('tutor_progress');
      expect(slack.callsTo('chat.update')).toHaveLength(1);
    } finally {
      await service.stop();
    }
    expect(await openPlaceholderRows()).toBe(0);
  });
});

describe('native streams in the running service', () => {
  /** The service with streaming on (the default) and a model that stops half-way until released. */
  async function startStreaming(env: Record<string, string> = {}) {
    let release!: () => void;
    const midway = new Promise<void>((resolve) => (release = resolve));
    anthropic.enqueue({
      kind: 'answer',
      midway,
      blocks: [{ text: 'A grounded answer from the library.', cite: firstOfEachConcept }],
    });
    const started = await start({ SLACK_STREAMING: 'true', ...env });
    return { ...started, release };
  }

  it('a graceful stop waits for a stream in flight, which ends with its sources and buttons', async () => {
    const { service, send, logger, release } = await startStreaming();
    let stopping: Promise<void> | undefined;
    try {
      await send.event(mention('1760000500.000100'));
      await slack.waitFor(() => slack.callsTo('chat.startStream').length === 1);
      stopping = service.stop();
      await slack.waitFor(() =>
        logger.lines.some((l) => l.message === 'waiting for work in flight before stopping'),
      );
      expect(slack.callsTo('chat.stopStream')).toEqual([]);
    } finally {
      release();
      await (stopping ?? service.stop());
    }
    const [stop] = slack.callsTo('chat.stopStream');
    expect(stop!.blocks.map((b: any) => b.block_id)).toEqual(['tutor_sources', 'tutor_feedback']);
    const streamed = slack.messages.find((m) => m.ts === stop!.ts)!;
    expect(streamed.text).toBe('A grounded answer from the library.');
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(await openPlaceholderRows()).toBe(0);
  });

  it('a stream still open when the drain budget runs out is stopped and replaced with the apology', async () => {
    const { service, send, release } = await startStreaming({ SHUTDOWN_DRAIN_SECONDS: '0' });
    try {
      await send.event(mention('1760000600.000100'));
      await slack.waitFor(() => slack.callsTo('chat.startStream').length === 1);
      await service.stop();
    } finally {
      release();
    }
    const ts = slack.messages.find((m) => m.recipient)!.ts;
    expect(slack.callsTo('chat.stopStream')).toEqual([expect.objectContaining({ ts })]);
    const last = slack.callsTo('chat.update').at(-1)!;
    expect(last.ts).toBe(ts);
    expect(last.text).toMatch(/the tutor is restarting and couldn't finish this answer\. Please ask again/);
    expect(await openPlaceholderRows()).toBe(0);
  });

  it('streams and statuses a crash left open are closed with an apology at the next start', async () => {
    slack.seedMessage({
      channel: 'C0GENERAL1',
      ts: '1760000700.000300',
      thread_ts: '1760000700.000100',
      user: 'U0TUTORBOT',
      text: 'Half an ans',
      streaming: true,
    });
    const crashed = await db.reopen();
    try {
      await crashed.prisma.openPlaceholder.createMany({
        data: [
          {
            platform: 'slack',
            channel: 'C0GENERAL1',
            messageId: '1760000700.000300',
            kind: 'stream',
            threadTs: '1760000700.000100',
          },
          {
            platform: 'slack',
            channel: 'D0DIRECT01',
            messageId: '1760000800.000200',
            kind: 'status',
            threadTs: '1760000800.000100',
          },
        ],
      });
    } finally {
      await crashed.close();
    }
    const { service, logger } = await start();
    try {
      await slack.waitFor(() =>
        logger.lines.some((l) => l.message === 'finished placeholders left by a restart with an apology'),
      );
    } finally {
      await service.stop();
    }
    expect(slack.callsTo('chat.stopStream')).toEqual([expect.objectContaining({ ts: '1760000700.000300' })]);
    expect(slack.callsTo('chat.update')).toEqual([
      expect.objectContaining({ ts: '1760000700.000300', text: INTERRUPTED_APOLOGY }),
    ]);
    expect(slack.callsTo('chat.postMessage')).toEqual([
      expect.objectContaining({
        channel: 'D0DIRECT01',
        thread_ts: '1760000800.000100',
        text: INTERRUPTED_APOLOGY,
      }),
    ]);
    expect(await openPlaceholderRows()).toBe(0);
  });
});
