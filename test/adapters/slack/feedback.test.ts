import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MemoryQuestionLog } from '../../../src/core/memory/memory-question-log.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../fakes/fake-slack-api.js';
import { createFixtureTutor } from '../../fakes/fixture-tutor.js';
import { createScriptedModel } from './support/scripted-model.js';
import { errorsIn, type SlackHarness, startSlackHarness } from './support/slack-harness.js';
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

async function start(): Promise<{ harness: SlackHarness; log: MemoryQuestionLog }> {
  const fixture = await createFixtureTutor(createScriptedModel());
  harness = await startSlackHarness({ fake, tutor: fixture.tutor, questionLog: fixture.log });
  return { harness, log: fixture.log };
}

/** Asks through a mention and returns the question id on the rendered buttons. */
async function askAndReadButtons(h: SlackHarness): Promise<string> {
  await h.send.event(slackFixture('app-mention'));
  await h.settle();
  const feedback = fake.callsTo('chat.update')[0]!.blocks.find((b: any) => b.block_id === 'tutor_feedback');
  return feedback.elements[0].value;
}

function click(actionId: 'tutor_feedback_helpful' | 'tutor_feedback_not_helpful', questionId: string) {
  const payload = slackFixture('block-actions-feedback', { QUESTION_ID: questionId });
  payload.actions[0].action_id = actionId;
  payload.response_url = fake.responseUrl('actions/1');
  return payload;
}

describe('feedback buttons and the reason modal', () => {
  it('stores 👍 in the question log and thanks the person privately in the thread', async () => {
    const { harness, log } = await start();
    const questionId = await askAndReadButtons(harness);
    expect((await harness.send.interaction(click('tutor_feedback_helpful', questionId))).status).toBe(200);
    await harness.settle();
    expect(await log.get(questionId)).toMatchObject({ feedback: 1, feedbackReason: null });
    expect(fake.callsTo('chat.postEphemeral')).toEqual([
      expect.objectContaining({
        channel: 'C0GENERAL1',
        user: 'U0ASKER001',
        thread_ts: '1760000100.000200',
        text: 'Thanks for the feedback! Glad it helped.',
      }),
    ]);
    expect(fake.callsTo('views.open')).toEqual([]);
  });

  it('stores 👎 at once, opens the modal, and stores the reason submitted from it', async () => {
    const { harness, log } = await start();
    const questionId = await askAndReadButtons(harness);
    await harness.send.interaction(click('tutor_feedback_not_helpful', questionId));
    await harness.settle();
    expect(await log.get(questionId)).toMatchObject({ feedback: -1, feedbackReason: null });

    const [opened] = fake.callsTo('views.open');
    expect(opened!.trigger_id).toBe('7712345678905.7700000000001.5e4d3c2b1a0f9e8d7c6b5a4938271605');
    expect(opened!.view).toMatchObject({ type: 'modal', callback_id: 'tutor_feedback_reason' });
    expect(JSON.parse(opened!.view.private_metadata)).toEqual({
      questionId,
      channel: 'C0GENERAL1',
      threadTs: '1760000100.000200',
    });

    const submission = slackFixture('view-submission-feedback');
    submission.view.private_metadata = opened!.view.private_metadata;
    const response = await harness.send.interaction(submission);
    expect(response.status).toBe(200);
    // An empty 200 closes the modal.
    expect(await response.text()).toBe('');
    await harness.settle();
    expect(await log.get(questionId)).toMatchObject({
      feedback: -1,
      feedbackReason: 'It was wrong; It was hard to understand: The example contradicts the FAQ.',
    });
    expect(fake.callsTo('chat.postEphemeral').at(-1)).toMatchObject({
      user: 'U0ASKER001',
      thread_ts: '1760000100.000200',
      text: "Thanks, that goes straight to the library's editors.",
    });
    expect(errorsIn(harness.logger)).toEqual([]);
  });

  it('keeps the 👎 when the modal is submitted empty', async () => {
    const { harness, log } = await start();
    const questionId = await askAndReadButtons(harness);
    const submission = slackFixture('view-submission-feedback', { QUESTION_ID: questionId });
    submission.view.state.values = {
      reasons: { reasons: { type: 'checkboxes', selected_options: [] } },
      details: { details: { type: 'plain_text_input', value: null } },
    };
    await harness.send.interaction(submission);
    await harness.settle();
    expect(await log.get(questionId)).toMatchObject({ feedback: -1, feedbackReason: null });
  });

  it('says so when the answer is no longer in the question log', async () => {
    const { harness } = await start();
    await harness.send.interaction(click('tutor_feedback_helpful', 'no-such-question'));
    await harness.settle();
    expect(fake.callsTo('chat.postEphemeral')[0]!.text).toMatch(
      /couldn't find that answer in the question log/,
    );
  });

  it('falls back to response_url where the bot cannot post an ephemeral message', async () => {
    const { harness, log } = await start();
    const { id } = await log.record({
      text: 'q',
      platform: 'slack',
      userHash: 'h',
      mode: 'ai',
      covered: true,
      sources: [],
      usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
      latencyMs: 1,
    });
    fake.failNext('chat.postEphemeral', 'channel_not_found');
    await harness.send.interaction(click('tutor_feedback_helpful', id));
    await harness.settle();
    expect(fake.responses.map((r) => r.body)).toEqual([
      {
        response_type: 'ephemeral',
        replace_original: false,
        text: 'Thanks for the feedback! Glad it helped.',
      },
    ]);
  });
});
