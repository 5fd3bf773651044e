import { expect, it } from 'vitest';
import type { Library } from '../../../src/core/content/types.js';
import { practiceItems } from '../../../src/core/practice/practice-items.js';
import type { PracticeStore } from '../../../src/core/practice/practice-store.js';
import { createReminderJob } from '../../../src/core/practice/reminders/reminder-job.js';
import { createReminderSettings } from '../../../src/core/practice/reminders/reminder-settings.js';
import type { ReminderStore } from '../../../src/core/practice/reminders/reminder-store.js';
import { createReviewScheduler } from '../../../src/core/practice/review-scheduler.js';
import { manualClock } from '../../core/practice/practice-library.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { createRecordingReminderSender } from '../../fakes/recording-reminder-sender.js';

/** The stores a reminder test runs on: fresh per test (unique learner ids keep shared databases apart). */
export interface ReminderStores {
  practice: PracticeStore;
  reminders: ReminderStore;
}

const HOUR = 3_600_000;
let counter = 0;

/**
 * The reminder job's rules, run on any pair of stores: sent only to opted-in
 * learners with items due, at or after their local time, at most once per
 * local day, never for a day already gone, across DST changes.
 */
export function reminderJobContract(stores: () => ReminderStores, library: () => Library) {
  function setup(start: string) {
    const clock = manualClock(new Date(start));
    const sender = createRecordingReminderSender();
    const { practice, reminders } = stores();
    const job = createReminderJob({
      store: reminders,
      senders: { slack: sender },
      clock,
      library,
      worker: 'test',
      logger: createRecordingLogger(),
    });
    const settings = createReminderSettings({ store: reminders, clock });
    const learner = `chat:slack:r${Date.now().toString(36)}${++counter}`;
    const item = practiceItems(library())[0]!;
    const seedDue = (due: Date) =>
      practice.saveState(
        { learner, itemId: item.id, slug: item.slug, card: createReviewScheduler().newCard(due), version: 1 },
        0,
      );
    const optIn = (minutes: number, zone = 'UTC') =>
      settings.set({ learner, platform: 'slack', target: `U${counter}`, minutes, zone });
    const mine = () => sender.sent.filter((s) => s.learner === learner);
    return { clock, sender, job, settings, learner, seedDue, optIn, mine, practice, reminders };
  }

  it('sends nothing to a learner who did not opt in, however much is due', async () => {
    const t = setup('2026-12-01T08:00:00Z');
    await t.seedDue(new Date('2026-11-30T00:00:00Z'));
    t.clock.advance(4 * HOUR);
    await t.job.run();
    expect(t.mine()).toEqual([]);
  });

  it('sends nothing to an opted-in learner with nothing due, then once items fall due', async () => {
    const t = setup('2026-12-01T08:00:00Z');
    await t.optIn(9 * 60);
    t.clock.advance(2 * HOUR);
    expect((await t.job.run()).sent).toBe(0);
    await t.seedDue(new Date('2026-12-01T10:30:00Z'));
    expect((await t.job.run()).sent).toBe(0);
    t.clock.advance(HOUR);
    await t.job.run();
    expect(t.mine()).toEqual([{ learner: t.learner, target: expect.any(String), due: 1 }]);
  });

  it('waits for the local time, sends once that day, and again the next day', async () => {
    const t = setup('2026-12-01T06:00:00Z');
    await t.seedDue(new Date('2026-11-30T00:00:00Z'));
    await t.optIn(9 * 60, 'Europe/Berlin'); // 08:00 UTC in winter
    t.clock.advance(HOUR + 59 * 60_000); // 07:59 UTC
    await t.job.run();
    expect(t.mine()).toHaveLength(0);
    t.clock.advance(60_000); // 09:00 Berlin
    await t.job.run();
    await t.job.run();
    t.clock.advance(10 * HOUR);
    await t.job.run();
    expect(t.mine()).toHaveLength(1);
    t.clock.advance(14 * HOUR); // 09:00 Berlin the next day
    await t.job.run();
    expect(t.mine()).toHaveLength(2);
  });

  it('starts tomorrow when opting in after today’s time, and never sends a day already gone', async () => {
    const t = setup('2026-12-01T12:00:00Z');
    await t.seedDue(new Date('2026-11-30T00:00:00Z'));
    const set = await t.optIn(9 * 60);
    expect(set.ok && set.startsToday).toBe(false);
    await t.job.run();
    expect(t.mine()).toHaveLength(0);
    // Down all of 2 December: nothing is sent for it on the 3rd before the time comes round again.
    t.clock.advance(2 * 24 * HOUR - 4 * HOUR); // 2026-12-03 08:00 UTC
    await t.job.run();
    expect(t.mine()).toHaveLength(0);
    t.clock.advance(HOUR); // 09:00: today's reminder, one only
    await t.job.run();
    await t.job.run();
    expect(t.mine()).toHaveLength(1);
    // Catch-up later the same day: the service was down at 09:00 on the 4th, up at 22:00.
    t.clock.advance(24 * HOUR + 13 * HOUR);
    await t.job.run();
    expect(t.mine()).toHaveLength(2);
  });

  it('sends once across the spring-forward gap and once on the repeated hour in autumn', async () => {
    // 02:30 does not exist in Berlin on 2026-03-29 (02:00 → 03:00): sent at 03:00.
    const spring = setup('2026-03-28T23:00:00Z'); // 00:00 CET on the 29th
    await spring.seedDue(new Date('2026-03-01T00:00:00Z'));
    await spring.optIn(2 * 60 + 30, 'Europe/Berlin');
    spring.clock.advance(HOUR + 59 * 60_000); // 01:59 CET
    await spring.job.run();
    expect(spring.mine()).toHaveLength(0);
    spring.clock.advance(60_000); // 03:00 CEST
    await spring.job.run();
    expect(spring.mine()).toHaveLength(1);

    // 01:30 happens twice in New York on 2026-11-01: one reminder.
    const autumn = setup('2026-11-01T04:00:00Z'); // 00:00 EDT
    await autumn.seedDue(new Date('2026-10-01T00:00:00Z'));
    await autumn.optIn(90, 'America/New_York');
    autumn.clock.advance(90 * 60_000); // 01:30 EDT
    await autumn.job.run();
    autumn.clock.advance(HOUR); // 01:30 EST
    await autumn.job.run();
    expect(autumn.mine()).toHaveLength(1);
  });

  it('retries a passing failure up to three times a day, a permanent one not at all', async () => {
    const t = setup('2026-12-01T10:00:00Z');
    await t.seedDue(new Date('2026-11-30T00:00:00Z'));
    await t.optIn(0);
    await t.reminders.save({ ...(await t.reminders.find(t.learner))!, startsOn: '2026-12-01' });
    for (let i = 0; i < 3; i++)
      t.sender.failNext({ ok: false, permanent: false, error: 'ratelimited' }, t.learner);
    for (let i = 0; i < 5; i++) await t.job.run();
    expect(t.mine()).toHaveLength(0);
    t.clock.advance(24 * HOUR);
    t.sender.failNext({ ok: false, permanent: false, error: 'ratelimited' }, t.learner);
    await t.job.run();
    await t.job.run();
    expect(t.mine()).toHaveLength(1);
    t.clock.advance(24 * HOUR);
    t.sender.failNext({ ok: false, permanent: true, error: 'cannot_dm_bot' }, t.learner);
    await t.job.run();
    await t.job.run();
    expect(t.mine()).toHaveLength(1);
  });

  it('stops sending the moment the learner opts out', async () => {
    const t = setup('2026-12-01T08:00:00Z');
    await t.seedDue(new Date('2026-11-30T00:00:00Z'));
    await t.optIn(9 * 60);
    expect(await t.settings.off(t.learner)).toBe(true);
    expect(await t.settings.off(t.learner)).toBe(false);
    t.clock.advance(2 * HOUR);
    await t.job.run();
    expect(t.mine()).toEqual([]);
    expect(await t.settings.show(t.learner)).toBeNull();
  });
}
