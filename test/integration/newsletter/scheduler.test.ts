import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDigestScheduler } from '../../../src/adapters/schedule/digest-scheduler.js';
import { lastOccurrence } from '../../../src/adapters/schedule/last-occurrence.js';
import { nextOccurrence } from '../../../src/adapters/schedule/next-occurrence.js';
import { createInFlight } from '../../../src/core/chat/in-flight.js';
import type { NewsletterRuntime } from '../../../src/wiring/newsletter.js';
import { seedSubscribers } from '../../adapters/db/newsletter/seed.js';
import { type SmtpSink, startSmtpSink } from '../../adapters/email/support/smtp-sink.js';
import { useTestDatabase } from '../../setup/test-database.js';
import { clearNewsletter, manualClock, openTestNewsletter } from './support/harness.js';

const WEEK = 7 * 24 * 60;

describe('lastOccurrence', () => {
  it('finds the Tuesday 09:00 before now, in the configured zone', () => {
    expect(lastOccurrence('0 9 * * 2', 'UTC', new Date('2026-11-26T12:00:00Z'), WEEK)).toEqual(
      new Date('2026-11-24T09:00:00Z'),
    );
    expect(lastOccurrence('0 9 * * 2', 'Europe/Berlin', new Date('2026-11-26T12:00:00Z'), WEEK)).toEqual(
      new Date('2026-11-24T08:00:00Z'),
    );
    // Summer time: 09:00 in Berlin is 07:00 UTC.
    expect(lastOccurrence('0 9 * * 2', 'Europe/Berlin', new Date('2026-07-01T00:00:00Z'), WEEK)).toEqual(
      new Date('2026-06-30T07:00:00Z'),
    );
  });

  it('counts the current minute and returns null when nothing matched within the lookback', () => {
    expect(lastOccurrence('0 9 * * 2', 'UTC', new Date('2026-11-24T09:00:40Z'), 10)).toEqual(
      new Date('2026-11-24T09:00:00Z'),
    );
    expect(lastOccurrence('0 9 * * 2', 'UTC', new Date('2026-11-26T12:00:00Z'), 60)).toBeNull();
  });
});

describe('nextOccurrence', () => {
  it('finds the next Tuesday 09:00 after now, not the current minute, within the lookahead', () => {
    expect(nextOccurrence('0 9 * * 2', 'UTC', new Date('2026-11-23T10:00:00Z'), 27 * 60)).toEqual(
      new Date('2026-11-24T09:00:00Z'),
    );
    expect(nextOccurrence('0 9 * * 2', 'Europe/Berlin', new Date('2026-11-24T08:00:00Z'), WEEK + 60)).toEqual(
      new Date('2026-12-01T08:00:00Z'),
    );
    expect(nextOccurrence('0 9 * * 2', 'UTC', new Date('2026-11-24T10:00:00Z'), 27 * 60)).toBeNull();
  });
});

describe('the digest scheduler', () => {
  const db = useTestDatabase('pglite');
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink({ delayMs: 20 });
  });
  afterAll(() => sink.close());
  beforeEach(async () => {
    await clearNewsletter(db(), sink);
  });

  /** One start of the service at the clock's time: the scheduler's startup catch-up, then a stop. */
  const startAndStop = async (clock: ReturnType<typeof manualClock>) => {
    const env = await openTestNewsletter({ database: db(), smtpUrl: sink.url, clock });
    const scheduler = createDigestScheduler({
      newsletter: env.newsletter,
      clock,
      logger: env.logger,
      catchupHours: 24,
    });
    await scheduler.startup;
    await scheduler.stop();
    await env.close();
    return env;
  };

  /** The runtime with its job's scheduled runs recorded. */
  const recording = (newsletter: NewsletterRuntime) => {
    const calls: Date[] = [];
    const digest = {
      ...newsletter.digestJob,
      runScheduled: (input: Parameters<NewsletterRuntime['digestJob']['runScheduled']>[0]) => {
        calls.push(input.scheduledFor);
        return newsletter.digestJob.runScheduled(input);
      },
    };
    return { runtime: { ...newsletter, digestJob: digest }, calls };
  };

  it('catches up a missed Tuesday at startup, within the cutoff', async () => {
    await seedSubscribers(db().prisma, 3, 'active', 'catch');
    const clock = manualClock('2026-11-24T15:00:00Z');
    const env = await openTestNewsletter({ database: db(), smtpUrl: sink.url, clock });
    const { runtime, calls } = recording(env.newsletter);
    const scheduler = createDigestScheduler({
      newsletter: runtime,
      clock,
      logger: env.logger,
      catchupHours: 24,
    });
    await scheduler.startup;
    await scheduler.stop();
    await env.close();
    expect(calls).toEqual([new Date('2026-11-24T09:00:00Z')]);
    expect(sink.messages).toHaveLength(3);
  });

  it('creates the coming issue ahead of DIGEST_TZ once the first subscriber’s local 09:00 has come', async () => {
    // Subscribed after 2026-W47, so that week was missed by nobody; one reader in Kiritimati (UTC+14), one on UTC.
    const [east, utc] = await seedSubscribers(
      db().prisma,
      2,
      'active',
      'early',
      new Date('2026-11-20T00:00:00Z'),
    );
    await db().prisma.subscriber.update({
      where: { email: east! },
      data: { timeZone: 'Pacific/Kiritimati' },
    });
    for (const [at, sent] of [
      ['2026-11-23T18:59:00Z', []],
      ['2026-11-23T19:00:00Z', [east]],
    ] as const) {
      const clock = manualClock(at);
      await startAndStop(clock);
      expect({ at, sent: sink.messages.map((m) => m.to[0]) }).toEqual({ at, sent });
    }
    // Monday 19:00 UTC is Tuesday 09:00 in Kiritimati; the UTC reader's row waits for Tuesday 09:00 UTC.
    expect(await issueOfW48()).toMatchObject({
      status: 'sending',
      scheduledFor: new Date('2026-11-24T09:00:00Z'),
    });
    const waiting = await db().prisma.delivery.findFirstOrThrow({ where: { subscriber: { email: utc! } } });
    expect(waiting).toMatchObject({ status: 'pending', sendAfter: new Date('2026-11-24T09:00:00Z') });
  });

  const issueOfW48 = () => db().prisma.digestIssue.findUnique({ where: { weekKey: '2026-W48' } });

  it('skips a Tuesday missed by more than the cutoff, at startup', async () => {
    await seedSubscribers(db().prisma, 2, 'active', 'miss');
    const clock = manualClock('2026-11-26T10:00:00Z');
    const env = await startAndStop(clock);
    expect(sink.messages).toHaveLength(0);
    expect(await env.digests.findIssue('2026-W48')).toMatchObject({ status: 'skipped' });
  });

  it('records nothing as skipped on a fresh install: nobody was subscribed when the missed Tuesday came', async () => {
    const clock = manualClock('2026-11-26T10:00:00Z');
    const env = await openTestNewsletter({ database: db(), smtpUrl: sink.url, clock });
    const scheduler = createDigestScheduler({
      newsletter: env.newsletter,
      clock,
      logger: env.logger,
      catchupHours: 24,
    });
    await scheduler.startup;
    // People who subscribe after the missed Tuesday did not miss it either.
    await seedSubscribers(db().prisma, 2, 'active', 'newcomer', new Date('2026-11-25T12:00:00Z'));
    expect(
      await env.newsletter.digestJob.runScheduled({ scheduledFor: new Date('2026-11-24T09:00:00Z') }),
    ).toEqual({
      action: 'skipped',
      weekKey: '2026-W48',
      reason: 'nobody was subscribed at the scheduled time, so no issue was missed',
    });
    await scheduler.stop();
    await env.close();
    expect(await db().prisma.digestIssue.count()).toBe(0);
    expect(sink.messages).toHaveLength(0);
    expect(env.logger.lines.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
  });

  it('runs the job whenever the cron expression fires', async () => {
    const clock = { now: () => new Date(), set() {}, advance() {} };
    const env = await openTestNewsletter({
      database: db(),
      smtpUrl: sink.url,
      clock,
      env: { DIGEST_CRON: '* * * * * *' },
    });
    const { runtime, calls } = recording(env.newsletter);
    const scheduler = createDigestScheduler({
      newsletter: runtime,
      clock,
      logger: env.logger,
      catchupHours: 24,
    });
    await scheduler.startup;
    const afterStartup = calls.length;
    const deadline = Date.now() + 5000;
    while (calls.length < afterStartup + 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await scheduler.stop();
    await env.close();
    expect(calls.length).toBeGreaterThanOrEqual(afterStartup + 2);
    expect(new Set(calls.map((c) => c.getTime())).size).toBe(calls.length);
    expect(env.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('stops between messages: nothing is left in flight, the rest stays pending for the next start', async () => {
    await seedSubscribers(db().prisma, 60, 'active', 'stop');
    const clock = manualClock('2026-11-24T09:00:00Z');
    const env = await openTestNewsletter({
      database: db(),
      smtpUrl: sink.url,
      clock,
      env: { SMTP_MAX_CONNECTIONS: '2' },
      delivery: { batchSize: 10 },
    });
    const before = sink.accepted;
    const scheduler = createDigestScheduler({
      newsletter: env.newsletter,
      clock,
      logger: env.logger,
      catchupHours: 24,
    });
    await sink.waitFor(before + 3);
    await scheduler.stop();
    await env.close();
    const rows = await db().prisma.delivery.groupBy({ by: ['status'], _count: { _all: true } });
    const counts = Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
    expect(counts.sending).toBeUndefined();
    expect(counts.sent).toBe(sink.accepted - before);
    expect(counts.pending).toBe(60 - (sink.accepted - before));
    expect(counts.pending).toBeGreaterThan(0);
    expect(
      (await db().prisma.delivery.findMany({ where: { status: 'pending' } })).every((d) => d.attempts === 0),
    ).toBe(true);
  });

  it('registers each run as work in flight, so the service drain waits for the message being sent', async () => {
    // One connection and 100 recipients: the run lasts seconds, far longer than the checks below.
    await seedSubscribers(db().prisma, 100, 'active', 'drain');
    const clock = manualClock('2026-11-24T09:00:00Z');
    const env = await openTestNewsletter({
      database: db(),
      smtpUrl: sink.url,
      clock,
      env: { SMTP_MAX_CONNECTIONS: '1' },
      delivery: { batchSize: 10 },
    });
    const inFlight = createInFlight();
    const before = sink.accepted;
    const scheduler = createDigestScheduler({
      newsletter: env.newsletter,
      clock,
      logger: env.logger,
      catchupHours: 24,
      inFlight,
    });
    await sink.waitFor(before + 2);
    expect(inFlight.size).toBe(1);
    // What the service does at SIGTERM: stop taking work (the module's quiesce), then drain.
    const stopping = scheduler.stop();
    expect(await inFlight.drain(30_000)).toBe(true);
    await stopping;
    await env.close();
    const sending = await db().prisma.delivery.count({ where: { status: 'sending' } });
    expect(sending).toBe(0);
  });
});
