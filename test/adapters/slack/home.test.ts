import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NEWSLETTER_UNAVAILABLE } from '../../../src/adapters/slack/listeners/commands/newsletter-command.js';
import { HOME_IDS } from '../../../src/adapters/slack/render/slack-message.js';
import type { SubscriptionState, SubscriptionStatus } from '../../../src/core/ports.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../fakes/fake-slack-api.js';
import { type FakeSlackSocket, startFakeSlackSocket } from '../../fakes/fake-slack-socket.js';
import { createFixtureTutor } from '../../fakes/fixture-tutor.js';
import { createRecordingNewsletter } from './support/recording-newsletter.js';
import {
  errorsIn,
  type HarnessOptions,
  type SlackHarness,
  startSlackHarness,
} from './support/slack-harness.js';
import { slackFixture } from './support/slack-requests.js';

let fake: FakeSlackApi;
beforeAll(async () => {
  fake = await startFakeSlackApi();
});
afterAll(() => fake.close());

/** A SubscriptionStatus over a map, counting lookups. */
function statuses(initial: Record<string, SubscriptionState> = {}) {
  const states = new Map(Object.entries(initial));
  const port: SubscriptionStatus & { lookups: string[]; failing: boolean } = {
    lookups: [],
    failing: false,
    async statusOf(email) {
      port.lookups.push(email);
      if (port.failing) throw new Error('database is down');
      return states.get(email) ?? 'not-subscribed';
    },
  };
  return { port, states };
}

/** A clock the test moves by hand. */
function manualClock(start = '2026-12-07T09:00:00Z') {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

const home = () => fake.homes.get('U0ASKER001');
const texts = (view: any): string =>
  JSON.stringify(view.blocks.map((b: any) => b.text?.text ?? b.elements?.map((e: any) => e.text) ?? ''));
/** The digest section's buttons ("Practice now" is always there; practice-home.test.ts covers it). */
const buttonIds = (view: any): string[] =>
  view.blocks
    .filter((b: any) => b.accessory)
    .map((b: any) => b.accessory.action_id)
    .filter((id: string) => id !== HOME_IDS.practiceNow);

function click(actionId: string, value?: string) {
  const payload = slackFixture('block-actions-home', { ACTION_ID: actionId });
  if (value !== undefined) payload.actions[0].value = value;
  return payload;
}

describe.each(['http', 'socket'] as const)('the App Home over %s', (transport) => {
  let harness: SlackHarness | undefined;
  let socket: FakeSlackSocket | undefined;
  afterEach(async () => {
    await harness?.close();
    await socket?.close();
    harness = undefined;
    socket = undefined;
    fake.reset();
  });

  it('publishes how to ask, the member’s digest subscription and this week’s concept when the tab opens', async () => {
    const fixture = await createFixtureTutor(null);
    if (transport === 'socket') socket = await startFakeSlackSocket();
    const { port } = statuses({ 'ada@example.com': 'subscribed' });
    harness = await startSlackHarness({
      fake,
      tutor: fixture.tutor,
      questionLog: fixture.log,
      library: fixture.library,
      newsletter: createRecordingNewsletter(),
      subscriptionStatus: port,
      digestConcept: async () => fixture.library.conceptBySlug.get('temperature')!,
      settings: { publicUrl: 'https://tutor.example.com' },
      ...(socket ? { socket } : {}),
    });
    fake.users.set('U0ASKER001', { email: 'ada@example.com' });
    await harness.deliver(slackFixture('app-home-opened'));
    await harness.settle();
    expect(fake.callsTo('views.publish')).toHaveLength(1);
    const view = home();
    expect(view.type).toBe('home');
    const shown = texts(view);
    expect(shown).toContain('Mention me in a channel');
    expect(shown).toContain('`/ask` anywhere');
    expect(shown).toContain('AI assistant pane');
    expect(shown).toContain('every week at *ada@example.com*');
    expect(shown).toContain('<https://tutor.example.com/concepts/temperature|Temperature>');
    expect(buttonIds(view)).toEqual([HOME_IDS.unsubscribe]);
    expect(errorsIn(harness.logger)).toEqual([]);
  });
});

describe('the App Home', () => {
  let harness: SlackHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
    fake.reset();
  });

  async function start(overrides: Partial<HarnessOptions> = {}) {
    const fixture = await createFixtureTutor(null);
    const clock = manualClock();
    const status = statuses();
    const newsletter = createRecordingNewsletter();
    harness = await startSlackHarness({
      fake,
      tutor: fixture.tutor,
      questionLog: fixture.log,
      library: fixture.library,
      newsletter,
      subscriptionStatus: status.port,
      clock,
      ...overrides,
    });
    fake.users.set('U0ASKER001', { email: 'ada@example.com' });
    return { harness, clock, status, newsletter, library: fixture.library };
  }

  it('reuses a member’s tab for a minute (a repeated or retried open costs no lookups), then builds it again', async () => {
    const { harness, clock, status } = await start();
    await harness.deliver(slackFixture('app-home-opened'));
    await harness.deliver(slackFixture('app-home-opened'), { retryNum: 1 });
    await harness.settle();
    expect(fake.callsTo('views.publish')).toHaveLength(2);
    expect(fake.callsTo('users.info')).toHaveLength(1);
    expect(status.port.lookups).toEqual(['ada@example.com']);
    clock.advance(61_000);
    await harness.deliver(slackFixture('app-home-opened'));
    await harness.settle();
    expect(status.port.lookups).toHaveLength(2);
  });

  it('shows the curriculum’s concept of the week without a digest, and Subscribe to a member who is not subscribed', async () => {
    const { harness } = await start();
    await harness.deliver(slackFixture('app-home-opened'));
    await harness.settle();
    const shown = texts(home());
    expect(shown).toMatch(/\*(Temperature|Token)\*/);
    expect(buttonIds(home())).toEqual([HOME_IDS.subscribe]);
  });

  it('says what it cannot show: no newsletter, no profile email, a failed lookup (not cached)', async () => {
    const none = await start({ newsletter: null, subscriptionStatus: null });
    await none.harness.deliver(slackFixture('app-home-opened'));
    await none.harness.settle();
    expect(texts(home())).toContain("The weekly digest isn't available on this tutor yet.");
    expect(buttonIds(home())).toEqual([]);
    await none.harness.close();
    fake.reset();

    const { harness, status } = await start();
    fake.users.set('U0ASKER001', {});
    await harness.deliver(slackFixture('app-home-opened'));
    await harness.settle();
    expect(texts(home())).toContain("I couldn't read an email address from your Slack profile.");
    harness.deps.homeCache.delete('U0ASKER001');
    fake.users.set('U0ASKER001', { email: 'ada@example.com' });
    status.port.failing = true;
    await harness.deliver(slackFixture('app-home-opened'));
    await harness.deliver(slackFixture('app-home-opened'));
    await harness.settle();
    expect(texts(home())).toContain("I couldn't check the digest for *ada@example.com* just now.");
    expect(status.port.lookups).toHaveLength(2);
  });

  it('ignores the Messages tab and an event without a valid user', async () => {
    const { harness } = await start();
    const messages = slackFixture('app-home-opened');
    messages.event.tab = 'messages';
    const noUser = slackFixture('app-home-opened');
    delete noUser.event.user;
    const badUser = slackFixture('app-home-opened');
    badUser.event.user = '<script>';
    for (const payload of [messages, noUser, badUser]) await harness.deliver(payload);
    await harness.settle();
    expect(fake.callsTo('views.publish')).toEqual([]);
    expect(
      harness.logger.lines.filter(
        (l) => l.message === 'ignored an app_home_opened event without a valid user id',
      ),
    ).toHaveLength(2);
    expect(errorsIn(harness.logger)).toEqual([]);
  });

  it('unsubscribes only the member’s own profile address, whatever the button says, and shows the result', async () => {
    const { harness, status, newsletter } = await start();
    status.states.set('ada@example.com', 'subscribed');
    await harness.deliver(slackFixture('app-home-opened'));
    await harness.settle();
    status.states.set('ada@example.com', 'not-subscribed');
    // A crafted payload naming someone else's address in the button's value.
    await harness.interact(click(HOME_IDS.unsubscribe, 'victim@example.com'));
    await harness.settle();
    expect(newsletter.calls).toEqual([
      { action: 'unsubscribe', email: 'ada@example.com', source: 'slack:T0TEAM001' },
    ]);
    expect(JSON.stringify(fake.calls)).not.toContain('victim@example.com');
    // The tab is built again at once, with the newsletter's reply under the digest section.
    expect(fake.callsTo('views.publish')).toHaveLength(2);
    expect(texts(home())).toContain('ada@example.com will get no more digests.');
    expect(buttonIds(home())).toEqual([HOME_IDS.subscribe]);
  });

  it('subscribes the profile address (double opt-in) from the Subscribe button', async () => {
    const { harness, newsletter } = await start();
    await harness.interact(click(HOME_IDS.subscribe));
    await harness.settle();
    expect(newsletter.calls).toEqual([
      { action: 'subscribe', email: 'ada@example.com', source: 'slack:T0TEAM001' },
    ]);
    expect(texts(home())).toContain('Check ada@example.com for a confirmation link');
  });

  it('answers a click it cannot act on with a note, calling no newsletter', async () => {
    const { harness, newsletter } = await start();
    fake.users.set('U0ASKER001', {});
    await harness.interact(click(HOME_IDS.unsubscribe));
    await harness.settle();
    expect(newsletter.calls).toEqual([]);
    expect(texts(home())).toContain('Use `/unsubscribe you@example.com` instead.');
    await harness.close();
    fake.reset();

    const none = await start({ newsletter: null, subscriptionStatus: null });
    await none.harness.interact(click(HOME_IDS.subscribe));
    await none.harness.settle();
    expect(texts(home())).toContain(NEWSLETTER_UNAVAILABLE);
  });

  it('refuses forged and stale (replayed) opens and clicks with 401, calling nothing', async () => {
    const { harness, newsletter } = await start();
    const old = Math.floor(Date.now() / 1000) - 10 * 60;
    const responses = [
      await harness.send.event(slackFixture('app-home-opened'), { signature: 'v0=forged' }),
      await harness.send.event(slackFixture('app-home-opened'), { timestamp: old }),
      await harness.send.interaction(click(HOME_IDS.unsubscribe), { signature: 'v0=forged' }),
      await harness.send.interaction(click(HOME_IDS.unsubscribe), { timestamp: old }),
    ];
    await harness.settle();
    expect(responses.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    expect(newsletter.calls).toEqual([]);
    expect(fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  });
});
