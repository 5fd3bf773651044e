import { describe, expect, it } from 'vitest';
import { reminderModule } from '../../../src/adapters/schedule/reminder-module.js';
import { createReminderScheduler } from '../../../src/adapters/schedule/reminder-scheduler.js';
import type { Container } from '../../../src/container.js';
import { createInFlight } from '../../../src/core/chat/in-flight.js';
import { createMemoryPracticeStore } from '../../../src/core/memory/memory-practice-store.js';
import { createMemoryReminderStore } from '../../../src/core/memory/memory-reminder-store.js';
import { practiceItems } from '../../../src/core/practice/practice-items.js';
import { createReminderJob } from '../../../src/core/practice/reminders/reminder-job.js';
import { createReviewScheduler } from '../../../src/core/practice/review-scheduler.js';
import { manualClock, practiceLibrary } from '../../core/practice/practice-library.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { createRecordingReminderSender } from '../../fakes/recording-reminder-sender.js';

const library = await practiceLibrary();

describe('reminder scheduler', () => {
  it('runs the job at start (the catch-up node-cron would miss), then on demand, and prunes old claims', async () => {
    const clock = manualClock(new Date('2026-12-01T10:00:00Z'));
    const practice = createMemoryPracticeStore();
    const store = createMemoryReminderStore(practice);
    const item = practiceItems(library)[0]!;
    await practice.saveState(
      {
        learner: 'chat:slack:a',
        itemId: item.id,
        slug: item.slug,
        card: createReviewScheduler().newCard(clock.now()),
        version: 1,
      },
      0,
    );
    await store.save({
      learner: 'chat:slack:a',
      platform: 'slack',
      target: 'U0A',
      minutes: 9 * 60,
      zone: 'UTC',
      startsOn: '2026-12-01',
    });
    // A claim from long ago, to be pruned.
    await store.claim([{ learner: 'chat:slack:a', localDate: '2026-11-01' }], 'old', clock.now());
    const sender = createRecordingReminderSender();
    const logger = createRecordingLogger();
    const scheduler = createReminderScheduler({
      job: createReminderJob({
        store,
        senders: { slack: sender },
        clock,
        library: () => library,
        worker: 't',
        logger,
      }),
      store,
      clock,
      logger,
      inFlight: createInFlight(),
      // Never fires during the test: only the start-up run and runNow.
      cron: '0 0 1 1 *',
    });
    await scheduler.startup;
    expect(sender.sent).toHaveLength(1);
    await scheduler.runNow();
    expect(sender.sent).toHaveLength(1);
    expect(await store.pruneClaims('2026-11-02')).toBe(0);
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    await scheduler.stop();
  });
});

describe('reminder module status', () => {
  const container = (database: boolean, config: Record<string, unknown>) =>
    ({ database: database ? {} : null, config }) as unknown as Container;

  it('is on only with a database and a chat platform to DM on', () => {
    expect(reminderModule.status(container(false, {})).on).toBe(false);
    expect(reminderModule.status(container(true, {}))).toEqual({
      on: false,
      detail: 'no Slack or Discord to send DMs on',
    });
    const on = reminderModule.status(
      container(true, { DISCORD_TOKEN: 'x', DISCORD_APPLICATION_ID: '1190000000000000003' }),
    );
    expect(on.on).toBe(true);
    expect(on.detail).toContain('discord');
  });
});
