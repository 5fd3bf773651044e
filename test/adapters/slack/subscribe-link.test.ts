import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HOME_IDS } from '../../../src/adapters/slack/render/slack-message.js';
import { createMemoryPracticeStore } from '../../../src/core/memory/memory-practice-store.js';
import { chatLearner } from '../../../src/core/practice/learner-id.js';
import { createLearnerLinking } from '../../../src/core/practice/learner-linking.js';
import { createFakeLearnerLinks } from '../../fakes/fake-learner-links.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../fakes/fake-slack-api.js';
import { createFixtureTutor } from '../../fakes/fixture-tutor.js';
import { createRecordingNewsletter } from './support/recording-newsletter.js';
import { errorsIn, type SlackHarness, startSlackHarness } from './support/slack-harness.js';
import { slackFixture } from './support/slack-requests.js';

const SUBSCRIBER = '6f1c2a1e-0000-4000-8000-0000000000aa';
/** The harness pseudonymises Slack users with this salt. */
const ADA = chatLearner('slack-test-salt-0123', 'slack', 'U0ASKER001');

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

async function start(options: { failing?: boolean } = {}) {
  const fixture = await createFixtureTutor(null);
  const links = createFakeLearnerLinks({ 'ada@example.com': SUBSCRIBER });
  if (options.failing)
    links.linkByEmail = async () => {
      throw new Error('database is down');
    };
  const linking = createLearnerLinking({
    links,
    store: createMemoryPracticeStore(),
    clock: { now: () => new Date() },
  });
  const newsletter = createRecordingNewsletter();
  harness = await startSlackHarness({
    fake,
    tutor: fixture.tutor,
    questionLog: fixture.log,
    newsletter,
    learnerLinking: linking,
  });
  fake.users.set('U0ASKER001', { email: 'ada@example.com' });
  return { h: harness, links, linking, newsletter };
}

function subscribe(text = '') {
  const fields = slackFixture<Record<string, string>>('command-subscribe');
  fields.response_url = fake.responseUrl();
  fields.text = text;
  return fields;
}

describe('a Slack member who subscribes is linked to their subscriber record', () => {
  it('/subscribe with the profile email links the member’s learner; the reply is the newsletter’s as before', async () => {
    const { h, linking } = await start();
    await h.send.command(subscribe());
    await h.settle();
    expect(await linking.canonical(ADA)).toBe(`subscriber:${SUBSCRIBER}`);
    expect(fake.responses.map((r) => r.body.text)).toEqual([
      'Check ada@example.com for a confirmation link to finish subscribing.',
    ]);
    expect(errorsIn(h.logger)).toEqual([]);
  });

  it('/subscribe with a typed address links nothing: Slack vouches only for the profile’s', async () => {
    const { h, links, linking } = await start();
    await h.send.command(subscribe('ada@example.com'));
    await h.settle();
    expect(links.calls.filter((c) => c.method === 'linkByEmail')).toEqual([]);
    expect(await linking.canonical(ADA)).toBe(ADA);
  });

  it('the Home tab’s Subscribe button links the member too', async () => {
    const { h, linking } = await start();
    await h.interact(slackFixture('block-actions-home', { ACTION_ID: HOME_IDS.subscribe }));
    await h.settle();
    expect(await linking.canonical(ADA)).toBe(`subscriber:${SUBSCRIBER}`);
  });

  it('replies the same when there is nothing to link or linking fails, logging the failure only', async () => {
    const unknown = await start();
    fake.users.set('U0ASKER001', { email: 'grace@example.org' });
    await unknown.h.send.command(subscribe());
    await unknown.h.settle();
    expect(await unknown.linking.canonical(ADA)).toBe(ADA);
    expect(fake.responses.at(-1)!.body.text).toBe(
      'Check grace@example.org for a confirmation link to finish subscribing.',
    );
    await unknown.h.close();
    fake.reset();

    const broken = await start({ failing: true });
    await broken.h.send.command(subscribe());
    await broken.h.settle();
    expect(fake.responses.at(-1)!.body.text).toBe(
      'Check ada@example.com for a confirmation link to finish subscribing.',
    );
    expect(broken.h.logger.lines.map((l) => l.message)).toContain(
      'could not link the chat learner to the subscriber',
    );
    expect(errorsIn(broken.h.logger)).toEqual([]);
  });

  it('refuses a forged or replayed /subscribe with 401, linking nothing', async () => {
    const { h, links, newsletter } = await start();
    const old = Math.floor(Date.now() / 1000) - 10 * 60;
    const responses = [
      await h.send.command(subscribe(), { signature: 'v0=forged' }),
      await h.send.command(subscribe(), { timestamp: old }),
    ];
    await h.settle();
    expect(responses.map((r) => r.status)).toEqual([401, 401]);
    expect(newsletter.calls).toEqual([]);
    expect(links.calls).toEqual([]);
  });
});
