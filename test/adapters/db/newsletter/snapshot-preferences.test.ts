import { expect, it } from 'vitest';
import { createPrismaDigestStore } from '../../../../src/adapters/db/newsletter/prisma-digest-store.js';
import { createPrismaSubscriberStore } from '../../../../src/adapters/db/newsletter/prisma-subscriber-store.js';
import { receivesIssue } from '../../../../src/core/newsletter/preferences.js';
import type { SubscriberPreferences } from '../../../../src/core/newsletter/types.js';
import { isoWeekIndex } from '../../../../src/core/newsletter/week-key.js';
import { describeEachDatabase, useTestDatabase } from '../../../setup/test-database.js';
import { seedSubscribers } from './seed.js';

const WEEK = 7 * 86_400_000;
const start = new Date('2026-11-24T09:00:00Z'); // 2026-W48
const weekKeys = [
  '2026-W48',
  '2026-W49',
  '2026-W50',
  '2026-W51',
  '2026-W52',
  '2026-W53',
  '2027-W01',
  '2027-W02',
];
const difficulties = [
  'beginner',
  'advanced',
  'beginner',
  'intermediate',
  'beginner',
  'beginner',
  'advanced',
  'beginner',
];
const even = (isoWeekIndex('2026-W48') % 2) as 0 | 1;
const odd = (1 - even) as 0 | 1;

/** One subscriber per kind of choice, and their combinations. */
const choices: Record<string, SubscriberPreferences> = {
  weekly: { pausedUntil: null, cadence: 'weekly', cadenceParity: null, level: 'all', countClicks: true },
  paused2: {
    pausedUntil: new Date(start.getTime() + 2 * WEEK),
    cadence: 'weekly',
    cadenceParity: null,
    level: 'all',
    countClicks: true,
  },
  biweeklyEven: {
    pausedUntil: null,
    cadence: 'biweekly',
    cadenceParity: even,
    level: 'all',
    countClicks: true,
  },
  biweeklyOdd: {
    pausedUntil: null,
    cadence: 'biweekly',
    cadenceParity: odd,
    level: 'all',
    countClicks: true,
  },
  beginner: {
    pausedUntil: null,
    cadence: 'weekly',
    cadenceParity: null,
    level: 'beginner',
    countClicks: true,
  },
  everything: {
    pausedUntil: new Date(start.getTime() + 3 * WEEK),
    cadence: 'biweekly',
    cadenceParity: odd,
    level: 'beginner',
    countClicks: false,
  },
};

describeEachDatabase('issue snapshot and the preference center', (kind) => {
  const db = useTestDatabase(kind);

  it('snapshots exactly the subscribers whose preferences take each issue, over eight weeks across a 53-week year', async () => {
    const { prisma } = db();
    const subscribers = createPrismaSubscriberStore(prisma);
    const digests = createPrismaDigestStore(prisma);
    const names = Object.keys(choices);
    const emails = await seedSubscribers(prisma, names.length, 'active', 'pref');
    const idOf = new Map<string, string>();
    for (const [i, name] of names.entries()) {
      const subscriber = (await subscribers.findByEmail(emails[i]!))!;
      idOf.set(subscriber.id, name);
      expect(
        await subscribers.setPreferences({ id: subscriber.id, preferences: choices[name]!, now: start }),
      ).toBe(true);
      // Stores report the time zone too; none was chosen here (local-time delivery).
      expect((await subscribers.findById(subscriber.id))!.preferences).toEqual({
        ...choices[name],
        timeZone: null,
      });
    }

    const expected: Record<string, string[]> = {};
    const actual: Record<string, string[]> = {};
    for (const [w, weekKey] of weekKeys.entries()) {
      const scheduledFor = new Date(start.getTime() + w * WEEK);
      const difficulty = difficulties[w]!;
      const { issue } = await digests.createIssue({
        weekKey,
        conceptSlug: 'token',
        conceptDifficulty: difficulty,
        useCaseSlug: 'cost-forecasting',
        scheduledFor,
        now: scheduledFor,
        reviveSkipped: false,
      });
      const rows = await prisma.delivery.findMany({
        where: { issueId: issue.id },
        select: { subscriberId: true },
      });
      actual[weekKey] = rows.map((r) => idOf.get(r.subscriberId)!).sort();
      expected[weekKey] = names
        .filter((n) => receivesIssue(choices[n]!, { weekKey, scheduledFor, difficulty }))
        .sort();
    }
    expect(actual).toEqual(expected);
    // The rules did something: each choice missed at least one week that "weekly" got.
    for (const name of names.filter((n) => n !== 'weekly'))
      expect(
        weekKeys.some((w) => !actual[w]!.includes(name)),
        name,
      ).toBe(true);
    expect(weekKeys.every((w) => actual[w]!.includes('weekly'))).toBe(true);
  });

  it('setPreferences answers false for an unknown or malformed id', async () => {
    const subscribers = createPrismaSubscriberStore(db().prisma);
    const preferences = choices.weekly!;
    expect(
      await subscribers.setPreferences({
        id: '00000000-0000-4000-8000-000000000000',
        preferences,
        now: start,
      }),
    ).toBe(false);
    expect(await subscribers.setPreferences({ id: 'nope', preferences, now: start })).toBe(false);
  });
});
