import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { createPrismaWelcomeStore } from '../../../src/adapters/db/newsletter/prisma-welcome-store.js';
import { seedSubscribers } from '../../adapters/db/newsletter/seed.js';
import { type SmtpSink, startSmtpSink } from '../../adapters/email/support/smtp-sink.js';
import {
  type DatabaseKind,
  describeEachDatabase,
  openTestDatabase,
  type TestDatabase,
} from '../../setup/test-database.js';
import { manualClock, openTestNewsletter } from './support/harness.js';

const MINUTE = 60_000;
const LEASE = 10 * MINUTE;

describeEachDatabase('the welcome email: once per subscriber, through crashes', (kind: DatabaseKind) => {
  let db: TestDatabase;
  let sink: SmtpSink;
  let busy = new Set<string>();
  let env: Awaited<ReturnType<typeof openTestNewsletter>>;
  const clock = manualClock('2026-11-20T10:00:00Z');

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    sink = await startSmtpSink({
      onRecipient: (address) => (busy.has(address) ? { code: 450, message: 'mailbox busy' } : null),
    });
  });
  afterAll(async () => {
    await sink?.close();
    await db?.close();
  });
  beforeEach(async () => {
    busy = new Set();
    sink.messages.length = 0;
    await db.prisma.welcomeEmail.deleteMany();
    await db.prisma.emailSuppression.deleteMany();
    await db.prisma.subscriber.deleteMany();
    env = await openTestNewsletter({ database: db, smtpUrl: sink.url, clock, delivery: { leaseMs: LEASE } });
  });
  afterEach(() => env.close());

  const welcomeFor = async (emails: string[], status: 'active' | 'unsubscribed' = 'active') => {
    const rows = await db.prisma.subscriber.findMany({ where: { email: { in: emails } } });
    await db.prisma.subscriber.updateMany({ where: { email: { in: emails } }, data: { status } });
    await db.prisma.welcomeEmail.createMany({
      data: rows.map((r) => ({ subscriberId: r.id, createdAt: clock.now() })),
    });
    return rows.map((r) => r.id);
  };
  const welcomesTo = (email: string) => sink.messages.filter((m) => m.to.includes(email)).length;

  it('sends each due welcome once however often the job runs, and skips someone who left before it came up', async () => {
    const emails = await seedSubscribers(db.prisma, 4, 'active', 'w');
    await welcomeFor(emails.slice(0, 3));
    await welcomeFor(emails.slice(3), 'unsubscribed');
    // A bounced address made active again by an old confirm link gets no welcome, as it gets no digest.
    await db.prisma.emailSuppression.create({
      data: { email: emails[2]!, reason: 'hard-bounce', provider: 'test' },
    });
    const first = await env.newsletter.digestJob.sendWelcomes();
    expect(first).toMatchObject({ sent: 2, skipped: 2, failed: 0 });
    await env.newsletter.digestJob.resumeOpen();
    await env.newsletter.digestJob.sendWelcomes();
    expect(emails.map(welcomesTo)).toEqual([1, 1, 0, 0]);
    const mail = await sink.messages[0]!.parse();
    expect(mail.subject).toBe('Welcome to Concept Tutor');
    expect(mail.text).toContain('WHAT TO EXPECT');
    expect(mail.text).toContain('HOW TO PRACTISE');
    expect(mail.text).toContain('HOW TO LEAVE');
    // One-click unsubscribe (RFC 8058), as in every digest.
    expect(sink.messages[0]!.raw.toString()).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const skipped = await db.prisma.welcomeEmail.findMany({
      where: { status: 'failed' },
      include: { subscriber: { select: { email: true } } },
      orderBy: { subscriber: { email: 'asc' } },
    });
    expect(skipped.map((w) => [w.subscriber.email, w.lastError])).toEqual([
      [emails[2], 'skipped: the address is on the suppression list'],
      [emails[3], 'skipped: subscriber was unsubscribed when the welcome came up'],
    ]);
  });

  it('resends a welcome a crashed sender had claimed only after the lease, once, with the same Message-ID', async () => {
    const [email] = await seedSubscribers(db.prisma, 1, 'active', 'crash');
    await welcomeFor([email!]);
    // A sender claims it and dies before recording the send (the crash window).
    const dead = await createPrismaWelcomeStore(db.prisma).claim({
      worker: 'dead-host:1:abc',
      limit: 10,
      now: clock.now(),
      staleBefore: new Date(0),
      maxAttempts: 5,
    });
    expect(dead.welcomes).toHaveLength(1);
    // The claim is as old as this job, so on both databases (PGlite too) it counts as abandoned only after the lease.
    clock.advance(LEASE / 2);
    expect(await env.newsletter.digestJob.sendWelcomes()).toMatchObject({ sent: 0, resumed: 0 });
    clock.advance(LEASE);
    expect(await env.newsletter.digestJob.sendWelcomes()).toMatchObject({ sent: 1, resumed: 1 });
    expect(await env.newsletter.digestJob.sendWelcomes()).toMatchObject({ sent: 0 });
    expect(welcomesTo(email!)).toBe(1);
    const row = await db.prisma.welcomeEmail.findFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(row.lastError).toMatch(/^resumed an interrupted send of dead-host:1:abc/);
    expect(row.messageId).toContain(`welcome.${row.subscriberId}@`);
  });

  it('retries a 4xx with backoff until it goes through', async () => {
    const [email] = await seedSubscribers(db.prisma, 1, 'active', 'busy');
    await welcomeFor([email!]);
    busy.add(email!);
    expect(await env.newsletter.digestJob.sendWelcomes()).toMatchObject({ retried: 1, sent: 0 });
    // Not due yet: nothing is attempted.
    expect(await env.newsletter.digestJob.sendWelcomes()).toMatchObject({ retried: 0, sent: 0 });
    busy.delete(email!);
    clock.advance(2 * MINUTE);
    expect(await env.newsletter.digestJob.sendWelcomes()).toMatchObject({ sent: 1 });
    expect(welcomesTo(email!)).toBe(1);
  });
});
