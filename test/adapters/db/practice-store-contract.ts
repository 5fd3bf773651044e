import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { pickViewOf } from '../../../src/core/practice/pick-next-item.js';
import type { PracticeStore } from '../../../src/core/practice/practice-store.js';
import { createReviewScheduler } from '../../../src/core/practice/review-scheduler.js';
import type { ItemState } from '../../../src/core/practice/types.js';

/** The behaviour every {@link PracticeStore} must have; run on memory, PGlite and PostgreSQL. */
export function practiceStoreContract(store: () => PracticeStore): void {
  const scheduler = createReviewScheduler();
  const now = new Date('2026-12-01T09:00:00Z');
  const state = (learner: string, version: number): ItemState => ({
    learner,
    itemId: 'rag~0000aaaa',
    slug: 'rag',
    card: scheduler.review(scheduler.newCard(now), true, now),
    version,
  });

  it('creates a state once and then updates it only from the version it read', async () => {
    const learner = `web:${randomUUID()}`;
    expect(await store().saveState(state(learner, 1), 0)).toBe(true);
    expect(await store().saveState(state(learner, 1), 0)).toBe(false);
    expect(await store().saveState(state(learner, 2), 1)).toBe(true);
    expect(await store().saveState(state(learner, 2), 1)).toBe(false);
    const [saved] = await store().statesOf(learner);
    expect(saved).toMatchObject({ learner, itemId: 'rag~0000aaaa', slug: 'rag', version: 2 });
    expect(saved!.card).toEqual(state(learner, 2).card);
    expect(await store().statesOf(`web:${randomUUID()}`)).toEqual([]);
  });

  it("gives a pick's view in one read: the same as computing it from every state", async () => {
    const learner = `web:${randomUUID()}`;
    const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
    const seeds = [
      { itemId: 'rag~1', slug: 'rag', due: at(-5), reviewed: at(-30) },
      { itemId: 'rag~2', slug: 'rag', due: at(-1), reviewed: at(-2) },
      { itemId: 'tok~1', slug: 'tokens', due: at(-3), reviewed: null },
      { itemId: 'tok~2', slug: 'tokens', due: at(48), reviewed: at(-10) },
      { itemId: 'gone~1', slug: 'gone', due: at(-9), reviewed: at(-1) },
    ];
    for (const seed of seeds) {
      const card = { ...scheduler.newCard(seed.due), lastReview: seed.reviewed };
      await store().saveState({ learner, itemId: seed.itemId, slug: seed.slug, card, version: 1 }, 0);
    }
    const ids = ['rag~1', 'rag~2', 'tok~1', 'tok~2', 'new~1'];
    const view = await store().pickView(learner, ids, now);
    expect(view).toEqual(pickViewOf(await store().statesOf(learner), ids, now));
    expect(view).toEqual({
      lastSlug: 'rag',
      due: [
        { itemId: 'rag~1', slug: 'rag' },
        { itemId: 'tok~1', slug: 'tokens' },
        { itemId: 'rag~2', slug: 'rag' },
      ],
      seen: new Set(['rag~1', 'rag~2', 'tok~1', 'tok~2']),
      nextDue: at(-5),
    });
    expect(await store().pickView(`web:${randomUUID()}`, ids, now)).toEqual({
      lastSlug: null,
      due: [],
      seen: new Set(),
      nextDue: null,
    });
  });

  it('lets exactly one of many concurrent writers of the same version win', async () => {
    const learner = `web:${randomUUID()}`;
    const first = await Promise.all(
      Array.from({ length: 10 }, () => store().saveState(state(learner, 1), 0)),
    );
    expect(first.filter(Boolean)).toHaveLength(1);
    const second = await Promise.all(
      Array.from({ length: 10 }, () => store().saveState(state(learner, 2), 1)),
    );
    expect(second.filter(Boolean)).toHaveLength(1);
  });

  it('records an answer on a shown item once, however many submit it', async () => {
    const id = randomUUID();
    const learner = `web:${randomUUID()}`;
    expect(await store().answerShown(id, { choice: 0, correct: true, answeredAt: now })).toBeNull();
    await store().recordShown({ id, learner, itemId: 'rag~0000aaaa', shownAt: now, answer: null });
    expect(await store().findShown(id)).toEqual({
      id,
      learner,
      itemId: 'rag~0000aaaa',
      shownAt: now,
      answer: null,
    });
    const results = await Promise.all(
      [0, 1, 2, 1, 0].map((choice) =>
        store().answerShown(id, { choice, correct: choice === 0, answeredAt: now }),
      ),
    );
    expect(results.filter((r) => r?.first)).toHaveLength(1);
    const winner = results.find((r) => r?.first)!.shown.answer!;
    for (const r of results) expect(r!.shown.answer).toEqual(winner);
    expect((await store().findShown(id))!.answer).toEqual(winner);
  });

  it('prunes shown items older than a cutoff', async () => {
    const old = randomUUID();
    const fresh = randomUUID();
    await store().recordShown({
      id: old,
      learner: 'web:x',
      itemId: 'a~1',
      shownAt: new Date('2000-01-01T00:00:00Z'),
      answer: null,
    });
    await store().recordShown({ id: fresh, learner: 'web:x', itemId: 'a~1', shownAt: now, answer: null });
    expect(await store().pruneShown(new Date('2001-01-01T00:00:00Z'))).toBeGreaterThanOrEqual(1);
    expect(await store().findShown(old)).toBeNull();
    expect(await store().findShown(fresh)).not.toBeNull();
  });

  it("lists one learner's answer times since a cutoff, oldest first (what a streak is counted from)", async () => {
    const learner = `chat:slack:${randomUUID()}`;
    const at = (iso: string) => new Date(iso);
    const answered = [at('2026-11-30T23:59:00Z'), at('2026-11-28T10:00:00Z'), at('2026-11-01T10:00:00Z')];
    for (const answeredAt of answered) {
      const id = randomUUID();
      await store().recordShown({ id, learner, itemId: 'a~1', shownAt: answeredAt, answer: null });
      await store().answerShown(id, { choice: 0, correct: true, answeredAt });
    }
    // Shown but unanswered, and another learner's answer: neither counts.
    await store().recordShown({ id: randomUUID(), learner, itemId: 'a~2', shownAt: now, answer: null });
    const other = randomUUID();
    await store().recordShown({ id: other, learner: 'web:other', itemId: 'a~1', shownAt: now, answer: null });
    await store().answerShown(other, { choice: 0, correct: true, answeredAt: now });
    expect(await store().answerTimes(learner, at('2026-11-15T00:00:00Z'))).toEqual([
      answered[1],
      answered[0],
    ]);
    expect(await store().answerTimes(`web:${randomUUID()}`, at('2000-01-01T00:00:00Z'))).toEqual([]);
  });
}

/** Aggregates for the learning report; run on every store. */
export function practiceStatsContract(store: () => PracticeStore): void {
  it('counts learners and due items per article, and answers per option, across learners', async () => {
    const scheduler = createReviewScheduler();
    const now = new Date('2026-12-01T09:00:00Z');
    const slug = `stats${randomUUID().slice(0, 8)}`;
    const itemId = `${slug}~00000001`;
    for (let i = 0; i < 3; i++) {
      const learner = `web:${slug}-${i}`;
      const card = scheduler.review(scheduler.newCard(now), i > 0, now);
      await store().saveState({ learner, itemId, slug, card, version: 1 }, 0);
      const id = randomUUID();
      await store().recordShown({ id, learner, itemId, shownAt: now, answer: null });
      await store().answerShown(id, { choice: i === 0 ? 2 : 0, correct: i > 0, answeredAt: now });
    }
    const stats = await store().learningStats(new Date(now.getTime() + 3_600_000));
    expect(stats.slugs.find((s) => s.slug === slug)).toEqual({ slug, learners: 3, due: 3 });
    const item = stats.items.find((s) => s.itemId === itemId)!;
    expect(item.learners).toBe(3);
    expect(item.choices.sort((a, b) => a.choice - b.choice)).toEqual([
      { choice: 0, answers: 2, correct: true },
      { choice: 2, answers: 1, correct: false },
    ]);
  });
}
