import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../src/core/errors.js';
import { type SmtpSink, startSmtpSink } from '../../adapters/email/support/smtp-sink.js';
import { useTestDatabase } from '../../setup/test-database.js';
import { manualClock, openTestNewsletter } from './support/harness.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

describe('subscriptions as chat surfaces use them (the NewsletterSignup port)', () => {
  const db = useTestDatabase('pglite');
  let sink: SmtpSink;
  let env: Awaited<ReturnType<typeof openTestNewsletter>>;
  const clock = manualClock('2026-11-20T10:00:00Z');
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());
  beforeEach(async () => {
    env = await openTestNewsletter({ database: db(), smtpUrl: sink.url, clock });
  });
  afterEach(() => env.close());

  it('replies the same for new, pending and active addresses, and throttles repeated confirmation emails', async () => {
    const { subscriptions } = env.newsletter;
    const before = sink.accepted;
    const first = await subscriptions.subscribe({ email: 'Chat@Example.com', source: 'slack:T123' });
    expect(first.message).toBe(
      'Thanks! If chat@example.com can receive Concept Tutor, a confirmation link is on its way to it. Click it within 7 days; nothing is sent until you do.',
    );
    clock.advance(MINUTE);
    expect(await subscriptions.subscribe({ email: 'chat@example.com', source: 'slack:T123' })).toEqual(first);
    expect(sink.accepted - before).toBe(1);
    clock.advance(10 * MINUTE);
    await subscriptions.subscribe({ email: 'chat@example.com', source: 'discord:G9' });
    await sink.waitFor(before + 2);
    // The link in the newest email records where consent came from.
    const text = (await sink.messages.at(-1)!.parse()).text!;
    expect(text).toContain('asked via Discord to get Concept Tutor at chat@example.com');
    const token = new URL(/https:\/\/\S+/.exec(text)![0]).searchParams.get('token')!;
    expect(await subscriptions.confirm(token)).toEqual({ outcome: 'confirmed', email: 'chat@example.com' });
    expect(
      await db().prisma.subscriber.findUniqueOrThrow({ where: { email: 'chat@example.com' } }),
    ).toMatchObject({ consentSource: 'discord:G9' });
    expect(await subscriptions.subscribe({ email: 'chat@example.com', source: 'slack:T123' })).toEqual(first);
    expect(sink.accepted - before).toBe(2);
  });

  it('unsubscribes by address with the same reply whether or not it was subscribed', async () => {
    const { subscriptions } = env.newsletter;
    await subscriptions.addConsented({ email: 'leaver@example.com', consentSource: 'import:test' });
    const known = await subscriptions.unsubscribe({ email: 'leaver@example.com', source: 'slack:T123' });
    const unknown = await subscriptions.unsubscribe({ email: 'never@example.com', source: 'slack:T123' });
    expect(known.message).toBe(
      'Done: leaver@example.com will not get Concept Tutor any more. Changed your mind? You can subscribe again any time.',
    );
    expect(unknown.message.replace('never', 'leaver')).toBe(known.message);
    expect(
      (await db().prisma.subscriber.findUniqueOrThrow({ where: { email: 'leaver@example.com' } })).status,
    ).toBe('unsubscribed');
  });

  it('tells a member where their own address stands: not subscribed, pending, subscribed, unsubscribed', async () => {
    const { subscriptions } = env.newsletter;
    expect(await subscriptions.statusOf('member@example.com')).toBe('not-subscribed');
    await subscriptions.subscribe({ email: 'member@example.com', source: 'slack:T123' });
    expect(await subscriptions.statusOf('Member@Example.com')).toBe('pending');
    await subscriptions.addConsented({ email: 'member@example.com', consentSource: 'import:test' });
    expect(await subscriptions.statusOf('member@example.com')).toBe('subscribed');
    await subscriptions.unsubscribe({ email: 'member@example.com', source: 'slack:T123' });
    expect(await subscriptions.statusOf('member@example.com')).toBe('not-subscribed');
    await expect(subscriptions.statusOf('nope')).rejects.toThrow(UserFacingError);
  });

  it('rejects a bad address with a message fit for chat, and says so when the mail server is down', async () => {
    await expect(
      env.newsletter.subscriptions.subscribe({ email: 'not an address', source: 'slack:T1' }),
    ).rejects.toThrow(
      new UserFacingError(
        'EMAIL_INVALID',
        '"not an address" is not a valid email address. Use an address like name@example.com.',
      ),
    );
    const down = await startSmtpSink();
    const url = down.url;
    await down.close();
    const offline = await openTestNewsletter({ database: db(), smtpUrl: url, clock });
    await expect(
      offline.newsletter.subscriptions.subscribe({ email: 'unlucky@example.com', source: 'web' }),
    ).rejects.toThrow(
      'We could not send the confirmation email just now. Please try again in a few minutes.',
    );
    expect(offline.logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'could not send the confirmation email',
        fields: expect.objectContaining({ component: 'newsletter' }),
      }),
    );
    await offline.close();
  });

  it('forgets subscriptions never confirmed within 7 days', async () => {
    const { subscriptions } = env.newsletter;
    await subscriptions.subscribe({ email: 'ghost@example.com', source: 'web' });
    clock.advance(7 * DAY + MINUTE);
    await subscriptions.subscribe({ email: 'fresh@example.com', source: 'web' });
    expect(await subscriptions.expirePending()).toBeGreaterThanOrEqual(1);
    expect(await db().prisma.subscriber.findUnique({ where: { email: 'ghost@example.com' } })).toBeNull();
    expect(await db().prisma.subscriber.findUnique({ where: { email: 'fresh@example.com' } })).not.toBeNull();
  });

  it('rejects forged, truncated and other-purpose links', async () => {
    const { subscriptions } = env.newsletter;
    expect(await subscriptions.confirm('short')).toEqual({ outcome: 'invalid' });
    expect(await subscriptions.unsubscribeByToken('x'.repeat(50))).toEqual({ outcome: 'invalid' });
    expect(await subscriptions.peekManage('x'.repeat(50))).toEqual({ outcome: 'invalid' });
    expect(await subscriptions.exportByToken('')).toBe('invalid');
  });
});
