import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedSubscribers } from '../../adapters/db/newsletter/seed.js';
import { type SmtpReply, type SmtpSink, startSmtpSink } from '../../adapters/email/support/smtp-sink.js';
import { useTestDatabase } from '../../setup/test-database.js';
import { clearNewsletter, manualClock, openTestNewsletter } from './support/harness.js';

const TUESDAY = '2026-11-24T09:00:00.000Z';
const HOUR = 3_600_000;

describe('the digest job against PGlite and a real SMTP server', () => {
  const db = useTestDatabase('pglite');
  let sink: SmtpSink;
  let policy: (address: string, attempt: number) => SmtpReply | null = () => null;
  let env: Awaited<ReturnType<typeof openTestNewsletter>>;
  const clock = manualClock(TUESDAY);

  beforeAll(async () => {
    sink = await startSmtpSink({ onRecipient: (address, attempt) => policy(address, attempt) });
  });
  afterAll(() => sink.close());
  beforeEach(async () => {
    // Each test gets a clean slate in the file's database.
    await clearNewsletter(db(), sink);
    policy = () => null;
    clock.set(TUESDAY);
    env = await openTestNewsletter({
      database: db(),
      smtpUrl: sink.url,
      clock,
      delivery: { retryDelayMs: () => 60_000, maxAttempts: 3 },
    });
  });
  afterEach(() => env.close());

  const status = async (email: string) =>
    (await db().prisma.subscriber.findUniqueOrThrow({ where: { email } })).status;

  it('sends exactly one issue to each active subscriber and nothing to pending, unsubscribed or bounced ones', async () => {
    const active = await seedSubscribers(db().prisma, 5, 'active', 'on');
    await seedSubscribers(db().prisma, 2, 'pending', 'unconfirmed');
    await seedSubscribers(db().prisma, 1, 'unsubscribed', 'left');
    await seedSubscribers(db().prisma, 1, 'bounced', 'dead');
    const report = await env.newsletter.digestJob.runScheduled({ scheduledFor: new Date(TUESDAY) });
    expect(report).toMatchObject({
      action: 'delivered',
      created: true,
      recipients: 5,
      issue: { weekKey: '2026-W48', conceptSlug: 'token', useCaseSlug: 'cost-forecasting' },
    });
    expect(report.action === 'delivered' && report.delivery).toMatchObject({
      sent: 5,
      retried: 0,
      failed: 0,
      completed: true,
    });
    expect(sink.messages.map((m) => m.to[0]).sort()).toEqual(active.sort());
    expect(await env.digests.findIssue('2026-W48')).toMatchObject({
      status: 'sent',
      sentAt: clock.now(),
    });
    const row = await db().prisma.delivery.findFirstOrThrow({ where: { subscriber: { email: active[0] } } });
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      messageId: `<2026-W48.${row.id}@example.com>`,
      sentAt: clock.now(),
    });
  });

  it('is idempotent: running again, or from cron, startup and the CLI together, sends nothing new', async () => {
    await seedSubscribers(db().prisma, 4, 'active', 'idem');
    await env.newsletter.digestJob.runScheduled({ scheduledFor: new Date(TUESDAY) });
    clock.advance(HOUR);
    const [cron, startup, manual] = await Promise.all([
      env.newsletter.digestJob.runScheduled({ scheduledFor: new Date(TUESDAY) }),
      env.newsletter.digestJob.resumeOpen(),
      env.newsletter.digestJob.runNow({ weekKey: '2026-W48' }),
    ]);
    expect(cron).toMatchObject({ action: 'delivered', created: false });
    expect(startup).toEqual([]);
    expect(manual).toMatchObject({ created: false, delivery: { sent: 0 } });
    expect(sink.messages).toHaveLength(4);
    expect(await db().prisma.digestIssue.count()).toBe(1);
  });

  it('honours an unsubscribe between the snapshot and the send', async () => {
    await seedSubscribers(db().prisma, 3, 'active', 'snap');
    await env.digests.createIssue({
      weekKey: '2026-W48',
      conceptSlug: 'token',
      useCaseSlug: 'cost-forecasting',
      scheduledFor: new Date(TUESDAY),
      now: clock.now(),
      reviveSkipped: false,
    });
    await env.newsletter.subscriptions.unsubscribe({ email: 'snap1@example.com', source: 'slack:T1' });
    const report = await env.newsletter.digestJob.runScheduled({ scheduledFor: new Date(TUESDAY) });
    expect(report.action === 'delivered' && report.delivery).toMatchObject({ sent: 2, skipped: 1 });
    expect(sink.messages.map((m) => m.to[0]).sort()).toEqual(['snap0@example.com', 'snap2@example.com']);
    expect(await env.digests.counts(report.action === 'delivered' ? report.issue.id : '')).toMatchObject({
      sent: 2,
      skipped: 1,
      failed: 0,
    });
  });

  it('retries a 4xx with backoff until it goes through, and bounces the subscriber on a 5xx', async () => {
    await seedSubscribers(db().prisma, 2, 'active', 'fine');
    await db().prisma.subscriber.createMany({
      data: ['busy@example.com', 'gone@example.com', 'stuck@example.com'].map((email) => ({
        email,
        status: 'active' as const,
        updatedAt: clock.now(),
      })),
    });
    policy = (address, attempt) =>
      address === 'busy@example.com' && attempt === 1
        ? { code: 451, message: '4.7.1 Greylisted, come back later' }
        : address === 'gone@example.com'
          ? { code: 550, message: '5.1.1 No such user here' }
          : address === 'stuck@example.com'
            ? { code: 452, message: '4.2.2 Mailbox full' }
            : null;
    const first = await env.newsletter.digestJob.runScheduled({ scheduledFor: new Date(TUESDAY) });
    expect(first.action === 'delivered' && first.delivery).toMatchObject({
      sent: 2,
      retried: 2,
      failed: 1,
      bounced: 1,
      completed: false,
    });
    expect(await status('gone@example.com')).toBe('bounced');
    const busy = await db().prisma.delivery.findFirstOrThrow({
      where: { subscriber: { email: 'busy@example.com' } },
    });
    expect(busy).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: '451 4.7.1 Greylisted, come back later',
      nextAttemptAt: new Date(clock.now().getTime() + 60_000),
    });

    // Not due yet: nothing happens.
    expect(await env.newsletter.digestJob.resumeOpen()).toEqual([
      expect.objectContaining({ delivery: expect.objectContaining({ sent: 0, retried: 0 }) }),
    ]);
    clock.advance(61_000);
    const second = await env.newsletter.digestJob.resumeOpen();
    expect(second[0]).toMatchObject({ delivery: { sent: 1, retried: 1 } });
    clock.advance(61_000);
    const third = await env.newsletter.digestJob.resumeOpen();
    expect(third[0]).toMatchObject({ delivery: { failed: 1, completed: true } });
    expect(sink.countFor('busy@example.com')).toBe(1);
    expect(sink.countFor('gone@example.com')).toBe(0);
    const stuck = await db().prisma.delivery.findFirstOrThrow({
      where: { subscriber: { email: 'stuck@example.com' } },
    });
    expect(stuck).toMatchObject({
      status: 'failed',
      attempts: 3,
      lastError: 'gave up after 3 attempts: 452 4.2.2 Mailbox full',
    });
    expect(await status('stuck@example.com')).toBe('active');
    const report = await env.newsletter.digestJob.status();
    expect(report?.counts).toMatchObject({ sent: 3, failed: 2, pending: 0 });
    expect(report?.failures.map((f) => f.email).sort()).toEqual(['gone@example.com', 'stuck@example.com']);

    // retry-failed resends only to still-active subscribers: not to the bounced one.
    policy = () => null;
    const retried = await env.newsletter.digestJob.retryFailed({});
    expect(retried).toMatchObject({ requeued: 1, delivery: { sent: 1, completed: true } });
    expect(sink.countFor('stuck@example.com')).toBe(1);
    expect(sink.countFor('gone@example.com')).toBe(0);
  });

  it('stops without blaming anyone when the SMTP server is down, and resumes when it is back', async () => {
    await seedSubscribers(db().prisma, 3, 'active', 'outage');
    const down = await startSmtpSink();
    const url = down.url;
    await down.close();
    const offline = await openTestNewsletter({
      database: db(),
      smtpUrl: url,
      clock,
      delivery: { retryDelayMs: () => 60_000 },
    });
    const report = await offline.newsletter.digestJob.runScheduled({ scheduledFor: new Date(TUESDAY) });
    await offline.close();
    expect(report.action === 'delivered' && report.delivery.stopped).toMatch(/^mail server unavailable: /);
    const rows = await db().prisma.delivery.findMany();
    expect(rows.every((r) => r.status === 'pending' && r.attempts === 0)).toBe(true);
    expect(await db().prisma.subscriber.count({ where: { status: 'bounced' } })).toBe(0);
    expect(
      offline.logger.lines.some(
        (l) => l.level === 'warn' && /stopped early: mail server unavailable/.test(l.message),
      ),
    ).toBe(true);
    clock.advance(61_000);
    const resumed = await env.newsletter.digestJob.resumeOpen();
    expect(resumed[0]).toMatchObject({ delivery: { sent: 3, completed: true } });
    expect(sink.messages).toHaveLength(3);
  });

  it('catches up a missed Tuesday within the cutoff and skips it after', async () => {
    await seedSubscribers(db().prisma, 2, 'active', 'late');
    clock.set('2026-11-25T08:00:00.000Z'); // 23 h late
    expect(await env.newsletter.digestJob.runScheduled({ scheduledFor: new Date(TUESDAY) })).toMatchObject({
      action: 'delivered',
      created: true,
      delivery: { sent: 2 },
    });

    clock.set('2026-12-02T10:00:00.000Z'); // 25 h after Tuesday 2026-12-01 09:00
    const skipped = await env.newsletter.digestJob.runScheduled({
      scheduledFor: new Date('2026-12-01T09:00:00.000Z'),
    });
    expect(skipped).toMatchObject({ action: 'skipped', weekKey: '2026-W49' });
    expect(skipped.action === 'skipped' && skipped.reason).toBe(
      '25 h late, past the 24 h catch-up cutoff (DIGEST_CATCHUP_HOURS); send it anyway with tutor digest send --week 2026-W49',
    );
    expect(sink.messages).toHaveLength(2);
    expect(await env.digests.findIssue('2026-W49')).toMatchObject({ status: 'skipped' });
    expect(env.logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: expect.stringMatching(/^skipping 2026-W49: 25 h late/),
      }),
    );
    // Repeated startups stay quiet about it, and the next week picks the next concept.
    expect(
      await env.newsletter.digestJob.runScheduled({ scheduledFor: new Date('2026-12-01T09:00:00.000Z') }),
    ).toMatchObject({ action: 'skipped', reason: 'recorded as skipped earlier' });
  });

  it('marks deliveries still pending past the cutoff as failed instead of sending a stale issue', async () => {
    await seedSubscribers(db().prisma, 1, 'active', 'cut');
    await db().prisma.subscriber.create({
      data: { email: 'greylisted@example.com', status: 'active', updatedAt: clock.now() },
    });
    policy = (address) => (address === 'greylisted@example.com' ? { code: 450, message: 'try later' } : null);
    await env.newsletter.digestJob.runScheduled({ scheduledFor: new Date(TUESDAY) });
    clock.advance(25 * HOUR);
    policy = () => null;
    const reports = await env.newsletter.digestJob.resumeOpen();
    expect(reports).toEqual([expect.objectContaining({ action: 'expired', expired: 1 })]);
    expect(sink.countFor('greylisted@example.com')).toBe(0);
    expect(await env.digests.findIssue('2026-W48')).toMatchObject({ status: 'sent' });
    const failure = (await env.newsletter.digestJob.status())!.failures[0]!;
    expect(failure.lastError).toMatch(/^not sent: more than 24 h after the scheduled time/);
  });

  it('creates no issue while nobody is subscribed, keeping the concept for the first real issue', async () => {
    await seedSubscribers(db().prisma, 1, 'pending', 'notyet');
    expect(await env.newsletter.digestJob.runScheduled({ scheduledFor: new Date(TUESDAY) })).toEqual({
      action: 'skipped',
      weekKey: '2026-W48',
      reason: 'no active subscribers; the next concept waits for the first issue with readers',
    });
    expect(await db().prisma.digestIssue.count()).toBe(0);
    await db().prisma.subscriber.updateMany({ data: { status: 'active' } });
    clock.advance(3_600_000);
    expect(await env.newsletter.digestJob.runScheduled({ scheduledFor: new Date(TUESDAY) })).toMatchObject({
      action: 'delivered',
      issue: { conceptSlug: 'token' },
      delivery: { sent: 1 },
    });
  });

  it('refuses to send an issue whose concept left the library, leaving every row pending', async () => {
    await seedSubscribers(db().prisma, 2, 'active', 'lost');
    await env.digests.createIssue({
      weekKey: '2026-W48',
      conceptSlug: 'deleted-concept',
      useCaseSlug: 'cost-forecasting',
      scheduledFor: new Date(TUESDAY),
      now: clock.now(),
      reviveSkipped: false,
    });
    await expect(env.newsletter.digestJob.resumeOpen()).rejects.toThrow(
      'Issue 2026-W48 teaches "deleted-concept" with "cost-forecasting", but the library no longer has that concept. Restore the file to finish sending it.',
    );
    expect(await env.digests.counts((await env.digests.findIssue('2026-W48'))!.id)).toMatchObject({
      pending: 2,
      sending: 0,
    });
    expect(sink.messages).toHaveLength(0);
  });

  it('sends a test copy that records nothing', async () => {
    const result = await env.newsletter.digestJob.sendTest({ to: 'editor@example.com' });
    expect(result.status).toBe('sent');
    const parsed = await sink.messages[0]!.parse();
    expect(parsed.subject).toBe("[Test] Token: this week's AI concept");
    expect(await db().prisma.digestIssue.count()).toBe(0);
    expect(await db().prisma.delivery.count()).toBe(0);
  });

  it('links the archive page, the concept article and the whole use case, in both parts of the email', async () => {
    await seedSubscribers(db().prisma, 1, 'active', 'reader');
    // Direct links: this reader turned click counting off (counted links go through /r/, see click-redirect.test.ts).
    await db().prisma.subscriber.updateMany({ data: { countClicks: false } });
    await env.newsletter.digestJob.runScheduled({ scheduledFor: new Date(TUESDAY) });
    const { html, text } = await sink.messages[0]!.parse();
    for (const url of [
      'https://tutor.example.com/archive/2026-W48',
      'https://tutor.example.com/concepts/token',
      'https://tutor.example.com/use-cases/cost-forecasting',
    ]) {
      expect(html).toContain(`href="${url}"`);
      expect(text).toContain(url);
    }
    expect(text).toContain('View this issue in your browser: https://tutor.example.com/archive/2026-W48');
    expect(text).toContain('Read the whole use case: https://tutor.example.com/use-cases/cost-forecasting');
  });

  it('without PUBLIC_URL, every link uses the same base as the unsubscribe link', async () => {
    await env.close();
    env = await openTestNewsletter({ database: db(), smtpUrl: sink.url, clock, env: { PUBLIC_URL: '' } });
    await seedSubscribers(db().prisma, 1, 'active', 'local');
    await env.newsletter.digestJob.runScheduled({ scheduledFor: new Date(TUESDAY) });
    const { html, text } = await sink.messages[0]!.parse();
    const unsubscribe = /^Unsubscribe: (\S+)$/m.exec(text ?? '')![1]!;
    const base = new URL(unsubscribe).origin;
    expect(base).toBe('http://127.0.0.1:3000');
    const links = [...(text ?? '').matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
    const hrefs = [...String(html).matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    // The browser, concept and use-case links are counted /r/ links (click counting is on by default).
    expect(links.map((l) => new URL(l).pathname.replace(/^\/r\/.+$/, '/r/')).sort()).toEqual(
      ['/newsletter/manage', '/newsletter/unsubscribe', '/r/', '/r/', '/r/'].sort(),
    );
    expect(links.every((l) => l.startsWith(`${base}/`))).toBe(true);
    expect(hrefs.filter((h) => h.startsWith('http')).every((h) => h.startsWith(`${base}/`))).toBe(true);
    expect(env.newsletter.warnings[0]).toMatch(
      /^PUBLIC_URL is not set, so every link in emails .* points at http:\/\/127\.0\.0\.1:3000/,
    );
  });
});
