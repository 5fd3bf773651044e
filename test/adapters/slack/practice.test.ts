import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryPracticeStore } from '../../../src/core/memory/memory-practice-store.js';
import { createPracticeService } from '../../../src/core/practice/practice-service.js';
import { createReviewScheduler } from '../../../src/core/practice/review-scheduler.js';
import { practiceLibrary } from '../../core/practice/practice-library.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../fakes/fake-slack-api.js';
import { createFixtureTutor } from '../../fakes/fixture-tutor.js';
import { errorsIn, type SlackHarness, startSlackHarness } from './support/slack-harness.js';
import { slackFixture } from './support/slack-requests.js';

const library = await practiceLibrary();
const itemByQuestion = (text: string) =>
  library.concepts.flatMap((c) => c.checkYourself).find((i) => text.includes(`*${i.question}*`))!;

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

async function start(): Promise<SlackHarness> {
  const fixture = await createFixtureTutor(null);
  const practice = createPracticeService({
    store: createMemoryPracticeStore(),
    scheduler: createReviewScheduler(),
    clock: { now: () => new Date() },
    library: () => library,
    newId: randomUUID,
  });
  harness = await startSlackHarness({
    fake,
    tutor: fixture.tutor,
    questionLog: fixture.log,
    practice,
    settings: { publicUrl: 'https://tutor.example.com' },
  });
  return harness;
}

/** Runs /practice (or /quiz) and returns the ephemeral question it responded with. */
async function showQuestion(h: SlackHarness, name = '/practice') {
  const fields: Record<string, string> = {
    ...slackFixture<Record<string, string>>('command-subscribe'),
    command: name,
    text: '',
  };
  fields.response_url = fake.responseUrl('cmd/1');
  const response = await h.send.command(fields);
  expect(response.status).toBe(200);
  await h.settle();
  const body = fake.responses.at(-1)!.body;
  expect(body.response_type).toBe('ephemeral');
  const buttons = body.blocks.find((b: any) => b.type === 'actions').elements;
  return { body, buttons, item: itemByQuestion(body.blocks[0].text.text) };
}

/** A signed block_actions click on one of our buttons, as Slack would send it. */
function click(actionId: string, value?: string, userId = 'U0ASKER001') {
  const payload = slackFixture<any>('block-actions-feedback', { QUESTION_ID: value ?? '' });
  payload.actions[0].action_id = actionId;
  payload.actions[0].block_id = 'tutor_practice';
  if (value === undefined) delete payload.actions[0].value;
  payload.user.id = userId;
  payload.container.is_ephemeral = true;
  payload.response_url = fake.responseUrl('actions/1');
  return payload;
}

async function press(h: SlackHarness, payload: unknown) {
  const before = fake.responses.length;
  expect((await h.send.interaction(payload)).status).toBe(200);
  await h.settle();
  expect(fake.responses.length).toBe(before + 1);
  return fake.responses.at(-1)!.body;
}

describe('Slack /practice and /quiz', () => {
  it('sends the next question only to the asker, with a button per option, and grades a click', async () => {
    const h = await start();
    const { buttons, item } = await showQuestion(h);
    expect(buttons.map((b: any) => b.text.text)).toEqual(['A', 'B', 'C', 'D'].slice(0, item.choices.length));
    const feedback = await press(h, click(buttons[item.correct].action_id, buttons[item.correct].value));
    expect(feedback.replace_original).toBe(true);
    const text = feedback.blocks[0].text.text;
    expect(text).toContain(':white_check_mark: Right.');
    expect(text).toContain(item.explanation);
    expect(text).toMatch(/<https:\/\/tutor\.example\.com\/concepts\/[\w-]+\|/);
    const after = feedback.blocks
      .find((b: any) => b.type === 'actions')
      .elements.map((b: any) => b.text.text);
    expect(after).toEqual(['Next question', 'Stop']);

    const next = await press(h, click('tutor_practice_next'));
    expect(itemByQuestion(next.blocks[0].text.text).id).not.toBe(item.id);
    const stop = await press(h, click('tutor_practice_stop'));
    expect(stop.text).toMatch(/^Stopped/);
    expect(errorsIn(h.logger)).toEqual([]);
  });

  it('answers /quiz as an alias', async () => {
    const h = await start();
    const { item } = await showQuestion(h, '/quiz');
    expect(item).toBeDefined();
  });

  it('grades a replayed click once: a later click on another option shows the first result', async () => {
    const h = await start();
    const { buttons, item } = await showQuestion(h);
    const wrong = (item.correct + 1) % item.choices.length;
    const first = await press(h, click(buttons[wrong].action_id, buttons[wrong].value));
    expect(first.blocks[0].text.text).toContain(':x: Not quite.');
    const again = await press(h, click(buttons[item.correct].action_id, buttons[item.correct].value));
    expect(again.blocks[0].text.text).toContain(':x: Not quite.');
  });

  it("refuses forged, malformed and other people's clicks without grading them", async () => {
    const h = await start();
    const { buttons, item } = await showQuestion(h);
    const right = buttons[item.correct];
    expect((await press(h, click(right.action_id, `${randomUUID()}:0`))).text).toMatch(/no longer open/);
    expect((await press(h, click(right.action_id, 'not a value'))).text).toMatch(/no longer open/);
    expect((await press(h, click(right.action_id, right.value, 'U0SOMEONE9'))).text).toMatch(
      /no longer open/,
    );
    const own = await press(h, click(right.action_id, right.value));
    expect(own.blocks[0].text.text).toContain(':white_check_mark: Right.');
  });

  it('rejects an unsigned click before any listener runs', async () => {
    const h = await start();
    const { buttons, item } = await showQuestion(h);
    const before = fake.responses.length;
    const response = await h.send.interaction(
      click(buttons[item.correct].action_id, buttons[item.correct].value),
      {
        signature: 'v0=forged',
      },
    );
    expect(response.status).toBe(401);
    expect(fake.responses.length).toBe(before);
  });
});
