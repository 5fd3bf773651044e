import { webApi } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sweepOpenPlaceholders } from '../../../src/adapters/slack/answering/sweep-placeholders.js';
import { INTERRUPTED_APOLOGY } from '../../../src/core/chat/user-replies.js';
import { createMemoryOpenPlaceholders } from '../../../src/core/memory/memory-open-placeholders.js';
import { FAKE_BOT, type FakeSlackApi, startFakeSlackApi } from '../../fakes/fake-slack-api.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { BOT_TOKEN } from './support/slack-harness.js';

let fake: FakeSlackApi;
let client: webApi.WebClient;
beforeAll(async () => {
  fake = await startFakeSlackApi();
  client = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
});
afterAll(() => fake.close());
afterEach(() => fake.reset());

const THREAD = '1760002000.000100';
const QUESTION = '1760002000.000200';

async function openStream(): Promise<string> {
  const started = await client.chat.startStream({
    channel: 'C0GENERAL1',
    thread_ts: THREAD,
    markdown_text: 'Half an ans',
    recipient_user_id: 'U0ASKER001',
    recipient_team_id: 'T0TEAM001',
  });
  return started.ts!;
}

async function sweep(records: Parameters<ReturnType<typeof createMemoryOpenPlaceholders>['add']>[0][]) {
  const store = createMemoryOpenPlaceholders({ now: () => new Date('2026-12-01T00:00:00Z') });
  for (const record of records) await store.add(record);
  const logger = createRecordingLogger();
  const finished = await sweepOpenPlaceholders({
    client,
    openPlaceholders: store,
    olderThan: new Date('2026-12-02T00:00:00Z'),
    logger,
    botUserId: FAKE_BOT.botUserId,
  });
  return { finished, store, logger };
}

const stream = (ts: string) => ({
  platform: 'slack' as const,
  channel: 'C0GENERAL1',
  messageId: ts,
  kind: 'stream' as const,
  threadTs: THREAD,
});
const status = {
  platform: 'slack' as const,
  channel: 'C0GENERAL1',
  messageId: QUESTION,
  kind: 'status' as const,
  threadTs: THREAD,
};

describe('the sweep after a restart, for streams and statuses', () => {
  it('stops a stream a crash left open and replaces its half-written text with the apology', async () => {
    const ts = await openStream();
    const { finished, store } = await sweep([stream(ts)]);
    expect(finished).toBe(1);
    expect(fake.methods().filter((m) => m.startsWith('chat.') && m !== 'chat.startStream')).toEqual([
      'chat.stopStream',
      'chat.update',
    ]);
    expect(fake.callsTo('chat.update')[0]).toMatchObject({ ts, text: INTERRUPTED_APOLOGY });
    expect(await store.takeStale('slack', new Date('2030-01-01'))).toEqual([]);
  });

  it('replaces a stream Slack already ended by itself (streams expire after about five minutes)', async () => {
    const ts = await openStream();
    fake.messages.find((m) => m.ts === ts)!.streaming = false;
    const { finished } = await sweep([stream(ts)]);
    expect(finished).toBe(1);
    expect(fake.callsTo('chat.update')[0]).toMatchObject({ ts, text: INTERRUPTED_APOLOGY });
  });

  it('leaves a finished stream alone (its record was lost after stopStream)', async () => {
    const ts = await openStream();
    await client.chat.stopStream({
      channel: 'C0GENERAL1',
      ts,
      blocks: [{ type: 'context', block_id: 'tutor_feedback', elements: [{ type: 'mrkdwn', text: '…' }] }],
    });
    const { finished } = await sweep([stream(ts)]);
    expect(finished).toBe(0);
    expect(fake.callsTo('chat.update')).toEqual([]);
  });

  it('posts the apology in the thread of a question that only got a status', async () => {
    const { finished } = await sweep([status]);
    expect(finished).toBe(1);
    expect(fake.callsTo('chat.postMessage')).toEqual([
      expect.objectContaining({ channel: 'C0GENERAL1', thread_ts: THREAD, text: INTERRUPTED_APOLOGY }),
    ]);
  });

  it('posts nothing for a status when the bot already replied after the question', async () => {
    fake.seedMessage({ channel: 'C0GENERAL1', ts: THREAD, user: 'U0ASKER001', text: 'root' });
    fake.seedMessage({
      channel: 'C0GENERAL1',
      ts: '1760002000.000300',
      thread_ts: THREAD,
      user: FAKE_BOT.botUserId,
      bot_id: FAKE_BOT.botId,
      text: 'the answer',
    });
    const { finished } = await sweep([status]);
    expect(finished).toBe(0);
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('logs one that cannot be finished and carries on with the rest', async () => {
    fake.failNext('chat.postMessage', 'channel_not_found');
    const { finished, logger } = await sweep([status, { ...status, channel: 'C0OTHER001' }]);
    expect(finished).toBe(1);
    expect(fake.callsTo('chat.postMessage').map((c) => c.channel)).toEqual(['C0GENERAL1', 'C0OTHER001']);
    expect(
      logger.lines.find((l) => l.message === 'could not finish a placeholder left by a restart'),
    ).toMatchObject({
      fields: expect.objectContaining({ kind: 'status', channel: 'C0GENERAL1' }),
    });
  });
});
