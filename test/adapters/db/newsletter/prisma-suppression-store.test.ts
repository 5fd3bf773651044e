import { expect, it } from 'vitest';
import { createPrismaDigestStore } from '../../../../src/adapters/db/newsletter/prisma-digest-store.js';
import { createPrismaSubscriberStore } from '../../../../src/adapters/db/newsletter/prisma-subscriber-store.js';
import { createPrismaSuppressionStore } from '../../../../src/adapters/db/newsletter/prisma-suppression-store.js';
import type { BounceEvent } from '../../../../src/core/newsletter/bounce-events.js';
import { describeEachDatabase, useTestDatabase } from '../../../setup/test-database.js';

const now = new Date('2026-11-20T10:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(now.getTime() - days * DAY);
const policy = { threshold: 3, windowDays: 30 };

const event = (over: Partial<BounceEvent>): BounceEvent => ({
  provider: 'ses',
  eventId: 'm-1',
  email: 'ada@example.com',
  kind: 'hard-bounce',
  occurredAt: ago(0),
  detail: 'smtp; 550 5.1.1 user unknown',
  ...over,
});

describeEachDatabase('PrismaSuppressionStore', (kind) => {
  const db = useTestDatabase(kind);
  const stores = () => ({
    suppressions: createPrismaSuppressionStore(db().prisma),
    subscribers: createPrismaSubscriberStore(db().prisma),
    digests: createPrismaDigestStore(db().prisma),
  });

  it('suppresses on a hard bounce, marks the subscriber bounced, and a replayed event changes nothing', async () => {
    const { suppressions, subscribers } = stores();
    await subscribers.addConsented({ email: 'ada@example.com', consentSource: 'test', now: ago(60) });
    expect(await suppressions.record(event({}), { now, policy })).toBe('suppressed');
    expect(await suppressions.isSuppressed('ada@example.com')).toBe(true);
    const ada = await subscribers.findByEmail('ada@example.com');
    expect(ada).toMatchObject({ status: 'bounced', bouncedAt: now });
    expect(ada?.lastError).toContain('hard-bounce via ses');

    const rows = await db().prisma.bounceEvent.count();
    expect(await suppressions.record(event({ detail: 'replayed' }), { now, policy })).toBe('duplicate');
    expect(await db().prisma.bounceEvent.count()).toBe(rows);
    expect((await suppressions.list({ limit: 10 }))[0]).toMatchObject({
      email: 'ada@example.com',
      reason: 'hard-bounce',
      provider: 'ses',
    });
  });

  it('records two events racing with the same id once', async () => {
    const { suppressions } = stores();
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () =>
        suppressions.record(event({ eventId: 'race', email: 'race@example.com', kind: 'complaint' }), {
          now,
          policy,
        }),
      ),
    );
    expect(outcomes.filter((o) => o === 'suppressed')).toHaveLength(1);
    expect(await db().prisma.bounceEvent.count({ where: { eventId: 'race' } })).toBe(1);
  });

  it('suppresses on soft bounces only at the threshold within the window', async () => {
    const { suppressions } = stores();
    const soft = (id: string, daysAgo: number) =>
      suppressions.record(
        event({ eventId: id, email: 'soft@example.com', kind: 'soft-bounce', occurredAt: ago(daysAgo) }),
        { now, policy },
      );
    expect(await soft('old', 45)).toBe('recorded');
    expect(await soft('s1', 20)).toBe('recorded');
    expect(await soft('s2', 10)).toBe('recorded');
    expect(await suppressions.isSuppressed('soft@example.com')).toBe(false);
    expect(await soft('s2', 10)).toBe('duplicate');
    expect(await suppressions.isSuppressed('soft@example.com')).toBe(false);
    expect(await soft('s3', 1)).toBe('suppressed');
    expect((await suppressions.list({ limit: 1 }))[0]).toMatchObject({
      email: 'soft@example.com',
      reason: 'soft-bounces',
    });
  });

  it('leaves suppressed addresses out of the digest snapshot and the recipient count, even if re-activated', async () => {
    const { suppressions, subscribers, digests } = stores();
    for (const email of ['ok@example.com', 'gone@example.com'])
      await subscribers.addConsented({ email, consentSource: 'test', now: ago(60) });
    await suppressions.record(event({ email: 'gone@example.com', kind: 'complaint' }), { now, policy });
    // An old confirm link (or a manual fix) makes the row active again: the suppression still wins.
    await db().prisma.subscriber.update({ where: { email: 'gone@example.com' }, data: { status: 'active' } });
    expect(await digests.countRecipients()).toBe(1);
    expect(await digests.countRecipients({ consentedBy: ago(30) })).toBe(1);
    expect(await digests.countRecipients({ consentedBy: ago(90) })).toBe(0);
    const { recipients, issue } = await digests.createIssue({
      weekKey: '2026-W47',
      conceptSlug: 'c',
      useCaseSlug: 'u',
      scheduledFor: now,
      now,
      reviveSkipped: false,
    });
    expect(recipients).toBe(1);
    const rows = await db().prisma.delivery.findMany({
      where: { issueId: issue.id },
      include: { subscriber: true },
    });
    expect(rows.map((r) => r.subscriber.email)).toEqual(['ok@example.com']);
  });

  it('keeps the suppression when the subscriber deletes their data, and an import does not re-add it', async () => {
    const { suppressions, subscribers } = stores();
    await subscribers.addConsented({ email: 'del@example.com', consentSource: 'test', now: ago(60) });
    await suppressions.record(event({ eventId: 'del', email: 'del@example.com' }), { now, policy });
    const del = await subscribers.findByEmail('del@example.com');
    expect(await subscribers.delete(del!.id)).toBe(true);
    expect(await suppressions.isSuppressed('del@example.com')).toBe(true);
    // An admin import cannot bring it back either.
    expect(await subscribers.addConsented({ email: 'del@example.com', consentSource: 'x', now })).toBe(
      'suppressed',
    );
    expect(await subscribers.findByEmail('del@example.com')).toBeNull();
  });
});
