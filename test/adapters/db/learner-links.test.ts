import { expect, it } from 'vitest';
import { createPrismaSubscriberStore } from '../../../src/adapters/db/newsletter/prisma-subscriber-store.js';
import { createPrismaLearnerLinkStore } from '../../../src/adapters/db/prisma-learner-link-store.js';
import { createPrismaPracticeStore } from '../../../src/adapters/db/prisma-practice-store.js';
import { createLearnerLinking } from '../../../src/core/practice/learner-linking.js';
import { withLinkedLearners } from '../../../src/core/practice/linked-practice.js';
import { createPracticeService } from '../../../src/core/practice/practice-service.js';
import { createReviewScheduler } from '../../../src/core/practice/review-scheduler.js';
import { manualClock, practiceLibrary } from '../../core/practice/practice-library.js';
import { describeEachDatabase, useTestDatabase } from '../../setup/test-database.js';

const library = await practiceLibrary();
const now = new Date('2026-12-01T09:00:00Z');

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
});
