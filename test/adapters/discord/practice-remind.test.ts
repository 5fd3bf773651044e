import { randomUUID } from 'node:crypto';
import { REST } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordReminderSender } from '../../../src/adapters/discord/reminders/discord-reminder-sender.js';
import { createMemoryPracticeStore } from '../../../src/core/memory/memory-practice-store.js';
import { createMemoryReminderStore } from '../../../src/core/memory/memory-reminder-store.js';
import { chatLearner } from '../../../src/core/practice/learner-id.js';
import { createPracticeService } from '../../../src/core/practice/practice-service.js';
import { createReminderJob } from '../../../src/core/practice/reminders/reminder-job.js';
import { createReminderSettings } from '../../../src/core/practice/reminders/reminder-settings.js';
import { createReviewScheduler } from '../../../src/core/practice/review-scheduler.js';
import { manualClock, practiceLibrary } from '../../core/practice/practice-library.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { fixture, type Harness, IDS, startHarness, TOKEN } from './discord-harness.js';

const library = await practiceLibrary();
const learner = chatLearner('discord-test-salt-0123', 'discord', IDS.user);

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(options: { withReminders?: boolean } = {}) {
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
  h = await startHarness({
    practice,
    reminders:
      options.withReminders === false
        ? null
        : { settings: createReminderSettings({ store: reminderStore, clock }), fallbackZone: 'UTC' },
  });
  return { harness: h, clock, practice, reminderStore };
}

const edited = (token: string) => (r: { method: string; path: string }) =>
  r.method === 'PATCH' && r.path === `/webhooks/${IDS.bot}/${token}/messages/@original`;

/** Runs `/practice` with these options through the gateway; returns the private reply's content. */
async function practiceWith(harness: Harness, options: Record<string, string>): Promise<string> {
  const base = fixture('interaction-subscribe');
  const slash = {
    ...base,
    data: {
      ...base.data,
      name: 'practice',
      options: Object.entries(options).map(([name, value]) => ({ name, type: 3, value })),
    },
  };
  harness.dispatch('INTERACTION_CREATE', slash);
  const reply = await harness.api.waitFor(edited(slash.token));
  // Deferred as ephemeral (flags 64): only the member sees their reminder setting.
  expect(harness.interactionCalls(slash)[0]!.body).toEqual({ type: 5, data: { flags: 64 } });
  return reply.body.content as string;
}

describe('Discord /practice remind', () => {
  it('opts in with a zone, shows the setting, and opts out, privately', async () => {
    const { harness, reminderStore } = await start();
    expect(await practiceWith(harness, { remind: 'show' })).toMatch(/^Review reminders are off/);
    const set = await practiceWith(harness, { remind: '9am', zone: 'europe/berlin' });
    expect(set).toContain('at 09:00 (Europe/Berlin)');
    expect(set).toContain('`/practice remind:off`');
    expect(await reminderStore.find(learner)).toMatchObject({
      platform: 'discord',
      target: IDS.user,
      minutes: 540,
      zone: 'Europe/Berlin',
    });
    expect(await practiceWith(harness, { remind: 'show' })).toMatch(
      /is on: a DM at 09:00 \(Europe\/Berlin\)/,
    );
    expect(await practiceWith(harness, { remind: 'off' })).toMatch(/^Review reminders are off; I've deleted/);
    expect(await reminderStore.find(learner)).toBeNull();
  });

  it('defaults to the team zone and says how to name another', async () => {
    const { harness, reminderStore } = await start();
    expect(await practiceWith(harness, { remind: '17:30' })).toMatch(/17:30 \(UTC\).*Add `zone:`/);
    expect((await reminderStore.find(learner))?.zone).toBe('UTC');
  });

  it.each([
    [{ remind: '25:00' }, /"25:00" has an hour above 23\. Write a time of day such as 9:00/],
    [
      { remind: '9:00', zone: 'Mars/Olympus' },
      /"Mars\/Olympus" is not a time zone I know\. Use an IANA name/,
    ],
    [{ remind: '9:00', zone: '+02:00' }, /not a time zone I know/],
    [{ zone: 'Europe/Berlin' }, /Add `remind:` with a time/],
  ])('refuses %j clearly and stores nothing', async (options, message) => {
    const { harness, reminderStore } = await start();
    expect(await practiceWith(harness, options)).toMatch(message);
    expect(await reminderStore.find(learner)).toBeNull();
  });

  it('a replayed command leaves one setting, not two', async () => {
    const { harness, reminderStore } = await start();
    await practiceWith(harness, { remind: '9:00', zone: 'Asia/Tokyo' });
    await practiceWith(harness, { remind: '9:00', zone: 'Asia/Tokyo' });
    expect((await reminderStore.optIns(['discord', 'slack'])).length).toBe(1);
  });

  it('says reminders are unavailable without a database', async () => {
    const { harness } = await start({ withReminders: false });
    expect(await practiceWith(harness, { remind: '9:00' })).toMatch(/not available here/);
  });
});

describe('Discord review reminder DM', () => {
  it('DMs an opted-in member with items due once over REST, with Practice now that starts practice', async () => {
    const { harness, clock, practice, reminderStore } = await start();
    await practiceWith(harness, { remind: '9:00', zone: 'UTC' });
    const next = await practice.next(learner);
    if (!next.item) throw new Error('no item');
    await practice.answer(learner, { shownId: next.shownId, choice: (next.item.correct + 1) % 3 });
    // Someone else has items due but never opted in.
    const other = chatLearner('discord-test-salt-0123', 'discord', '1190000000000000099');
    const theirs = await practice.next(other);
    if (!theirs.item) throw new Error('no item');
    await practice.answer(other, { shownId: theirs.shownId, choice: (theirs.item.correct + 1) % 3 });

    const rest = new REST({ api: harness.api.url, retries: 0 }).setToken(TOKEN);
    const job = createReminderJob({
      store: reminderStore,
      senders: { discord: createDiscordReminderSender(rest) },
      clock,
      library: () => library,
      worker: 'test',
      logger: createRecordingLogger(),
    });
    clock.advance(3 * 3_600_000 + 5 * 60_000); // 09:05 UTC
    expect((await job.run()).sent).toBe(1);
    expect((await job.run()).sent).toBe(0);
    const opened = harness.api.requests.filter((r) => r.path === '/users/@me/channels');
    expect(opened.map((r) => r.body)).toEqual([{ recipient_id: IDS.user }]);
    const dmId = `7${IDS.user.slice(1)}`;
    const posts = harness.api.requests.filter(
      (r) => r.method === 'POST' && r.path === `/channels/${dmId}/messages`,
    );
    expect(posts).toHaveLength(1);
    const body = posts[0]!.body as any;
    expect(body.content).toContain('1 question is due for review');
    expect(body.content).toContain('/practice remind:off');
    const button = body.components[0].components[0];
    expect(button.label).toBe('Practice now');

    // The click in the DM (a user, no member) replaces the reminder with a question.
    const base = fixture('interaction-feedback-button');
    const dm = { ...base };
    for (const guildOnly of ['member', 'guild', 'guild_id']) delete dm[guildOnly];
    const click = {
      ...dm,
      user: base.member.user,
      channel_id: dmId,
      channel: { id: dmId, type: 1 },
      context: 1,
      data: { ...base.data, custom_id: button.custom_id },
    };
    harness.dispatch('INTERACTION_CREATE', click);
    const question = await harness.api.waitFor(edited(click.token));
    expect(harness.interactionCalls(click)[0]!.body).toEqual({ type: 6 });
    expect(question.body.content).toMatch(/\*\*.+\*\*/);
    expect(question.body.components[0].components.length).toBeGreaterThanOrEqual(3);
  });

  it('does not retry a member whose DMs are closed that day', async () => {
    const { harness, clock, practice, reminderStore } = await start();
    await practiceWith(harness, { remind: '7:00', zone: 'UTC' });
    const next = await practice.next(learner);
    if (!next.item) throw new Error('no item');
    await practice.answer(learner, { shownId: next.shownId, choice: (next.item.correct + 1) % 3 });
    const rest = new REST({ api: harness.api.url, retries: 0 }).setToken(TOKEN);
    const job = createReminderJob({
      store: reminderStore,
      senders: { discord: createDiscordReminderSender(rest) },
      clock,
      library: () => library,
      worker: 'test',
      logger: createRecordingLogger(),
    });
    clock.advance(2 * 3_600_000);
    harness.api.override(/^POST \/channels\/\d+\/messages$/, {
      status: 403,
      body: { message: 'Cannot send messages to this user', code: 50007 },
    });
    expect(await job.run()).toMatchObject({ claimed: 1, failed: 1 });
    expect(await job.run()).toMatchObject({ claimed: 0, sent: 0 });
  });
});
