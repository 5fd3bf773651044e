import { beforeAll, describe, expect, it } from 'vitest';
import { createPrismaDigestStore } from '../../../../src/adapters/db/newsletter/prisma-digest-store.js';
import type { DigestStore } from '../../../../src/core/newsletter/ports.js';
import {
  describeEachDatabase,
  POSTGRES_SKIP_REASON,
  postgresTestUrl,
  useTestDatabase,
} from '../../../setup/test-database.js';
import { seedSubscribers } from './seed.js';

const now = new Date('2026-11-24T09:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);
const issueInput = (weekKey: string) => ({
  weekKey,
  conceptSlug: 'token',
  useCaseSlug: 'cost-forecasting',
  scheduledFor: now,
  now,
  reviveSkipped: false,
});
const claimInput = (
  issueId: string,
  worker: string,
  extra: Partial<Parameters<DigestStore['claim']>[0]> = {},
) => ({
  issueId,
  worker,
  limit: 100,
  now,
  staleBefore: at(-600_000),
  maxAttempts: 3,
  ...extra,
});

describeEachDatabase('PrismaDigestStore', (kind) => {
  const db = useTestDatabase(kind);
  const store = () => createPrismaDigestStore(db().prisma);
  beforeAll(async () => {
    await seedSubscribers(db().prisma, 6, 'active', 'a');
    await seedSubscribers(db().prisma, 2, 'pending', 'p');
    await seedSubscribers(db().prisma, 1, 'unsubscribed', 'u');
    await seedSubscribers(db().prisma, 1, 'bounced', 'b');
  });

  it('creates the issue and snapshots only active subscribers, once', async () => {
    const first = await store().createIssue(issueInput('2026-W48'));
    expect(first).toMatchObject({
      created: true,
      recipients: 6,
      issue: { weekKey: '2026-W48', status: 'sending', snapshotAt: now },
    });
    const again = await store().createIssue({ ...issueInput('2026-W48'), conceptSlug: 'temperature' });
    expect(again).toMatchObject({
      created: false,
      recipients: 0,
      issue: { id: first.issue.id, conceptSlug: 'token' },
    });
    expect(await store().counts(first.issue.id)).toEqual({
      pending: 6,
      sending: 0,
      sent: 0,
      failed: 0,
      skipped: 0,
      total: 6,
    });
    expect(await store().history()).toEqual([
      {
        weekKey: '2026-W48',
        conceptSlug: 'token',
        useCaseSlug: 'cost-forecasting',
        scheduledFor: issueInput('2026-W48').scheduledFor,
      },
    ]);
  });

  it('claims due rows once, honours an unsubscribe since the snapshot, records outcomes only for the claim holder', async () => {
    const { issue } = await store().createIssue(issueInput('2026-W40'));
    await db().prisma.subscriber.update({
      where: { email: 'a5@example.com' },
      data: { status: 'unsubscribed' },
    });
    const claimed = await store().claim(claimInput(issue.id, 'w1'));
    expect(claimed).toMatchObject({ skipped: 1, exhausted: 0, resumed: 0 });
    expect(claimed.deliveries).toHaveLength(5);
    expect(claimed.deliveries.every((d) => d.attempts === 1 && d.claimedAt.getTime() === now.getTime())).toBe(
      true,
    );
    expect((await store().claim(claimInput(issue.id, 'w2'))).deliveries).toHaveLength(0);
    const [d0, d1, d2, d3, d4] = claimed.deliveries;
    expect(await store().markSent({ id: d0!.id, worker: 'w2', messageId: '<x>', now })).toBe(false);
    expect(await store().markSent({ id: d0!.id, worker: 'w1', messageId: '<m0@example.com>', now })).toBe(
      true,
    );
    expect(await store().markSent({ id: d0!.id, worker: 'w1', messageId: '<again>', now })).toBe(false);
    expect(
      await store().markRetry({ id: d1!.id, worker: 'w1', error: '450 busy', nextAttemptAt: at(60_000) }),
    ).toBe(true);
    expect(
      await store().markFailed({ id: d2!.id, worker: 'w1', error: '550 no such user', now, bounce: true }),
    ).toBe(true);
    expect(await store().release({ ids: [d3!.id, d4!.id], worker: 'w1', notBefore: null })).toBe(2);
    const bounced = await db().prisma.delivery.findUniqueOrThrow({
      where: { id: d2!.id },
      include: { subscriber: true },
    });
    expect(bounced.subscriber).toMatchObject({
      status: 'bounced',
      lastError: '550 no such user',
      bouncedAt: now,
    });
    expect(await store().counts(issue.id)).toEqual({
      pending: 3,
      sending: 0,
      sent: 1,
      failed: 1,
      skipped: 1,
      total: 6,
    });
    // Released rows were never attempted; the retry waits for its time.
    const next = await store().claim(claimInput(issue.id, 'w3'));
    expect(next.deliveries.map((d) => [d.id, d.attempts]).sort()).toEqual(
      [
        [d3!.id, 1],
        [d4!.id, 1],
      ].sort(),
    );
    const retry = await store().claim(claimInput(issue.id, 'w3', { now: at(60_000) }));
    expect(retry.deliveries.map((d) => [d.id, d.attempts])).toEqual([[d1!.id, 2]]);
    const sent = await db().prisma.delivery.findUniqueOrThrow({ where: { id: d0!.id } });
    expect(sent).toMatchObject({
      status: 'sent',
      messageId: '<m0@example.com>',
      sentAt: now,
      claimedBy: 'w1',
    });
    await db().prisma.subscriber.update({ where: { email: 'a5@example.com' }, data: { status: 'active' } });
    await db().prisma.subscriber.update({ where: { id: bounced.subscriberId }, data: { status: 'active' } });
  });

  it('takes over rows abandoned past the lease, says so, and gives up after maxAttempts', async () => {
    const { issue } = await store().createIssue(issueInput('2026-W41'));
    const dead = await store().claim(claimInput(issue.id, 'dead-worker', { limit: 2 }));
    expect(dead.deliveries).toHaveLength(2);
    // Within the lease the rows stay with their worker.
    expect(
      (await store().claim(claimInput(issue.id, 'w2', { now: at(1000), staleBefore: at(-600_000) }))).resumed,
    ).toBe(0);
    await db().prisma.delivery.updateMany({
      where: { issueId: issue.id, status: 'sending', claimedBy: 'w2' },
      data: { status: 'sent' },
    });
    // A worker never takes over its own rows, however old: it is still sending them (a batch claimed ahead).
    expect(
      await store().claim(
        claimInput(issue.id, 'dead-worker', { now: at(700_000), staleBefore: at(100_000) }),
      ),
    ).toMatchObject({ deliveries: [], resumed: 0 });
    const resumed = await store().claim(
      claimInput(issue.id, 'w3', { now: at(700_000), staleBefore: at(100_000) }),
    );
    expect(resumed).toMatchObject({ resumed: 2, skipped: 0, exhausted: 0 });
    expect(resumed.deliveries.map((d) => d.attempts)).toEqual([2, 2]);
    const row = await db().prisma.delivery.findUniqueOrThrow({ where: { id: resumed.deliveries[0]!.id } });
    expect(row.lastError).toBe('resumed an interrupted send of dead-worker; it may have gone out already');
    await store().claim(claimInput(issue.id, 'w4', { now: at(1_400_000), staleBefore: at(800_000) }));
    const exhausted = await store().claim(
      claimInput(issue.id, 'w5', { now: at(2_100_000), staleBefore: at(1_500_000) }),
    );
    expect(exhausted).toMatchObject({ deliveries: [], exhausted: 2 });
    expect(
      (await db().prisma.delivery.findUniqueOrThrow({ where: { id: resumed.deliveries[0]!.id } })).lastError,
    ).toMatch(/^gave up after 3 attempts: resumed an interrupted send/);
  });

  it('completes an issue only when nothing is pending or sending, and reopens it for retry-failed', async () => {
    const { issue } = await store().createIssue(issueInput('2026-W42'));
    const claimed = await store().claim(claimInput(issue.id, 'w'));
    expect(await store().completeIfDone({ issueId: issue.id, now })).toBe(false);
    for (const [i, d] of claimed.deliveries.entries()) {
      if (i === 0)
        await store().markFailed({
          id: d.id,
          worker: 'w',
          error: 'gave up after 5 attempts: 450 busy',
          now,
          bounce: false,
        });
      else await store().markSent({ id: d.id, worker: 'w', messageId: `<m${i}>`, now });
    }
    expect(await store().completeIfDone({ issueId: issue.id, now: at(5) })).toBe(true);
    expect(await store().findIssue('2026-W42')).toMatchObject({ status: 'sent', sentAt: at(5) });
    expect(await store().failures({ issueId: issue.id, limit: 10 })).toEqual([
      {
        email: claimed.deliveries[0]!.email,
        status: 'failed',
        attempts: 1,
        lastError: 'gave up after 5 attempts: 450 busy',
        nextAttemptAt: null,
      },
    ]);
    expect(await store().retryFailed({ issueId: issue.id, now })).toBe(1);
    expect(await store().findIssue('2026-W42')).toMatchObject({ status: 'sending', sentAt: null });
    expect((await store().openIssues()).map((i) => i.weekKey)).toContain('2026-W42');
    expect((await store().claim(claimInput(issue.id, 'w2'))).deliveries.map((d) => d.attempts)).toEqual([1]);
  });

  it('records a group of sent rows in one call, only those this worker still holds', async () => {
    const { issue } = await store().createIssue(issueInput('2026-W30'));
    const claimed = (await store().claim(claimInput(issue.id, 'w1'))).deliveries;
    expect(claimed.length).toBeGreaterThanOrEqual(4);
    const [d0, d1, d2, d3] = claimed;
    // d3 was taken over by another worker; d2 was handed back: neither may become sent under w1.
    await store().release({ ids: [d2!.id], worker: 'w1', notBefore: null });
    await db().prisma.delivery.update({ where: { id: d3!.id }, data: { claimedBy: 'w2' } });
    const sentAt = new Date('2026-11-24T09:00:01.234Z');
    const recorded = await store().markSentMany({
      worker: 'w1',
      sent: [d0!, d1!, d2!, d3!].map((d, i) => ({ id: d.id, messageId: `<g${i}@example.com>`, sentAt })),
    });
    expect(recorded.sort()).toEqual([d0!.id, d1!.id].sort());
    const rows = await db().prisma.delivery.findMany({
      where: { id: { in: [d0!.id, d1!.id, d2!.id, d3!.id] } },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(d0!.id)).toMatchObject({ status: 'sent', messageId: '<g0@example.com>', sentAt });
    expect(byId.get(d1!.id)).toMatchObject({ status: 'sent', messageId: '<g1@example.com>', sentAt });
    expect(byId.get(d2!.id)).toMatchObject({ status: 'pending', messageId: null });
    expect(byId.get(d3!.id)).toMatchObject({ status: 'sending', claimedBy: 'w2', messageId: null });
    // Recording again changes nothing, and an empty group is no query at all.
    expect(
      await store().markSentMany({ worker: 'w1', sent: [{ id: d0!.id, messageId: '<again>', sentAt }] }),
    ).toEqual([]);
    expect(await store().markSentMany({ worker: 'w1', sent: [] })).toEqual([]);
  });

  it('expires what is still unsent past the cutoff and records skipped weeks without deliveries', async () => {
    const { issue } = await store().createIssue(issueInput('2026-W43'));
    await store().claim(claimInput(issue.id, 'w', { limit: 1 }));
    expect(
      await store().expireUnsent({
        issueId: issue.id,
        reason: 'not sent: too late',
        now,
        staleBefore: at(1),
      }),
    ).toBe(6);
    expect(await store().counts(issue.id)).toMatchObject({ failed: 6, pending: 0, sending: 0 });
    const skipped = await store().recordSkipped({
      weekKey: '2026-W44',
      conceptSlug: 'token',
      useCaseSlug: 'cost-forecasting',
      scheduledFor: now,
      now,
    });
    expect(skipped.status).toBe('skipped');
    expect(await store().counts(skipped.id)).toMatchObject({ total: 0 });
    expect((await store().history()).map((h) => h.weekKey)).not.toContain('2026-W44');
    // `tutor digest send --week` revives a skipped week with a fresh snapshot.
    const revived = await store().createIssue({ ...issueInput('2026-W44'), reviveSkipped: true });
    expect(revived).toMatchObject({
      created: true,
      recipients: 6,
      issue: { id: skipped.id, status: 'sending' },
    });
  });

  it('keeps pins per week', async () => {
    await store().setPin({ weekKey: '2026-W50', conceptSlug: 'temperature', useCaseSlug: null });
    expect(await store().getPin('2026-W50')).toEqual({
      weekKey: '2026-W50',
      conceptSlug: 'temperature',
      useCaseSlug: null,
    });
    await store().setPin({ weekKey: '2026-W50', conceptSlug: null, useCaseSlug: 'cost-forecasting' });
    expect(await store().getPin('2026-W50')).toEqual({
      weekKey: '2026-W50',
      conceptSlug: null,
      useCaseSlug: 'cost-forecasting',
    });
    expect(await store().clearPin('2026-W50')).toBe(true);
    expect(await store().getPin('2026-W50')).toBeNull();
  });
});

// Two connections can only race on a server: an embedded PGlite is one process and one session.
describe.skipIf(!postgresTestUrl)(
  postgresTestUrl
    ? 'PrismaDigestStore, two connections racing [PostgreSQL]'
    : `PrismaDigestStore, two connections racing [PostgreSQL: skipped, ${POSTGRES_SKIP_REASON}]`,
  () => {
    const db = useTestDatabase('postgres');
    const store = () => createPrismaDigestStore(db().prisma);
    beforeAll(async () => {
      await seedSubscribers(db().prisma, 6, 'active', 'a');
    });

    it('one issue, one snapshot, disjoint claims', async () => {
      const other = await db().reopen();
      const a = store();
      const b = createPrismaDigestStore(other.prisma);
      const [x, y] = await Promise.all([
        a.createIssue(issueInput('2026-W51')),
        b.createIssue(issueInput('2026-W51')),
      ]);
      expect([x.created, y.created].sort()).toEqual([false, true]);
      expect(x.issue.id).toBe(y.issue.id);
      expect(await a.counts(x.issue.id)).toMatchObject({ total: 6 });
      const [ca, cb] = await Promise.all([
        a.claim(claimInput(x.issue.id, 'a', { limit: 3 })),
        b.claim(claimInput(x.issue.id, 'b', { limit: 3 })),
      ]);
      const ids = [...ca.deliveries, ...cb.deliveries].map((d) => d.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(6);
    });
  },
);
