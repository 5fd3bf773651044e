import { describe, expect, it } from 'vitest';
import { createPrismaPracticeStore } from '../../../src/adapters/db/prisma-practice-store.js';
import { createPrismaReminderStore } from '../../../src/adapters/db/prisma-reminder-store.js';
import { createMemoryPracticeStore } from '../../../src/core/memory/memory-practice-store.js';
import { createMemoryReminderStore } from '../../../src/core/memory/memory-reminder-store.js';
import { practiceItems } from '../../../src/core/practice/practice-items.js';
import { createReminderJob } from '../../../src/core/practice/reminders/reminder-job.js';
import { createReminderSettings } from '../../../src/core/practice/reminders/reminder-settings.js';
import { createReviewScheduler } from '../../../src/core/practice/review-scheduler.js';
import { manualClock, practiceLibrary } from '../../core/practice/practice-library.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { createRecordingReminderSender } from '../../fakes/recording-reminder-sender.js';
import { describeEachDatabase, useTestDatabase } from '../../setup/test-database.js';
import { reminderJobContract } from './reminder-job-contract.js';

const library = await practiceLibrary();

describe('review reminders [memory]', () => {
  reminderJobContract(
    () => {
      const practice = createMemoryPracticeStore();
      return { practice, reminders: createMemoryReminderStore(practice) };
    },
    () => library,
  );
});

describeEachDatabase('review reminders', (kind) => {
  const db = useTestDatabase(kind);
  reminderJobContract(
    () => ({
      practice: createPrismaPracticeStore(db().prisma),
      reminders: createPrismaReminderStore(db().prisma),
    }),
    () => library,
  );

  /** One opted-in learner with an item due, on the given database connection. */
  async function seed(prisma: ReturnType<typeof db>['prisma'], learner: string, now: Date) {
    const item = practiceItems(library)[0]!;
    await createPrismaPracticeStore(prisma).saveState(
      { learner, itemId: item.id, slug: item.slug, card: createReviewScheduler().newCard(now), version: 1 },
      0,
    );
    await createReminderSettings({
      store: createPrismaReminderStore(prisma),
      clock: { now: () => new Date(now.getTime() - 3_600_000) },
    }).set({ learner, platform: 'slack', target: 'U0RESTART', minutes: 9 * 60, zone: 'UTC' });
  }

  const jobOn = (prisma: ReturnType<typeof db>['prisma'], now: Date, worker: string) => {
    const sender = createRecordingReminderSender();
    const job = createReminderJob({
      store: createPrismaReminderStore(prisma),
      senders: { slack: sender },
      clock: { now: () => now },
      library: () => library,
      worker,
      logger: createRecordingLogger(),
    });
    return { sender, job };
  };

  it('sends a reminder once across a restart: a new process on the same database sends nothing more', async () => {
    const now = new Date('2026-12-01T09:30:00Z');
    const learner = `chat:slack:restart-${kind}`;
    await seed(db().prisma, learner, now);
    const first = jobOn(db().prisma, now, 'process-1');
    await first.job.run();
    expect(first.sender.sent.filter((s) => s.learner === learner)).toHaveLength(1);
    await db().disconnect();
    const reopened = await db().reopen();
    try {
      const second = jobOn(reopened.prisma, new Date(now.getTime() + 3_600_000), 'process-2');
      await second.job.run();
      expect(second.sender.sent.filter((s) => s.learner === learner)).toEqual([]);
    } finally {
      await reopened.close();
    }
  }, 120_000);
});

describeEachDatabase('review reminders, two replicas', (kind) => {
  // PGlite allows one process per folder, so only a server has replicas to race.
  if (kind !== 'postgres') {
    it('is covered on PostgreSQL (PGlite has a single process)', () => {
      expect(kind).toBe('pglite');
    });
    return;
  }
  const db = useTestDatabase(kind);
  it('sends each learner one reminder when two replicas run the job at the same moment', async () => {
    const other = await db().reopen();
    const now = new Date('2026-12-01T09:30:00Z');
    const item = practiceItems(library)[0]!;
    const practice = createPrismaPracticeStore(db().prisma);
    const settings = createReminderSettings({
      store: createPrismaReminderStore(db().prisma),
      clock: manualClock(new Date('2026-12-01T06:00:00Z')),
    });
    const learners = Array.from({ length: 40 }, (_, i) => `chat:slack:replica-${i}`);
    for (const learner of learners) {
      await practice.saveState(
        { learner, itemId: item.id, slug: item.slug, card: createReviewScheduler().newCard(now), version: 1 },
        0,
      );
      await settings.set({ learner, platform: 'slack', target: learner, minutes: 9 * 60, zone: 'UTC' });
    }
    const make = (prisma: typeof other.prisma, worker: string) => {
      const sender = createRecordingReminderSender();
      const job = createReminderJob({
        store: createPrismaReminderStore(prisma),
        senders: { slack: sender },
        clock: { now: () => now },
        library: () => library,
        worker,
        logger: createRecordingLogger(),
        batchSize: 7,
      });
      return { sender, job };
    };
    const a = make(db().prisma, 'replica-a');
    const b = make(other.prisma, 'replica-b');
    await Promise.all([a.job.run(), b.job.run(), a.job.run(), b.job.run()]);
    const all = [...a.sender.sent, ...b.sender.sent].map((s) => s.learner).sort();
    expect(all).toEqual([...learners].sort());
    await other.close();
  }, 120_000);
});
