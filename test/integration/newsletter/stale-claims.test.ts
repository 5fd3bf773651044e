import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { seedSubscribers } from '../../adapters/db/newsletter/seed.js';
import { type SmtpSink, startSmtpSink } from '../../adapters/email/support/smtp-sink.js';
import { type DatabaseKind, describeEachDatabase, useTestDatabase } from '../../setup/test-database.js';
import { clearNewsletter, manualClock, openTestNewsletter } from './support/harness.js';

const TUESDAY = '2026-11-24T09:00:00.000Z';
const DEAD = 'old-host:4242:dead00';

describeEachDatabase('rows a crashed sender still holds', (kind: DatabaseKind) => {
  const db = useTestDatabase(kind);
  let sink: SmtpSink;
  let env: Awaited<ReturnType<typeof openTestNewsletter>>;
  const clock = manualClock(TUESDAY);
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());
  beforeEach(async () => {
    await clearNewsletter(db(), sink);
    clock.set(TUESDAY);
    env = await openTestNewsletter({ database: db(), smtpUrl: sink.url, clock });
  });
  afterEach(() => env.close());

  /** An issue for 5 subscribers, 2 of whose rows a sender claimed and then died holding (as after kill -9). */
  const crashMidSend = async () => {
    await seedSubscribers(db().prisma, 5, 'active', 'held');
    const { issue } = await env.digests.createIssue({
      weekKey: '2026-W48',
      conceptSlug: 'token',
      useCaseSlug: 'cost-forecasting',
      scheduledFor: new Date(TUESDAY),
      now: clock.now(),
      reviveSkipped: false,
    });
    clock.advance(1000);
    const claimedAt = clock.now();
    const claimed = await env.digests.claim({
      issueId: issue.id,
      worker: DEAD,
      limit: 2,
      now: claimedAt,
      staleBefore: new Date(0),
      maxAttempts: 5,
    });
    expect(claimed.deliveries).toHaveLength(2);
    clock.advance(60_000);
    return { claimedAt, held: claimed.deliveries.map((d) => d.email) };
  };

  it('a rerun reports the rows still held, by whom and until when, instead of looking finished', async () => {
    const { claimedAt, held } = await crashMidSend();
    const report = await env.newsletter.services.digest.send({ weekKey: '2026-W48' });
    expect(report.delivery).toMatchObject({
      sent: 3,
      resumed: 0,
      completed: false,
      heldElsewhere: {
        count: 2,
        leaseExpiresAt: new Date(claimedAt.getTime() + 10 * 60_000),
        workers: [DEAD],
      },
    });
    expect(sink.messages.flatMap((m) => m.to).filter((to) => held.includes(to))).toEqual([]);
    expect((await env.newsletter.services.digest.status({ weekKey: '2026-W48' }))!.counts).toMatchObject({
      sent: 3,
      sending: 2,
    });
  });

  it('takeOverStale claims them at once, and every subscriber gets exactly one copy', async () => {
    const { held } = await crashMidSend();
    await env.newsletter.services.digest.send({ weekKey: '2026-W48' });
    const report = await env.newsletter.services.digest.send({ weekKey: '2026-W48', takeOverStale: true });
    expect(report.delivery).toMatchObject({
      sent: 2,
      resumed: 2,
      completed: true,
      heldElsewhere: { count: 0, leaseExpiresAt: null, workers: [] },
    });
    const recipients = sink.messages.flatMap((m) => m.to).sort();
    expect(recipients).toEqual(Array.from({ length: 5 }, (_, i) => `held${i}@example.com`));
    expect(held.every((email) => recipients.includes(email))).toBe(true);
    expect(env.logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'took over 2 deliveries of 2026-W48 from other senders',
      }),
    );
    expect(await env.newsletter.services.digest.issue('2026-W48')).toMatchObject({ status: 'sent' });
  });

  it('without takeOverStale the held rows wait for the lease, then go out', async () => {
    await crashMidSend();
    await env.newsletter.services.digest.send({ weekKey: '2026-W48' });
    clock.advance(10 * 60_000);
    const report = await env.newsletter.services.digest.send({ weekKey: '2026-W48' });
    expect(report.delivery).toMatchObject({
      sent: 2,
      resumed: 2,
      completed: true,
      heldElsewhere: { count: 0 },
    });
    expect(sink.messages).toHaveLength(5);
  });
});
