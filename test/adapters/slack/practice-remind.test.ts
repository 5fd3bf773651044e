import { randomUUID } from 'node:crypto';
import { webApi } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSlackReminderSender } from '../../../src/adapters/slack/reminders/slack-reminder-sender.js';
import { createMemoryPracticeStore } from '../../../src/core/memory/memory-practice-store.js';
import { createMemoryReminderStore } from '../../../src/core/memory/memory-reminder-store.js';
import { chatLearner } from '../../../src/core/practice/learner-id.js';
import { createPracticeService } from '../../../src/core/practice/practice-service.js';
import { createReminderJob } from '../../../src/core/practice/reminders/reminder-job.js';
import { createReminderSettings } from '../../../src/core/practice/reminders/reminder-settings.js';
import { createReviewScheduler } from '../../../src/core/practice/review-scheduler.js';
import { manualClock, practiceLibrary } from '../../core/practice/practice-library.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../fakes/fake-slack-api.js';
import { createFixtureTutor } from '../../fakes/fixture-tutor.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { BOT_TOKEN, errorsIn, type SlackHarness, startSlackHarness } from './support/slack-harness.js';
import { slackFixture } from './support/slack-requests.js';

const library = await practiceLibrary();
const USER = 'U0ASKER001';
const learner = chatLearner('slack-test-salt-0123', 'slack', USER);

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

async function start(options: { withReminders?: boolean } = {}) {
  // 06:00 UTC on 1 December: 07:00 in Berlin.
  const clock = manualClock(new Date('2026-12-01T06:00:00Z'));
  const practiceStore = createMemoryPracticeStore();
  const reminderStore = createMemoryReminderStore(practiceStore);
  const practice = createPracticeService({
    store: practiceStore,
    scheduler: createReviewScheduler(),
    clock,
    library: () => library,
    newId: randomUUID,
  });
  const fixture = await createFixtureTutor(null);
  harness = await startSlackHarness({
    fake,
    tutor: fixture.tutor,
    questionLog: fixture.log,
    practice,
    reminders:
      options.withReminders === false
        ? null
        : { settings: createReminderSettings({ store: reminderStore, clock }), fallbackZone: 'UTC' },
  });
  return { h: harness, clock, practice, practiceStore, reminderStore };
}

function remindFields(text: string, userId = USER) {
  return {
    ...slackFixture<Record<string, string>>('command-subscribe'),
    command: '/practice',
    text,
    user_id: userId,
    response_url: fake.responseUrl('cmd/remind'),
  };
}

/** Sends a signed `/practice <text>` and returns the ephemeral reply's text. */
async function remind(h: SlackHarness, text: string, userId = USER): Promise<string> {
  const before = fake.responses.length;
  expect((await h.send.command(remindFields(text, userId))).status).toBe(200);
  await h.settle();
  expect(fake.responses.length).toBe(before + 1);
  const body = fake.responses.at(-1)!.body;
  expect(body.response_type).toBe('ephemeral');
  return body.text;
}

describe('Slack /practice remind', () => {
  it('opts in at a time in the member’s Slack time zone, shows it, and opts out', async () => {
    const { h, reminderStore } = await start();
    fake.users.set(USER, { tz: 'Europe/Berlin' });
    expect(await remind(h, 'remind')).toMatch(
      /^Review reminders are off\. Turn them on with `\/practice remind 9:00`/,
    );
    const set = await remind(h, 'remind 9am');
    expect(set).toContain('at 09:00 (Europe/Berlin)');
    expect(set).toContain('starting today');
    expect(set).toContain('`/practice remind off`');
    expect(fake.callsTo('users.info')).toEqual([expect.objectContaining({ user: USER })]);
    expect(await reminderStore.find(learner)).toMatchObject({
      platform: 'slack',
      target: USER,
      minutes: 540,
      zone: 'Europe/Berlin',
      startsOn: '2026-12-01',
    });
    expect(await remind(h, 'remind 17:30')).toContain('at 17:30 (Europe/Berlin)');
    expect(await remind(h, 'remind')).toMatch(
      /^Your review reminder is on: a DM at 17:30 \(Europe\/Berlin\)/,
    );
    expect(await remind(h, 'remind off')).toMatch(
      /^Review reminders are off; I've deleted your reminder setting/,
    );
    expect(await reminderStore.find(learner)).toBeNull();
    expect(await remind(h, 'remind off')).toMatch(/already off/);
    // Nothing was ever posted to the member: replies go through the response_url only.
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
    expect(errorsIn(h.logger)).toEqual([]);
  });

  it('falls back to the team zone when Slack gives none, and says so', async () => {
    const { h, reminderStore } = await start();
    fake.users.set(USER, {});
    expect(await remind(h, 'remind 5:30pm')).toMatch(/at 17:30 \(UTC\).*used the team's, UTC/);
    expect((await reminderStore.find(learner))?.zone).toBe('UTC');
  });

  it.each([
    [
      'remind 25:00',
      /"25:00" has an hour above 23\. Write a time of day such as 9:00, 09:00, 17:30, 9am or 5:30pm/,
    ],
    ['remind soon', /"soon" is not a time/],
    ['remind 9:75', /minutes above 59/],
  ])('refuses %j with the accepted formats and stores nothing', async (text, message) => {
    const { h, reminderStore } = await start();
    expect(await remind(h, text)).toMatch(message);
    expect(await reminderStore.find(learner)).toBeNull();
  });

  it('says reminders are unavailable without a database', async () => {
    const { h } = await start({ withReminders: false });
    expect(await remind(h, 'remind 9:00')).toMatch(/not available here/);
  });

  it('changes nothing for a forged or replayed command', async () => {
    const { h, reminderStore } = await start();
    const fields = remindFields('remind 9:00');
    expect((await h.send.command(fields, { signature: 'v0=forged' })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await h.send.command(fields, { timestamp: stale })).status).toBe(401);
    await h.settle();
    expect(await reminderStore.find(learner)).toBeNull();
    expect(fake.responses).toEqual([]);
  });
});

describe('Slack review reminder DM', () => {
  it('DMs an opted-in member with items due once, with Practice now that starts the practice flow', async () => {
    const { h, clock, practice, reminderStore } = await start();
    fake.users.set(USER, { tz: 'Europe/Berlin' });
    fake.users.set('U0OTHER002', { tz: 'Europe/Berlin' });
    await remind(h, 'remind 9:00');
    // Two questions due for the member; the other person has items due but never opted in.
    for (const who of [learner, chatLearner('slack-test-salt-0123', 'slack', 'U0OTHER002')]) {
      for (let i = 0; i < 2; i++) {
        const next = await practice.next(who);
        if (!next.item) throw new Error('no item');
        await practice.answer(who, { shownId: next.shownId, choice: (next.item.correct + 1) % 3 });
      }
    }
    const client = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: fake.apiUrl });
    const job = createReminderJob({
      store: reminderStore,
      senders: { slack: createSlackReminderSender(client) },
      clock,
      library: () => library,
      worker: 'test',
      logger: createRecordingLogger(),
    });
    clock.advance(90 * 60_000); // 08:30 Berlin: not yet
    expect((await job.run()).sent).toBe(0);
    clock.advance(60 * 60_000); // 09:30 Berlin; the misses are due again by now
    expect((await job.run()).sent).toBe(1);
    expect((await job.run()).sent).toBe(0);
    expect(fake.callsTo('conversations.open')).toEqual([expect.objectContaining({ users: USER })]);
    const posts = fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.channel).toBe('D0ASKER001');
    expect(posts[0]!.text).toBe(
      '2 questions are due for review. A few minutes of recall now keeps them fresh.',
    );
    const blocks = posts[0]!.blocks;
    const button = blocks.find((b: any) => b.type === 'actions').elements[0];
    expect(button.text.text).toBe('Practice now');
    expect(JSON.stringify(blocks)).toContain('/practice remind off');

    // The click arrives as a signed block_actions from the DM and is answered with a question.
    const payload = slackFixture<any>('block-actions-feedback', { QUESTION_ID: '' });
    payload.actions[0].action_id = button.action_id;
    payload.actions[0].block_id = 'tutor_practice_reminder';
    delete payload.actions[0].value;
    payload.user.id = USER;
    payload.response_url = fake.responseUrl('actions/reminder');
    expect((await h.send.interaction(payload)).status).toBe(200);
    await h.settle();
    const reply = fake.responses.at(-1)!.body;
    expect(reply.replace_original).toBe(true);
    expect(reply.blocks.find((b: any) => b.type === 'actions').block_id).toBe('tutor_practice');
    expect(errorsIn(h.logger)).toEqual([]);
  });

  it('records a member who cannot be DMed as a permanent failure, not retried that day', async () => {
    const { h, clock, practice, reminderStore } = await start();
    fake.users.set(USER, { tz: 'UTC' });
    await remind(h, 'remind 7:00');
    const next = await practice.next(learner);
    if (!next.item) throw new Error('no item');
    await practice.answer(learner, { shownId: next.shownId, choice: (next.item.correct + 1) % 3 });
    const client = new webApi.WebClient(BOT_TOKEN, {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
    });
    const logger = createRecordingLogger();
    const job = createReminderJob({
      store: reminderStore,
      senders: { slack: createSlackReminderSender(client) },
      clock,
      library: () => library,
      worker: 'test',
      logger,
    });
    clock.advance(2 * 3_600_000);
    fake.failNext('conversations.open', 'user_disabled');
    expect(await job.run()).toMatchObject({ claimed: 1, failed: 1, sent: 0 });
    expect(await job.run()).toMatchObject({ claimed: 0, sent: 0 });
    expect(logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        fields: expect.objectContaining({ permanent: true, error: 'user_disabled' }),
      }),
    );
  });
});
