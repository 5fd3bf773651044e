import { describe, expect, it } from 'vitest';
import { createMemoryPracticeStore } from '../../../src/core/memory/memory-practice-store.js';
import { createLearnerLinking, mergeStates } from '../../../src/core/practice/learner-linking.js';
import { withLinkedLearners } from '../../../src/core/practice/linked-practice.js';
import { createPracticeService } from '../../../src/core/practice/practice-service.js';
import { createReviewScheduler } from '../../../src/core/practice/review-scheduler.js';
import type { ItemState } from '../../../src/core/practice/types.js';
import { createFakeLearnerLinks } from '../../fakes/fake-learner-links.js';
import { DAY, manualClock, practiceLibrary } from './practice-library.js';

const library = await practiceLibrary();
const SUBSCRIBER = '6f1c2a1e-0000-4000-8000-000000000001';
const CHAT = 'chat:slack:abc123';
const EMAIL_LEARNER = `subscriber:${SUBSCRIBER}`;

function setup() {
  const clock = manualClock();
  const store = createMemoryPracticeStore();
  const links = createFakeLearnerLinks({ 'ada@example.com': SUBSCRIBER });
  const linking = createLearnerLinking({ links, store, clock });
  let n = 0;
  const inner = createPracticeService({
    store,
    scheduler: createReviewScheduler(),
    clock,
    library: () => library,
    newId: () => `shown-${++n}`,
  });
  const practice = withLinkedLearners(inner, linking.canonical);
  return { clock, store, links, linking, inner, practice };
}

async function answerNext(practice: ReturnType<typeof setup>['practice'], learner: string, right = true) {
  const next = await practice.next(learner);
  if (!next.item) throw new Error('nothing to practise');
  const choice = right ? next.item.correct : (next.item.correct + 1) % next.item.choices.length;
  const graded = await practice.answer(learner, { shownId: next.shownId, choice });
  if (!graded.ok) throw new Error(graded.reason);
  return next.item;
}

describe('linking a chat learner to their subscriber record', () => {
  it('links by the normalised address and resolves the chat learner to subscriber:<id>; others stay themselves', async () => {
    const { linking, links } = setup();
    expect(await linking.canonical(CHAT)).toBe(CHAT);
    expect(await linking.link(CHAT, '  Ada@Example.com ')).toBe(true);
    expect(links.calls.find((c) => c.method === 'linkByEmail')).toMatchObject({ email: 'ada@example.com' });
    expect(await linking.canonical(CHAT)).toBe(EMAIL_LEARNER);
    expect(await linking.canonical('chat:slack:someone-else')).toBe('chat:slack:someone-else');
    // Web visitors and subscribers are never looked up.
    const before = links.calls.length;
    expect(await linking.canonical('web:cookie')).toBe('web:cookie');
    expect(await linking.canonical(EMAIL_LEARNER)).toBe(EMAIL_LEARNER);
    expect(links.calls.length).toBe(before);
  });

  it('links nothing for an address without a subscriber record', async () => {
    const { linking } = setup();
    expect(await linking.link(CHAT, 'nobody@example.com')).toBe(false);
    expect(await linking.canonical(CHAT)).toBe(CHAT);
  });

  it('merges chat practice into the subscriber learner: one queue, one schedule, one streak in chat and email', async () => {
    const { practice, linking, store } = setup();
    const practisedInChat = await answerNext(practice, CHAT);
    const subscriberFirst = await answerNext(practice, EMAIL_LEARNER, false);
    expect(subscriberFirst.id).toBe(practisedInChat.id);

    await linking.link(CHAT, 'ada@example.com');
    // The chat review was later than nothing... but the subscriber reviewed the same item after it: theirs stands.
    const merged = await store.statesOf(EMAIL_LEARNER);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.card.lapses).toBe(0);

    // From now on chat and email are one learner: what chat answers, the email side sees, and vice versa.
    const next = await answerNext(practice, CHAT);
    const seenByEmail = (await store.statesOf(EMAIL_LEARNER)).map((s) => s.itemId);
    expect(seenByEmail).toContain(next.id);
    expect(await practice.summary(CHAT)).toEqual(await practice.summary(EMAIL_LEARNER));
    expect((await practice.summary(CHAT)).started).toBe(2);
    // Chat's own states are untouched while linked.
    expect((await store.statesOf(CHAT)).map((s) => s.itemId)).toEqual([practisedInChat.id]);
  });

  it('copies a chat state the subscriber lacks or reviewed less recently, and keeps a fresher subscriber state', async () => {
    const { store, clock } = setup();
    const scheduler = createReviewScheduler();
    const at = (days: number) => new Date(clock.now().getTime() + days * DAY);
    const state = (learner: string, itemId: string, reviewed: Date, version = 1): ItemState => ({
      learner,
      itemId,
      slug: itemId.split('~')[0]!,
      card: scheduler.review(scheduler.newCard(reviewed), true, reviewed),
      version,
    });
    await store.saveState(state(CHAT, 'a~1', at(0)), 0);
    await store.saveState(state(CHAT, 'b~1', at(2)), 0);
    await store.saveState(state(CHAT, 'c~1', at(1)), 0);
    await store.saveState(state(EMAIL_LEARNER, 'b~1', at(1)), 0);
    await store.saveState(state(EMAIL_LEARNER, 'c~1', at(3)), 0);

    expect(await mergeStates(store, CHAT, EMAIL_LEARNER)).toBe(2);
    const byItem = new Map((await store.statesOf(EMAIL_LEARNER)).map((s) => [s.itemId, s]));
    expect(byItem.get('a~1')).toMatchObject({ version: 1, card: { lastReview: at(0) } });
    expect(byItem.get('b~1')).toMatchObject({ version: 2, card: { lastReview: at(2) } });
    expect(byItem.get('c~1')).toMatchObject({ version: 1, card: { lastReview: at(3) } });
    // Merging again changes nothing (linking twice is idempotent).
    expect(await mergeStates(store, CHAT, EMAIL_LEARNER)).toBe(0);
  });

  it('after the link is removed (unsubscribe or erase), the chat learner carries on from its own states', async () => {
    const { practice, linking, links, store } = setup();
    const own = await answerNext(practice, CHAT);
    await linking.link(CHAT, 'ada@example.com');
    await answerNext(practice, CHAT);
    links.unlinkSubscriber(SUBSCRIBER);
    expect(await linking.canonical(CHAT)).toBe(CHAT);
    expect((await practice.summary(CHAT)).started).toBe(1);
    expect((await store.statesOf(CHAT)).map((s) => s.itemId)).toEqual([own.id]);
  });

  it('queues "Quiz me on this later" for the linked learner', async () => {
    const { practice, linking, store } = setup();
    await linking.link(CHAT, 'ada@example.com');
    const slug = library.concepts.find((c) => c.checkYourself.length > 0)!.slug;
    const added = await practice.queue(CHAT, slug);
    expect(added).toBeGreaterThan(0);
    expect(await practice.queue(EMAIL_LEARNER, slug)).toBe(0);
    expect(await store.statesOf(CHAT)).toEqual([]);
  });
});
