import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryOpenPlaceholders } from '../../../src/core/memory/memory-open-placeholders.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../fakes/fake-slack-api.js';
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
  const model = createScriptedModel({ chunks: 2 });
  model.script = [{ text: ANSWER }];
  const fixture = await createFixtureTutor(model);
  const placeholders = createMemoryOpenPlaceholders();
  harness = await startSlackHarness({
    fake,
    tutor: fixture.tutor,
    questionLog: fixture.log,
    openPlaceholders: placeholders,
    settings: { streaming: true, draftIntervalMs: 5 },
    ...overrides,
  });
  return { harness, model, placeholders, log: fixture.log };
}

/** Delivers an event and lets the model finish once a stream was asked for (see assistant.test.ts). */
async function deliverStreamed(model: ScriptedModel, payload: unknown): Promise<void> {
  let release!: () => void;
  model.midStream = new Promise((resolve) => (release = resolve));
  await harness!.deliver(payload);
  await fake.waitFor(() => fake.callsTo('chat.startStream').length > 0);
  release();
  await harness!.settle();
}

describe('native streaming for mentions and DMs', () => {
  it('streams a channel mention into its thread, naming the recipient user and team as Slack requires', async () => {
    const { harness, model, placeholders } = await start();
    await deliverStreamed(model, slackFixture('app-mention'));
    const [started] = fake.callsTo('chat.startStream');
    expect(started).toMatchObject({
      channel: 'C0GENERAL1',
      thread_ts: '1760000100.000200',
      recipient_user_id: 'U0ASKER001',
      recipient_team_id: 'T0TEAM001',
    });
    const streamed = fake.messages.find((m) => m.ts === fake.callsTo('chat.stopStream')[0]!.ts)!;
    expect(streamed.text).toBe(ANSWER);
    expect(streamed.streaming).toBe(false);
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
    expect(placeholders.open).toEqual([]);
    expect(errorsIn(harness.logger)).toEqual([]);
  });

  it('streams a DM into the thread of the message', async () => {
    const { model } = await start();
    await deliverStreamed(model, slackFixture('message-im'));
    expect(fake.callsTo('chat.startStream')[0]).toMatchObject({
      channel: 'D0DIRECT01',
      thread_ts: '1760000400.000100',
    });
    expect(fake.callsTo('chat.stopStream')).toHaveLength(1);
  });

  it('uses the placeholder in a channel when the asker’s team is unknown (Slack would refuse the stream)', async () => {
    const { harness } = await start();
    const mention = slackFixture('app-mention');
    delete mention.event.team;
    delete mention.team_id;
    await harness.deliver(mention);
    await harness.settle();
    expect(fake.callsTo('chat.startStream')).toEqual([]);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(fake.callsTo('chat.update').at(-1)!.blocks[0].block_id).toBe('tutor_answer_0');
  });

  it('posts an answer that was never streamed (quoted from the library) whole, after the status', async () => {
    const fixture = await createFixtureTutor(null);
    const { harness } = await start({ tutor: fixture.tutor, questionLog: fixture.log });
    await harness.deliver(slackFixture('app-mention'));
    await harness.settle();
    expect(fake.methods().filter((m) => m !== 'auth.test')).toEqual([
      'assistant.threads.setStatus',
      'chat.postMessage',
    ]);
    const [posted] = fake.callsTo('chat.postMessage');
    expect(posted!.thread_ts).toBe('1760000100.000200');
    expect(posted!.blocks.map((b: any) => b.block_id)).toContain('tutor_sources');
  });

  it('replaces a stream whose final answer is not what was streamed (an uncited answer becomes a quote)', async () => {
    const { harness, model, placeholders } = await start();
    model.script = [{ text: ANSWER, cite: false }];
    await deliverStreamed(model, slackFixture('app-mention'));
    const ts = fake.callsTo('chat.startStream').length === 1 ? fake.messages[0]!.ts : '';
    expect(fake.callsTo('chat.stopStream')).toEqual([expect.objectContaining({ ts })]);
    expect(fake.callsTo('chat.stopStream')[0]!.blocks).toBeUndefined();
    const [update] = fake.callsTo('chat.update');
    expect(update!.ts).toBe(ts);
    expect(update!.blocks.some((b: any) => b.block_id === 'tutor_notice')).toBe(true);
    expect(placeholders.open).toEqual([]);
    expect(errorsIn(harness.logger)).toEqual([]);
  });

  it('stops and replaces the stream when appending fails half-way', async () => {
    const { harness, model } = await start();
    fake.failNext('chat.appendStream', 'message_not_in_streaming_state');
    await deliverStreamed(model, slackFixture('app-mention'));
    expect(fake.callsTo('chat.appendStream')).toHaveLength(1);
    const update = fake.callsTo('chat.update').at(-1)!;
    expect(update.blocks.find((b: any) => b.block_id === 'tutor_answer_0').text.text).toBe(ANSWER);
    expect(update.blocks.map((b: any) => b.block_id)).toContain('tutor_feedback');
    // Whether the draft or the finish appended last depends on timing; either way it is logged.
    const warned = harness.logger.lines.filter((l) => l.level === 'warn').map((l) => l.message);
    expect(
      warned.filter((m) =>
        [
          'could not append to the stream; the answer will replace it when done',
          'could not finish the stream; replacing it with the answer',
        ].includes(m),
      ),
    ).toHaveLength(1);
  });

  it('posts the answer under the stream when Slack will not update it', async () => {
    const { model } = await start();
    fake.failNext('chat.stopStream', 'internal_error');
    fake.failNext('chat.update', 'cant_update_message');
    model.script = [{ text: ANSWER, cite: false }];
    await deliverStreamed(model, slackFixture('app-mention'));
    const posted = fake.callsTo('chat.postMessage');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.thread_ts).toBe('1760000100.000200');
  });

  it('neutralises mention syntax in streamed text, so an answer can never ping anyone', async () => {
    const { model } = await start();
    model.script = [{ text: 'Say <!channel> or <@U0BOSS> in a prompt and nothing pings.' }];
    await deliverStreamed(model, slackFixture('app-mention'));
    const streamed =
      fake.callsTo('chat.startStream')[0]!.markdown_text +
      (fake.callsTo('chat.appendStream')[0]?.markdown_text ?? '');
    expect(streamed).not.toMatch(/<[!@#]/);
    expect(streamed.replaceAll('\u200B', '')).toBe(
      'Say <!channel> or <@U0BOSS> in a prompt and nothing pings.',
    );
  });
});
