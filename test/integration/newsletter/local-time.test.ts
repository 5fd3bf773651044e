import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { seedSubscribers } from '../../adapters/db/newsletter/seed.js';
import { type SmtpSink, startSmtpSink } from '../../adapters/email/support/smtp-sink.js';
import { describeEachDatabase, useTestDatabase } from '../../setup/test-database.js';
import { clearNewsletter, manualClock, openTestNewsletter } from './support/harness.js';

// DIGEST_CRON Tuesday 09:00 in DIGEST_TZ UTC: 2026-W48's occurrence.
const TUESDAY = new Date('2026-11-24T09:00:00.000Z');
const ZONES = {
  kiritimati: 'Pacific/Kiritimati', // UTC+14: Tuesday 09:00 is Monday 19:00Z
  tokyo: 'Asia/Tokyo', // Tuesday 00:00Z
  utc: null, // no zone: DIGEST_TZ, Tuesday 09:00Z
  newyork: 'America/New_York', // EST: Tuesday 14:00Z
  baker: 'Etc/GMT+12', // UTC−12: Tuesday 21:00Z
} as const;

describeEachDatabase('local-time delivery', (kind) => {
  const db = useTestDatabase(kind);
  let sink: SmtpSink;
  let env: Awaited<ReturnType<typeof openTestNewsletter>>;
  const clock = manualClock(TUESDAY.toISOString());

  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());
  beforeEach(async () => {
    await clearNewsletter(db(), sink);
    env = await openTestNewsletter({ database: db(), smtpUrl: sink.url, clock });
  });
  afterEach(() => env.close());

  /** One active subscriber per zone, `<name>@example.com`. */
  const seedZones = async () => {
    for (const [name, timeZone] of Object.entries(ZONES)) {
      await seedSubscribers(db().prisma, 1, 'active', name);
      await db().prisma.subscriber.update({ where: { email: `${name}0@example.com` }, data: { timeZone } });
    }
  };
  const sentTo = () => sink.messages.map((m) => m.to[0]!.replace(/0@example\.com$/, '')).sort();
  const sendAfterOf = async (name: string) =>
    (
      await db().prisma.delivery.findFirstOrThrow({
        where: { subscriber: { email: `${name}0@example.com` } },
        orderBy: { createdAt: 'desc' },
      })
    ).sendAfter?.toISOString();

  it('creates the issue at the first zone’s 09:00 and reaches each subscriber at 09:00 their time, once', async () => {
    await seedZones();
    // Paused in Tokyo: preferences still decide who is snapshotted.
    await seedSubscribers(db().prisma, 1, 'active', 'paused');
    await db().prisma.subscriber.update({
      where: { email: 'paused0@example.com' },
      data: { timeZone: 'Asia/Tokyo', pausedUntil: new Date('2026-12-01T00:00:00Z') },
    });
    expect((await env.newsletter.digestJob.issueDueAt(TUESDAY)).toISOString()).toBe(
      '2026-11-23T19:00:00.000Z',
    );

    const steps: Array<[string, string[]]> = [
      ['2026-11-23T19:00:00.000Z', ['kiritimati']],
      ['2026-11-23T23:59:00.000Z', []],
      ['2026-11-24T00:00:00.000Z', ['tokyo']],
      ['2026-11-24T09:00:00.000Z', ['utc']],
      ['2026-11-24T13:59:00.000Z', []],
      ['2026-11-24T14:00:00.000Z', ['newyork']],
      ['2026-11-24T21:00:00.000Z', ['baker']],
      ['2026-11-25T09:00:00.000Z', []],
    ];
    clock.set(steps[0]![0]);
    const created = await env.newsletter.digestJob.runScheduled({ scheduledFor: TUESDAY });
    expect(created).toMatchObject({
      action: 'delivered',
      created: true,
      recipients: 5,
      delivery: { sent: 1 },
    });
    expect(sentTo()).toEqual(['kiritimati']);
    for (const [at, expected] of steps.slice(1)) {
      sink.messages.length = 0;
      clock.set(at);
      // The scheduler's tick, and a cron run at 09:00 UTC: neither sends anyone early or twice.
      await env.newsletter.digestJob.resumeOpen();
      await env.newsletter.digestJob.runScheduled({ scheduledFor: TUESDAY });
      expect({ at, sent: sentTo() }).toEqual({ at, sent: expected });
    }
    expect(await env.digests.findIssue('2026-W48')).toMatchObject({ status: 'sent' });
    expect(await sendAfterOf('baker')).toBe('2026-11-24T21:00:00.000Z');
  });

  it('keeps 09:00 local across a DST change, and a zone changed after the snapshot applies from the next issue', async () => {
    await seedZones();
    // 2026-10-27: New York on EDT (−4), 09:00 is 13:00Z. 2026-11-03: on EST (−5) since 1 November, 14:00Z.
    for (const [scheduledFor, newyork] of [
      ['2026-10-27T09:00:00.000Z', '2026-10-27T13:00:00.000Z'],
      ['2026-11-03T09:00:00.000Z', '2026-11-03T14:00:00.000Z'],
    ] as const) {
      clock.set(scheduledFor);
      await env.newsletter.digestJob.runScheduled({ scheduledFor: new Date(scheduledFor) });
      expect(await sendAfterOf('newyork')).toBe(newyork);
    }
    // Moving to Tokyo now leaves this week's row where it was; next week's issue uses Tokyo.
    await db().prisma.subscriber.update({
      where: { email: 'newyork0@example.com' },
      data: { timeZone: 'Asia/Tokyo' },
    });
    expect(await sendAfterOf('newyork')).toBe('2026-11-03T14:00:00.000Z');
    clock.set('2026-11-10T09:00:00.000Z');
    await env.newsletter.digestJob.runScheduled({ scheduledFor: new Date('2026-11-10T09:00:00.000Z') });
    expect(await sendAfterOf('newyork')).toBe('2026-11-10T00:00:00.000Z');
  });

  it('stores one defined instant for a 02:30 that New York skips or repeats', async () => {
    await seedZones();
    // DIGEST_TZ is UTC; the wall time 02:30 is looked up in New York.
    clock.set('2026-03-08T02:30:00.000Z');
    await env.newsletter.digestJob.runScheduled({ scheduledFor: new Date('2026-03-08T02:30:00.000Z') });
    expect(await sendAfterOf('newyork')).toBe('2026-03-08T07:30:00.000Z'); // skipped: 03:30 EDT
    clock.set('2026-11-01T01:30:00.000Z');
    await env.newsletter.digestJob.runScheduled({ scheduledFor: new Date('2026-11-01T01:30:00.000Z') });
    expect(await sendAfterOf('newyork')).toBe('2026-11-01T05:30:00.000Z'); // repeated: the first, EDT
  });

  it('catches up per subscriber: after an outage only those past their own cutoff miss the issue', async () => {
    await seedZones();
    // Down from before Monday 19:00Z until Wednesday 10:00Z; the cutoff is 24 h.
    clock.set('2026-11-25T10:00:00.000Z');
    const report = await env.newsletter.digestJob.runScheduled({ scheduledFor: TUESDAY });
    expect(report).toMatchObject({ action: 'delivered', created: true, recipients: 5, expired: 3 });
    // New York (due Tuesday 14:00Z) and Baker Island (21:00Z) are within 24 h of their own time.
    expect(sentTo()).toEqual(['baker', 'newyork']);
    const failed = await db().prisma.delivery.findMany({
      where: { status: 'failed' },
      select: { lastError: true, subscriber: { select: { email: true } } },
    });
    expect(failed.map((f) => f.subscriber.email).sort()).toEqual([
      'kiritimati0@example.com',
      'tokyo0@example.com',
      'utc0@example.com',
    ]);
    expect(failed[0]!.lastError).toMatch(/^not sent: more than 24 h after the scheduled time/);
    expect(await env.digests.findIssue('2026-W48')).toMatchObject({ status: 'sent' });
  });

  it('skips a week only once the last zone’s cutoff has passed', async () => {
    await seedZones();
    // Baker Island's Tuesday 21:00Z plus 24 h: Wednesday 21:00Z. An hour later nobody can still get it: 25 h after their own 09:00.
    clock.set('2026-11-25T22:00:00.000Z');
    const report = await env.newsletter.digestJob.runScheduled({ scheduledFor: TUESDAY });
    expect(report).toMatchObject({ action: 'skipped', weekKey: '2026-W48' });
    expect(report.action === 'skipped' && report.reason).toMatch(/^25 h late, past the 24 h catch-up cutoff/);
    expect(sink.messages).toHaveLength(0);
  });

  it('rows without a send time (made by hand, or before the migration) keep the issue’s own cutoff', async () => {
    await seedZones();
    await env.digests.createIssue({
      weekKey: '2026-W48',
      conceptSlug: 'token',
      useCaseSlug: 'cost-forecasting',
      scheduledFor: TUESDAY,
      now: TUESDAY,
      reviveSkipped: false,
    });
    expect(await sendAfterOf('tokyo')).toBeUndefined();
    clock.set('2026-11-25T09:01:00.000Z'); // 24 h and a minute after the issue's scheduled time
    expect(await env.newsletter.digestJob.resumeOpen()).toEqual([
      expect.objectContaining({ action: 'expired', expired: 5 }),
    ]);
    expect(sink.messages).toHaveLength(0);
  });

  it('a manual send (tutor digest send) goes to every zone at once', async () => {
    await seedZones();
    clock.set('2026-11-23T19:00:00.000Z');
    await env.newsletter.digestJob.runScheduled({ scheduledFor: TUESDAY });
    sink.messages.length = 0;
    const report = await env.newsletter.digestJob.runNow({ weekKey: '2026-W48' });
    expect(report.delivery).toMatchObject({ sent: 4, completed: true });
    expect(sentTo()).toEqual(['baker', 'newyork', 'tokyo', 'utc']);
  });
});
