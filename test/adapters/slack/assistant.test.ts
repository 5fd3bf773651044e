import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GREETING } from '../../../src/adapters/slack/render/assistant-greeting.js';
import { PLACEHOLDER_TEXT } from '../../../src/adapters/slack/render/progress-message.js';
import { createMemoryOpenPlaceholders } from '../../../src/core/memory/memory-open-placeholders.js';
import { FAKE_BOT, type FakeSlackApi, startFakeSlackApi } from '../../fakes/fake-slack-api.js';
import { type FakeSlackSocket, startFakeSlackSocket } from '../../fakes/fake-slack-socket.js';
import { createFixtureTutor } from '../../fakes/fixture-tutor.js';
import { createScriptedModel, type ScriptedModel } from './support/scripted-model.js';
import {
  errorsIn,
  type HarnessOptions,
  type SlackHarness,
  startSlackHarness,
} from './support/slack-harness.js';
import { slackFixture } from './support/slack-requests.js';

const ANSWER = 'About three quarters of a word. So 100 tokens are roughly 75 words of English.';
/** The fixture library's articles were updated on 2026-11-01: a clock in that week makes them new. */
const THAT_WEEK = new Date('2026-11-04T09:00:00Z');
const STREAM_CALLS = new Set([
  'assistant.threads.setStatus',
  'chat.startStream',
  'chat.appendStream',
  'chat.stopStream',
]);

let fake: FakeSlackApi;
beforeAll(async () => {
  fake = await startFakeSlackApi();
});
afterAll(() => fake.close());

describe.each(['http', 'socket'] as const)('the agent view over %s', (transport) => {
  let harness: SlackHarness | undefined;
  let socket: FakeSlackSocket | undefined;
  afterEach(async () => {
    await harness?.close();
    await socket?.close();
    harness = undefined;
    socket = undefined;
    fake.reset();
  });

  async function start(overrides: Partial<HarnessOptions> = {}): Promise<{
    harness: SlackHarness;
    model: ScriptedModel;
    placeholders: ReturnType<typeof createMemoryOpenPlaceholders>;
  }> {
    const model = createScriptedModel({ chunks: 2 });
    model.script = [{ text: ANSWER }];
    const fixture = await createFixtureTutor(model);
    const placeholders = createMemoryOpenPlaceholders();
    if (transport === 'socket') socket = await startFakeSlackSocket();
    harness = await startSlackHarness({
      fake,
      tutor: fixture.tutor,
      questionLog: fixture.log,
      library: fixture.library,
      clock: { now: () => THAT_WEEK },
      openPlaceholders: placeholders,
      settings: { streaming: true, draftIntervalMs: 5 },
      ...(socket ? { socket } : {}),
      ...overrides,
    });
    return { harness, model, placeholders };
  }

  /** Holds the model after its first streamed words until the test has seen chat.startStream. */
  function holdMidStream(model: ScriptedModel): () => void {
    let release!: () => void;
    model.midStream = new Promise((resolve) => (release = resolve));
    return release;
  }

  /**
   * Delivers a question and lets the model finish once Slack was asked to
   * start a stream: an answer written faster than one draft interval is
   * posted whole instead, so the test holds the model there.
   */
  async function ask(model: ScriptedModel, payload = slackFixture('message-assistant')): Promise<void> {
    const release = holdMidStream(model);
    const before = fake.callsTo('chat.startStream').length;
    await harness!.deliver(payload);
    await fake.waitFor(() => fake.callsTo('chat.startStream').length > before);
    release();
    await harness!.settle();
    model.midStream = undefined;
  }

  it('greets an opened assistant thread and suggests prompts from the library', async () => {
    const { harness } = await start();
    await harness.deliver(slackFixture('assistant-thread-started'));
    await harness.settle();
    const [greeting] = fake.callsTo('chat.postMessage');
    expect(greeting).toMatchObject({ channel: 'D0DIRECT01', thread_ts: '1760000900.000100', text: GREETING });
    expect(fake.callsTo('assistant.threads.setSuggestedPrompts')).toEqual([
      expect.objectContaining({
        channel_id: 'D0DIRECT01',
        thread_ts: '1760000900.000100',
        title: 'New this week, and the basics',
        prompts: [
          { title: 'New: Temperature', message: 'What is Temperature?' },
          { title: 'New: Token', message: 'What is Token?' },
        ],
      }),
    ]);
    expect(errorsIn(harness.logger)).toEqual([]);
  });

  it('offers the basics when nothing is new this week', async () => {
    const { harness } = await start({ clock: { now: () => new Date('2026-12-20T09:00:00Z') } });
    await harness.deliver(slackFixture('assistant-thread-started'));
    await harness.settle();
    const [prompts] = fake.callsTo('assistant.threads.setSuggestedPrompts');
    expect(prompts!.title).toBe('Start with the basics');
    expect(prompts!.prompts.map((p: any) => p.title)).toEqual(['Temperature', 'Token']);
  });

  it('answers in the thread: status, then startStream, appendStream and stopStream once each, with the answer', async () => {
    const { harness, model, placeholders } = await start();
    const release = holdMidStream(model);
    await harness.deliver(slackFixture('message-assistant'));
    // While the stream is open, it is recorded (in place of the status), so a crash now would be swept.
    await fake.waitFor(() => placeholders.open.some((p) => p.kind === 'stream'));
    expect(placeholders.open).toEqual([
      expect.objectContaining({ channel: 'D0DIRECT01', kind: 'stream', threadTs: '1760000900.000100' }),
    ]);
    release();
    await harness.settle();

    expect(fake.methods().filter((m) => STREAM_CALLS.has(m))).toEqual([
      'assistant.threads.setStatus',
      'assistant.threads.setStatus',
      'chat.startStream',
      'chat.appendStream',
      'chat.stopStream',
    ]);
    expect(fake.callsTo('assistant.threads.setStatus').map((c) => c.status)).toEqual([
      'Searching the library…',
      'Writing…',
    ]);
    const [started] = fake.callsTo('chat.startStream');
    const [append] = fake.callsTo('chat.appendStream');
    const [stop] = fake.callsTo('chat.stopStream');
    expect(started).toMatchObject({
      channel: 'D0DIRECT01',
      thread_ts: '1760000900.000100',
      recipient_user_id: 'U0ASKER001',
      recipient_team_id: 'T0TEAM001',
    });
    expect(`${started!.markdown_text}${append!.markdown_text}`).toBe(ANSWER);
    expect(stop!.markdown_text).toBeUndefined();
    expect(stop!.blocks.map((b: any) => b.block_id)).toEqual(['tutor_sources', 'tutor_feedback']);
    expect(stop!.blocks[0].elements[0].text).toBe('*Sources:* *Token* (How many tokens is a word?)');
    // No placeholder, and nothing left open.
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
    expect(fake.callsTo('chat.update')).toEqual([]);
    expect(placeholders.open).toEqual([]);
    expect(fake.callsTo('assistant.threads.setTitle')).toEqual([
      expect.objectContaining({
        channel_id: 'D0DIRECT01',
        thread_ts: '1760000900.000100',
        title: 'How many tokens is a word?',
      }),
    ]);
    expect(errorsIn(harness.logger)).toEqual([]);
  });

  it('falls back to a placeholder updated with chat.update when chat.startStream fails', async () => {
    const { harness, model, placeholders } = await start();
    fake.failNext('chat.startStream', 'not_allowed');
    await ask(model);
    const [placeholder] = fake.callsTo('chat.postMessage');
    expect(placeholder).toMatchObject({
      channel: 'D0DIRECT01',
      thread_ts: '1760000900.000100',
      text: PLACEHOLDER_TEXT,
    });
    const final = fake.callsTo('chat.update').at(-1)!;
    expect(final.ts).toBe(fake.messages.find((m) => m.text !== undefined && m.channel === 'D0DIRECT01')!.ts);
    expect(final.blocks.find((b: any) => b.block_id === 'tutor_answer_0').text.text).toBe(ANSWER);
    expect(final.blocks.map((b: any) => b.block_id)).toContain('tutor_feedback');
    expect(fake.callsTo('chat.appendStream')).toEqual([]);
    expect(fake.callsTo('chat.stopStream')).toEqual([]);
    expect(placeholders.open).toEqual([]);
    expect(errorsIn(harness.logger)).toEqual([]);
  });

  it('follows up with the thread as context, the streamed answer included, and keeps the first title', async () => {
    const { harness, model } = await start();
    model.script.push({ text: 'Roughly four characters of English each.' });
    await harness.deliver(slackFixture('assistant-thread-started'));
    await ask(model);
    // What Slack keeps of the person's first message; the fake stores only what the bot posts.
    const { event: asked } = slackFixture('message-assistant');
    fake.seedMessage({
      channel: asked.channel,
      ts: asked.ts,
      thread_ts: asked.thread_ts,
      user: asked.user,
      text: asked.text,
    });
    // Later than everything the fake posted (its timestamps are now).
    const followUp = slackFixture('message-assistant', {
      '1760000910.000100': `${Math.floor(Date.now() / 1000) + 60}.000100`,
      'How many tokens is a word?': 'And how many characters is a token?',
    });
    await ask(model, followUp);
    expect(model.requests[1]!.history).toEqual([
      { role: 'user', text: 'How many tokens is a word?' },
      { role: 'assistant', text: ANSWER },
    ]);
    expect(fake.callsTo('assistant.threads.setTitle')).toHaveLength(1);
  });

  it('never reads the channel the person is viewing, nor sends it to the model', async () => {
    const { harness, model } = await start();
    await harness.deliver(slackFixture('assistant-thread-started'));
    await harness.deliver(slackFixture('message-assistant'));
    await harness.settle();
    expect(JSON.stringify(fake.calls)).not.toContain('C0VIEWED01');
    expect(JSON.stringify(model.requests)).not.toContain('C0VIEWED01');
  });

  it('greets and answers once when Slack delivers the same events again', async () => {
    const { harness, model } = await start();
    await harness.deliver(slackFixture('assistant-thread-started'));
    await harness.deliver(slackFixture('assistant-thread-started'), { retryNum: 1 });
    await ask(model);
    await harness.deliver(slackFixture('message-assistant'), { retryNum: 1 });
    await harness.deliver(slackFixture('assistant-thread-started'), { retryNum: 2 });
    await harness.settle();
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(fake.callsTo('assistant.threads.setSuggestedPrompts')).toHaveLength(1);
    expect(fake.callsTo('chat.startStream')).toHaveLength(1);
    expect(model.requests).toHaveLength(1);
  });

  it('drops a malformed assistant event with a warning and calls nothing', async () => {
    const { harness } = await start();
    const broken = slackFixture('assistant-thread-started');
    delete broken.event.assistant_thread.thread_ts;
    await harness.deliver(broken);
    const noThread = slackFixture('assistant-thread-started');
    delete noThread.event.assistant_thread;
    await harness.deliver(noThread);
    await harness.settle();
    expect(
      fake.calls.filter((c) => c.method !== 'auth.test' && c.method !== 'apps.connections.open'),
    ).toEqual([]);
    expect(harness.logger.lines.filter((l) => l.message === 'ignored a malformed assistant event')).toEqual([
      expect.objectContaining({ fields: expect.objectContaining({ missing: 'assistant_thread.thread_ts' }) }),
      expect.objectContaining({
        fields: expect.objectContaining({
          missing: 'assistant_thread.channel_id, assistant_thread.thread_ts, assistant_thread.user_id',
        }),
      }),
    ]);
    expect(errorsIn(harness.logger)).toEqual([]);
  });

  it('stays silent for its own messages and edits in an assistant thread', async () => {
    const { harness, model } = await start();
    const own = slackFixture('message-assistant');
    own.event.user = FAKE_BOT.botUserId;
    own.event.bot_id = FAKE_BOT.botId;
    await harness.deliver(own);
    const edit = slackFixture('message-assistant', { '1760000910.000100': '1760000930.000100' });
    edit.event.subtype = 'message_changed';
    await harness.deliver(edit);
    await harness.settle();
    expect(model.requests).toEqual([]);
    expect(fake.calls.filter((c) => c.method.startsWith('chat.'))).toEqual([]);
  });
});

describe('the agent view over signed HTTP: forged and replayed requests', () => {
  let harness: SlackHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    fake.reset();
  });

  it('refuses forged and stale (replayed) assistant events with 401 and calls nothing', async () => {
    const fixture = await createFixtureTutor(createScriptedModel());
    harness = await startSlackHarness({
      fake,
      tutor: fixture.tutor,
      questionLog: fixture.log,
      library: fixture.library,
      settings: { streaming: true },
    });
    for (const name of ['assistant-thread-started', 'message-assistant']) {
      const forged = await harness.send.event(slackFixture(name), { signature: 'v0=forged' });
      const stale = await harness.send.event(slackFixture(name), {
        timestamp: Math.floor(Date.now() / 1000) - 10 * 60,
      });
      expect([forged.status, stale.status]).toEqual([401, 401]);
    }
    await harness.settle();
    expect(fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  });
});
