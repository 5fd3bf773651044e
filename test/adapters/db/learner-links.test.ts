import { expect, it } from 'vitest';
import { createPrismaSubscriberStore } from '../../../src/adapters/db/newsletter/prisma-subscriber-store.js';
import { createPrismaLearnerLinkStore } from '../../../src/adapters/db/prisma-learner-link-store.js';
import { createPrismaPracticeStore } from '../../../src/adapters/db/prisma-practice-store.js';
import type { Mailer, OutgoingEmail } from '../../../src/core/newsletter/ports.js';
import { createSubscriptions } from '../../../src/core/newsletter/subscriptions.js';
import { createTokenSigner } from '../../../src/core/newsletter/tokens.js';
import { createLearnerLinking } from '../../../src/core/practice/learner-linking.js';
import { withLinkedLearners } from '../../../src/core/practice/linked-practice.js';
import { createPracticeService } from '../../../src/core/practice/practice-service.js';
import { createReviewScheduler } from '../../../src/core/practice/review-scheduler.js';
import { testSettingsWithAddress } from '../../core/newsletter/support/settings.js';
import { manualClock, practiceLibrary } from '../../core/practice/practice-library.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { describeEachDatabase, useTestDatabase } from '../../setup/test-database.js';

const library = await practiceLibrary();
const now = new Date('2026-12-01T09:00:00Z');
const DAY = 86_400_000;

/** A Mailer that keeps every email it is given (the confirm link is read from the text). */
function recordingMailer(): Mailer & { sent: OutgoingEmail[] } {
  const sent: OutgoingEmail[] = [];
  return {
    description: 'recording',
    sent,
    async send(email) {
      sent.push(email);
      return { status: 'sent', messageId: `m${sent.length}`, response: '250 OK' };
    },
    async close() {},
  };
}

const confirmTokenIn = (email: OutgoingEmail) =>
  new URL(/https:\/\/\S+/.exec(email.text)![0]).searchParams.get('token')!;

describeEachDatabase('LearnerLink (chat learner ↔ subscriber)', (kind) => {
  const db = useTestDatabase(kind);
  const links = () => createPrismaLearnerLinkStore(db().prisma);
  const subscribers = () => createPrismaSubscriberStore(db().prisma);

  it('links a chat learner to the subscriber with that address, once, and moves it to a new address', async () => {
    const ada = await subscribers().ensurePending({ email: 'link-ada@example.com', now });
    const other = await subscribers().ensurePending({ email: 'link-other@example.com', now });
    const learner = 'chat:slack:link-1';
    expect(await links().subscriberOf(learner)).toBeNull();
    expect(await links().linkByEmail({ learner, email: 'nobody@example.com', now })).toBeNull();
    expect(await links().subscriberOf(learner)).toBeNull();
    const results = await Promise.all(
      Array.from({ length: 4 }, () => links().linkByEmail({ learner, email: 'link-ada@example.com', now })),
    );
    expect(results).toEqual([ada.id, ada.id, ada.id, ada.id]);
    expect(await db().prisma.learnerLink.count({ where: { learner } })).toBe(1);
    expect(await links().linkByEmail({ learner, email: 'link-other@example.com', now })).toBe(other.id);
    expect(await links().subscriberOf(learner)).toBe(other.id);
  });

  it('is in the subscriber data export, removed on unsubscribe, and erased with the subscriber', async () => {
    const s = await subscribers().ensurePending({ email: 'link-export@example.com', now });
    await links().linkByEmail({ learner: 'chat:slack:export-1', email: 'link-export@example.com', now });
    await links().linkByEmail({ learner: 'chat:discord:export-2', email: 'link-export@example.com', now });
    const exported = await subscribers().exportData(s.id);
    expect(exported!.chatLearners.map((l) => l.learner).sort()).toEqual([
      'chat:discord:export-2',
      'chat:slack:export-1',
    ]);
    expect(exported!.chatLearners[0]!.linkedAt).toEqual(now);

    expect(await subscribers().unsubscribe({ id: s.id, now })).toBe(true);
    expect(await links().subscriberOf('chat:slack:export-1')).toBeNull();
    expect((await subscribers().exportData(s.id))!.chatLearners).toEqual([]);

    // Subscribing again links again; erasing the subscriber takes the link with it.
    await links().linkByEmail({ learner: 'chat:slack:export-1', email: 'link-export@example.com', now });
    expect(await links().subscriberOf('chat:slack:export-1')).toBe(s.id);
    expect(await subscribers().delete(s.id)).toBe(true);
    expect(await links().subscriberOf('chat:slack:export-1')).toBeNull();
    expect(await db().prisma.learnerLink.count({ where: { subscriberId: s.id } })).toBe(0);
  });

  it('gives one practice view in chat and email once linked, on the real practice store', async () => {
    const s = await subscribers().ensurePending({ email: 'link-merge@example.com', now });
    const store = createPrismaPracticeStore(db().prisma);
    const clock = manualClock(now);
    const linking = createLearnerLinking({ links: links(), store, clock });
    let n = 0;
    const practice = withLinkedLearners(
      createPracticeService({
        store,
        scheduler: createReviewScheduler(),
        clock,
        library: () => library,
        newId: () => `merge-${kind}-${++n}`,
      }),
      linking.canonical,
    );
    const chat = 'chat:slack:merge-1';
    const first = await practice.next(chat);
    if (!first.item) throw new Error('nothing to practise');
    await practice.answer(chat, { shownId: first.shownId, choice: first.item.correct });

    expect(await linking.link(chat, 'Link-Merge@Example.com')).toBe(true);
    const email = `subscriber:${s.id}`;
    expect((await store.statesOf(email)).map((st) => st.itemId)).toEqual([first.item.id]);
    expect(await practice.summary(chat)).toEqual(await practice.summary(email));

    const slug = library.concepts.find(
      (c) => c.checkYourself.length > 0 && c.slug !== first.item!.slug,
    )!.slug;
    const added = await practice.queue(email, slug);
    expect(added).toBeGreaterThan(0);
    expect(await practice.queue(chat, slug)).toBe(0);
  });

  it('links the Discord learner that asked only when its confirm token is used, in the same transaction', async () => {
    const s = await subscribers().ensurePending({ email: 'link-discord@example.com', now });
    const learner = 'chat:discord:confirm-1';
    const token = (hash: string, extra: { learner?: string; expiresAt?: Date } = {}) =>
      subscribers().addConfirmToken({
        subscriberId: s.id,
        tokenHash: hash,
        source: 'discord:G1',
        expiresAt: new Date(now.getTime() + 7 * DAY),
        now,
        ...extra,
      });
    await token('h-discord-late', { learner, expiresAt: new Date(now.getTime() + 1000) });
    await token('h-discord-ok', { learner });
    await token('h-discord-plain');
    // Asking links nothing: the address is not known to be theirs until the mailbox answers.
    expect(await links().subscriberOf(learner)).toBeNull();
    const late = await subscribers().confirm({
      tokenHash: 'h-discord-late',
      now: new Date(now.getTime() + 2000),
    });
    expect(late).toMatchObject({ outcome: 'expired' });
    expect(late.linked).toBeUndefined();
    expect(await links().subscriberOf(learner)).toBeNull();

    const first = await subscribers().confirm({ tokenHash: 'h-discord-ok', now });
    expect(first).toMatchObject({ outcome: 'confirmed', linked: learner });
    expect(await links().subscriberOf(learner)).toBe(s.id);
    // A second click on the same link, or another confirm link without a learner, links nothing more.
    const again = await subscribers().confirm({ tokenHash: 'h-discord-ok', now });
    expect(again.outcome).toBe('already-confirmed');
    expect(again.linked).toBeUndefined();
    const plain = await subscribers().confirm({ tokenHash: 'h-discord-plain', now });
    expect(plain.linked).toBeUndefined();
    expect(await db().prisma.learnerLink.count({ where: { subscriberId: s.id } })).toBe(1);
    expect((await subscribers().exportData(s.id))!.chatLearners.map((l) => l.learner)).toEqual([learner]);
    // Leaving the digest unlinks, as for Slack.
    await subscribers().unsubscribe({ id: s.id, now });
    expect(await links().subscriberOf(learner)).toBeNull();
  });

  it("merges the Discord learner's practice into the subscriber when the emailed link is confirmed", async () => {
    const store = createPrismaPracticeStore(db().prisma);
    const clock = manualClock(now);
    const mailer = recordingMailer();
    const subscriptions = createSubscriptions({
      store: subscribers(),
      mailer,
      signer: createTokenSigner('a-test-secret-of-enough-length-0123456789'),
      settings: testSettingsWithAddress,
      clock,
      logger: createRecordingLogger(),
      practiceStore: store,
    });
    let n = 0;
    const linking = createLearnerLinking({ links: links(), store, clock });
    const practice = withLinkedLearners(
      createPracticeService({
        store,
        scheduler: createReviewScheduler(),
        clock,
        library: () => library,
        newId: () => `discord-merge-${kind}-${++n}`,
      }),
      linking.canonical,
    );
    const chat = 'chat:discord:merge-1';
    const first = await practice.next(chat);
    if (!first.item) throw new Error('nothing to practise');
    await practice.answer(chat, { shownId: first.shownId, choice: first.item.correct });

    const reply = await subscriptions.subscribe({
      email: 'Discord-Merge@example.com',
      source: 'discord:G1',
      learner: chat,
    });
    // The reply is the one every address gets; the email says what confirming also does.
    const other = await subscriptions.subscribe({ email: 'someone-else@example.com', source: 'discord:G1' });
    expect(reply.message.replace('discord-merge', 'someone-else')).toBe(other.message);
    const email = mailer.sent.find((m) => m.to === 'discord-merge@example.com')!;
    expect(email.text).toContain('Confirming also links the Discord account that asked to this subscription');
    expect(mailer.sent.find((m) => m.to === 'someone-else@example.com')!.text).not.toContain('links the');
    expect(await links().subscriberOf(chat)).toBeNull();
    expect(await practice.summary(chat)).toMatchObject({ started: 1 });

    const confirmed = await subscriptions.confirm(confirmTokenIn(email));
    expect(confirmed).toEqual({ outcome: 'confirmed', email: 'discord-merge@example.com' });
    const s = await subscribers().findByEmail('discord-merge@example.com');
    expect(await links().subscriberOf(chat)).toBe(s!.id);
    expect((await store.statesOf(`subscriber:${s!.id}`)).map((st) => st.itemId)).toEqual([first.item.id]);
    expect(await practice.summary(chat)).toEqual(await practice.summary(`subscriber:${s!.id}`));
    // A second click changes nothing.
    expect(await subscriptions.confirm(confirmTokenIn(email))).toEqual({
      outcome: 'already-confirmed',
      email: 'discord-merge@example.com',
    });
  });

  it('asks an already active subscriber to confirm the link only, keeping their consent on record', async () => {
    const mailer = recordingMailer();
    const subscriptions = createSubscriptions({
      store: subscribers(),
      mailer,
      signer: createTokenSigner('a-test-secret-of-enough-length-0123456789'),
      settings: testSettingsWithAddress,
      clock: manualClock(now),
      logger: createRecordingLogger(),
    });
    await subscriptions.addConsented({ email: 'active-link@example.com', consentSource: 'import:crm' });
    const before = await db().prisma.subscriber.findUniqueOrThrow({
      where: { email: 'active-link@example.com' },
    });
    // Without a chat learner an active address still gets nothing (unchanged).
    const plain = await subscriptions.subscribe({ email: 'active-link@example.com', source: 'web' });
    expect(mailer.sent).toEqual([]);
    const reply = await subscriptions.subscribe({
      email: 'active-link@example.com',
      source: 'discord:G1',
      learner: 'chat:discord:active-1',
    });
    expect(reply).toEqual(plain);
    expect(mailer.sent).toHaveLength(1);
    const email = mailer.sent[0]!;
    expect(email.subject).toBe('Link your Discord account to Concept Tutor');
    expect(email.text).toContain('You are already subscribed; confirming changes nothing else.');
    // Asked again at once: the unused link is still on its way (the usual 10-minute throttle).
    await subscriptions.subscribe({
      email: 'active-link@example.com',
      source: 'discord:G1',
      learner: 'chat:discord:active-1',
    });
    expect(mailer.sent).toHaveLength(1);

    expect(await subscriptions.confirm(confirmTokenIn(email))).toEqual({
      outcome: 'confirmed',
      email: 'active-link@example.com',
    });
    expect(await links().subscriberOf('chat:discord:active-1')).toBe(before.id);
    const after = await db().prisma.subscriber.findUniqueOrThrow({ where: { id: before.id } });
    expect(after).toMatchObject({
      status: 'active',
      consentSource: 'import:crm',
      consentAt: before.consentAt,
      confirmedAt: before.confirmedAt,
    });
  });
});
