import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Library } from '../../../src/core/content/types.js';
import { type SmtpSink, startSmtpSink } from '../../adapters/email/support/smtp-sink.js';
import { libraryOf } from '../../core/newsletter/support/library.js';
import {
  type DatabaseKind,
  describeEachDatabase,
  openTestDatabase,
  type TestDatabase,
} from '../../setup/test-database.js';
import { manualClock, openTestNewsletter } from './support/harness.js';

const FIRST_TUESDAY = new Date('2026-11-03T09:00:00.000Z'); // 2026-W45
const WEEK = 7 * 86_400_000;
const LETTERS = 'abcdefghijkl'.split('');
// Six beginner concepts, then six intermediate ones: the weekly issue teaches them in this order.
const SLUGS = LETTERS.map((l) => `concept-${l}`);
const TITLE_TO_SLUG = new Map(LETTERS.map((l) => [`Concept ${l.toUpperCase()}`, `concept-${l}`]));

describeEachDatabase('the welcome track over ten weeks on a fake clock', (kind: DatabaseKind) => {
  let db: TestDatabase;
  let sink: SmtpSink;
  let library: Library;
  let env: Awaited<ReturnType<typeof openTestNewsletter>>;
  const clock = manualClock(new Date(FIRST_TUESDAY.getTime() - 86_400_000).toISOString());

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    sink = await startSmtpSink();
    library = await libraryOf(
      SLUGS.map((slug, i) => ({ slug, difficulty: i < 6 ? 'beginner' : 'intermediate' })),
      SLUGS.map((slug) => ({ slug: `use-${slug}`, concepts: [slug] })),
    );
  });
  afterAll(async () => {
    await sink?.close();
    await db?.close();
  });
  beforeEach(async () => {
    env = await openTestNewsletter({ database: db, smtpUrl: sink.url, clock, library });
  });
  afterEach(() => env.close());

  /** Subscribes and clicks the confirmation link, as a person would; waits for the welcome that follows. */
  const join = async (email: string) => {
    const { subscriptions } = env.newsletter;
    const before = sink.messages.length;
    await subscriptions.subscribe({ email, source: 'web' });
    await sink.waitFor(before + 1);
    const text = (await sink.messages.at(-1)!.parse()).text!;
    const token = new URL(/https:\/\/\S+\/newsletter\/confirm\?\S+/.exec(text)![0]).searchParams.get(
      'token',
    )!;
    expect(await subscriptions.confirm(token)).toMatchObject({ outcome: 'confirmed' });
    await subscriptions.idle();
  };

  /** What each address received, in order: "welcome" or the concept slug of a digest. */
  const received = async () => {
    const byAddress: Record<string, string[]> = {};
    for (const message of sink.messages) {
      const { subject } = await message.parse();
      if (subject?.startsWith('Confirm your subscription')) continue;
      const what = subject?.startsWith('Welcome to')
        ? 'welcome'
        : (TITLE_TO_SLUG.get(subject!.replace(/: this week's AI concept$/, '')) ?? `unknown: ${subject}`);
      for (const to of message.to) {
        byAddress[to] ??= [];
        byAddress[to].push(what);
      }
    }
    return byAddress;
  };

  it('welcomes once, catches a week-5 joiner up on the backlog, merges them into the weekly issue, and never sends a concept twice', async () => {
    const { newsletter } = env;
    await join('early@example.com');
    const weekly: string[] = [];
    for (let week = 1; week <= 10; week++) {
      const scheduledFor = new Date(FIRST_TUESDAY.getTime() + (week - 1) * WEEK);
      if (week === 5) {
        // Three people join between the fourth and the fifth issue.
        clock.set(new Date(scheduledFor.getTime() - 86_400_000).toISOString());
        await join('late@example.com');
        await join('beginner@example.com');
        const manage = await newsletter.subscriptions.addConsented({
          email: 'imported@example.com',
          consentSource: 'import:test',
        });
        expect(manage.outcome).toBe('added');
        const beginner = await db.prisma.subscriber.findUniqueOrThrow({
          where: { email: 'beginner@example.com' },
        });
        await db.prisma.subscriber.update({ where: { id: beginner.id }, data: { level: 'beginner' } });
      }
      clock.set(scheduledFor.toISOString());
      const report = await newsletter.digestJob.runScheduled({ scheduledFor });
      expect(report.action).toBe('delivered');
      if (report.action === 'delivered') weekly.push(report.issue.conceptSlug);
      // The resume tick runs too; it finds nothing more to send.
      await newsletter.digestJob.resumeOpen();
      if (week === 6) {
        const track = await newsletter.services.digest.welcomeTrack();
        const late = track!.members.find((m) => m.email === 'late@example.com')!;
        expect(late).toMatchObject({ length: 4, done: 2, next: 'concept-c', welcomeStatus: 'sent' });
        const beginner = track!.members.find((m) => m.email === 'beginner@example.com')!;
        expect(beginner).toMatchObject({ length: 4, done: 2, next: 'concept-c' });
        expect(track!.members.find((m) => m.email === 'early@example.com')).toMatchObject({
          length: 0,
          next: null,
        });
      }
    }
    expect(weekly).toEqual(SLUGS.slice(0, 10));

    const got = await received();
    expect(got['early@example.com']).toEqual(['welcome', ...SLUGS.slice(0, 10)]);
    // Catches up on the four concepts taught before they joined, then gets the weekly issue.
    expect(got['late@example.com']).toEqual([
      'welcome',
      'concept-a',
      'concept-b',
      'concept-c',
      'concept-d',
      'concept-i',
      'concept-j',
    ]);
    // Beginner only: the same beginner backlog, even in weeks whose issue is harder; no copy of a harder issue after.
    expect(got['beginner@example.com']).toEqual([
      'welcome',
      'concept-a',
      'concept-b',
      'concept-c',
      'concept-d',
    ]);
    // An import never confirmed, so it gets no welcome and no track: the weekly issue from the week it was added.
    expect(got['imported@example.com']).toEqual(SLUGS.slice(4, 10));
    for (const [address, list] of Object.entries(got)) {
      const concepts = list.filter((c) => c !== 'welcome');
      expect(new Set(concepts).size, `${address} got a concept twice: ${concepts.join(', ')}`).toBe(
        concepts.length,
      );
    }

    const track = await newsletter.services.digest.welcomeTrack();
    expect(track!.welcome).toEqual({ pending: 0, sending: 0, sent: 3, failed: 0 });
    expect(track!.total).toBe(3);
    expect(track!.members.every((m) => m.next === null)).toBe(true);
    // The data export says which concept each copy taught.
    const late = await db.prisma.delivery.findMany({
      where: { subscriber: { email: 'late@example.com' } },
      orderBy: { createdAt: 'asc' },
      select: { conceptSlug: true },
    });
    expect(late.map((d) => d.conceptSlug)).toEqual([
      'concept-a',
      'concept-b',
      'concept-c',
      'concept-d',
      null,
      null,
    ]);
  }, 120_000);

  it('sends no second welcome when a subscriber leaves and confirms again', async () => {
    const before = (await received())['late@example.com']!.filter((w) => w === 'welcome').length;
    await env.newsletter.subscriptions.unsubscribe({ email: 'late@example.com', source: 'web' });
    clock.advance(WEEK);
    await join('late@example.com');
    await env.newsletter.digestJob.resumeOpen();
    expect((await received())['late@example.com']!.filter((w) => w === 'welcome')).toHaveLength(before);
  }, 60_000);
});
