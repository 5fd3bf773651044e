import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PLACEHOLDER_TEXT } from '../../../src/adapters/slack/render/progress-message.js';
import type { Tutor } from '../../../src/core/answering/create-tutor.js';
import { APOLOGY } from '../../../src/core/chat/user-replies.js';
import { FAKE_BOT, type FakeSlackApi, startFakeSlackApi } from '../../fakes/fake-slack-api.js';
import { createFixtureTutor } from '../../fakes/fixture-tutor.js';
import { createScriptedModel } from './support/scripted-model.js';
import {
  BOT_TOKEN,
  errorsIn,
  type HarnessOptions,
  type SlackHarness,
  startSlackHarness,
} from './support/slack-harness.js';
import { slackFixture } from './support/slack-requests.js';

let fake: FakeSlackApi;
let harness: SlackHarness | undefined;
beforeAll(async () => {
  fake = await startFakeSlackApi();
});
afterAll(() => fake.close());
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  fake.reset();
});

async function start(overrides: Partial<HarnessOptions> = {}) {
  const model = createScriptedModel();
  const fixture = await createFixtureTutor(model);
  harness = await startSlackHarness({ fake, tutor: fixture.tutor, questionLog: fixture.log, ...overrides });
  return { harness, model, log: fixture.log };
}

const MENTION_TS = '1760000100.000200';

describe('Slack events through a real Bolt app', () => {
  it('answers a channel mention in its thread: a placeholder first, then the final blocks', async () => {
    const { harness, log } = await start();
    const response = await harness.send.event(slackFixture('app-mention'));
    expect(response.status).toBe(200);
    await harness.settle();

    const [placeholder] = fake.callsTo('chat.postMessage');
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(placeholder).toMatchObject({
      channel: 'C0GENERAL1',
      thread_ts: MENTION_TS,
      text: PLACEHOLDER_TEXT,
    });
    const [final] = fake.callsTo('chat.update');
    expect(fake.callsTo('chat.update')).toHaveLength(1);
    expect(final!.ts).toBe(fake.messages[0]!.ts);
    const blocks: any[] = final!.blocks;
    expect(blocks.find((b) => b.block_id === 'tutor_answer_0').text.text).toBe(
      'A grounded answer from the library.',
    );
    expect(blocks.find((b) => b.block_id === 'tutor_sources').elements[0].text).toBe(
      '*Sources:* *Token* (How many tokens is a word?)',
    );
    const buttons = blocks.find((b) => b.block_id === 'tutor_feedback').elements;
    expect(buttons.map((b: any) => b.value)).toEqual([log.entries[0]!.id, log.entries[0]!.id]);
    // The bot mention is not part of the question the tutor saw.
    expect(log.entries[0]).toMatchObject({
      text: 'How many tokens is a word?',
      platform: 'slack',
      mode: 'ai',
    });
    expect(fake.calls.every((c) => c.token === BOT_TOKEN)).toBe(true);
    expect(errorsIn(harness.logger)).toEqual([]);
  });

  it('links Sources to the concept pages when PUBLIC_URL is set', async () => {
    const { harness } = await start({ settings: { publicUrl: 'https://tutor.example.com/' } });
    await harness.send.event(slackFixture('app-mention'));
    await harness.settle();
    const blocks: any[] = fake.callsTo('chat.update')[0]!.blocks;
    expect(blocks.find((b) => b.block_id === 'tutor_sources').elements[0].text).toBe(
      '*Sources:* <https://tutor.example.com/concepts/token|Token> (How many tokens is a word?)',
    );
  });

  it('answers a retried event exactly once', async () => {
    const { harness } = await start();
    const payload = slackFixture('app-mention');
    expect((await harness.send.event(payload)).status).toBe(200);
    expect((await harness.send.event(payload, { retryNum: 1 })).status).toBe(200);
    expect((await harness.send.event(payload, { retryNum: 2 })).status).toBe(200);
    await harness.settle();
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(fake.callsTo('chat.update')).toHaveLength(1);
  });

  it('answers a mention delivered as both app_mention and message exactly once', async () => {
    const { harness, model } = await start();
    const responses = await Promise.all([
      harness.send.event(slackFixture('message-mention')),
      harness.send.event(slackFixture('app-mention')),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    await harness.settle();
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(model.requests).toHaveLength(1);
  });

  it('answers a DM in a thread of the message', async () => {
    const { harness, log } = await start();
    await harness.send.event(slackFixture('message-im'));
    await harness.settle();
    expect(fake.callsTo('chat.postMessage')[0]).toMatchObject({
      channel: 'D0DIRECT01',
      thread_ts: '1760000400.000100',
    });
    expect(log.entries[0]!.text).toBe('What is temperature?');
  });

  it.each([
    ['a channel message that does not mention the bot', 'message-channel'],
    ['a message from another bot, even one mentioning the tutor', 'message-bot'],
    ['an edit of a question', 'message-changed'],
    ['a reply in a thread the bot never answered', 'message-thread-reply'],
  ])('stays silent for %s', async (_name, fixture) => {
    const { harness, model } = await start();
    fake.seedMessage({
      channel: 'C0GENERAL1',
      ts: MENTION_TS,
      user: 'U0ASKER001',
      text: 'Who is in for lunch?',
    });
    expect((await harness.send.event(slackFixture(fixture))).status).toBe(200);
    await harness.settle();
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
    expect(fake.callsTo('chat.update')).toEqual([]);
    expect(model.requests).toEqual([]);
  });

  it('ignores its own messages', async () => {
    const { harness } = await start();
    const own = slackFixture('message-channel');
    Object.assign(own.event, {
      user: FAKE_BOT.botUserId,
      bot_id: FAKE_BOT.botId,
      text: `<@${FAKE_BOT.botUserId}> echo`,
    });
    await harness.send.event(own);
    await harness.settle();
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('answers a follow-up in a thread it answered, with the earlier turns as context', async () => {
    const { harness, model } = await start();
    fake.seedMessage({
      channel: 'C0GENERAL1',
      ts: MENTION_TS,
      user: 'U0ASKER001',
      text: `<@${FAKE_BOT.botUserId}> How many tokens is a word?`,
    });
    model.script.push(
      { text: 'About **three quarters** of a word.' },
      { text: 'Assuming one word is one token.' },
    );
    await harness.send.event(slackFixture('app-mention'));
    await harness.settle();
    const reply = slackFixture('message-thread-reply');
    // Written after the bot's answer, as a real follow-up is.
    reply.event.ts = reply.event.event_ts = `${Math.floor(Date.now() / 1000) + 5}.000100`;
    await harness.send.event(reply);
    await harness.settle();

    expect(fake.callsTo('conversations.replies').at(-1)).toMatchObject({
      channel: 'C0GENERAL1',
      ts: MENTION_TS,
    });
    expect(model.requests).toHaveLength(2);
    expect(model.requests[1]!.question).toBe('And does a long word split into several?');
    expect(model.requests[1]!.history).toEqual([
      { role: 'user', text: 'How many tokens is a word?' },
      { role: 'assistant', text: 'About *three quarters* of a word.' },
    ]);
    expect(fake.callsTo('chat.postMessage').at(-1)).toMatchObject({ thread_ts: MENTION_TS });
  });

  it('with SLACK_THREAD_CONTEXT off, never reads threads and ignores follow-ups without a mention', async () => {
    const { harness, model } = await start({ settings: { threadContext: false } });
    await harness.send.event(slackFixture('app-mention'));
    await harness.settle();
    await harness.send.event(slackFixture('message-thread-reply'));
    await harness.settle();
    expect(fake.callsTo('conversations.replies')).toEqual([]);
    expect(model.requests).toHaveLength(1);
  });

  it('answers every top-level message in the configured answer channel', async () => {
    const { harness, log } = await start({ settings: { answerChannel: 'C0GENERAL1' } });
    await harness.send.event(slackFixture('message-channel'));
    await harness.settle();
    expect(fake.callsTo('chat.postMessage')[0]).toMatchObject({
      channel: 'C0GENERAL1',
      thread_ts: '1760000500.000100',
    });
    expect(log.entries).toHaveLength(1);
  });

  it('answers the rate limit politely in the placeholder, without an apology for an error', async () => {
    const fixture = await createFixtureTutor(null, { perUser: 1, windowMs: 3_600_000, dailyTokenBudget: 0 });
    const { harness } = await start({ tutor: fixture.tutor, questionLog: fixture.log });
    await harness.send.event(slackFixture('message-im'));
    await harness.settle();
    const again = slackFixture('message-im');
    again.event.ts = again.event.event_ts = '1760000401.000100';
    await harness.send.event(again);
    await harness.settle();
    const limited = fake.callsTo('chat.update').at(-1)!;
    expect(limited.text).toMatch(
      /^:hourglass: You've asked 1 questions in the last 60 minutes, which is the limit\./,
    );
    expect(limited.blocks.map((b: any) => b.block_id)).not.toContain('tutor_feedback');
    expect(errorsIn(harness.logger)).toEqual([]);
  });

  it("labels an answer quoted from the library when today's token budget is used up", async () => {
    const model = createScriptedModel();
    const seed = [
      {
        text: 'earlier',
        platform: 'slack' as const,
        userHash: 'x',
        mode: 'ai' as const,
        covered: true,
        sources: [],
        usage: { inputTokens: 900, outputTokens: 200, cacheReadTokens: 0, cacheWriteTokens: 0 },
        latencyMs: 1,
      },
    ];
    const fixture = await createFixtureTutor(
      model,
      { perUser: 0, windowMs: 60_000, dailyTokenBudget: 1000 },
      seed,
    );
    const { harness } = await start({ tutor: fixture.tutor, questionLog: fixture.log });
    await harness.send.event(slackFixture('app-mention'));
    await harness.settle();
    const blocks: any[] = fake.callsTo('chat.update')[0]!.blocks;
    expect(blocks[0]).toMatchObject({ type: 'context', block_id: 'tutor_notice' });
    expect(blocks[0].elements[0].text).toMatch(/budget for today is used up/);
    expect(model.requests).toEqual([]);
  });

  it('shows only a generic apology when answering fails unexpectedly, and logs the cause', async () => {
    const broken: Tutor = {
      async ask() {
        throw new Error('connection to db:5432 refused');
      },
    };
    const { harness } = await start({ tutor: broken });
    await harness.send.event(slackFixture('app-mention'));
    await harness.settle();
    const reply = fake.callsTo('chat.update')[0]!;
    expect(reply.text).toBe(APOLOGY);
    expect(JSON.stringify(reply.blocks)).not.toContain('5432');
    expect(errorsIn(harness.logger).join('\n')).toContain('connection to db:5432 refused');
  });

  it('says how to ask when the mention has no question', async () => {
    const { harness } = await start();
    const empty = slackFixture('app-mention');
    empty.event.text = `<@${FAKE_BOT.botUserId}>`;
    await harness.send.event(empty);
    await harness.settle();
    expect(fake.callsTo('chat.update')[0]!.text).toMatch(/Ask me a question about an AI concept/);
  });

  it('names the closest concepts when the library does not cover a question', async () => {
    const { harness, log } = await start();
    const offTopic = slackFixture('app-mention');
    offTopic.event.text = `<@${FAKE_BOT.botUserId}> What is the capital of Peru?`;
    await harness.send.event(offTopic);
    await harness.settle();
    const blocks: any[] = fake.callsTo('chat.update')[0]!.blocks;
    expect(blocks[0].text.text).toMatch(/couldn't find this in the tutor's library/);
    expect(blocks.map((b) => b.block_id)).not.toContain('tutor_sources');
    expect(log.entries[0]).toMatchObject({ covered: false, mode: 'not-covered' });
  });
});
