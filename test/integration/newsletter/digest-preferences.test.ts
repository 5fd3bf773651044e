import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPrismaSubscriberStore } from '../../../src/adapters/db/newsletter/prisma-subscriber-store.js';
import { DEFAULT_PREFERENCES } from '../../../src/core/newsletter/preferences.js';
import { isoWeekIndex } from '../../../src/core/newsletter/week-key.js';
import { seedSubscribers } from '../../adapters/db/newsletter/seed.js';
import { type SmtpSink, startSmtpSink } from '../../adapters/email/support/smtp-sink.js';
import { useTestDatabase } from '../../setup/test-database.js';
import { manualClock, openTestNewsletter } from './support/harness.js';

const TUESDAY = new Date('2026-11-24T09:00:00.000Z'); // 2026-W48
const WEEK = 7 * 86_400_000;

describe('the digest job honours the preference center', () => {
  const db = useTestDatabase('pglite');
  let sink: SmtpSink;
  let env: Awaited<ReturnType<typeof openTestNewsletter>>;
  const clock = manualClock(TUESDAY.toISOString());

  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());
  beforeEach(async () => {
    env = await openTestNewsletter({ database: db(), smtpUrl: sink.url, clock });
  });
  afterEach(() => env.close());

  it('over four weeks: a pause skips the weeks it covers, every other week alternates, weekly gets all', async () => {
    const [weekly, paused, biweekly] = await seedSubscribers(db().prisma, 3, 'active', 'job');
    const store = createPrismaSubscriberStore(db().prisma);
    const set = async (email: string, preferences: typeof DEFAULT_PREFERENCES) =>
      store.setPreferences({ id: (await store.findByEmail(email))!.id, preferences, now: TUESDAY });
    await set(paused!, { ...DEFAULT_PREFERENCES, pausedUntil: new Date(TUESDAY.getTime() + 2 * WEEK) });
    await set(biweekly!, {
      ...DEFAULT_PREFERENCES,
      cadence: 'biweekly',
      cadenceParity: (isoWeekIndex('2026-W48') % 2) as 0 | 1,
    });

    const received: Record<string, string[]> = {};
    for (let week = 0; week < 4; week++) {
      const scheduledFor = new Date(TUESDAY.getTime() + week * WEEK);
      clock.set(scheduledFor.toISOString());
      sink.messages.length = 0;
      await env.newsletter.digestJob.runScheduled({ scheduledFor });
      received[`week ${week}`] = sink.messages.map((m) => m.to[0]!).sort();
    }
    expect(received).toEqual({
      'week 0': [biweekly, weekly].sort(),
      'week 1': [weekly],
      'week 2': [biweekly, paused, weekly].sort(),
      'week 3': [paused, weekly].sort(),
    });
  });
});
