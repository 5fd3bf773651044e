import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrismaSubscriberStore } from '../../../src/adapters/db/newsletter/prisma-subscriber-store.js';
import { createPrismaLearnerLinkStore } from '../../../src/adapters/db/prisma-learner-link-store.js';
import { createPrismaPracticeStore } from '../../../src/adapters/db/prisma-practice-store.js';
import type { Mailer, OutgoingEmail } from '../../../src/core/newsletter/ports.js';
import { createSubscriptions } from '../../../src/core/newsletter/subscriptions.js';
import { createTokenSigner } from '../../../src/core/newsletter/tokens.js';
import { chatLearner } from '../../../src/core/practice/learner-id.js';
import { createLearnerLinking } from '../../../src/core/practice/learner-linking.js';
import { withLinkedLearners } from '../../../src/core/practice/linked-practice.js';
import { createPracticeService } from '../../../src/core/practice/practice-service.js';
import { createReviewScheduler } from '../../../src/core/practice/review-scheduler.js';
import { testSettingsWithAddress } from '../../core/newsletter/support/settings.js';
import { practiceLibrary } from '../../core/practice/practice-library.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { useTestDatabase } from '../../setup/test-database.js';
import { fixture, type Harness, IDS, startHarness } from './discord-harness.js';

const library = await practiceLibrary();
const itemByQuestion = (content: string) =>
  library.concepts.flatMap((c) => c.checkYourself).find((i) => content.includes(`**${i.question}**`))!;

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

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

let serial = 0;
/** A fresh snowflake id and token per interaction (the bot dedupes on the id). */
const fresh = (id: string) => {
  serial += 1;
  return { id: String(BigInt(id) + BigInt(serial)), token: `${id}-token-${serial}` };
};

const edited = (token: string) => (r: { method: string; path: string }) =>
  r.method === 'PATCH' && r.path === `/webhooks/${IDS.bot}/${token}/messages/@original`;

function slash(name: string, options: Array<{ name: string; type: number; value: string }> = []) {
  const base = fixture('interaction-subscribe');
  return { ...base, ...fresh(base.id), data: { ...base.data, name, options } };
}

function click(customId: string) {
  const base = fixture('interaction-feedback-button');
  return { ...base, ...fresh(base.id), data: { ...base.data, custom_id: customId } };
}

describe('Discord: a learner who subscribes is linked to their subscriber record', () => {
  const db = useTestDatabase('pglite');

  it('links at the confirmation click, not at /subscribe, and practice then runs under the subscriber', async () => {
    const prisma = db().prisma;
    const store = createPrismaPracticeStore(prisma, db().sql);
    const subscribers = createPrismaSubscriberStore(prisma);
    const links = createPrismaLearnerLinkStore(prisma);
    const clock = { now: () => new Date() };
    const mailer = recordingMailer();
    const subscriptions = createSubscriptions({
      store: subscribers,
      mailer,
      signer: createTokenSigner('a-test-secret-of-enough-length-0123456789'),
      settings: testSettingsWithAddress,
      clock,
      logger: createRecordingLogger(),
      practiceStore: store,
    });
    const linking = createLearnerLinking({ links, store, clock });
    const practice = withLinkedLearners(
      createPracticeService({
        store,
        scheduler: createReviewScheduler(),
        clock,
        library: () => library,
        newId: randomUUID,
      }),
      linking.canonical,
    );
    h = await startHarness({ newsletter: subscriptions, practice, publicUrl: 'https://tutor.example.com' });
    const learner = chatLearner(
      'discord-test-salt-0123',
      'discord',
      fixture('interaction-subscribe').member.user.id,
    );

    // Practise once on Discord before subscribing.
    const first = slash('practice');
    h.dispatch('INTERACTION_CREATE', first);
    const shown = await h.api.waitFor(edited(first.token));
    const item = itemByQuestion(shown.body.content);
    const answer = click(shown.body.components[0].components[item.correct].custom_id);
    h.dispatch('INTERACTION_CREATE', answer);
    expect((await h.api.waitFor(edited(answer.token))).body.content).toContain('✅ Right.');

    const subscribe = slash('subscribe', [{ name: 'email', type: 3, value: 'discord-ada@example.com' }]);
    h.dispatch('INTERACTION_CREATE', subscribe);
    const reply = await h.api.waitFor(edited(subscribe.token));
    expect(reply.body.content).toBe(
      'Thanks! If discord-ada@example.com can receive Concept Tutor, a confirmation link is on its way to it. Click it within 7 days; nothing is sent until you do.',
    );
    // Typing an address proves nothing: no link until the mailbox's owner clicks.
    expect(await links.subscriberOf(learner)).toBeNull();
    const email = mailer.sent.at(-1)!;
    expect(email.to).toBe('discord-ada@example.com');
    expect(email.text).toContain('Confirming also links the Discord account that asked to this subscription');
    const token = new URL(/https:\/\/\S+/.exec(email.text)![0]).searchParams.get('token')!;

    expect(await subscriptions.confirm(token)).toEqual({
      outcome: 'confirmed',
      email: 'discord-ada@example.com',
    });
    const subscriber = await subscribers.findByEmail('discord-ada@example.com');
    const merged = `subscriber:${subscriber!.id}`;
    expect(await links.subscriberOf(learner)).toBe(subscriber!.id);
    expect((await store.statesOf(merged)).map((s) => s.itemId)).toEqual([item.id]);

    // The next /practice is the subscriber's: its showing is recorded under subscriber:<id>.
    const next = slash('practice');
    h.dispatch('INTERACTION_CREATE', next);
    const second = await h.api.waitFor(edited(next.token));
    const nextItem = itemByQuestion(second.body.content);
    expect(nextItem.id).not.toBe(item.id);
    const showings = await prisma.practiceShown.findMany({ where: { itemId: nextItem.id } });
    expect(showings.map((s) => s.learner)).toEqual([merged]);
  });

  it('keeps who asked as a salted pseudonym and links nothing while the address is unconfirmed, also after /unsubscribe', async () => {
    const prisma = db().prisma;
    const mailer = recordingMailer();
    const subscriptions = createSubscriptions({
      store: createPrismaSubscriberStore(prisma),
      mailer,
      signer: createTokenSigner('a-test-secret-of-enough-length-0123456789'),
      settings: testSettingsWithAddress,
      clock: { now: () => new Date() },
      logger: createRecordingLogger(),
    });
    h = await startHarness({ newsletter: subscriptions });
    const subscribe = slash('subscribe', [{ name: 'email', type: 3, value: 'never-confirms@example.com' }]);
    h.dispatch('INTERACTION_CREATE', subscribe);
    await h.api.waitFor(edited(subscribe.token));
    const unsubscribe = slash('unsubscribe', [
      { name: 'email', type: 3, value: 'never-confirms@example.com' },
    ]);
    h.dispatch('INTERACTION_CREATE', unsubscribe);
    await h.api.waitFor(edited(unsubscribe.token));
    const row = await prisma.subscriber.findUniqueOrThrow({ where: { email: 'never-confirms@example.com' } });
    expect(row.status).toBe('pending');
    expect(await prisma.learnerLink.count({ where: { subscriberId: row.id } })).toBe(0);
    // The token remembers who asked, as a salted pseudonym (never the raw Discord id).
    const [tokenRow] = await prisma.subscriberToken.findMany({ where: { subscriberId: row.id } });
    const userId = fixture('interaction-subscribe').member.user.id;
    expect(tokenRow!.learner).toBe(chatLearner('discord-test-salt-0123', 'discord', userId));
    expect(tokenRow!.learner).not.toContain(userId);
  });
});
