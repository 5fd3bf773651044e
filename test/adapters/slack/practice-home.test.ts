import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NOTHING_TO_QUIZ } from '../../../src/adapters/slack/listeners/actions/quiz-later.js';
import { HOME_IDS, QUIZ_LATER_ACTION } from '../../../src/adapters/slack/render/slack-message.js';
import { createMemoryPracticeStore } from '../../../src/core/memory/memory-practice-store.js';
import { createPracticeService } from '../../../src/core/practice/practice-service.js';
import { createReviewScheduler } from '../../../src/core/practice/review-scheduler.js';
import { manualClock, practiceLibrary } from '../../core/practice/practice-library.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../fakes/fake-slack-api.js';
import { createFixtureTutor } from '../../fakes/fixture-tutor.js';
import { errorsIn, type SlackHarness, startSlackHarness } from './support/slack-harness.js';
import { slackFixture } from './support/slack-requests.js';

const library = await practiceLibrary();
const quizzable = library.concepts.find((c) => c.checkYourself.length > 0)!;

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

async function start() {
  const fixture = await createFixtureTutor(null);
  // Real time on the service's clock (Bolt checks timestamps against it); the home cache shares it.
  const clock = manualClock(new Date());
  const practice = createPracticeService({
    store: createMemoryPracticeStore(),
    scheduler: createReviewScheduler(),
    clock,
    library: () => library,
    newId: randomUUID,
  });
  harness = await startSlackHarness({
    fake,
    tutor: fixture.tutor,
    questionLog: fixture.log,
    library,
    practice,
    clock,
    settings: { publicUrl: 'https://tutor.example.com' },
  });
  return { h: harness, practice, clock };
}

/** "Quiz me on this later" under an answer in #general, as Slack signs it. */
function quizClick(slug: string) {
  const payload = slackFixture<any>('block-actions-feedback', { QUESTION_ID: '' });
  payload.actions[0].action_id = QUIZ_LATER_ACTION;
  payload.actions[0].block_id = 'tutor_quiz_later';
  payload.actions[0].value = slug;
  payload.response_url = fake.responseUrl('actions/quiz');
  return payload;
}

function homeClick(actionId: string) {
  return slackFixture<any>('block-actions-home', { ACTION_ID: actionId });
}

const ephemerals = () => fake.callsTo('chat.postEphemeral').map((c) => String(c.text));
const practiceText = (view: any): string => {
  const i = view.blocks.findIndex((b: any) => b.type === 'header' && b.text.text === 'Practice');
  return JSON.stringify(view.blocks.slice(i, i + 4));
};

async function openHome(h: SlackHarness) {
  await h.deliver(slackFixture('app-home-opened'));
  await h.settle();
  return fake.homes.get('U0ASKER001');
}

describe('Slack "Quiz me on this later"', () => {
  it('queues the cited article for the clicker, tells only them how to start, and is idempotent on a double click', async () => {
    const { h, practice } = await start();
    await h.interact(quizClick(quizzable.slug));
    await h.interact(quizClick(quizzable.slug));
    await h.settle();
    const [first, second] = ephemerals();
    expect(first).toContain(`Added ${quizzable.checkYourself.length} question`);
    expect(first).toContain(quizzable.title);
    expect(first).toContain('/practice');
    expect(second).toBe(
      `${quizzable.title} is already in your practice. Type \`/practice\` when you're ready.`,
    );
    expect(fake.callsTo('chat.postEphemeral')[0]).toMatchObject({
      user: 'U0ASKER001',
      channel: 'C0GENERAL1',
    });
    const summary = await practice.summary(h.deps.learnerOf('U0ASKER001'));
    expect(summary).toMatchObject({
      due: quizzable.checkYourself.length,
      started: quizzable.checkYourself.length,
    });
    // Someone else's queue is untouched.
    expect((await practice.summary(h.deps.learnerOf('U0SOMEONE9'))).started).toBe(0);
    expect(errorsIn(h.logger)).toEqual([]);
  });

  it('says so for an article without questions, an unknown one and a malformed value, queuing nothing', async () => {
    const { h, practice } = await start();
    const without = library.concepts.find((c) => c.checkYourself.length === 0);
    for (const slug of [without?.slug ?? 'no-such-article', 'no-such-article', '../<script>'])
      await h.interact(quizClick(slug));
    await h.settle();
    expect(ephemerals()).toEqual([NOTHING_TO_QUIZ, NOTHING_TO_QUIZ, NOTHING_TO_QUIZ]);
    expect((await practice.summary(h.deps.learnerOf('U0ASKER001'))).started).toBe(0);
  });

  it('refuses a forged and a replayed (stale) click with 401, changing nothing', async () => {
    const { h, practice } = await start();
    const old = Math.floor(Date.now() / 1000) - 10 * 60;
    const responses = [
      await h.send.interaction(quizClick(quizzable.slug), { signature: 'v0=forged' }),
      await h.send.interaction(quizClick(quizzable.slug), { timestamp: old }),
    ];
    await h.settle();
    expect(responses.map((r) => r.status)).toEqual([401, 401]);
    expect(ephemerals()).toEqual([]);
    expect((await practice.summary(h.deps.learnerOf('U0ASKER001'))).started).toBe(0);
  });
});

describe('the App Home practice section', () => {
  it('shows items due and the streak on app_home_opened, and is rebuilt at once after "Quiz me later" and an answer', async () => {
    const { h } = await start();
    const before = await openHome(h);
    expect(fake.callsTo('views.publish')).toHaveLength(1);
    expect(practiceText(before)).toContain('You haven’t practised yet.');
    expect(practiceText(before)).toContain('No streak yet');
    const practiceNow = before.blocks.find((b: any) => b.accessory?.action_id === HOME_IDS.practiceNow);
    expect(practiceNow.accessory).toMatchObject({ style: 'primary', text: { text: 'Practice now' } });

    // Within the cache minute, "Quiz me later" still shows fresh counts on the next open.
    await h.interact(quizClick(quizzable.slug));
    await h.settle();
    const queued = await openHome(h);
    expect(practiceText(queued)).toContain(`${quizzable.checkYourself.length} questions are due now.`);

    // "Practice now" posts the first question to the member's DM, the same message /practice shows.
    await h.interact(homeClick(HOME_IDS.practiceNow));
    await h.settle();
    const [posted] = fake.callsTo('chat.postMessage');
    expect(posted).toMatchObject({ channel: 'U0ASKER001' });
    const blocks = JSON.parse(
      typeof posted!.blocks === 'string' ? posted!.blocks : JSON.stringify(posted!.blocks),
    );
    const buttons = blocks.find((b: any) => b.type === 'actions').elements;
    const item = quizzable.checkYourself.find((i) => blocks[0].text.text.includes(`*${i.question}*`))!;
    expect(item).toBeDefined();

    // Its buttons grade through the usual practice listener; the Home tab is not stale afterwards.
    const answer = slackFixture<any>('block-actions-feedback', { QUESTION_ID: '' });
    answer.actions[0].action_id = buttons[item.correct].action_id;
    answer.actions[0].block_id = 'tutor_practice';
    answer.actions[0].value = buttons[item.correct].value;
    answer.channel = { id: 'D0ASKER001', name: 'directmessage' };
    answer.response_url = fake.responseUrl('actions/dm');
    await h.interact(answer);
    await h.settle();
    expect(fake.responses.at(-1)!.body.blocks[0].text.text).toContain(':white_check_mark: Right.');
    const after = await openHome(h);
    expect(practiceText(after)).toContain(`${quizzable.checkYourself.length - 1} questions are due now.`);
    expect(practiceText(after)).toContain('Streak: *1 day*');
    expect(errorsIn(h.logger)).toEqual([]);
  });

  it('says how to start on the tab when the question cannot be posted to the DM', async () => {
    const { h } = await start();
    fake.failNext('chat.postMessage', 'messages_tab_disabled');
    await h.interact(homeClick(HOME_IDS.practiceNow));
    await h.settle();
    expect(practiceText(fake.homes.get('U0ASKER001'))).toContain("I couldn't send you a question in our DM");
    expect(errorsIn(h.logger)).toEqual([]);
  });

  it('refuses a forged and a replayed "Practice now" with 401, posting nothing', async () => {
    const { h } = await start();
    const old = Math.floor(Date.now() / 1000) - 10 * 60;
    const responses = [
      await h.send.interaction(homeClick(HOME_IDS.practiceNow), { signature: 'v0=forged' }),
      await h.send.interaction(homeClick(HOME_IDS.practiceNow), { timestamp: old }),
    ];
    await h.settle();
    expect(responses.map((r) => r.status)).toEqual([401, 401]);
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });
});

describe('the Quiz-me-later button on real answers', () => {
  const quizBlock = (blocks: any[]) => blocks.find((b) => b.block_id === 'tutor_quiz_later');

  it('comes under a mention answer citing a concept with questions, and not under one citing nothing', async () => {
    const { h } = await start();
    await h.send.event(slackFixture('app-mention'));
    await h.settle();
    const cited: any[] = fake.callsTo('chat.update')[0]!.blocks;
    expect(cited.find((b) => b.block_id === 'tutor_sources')).toBeDefined();
    const slug = quizBlock(cited).elements[0].value;
    expect(library.conceptBySlug.get(slug)!.checkYourself.length).toBeGreaterThan(0);
    expect(JSON.stringify(cited.find((b) => b.block_id === 'tutor_sources'))).toContain(`/concepts/${slug}|`);

    fake.reset();
    const offTopic = slackFixture<any>('app-mention');
    offTopic.event_id = 'Ev0OFFTOPIC1';
    offTopic.event.ts = '1760000999.000100';
    offTopic.event.text = '<@U0TUTORBOT> what is the best pizza topping in Naples?';
    await h.send.event(offTopic);
    await h.settle();
    const uncited: any[] = fake.callsTo('chat.update')[0]!.blocks;
    expect(uncited.find((b) => b.block_id === 'tutor_sources')).toBeUndefined();
    expect(quizBlock(uncited)).toBeUndefined();
  });
});
