import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiModel } from '../../../src/adapters/llm/openai-model.js';
import { APOLOGY } from '../../../src/core/chat/user-replies.js';
import {
  closedPortUrl,
  type FakeOpenAiServer,
  startFakeOpenAiServer,
} from '../../fakes/fake-openai-server.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../fakes/fake-slack-api.js';
import { createFixtureTutor } from '../../fakes/fixture-tutor.js';
import { CASE_QUESTION, PROVIDER_CASES } from '../../fakes/openai-provider-cases.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { errorsIn, type SlackHarness, startSlackHarness } from './support/slack-harness.js';
import { slackFixture } from './support/slack-requests.js';

let slack: FakeSlackApi;
let server: FakeOpenAiServer;
let harness: SlackHarness | undefined;
beforeAll(async () => {
  [slack, server] = await Promise.all([startFakeSlackApi(), startFakeOpenAiServer()]);
});
afterAll(async () => {
  await Promise.all([slack.close(), server.close()]);
});
beforeEach(() => {
  server.requests.length = 0;
});
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  slack.reset();
});

/** A real Bolt app whose tutor answers through the real openai SDK and the fake server. */
async function start(baseURL = server.url) {
  const model = createOpenAiModel({
    baseURL,
    model: 'llama3.1:8b',
    timeoutMs: 5000,
    maxRetries: 2,
    streamRetryDelayMs: 10,
    logger: createRecordingLogger(),
  });
  const fixture = await createFixtureTutor(model);
  harness = await startSlackHarness({
    fake: slack,
    tutor: fixture.tutor,
    questionLog: fixture.log,
    // Drafts often, so streamed text reaches Slack while the answer is written.
    settings: { draftIntervalMs: 1 },
  });
  return { harness, fixture };
}

/** The final message's blocks: the last chat.update. */
function finalBlocks(): any[] {
  return slack.callsTo('chat.update').at(-1)!.blocks;
}

const answerText = (blocks: any[]) =>
  blocks
    .filter((b) => b.block_id?.startsWith('tutor_answer_'))
    .map((b) => b.text.text)
    .join('\n');

describe('Slack (signed events to the real Bolt receiver) with LLM_PROVIDER=openai', () => {
  it.each(PROVIDER_CASES)('$name', async (c) => {
    const { harness, fixture } = await start();
    server.enqueue(...c.replies);
    const event = slackFixture('app-mention');
    expect(event.event.text).toContain(CASE_QUESTION);
    expect((await harness.send.event(event)).status).toBe(200);
    await harness.settle();

    expect(server.requestsTo('/v1/chat/completions')).toHaveLength(c.requests);
    const blocks = finalBlocks();
    expect(answerText(blocks)).toContain(c.shows.replace(/\*\*/g, '*'));
    const sources = blocks.find((b) => b.block_id === 'tutor_sources').elements[0].text;
    for (const slug of c.sources) expect(sources.toLowerCase()).toContain(slug);
    if (c.notice) expect(JSON.stringify(blocks)).toMatch(c.notice);
    expect(fixture.log.entries[0]).toMatchObject({ mode: c.mode, platform: 'slack' });
    // No marker reaches Slack, in drafts or in the answer.
    for (const update of slack.callsTo('chat.update'))
      expect(JSON.stringify(update.blocks)).not.toMatch(/\[\d+\]/);
    expect(errorsIn(harness.logger)).toEqual([]);
  });

  it('shows the streamed text, markers stripped, in a draft before the final answer', async () => {
    const { harness } = await start();
    let resume!: () => void;
    server.enqueue({
      kind: 'answer',
      text: 'About three quarters [1] of a word per token [1].',
      pauseAfter: 24,
      resume: new Promise((resolve) => (resume = resolve)),
    });
    await harness.send.event(slackFixture('app-mention'));
    const draftText = (u: Record<string, any>) =>
      u.blocks.find((b: any) => b.block_id === 'tutor_answer_draft')?.text.text as string | undefined;
    // While the model is paused mid-answer, the placeholder shows what it has written so far.
    await slack.waitFor(() =>
      slack.callsTo('chat.update').some((u) => draftText(u) === 'About three quarters'),
    );
    resume();
    await harness.settle();
    expect(answerText(finalBlocks())).toBe('About three quarters of a word per token.');
    expect(
      slack
        .callsTo('chat.update')
        .flatMap((u) => draftText(u) ?? [])
        .join(' '),
    ).not.toContain('[');
  });

  it('quotes the library when the model server is down, never an apology or an error', async () => {
    const { harness, fixture } = await start(await closedPortUrl());
    await harness.send.event(slackFixture('app-mention'));
    await harness.settle();
    const blocks = finalBlocks();
    expect(answerText(blocks)).toContain('three quarters of a word per token');
    expect(JSON.stringify(blocks)).toMatch(/The AI service is not responding right now/);
    expect(JSON.stringify(slack.calls)).not.toContain(APOLOGY);
    expect(fixture.log.entries[0]).toMatchObject({ mode: 'extractive' });
    expect(errorsIn(harness.logger)).toEqual([]);
  });
});
