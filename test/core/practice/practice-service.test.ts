import { describe, expect, it } from 'vitest';
import { createMemoryPracticeStore } from '../../../src/core/memory/memory-practice-store.js';
import { practiceItems } from '../../../src/core/practice/practice-items.js';
import { createPracticeService } from '../../../src/core/practice/practice-service.js';
import { createReviewScheduler } from '../../../src/core/practice/review-scheduler.js';
import type { PracticeItem } from '../../../src/core/practice/types.js';
import { DAY, MINUTE, manualClock, practiceLibrary } from './practice-library.js';

const library = await practiceLibrary();

function setup() {
  const clock = manualClock();
  const store = createMemoryPracticeStore();
  let n = 0;
  const service = createPracticeService({
    store,
    scheduler: createReviewScheduler(),
    clock,
    library: () => library,
    newId: () => `shown-${++n}`,
  });
  return { clock, store, service };
}

async function showNext(service: ReturnType<typeof setup>['service'], learner = 'web:a') {
  const next = await service.next(learner);
  if (!next.item) throw new Error('nothing to practise');
  return next as { item: PracticeItem; shownId: string };
}

const wrongChoice = (item: PracticeItem) => (item.correct + 1) % item.choices.length;

describe('practice scheduling (FSRS with a fake clock)', () => {
  it('pushes the next review out after right answers and brings it back soon after a wrong one', async () => {
    const { clock, service } = setup();
    const first = await showNext(service);
    const right = await service.answer('web:a', {
      shownId: first.shownId,
      itemId: first.item.id,
      choice: first.item.correct,
    });
    expect(right).toMatchObject({ ok: true, correct: true, replay: false });
    const gaps: number[] = [];
    let due = right.ok ? right.nextReviewAt : new Date();
    gaps.push(due.getTime() - clock.now().getTime());
    // Answer the same item right each time it falls due: every gap is longer than the last.
    for (let i = 0; i < 3; i++) {
      clock.advance(due.getTime() - clock.now().getTime());
      let next = await showNext(service);
      while (next.item.id !== first.item.id) {
        await service.answer('web:a', {
          shownId: next.shownId,
          itemId: next.item.id,
          choice: next.item.correct,
        });
        next = await showNext(service);
      }
      const graded = await service.answer('web:a', {
        shownId: next.shownId,
        itemId: next.item.id,
        choice: next.item.correct,
      });
      if (!graded.ok) throw new Error(graded.reason);
      gaps.push(graded.nextReviewAt.getTime() - clock.now().getTime());
      due = graded.nextReviewAt;
    }
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThan(gaps[i - 1]!);
    expect(gaps.at(-1)).toBeGreaterThan(DAY);

    // Now a lapse: the item comes back within minutes, not days.
    clock.advance(due.getTime() - clock.now().getTime());
    let next = await showNext(service);
    while (next.item.id !== first.item.id) {
      await service.answer('web:a', {
        shownId: next.shownId,
        itemId: next.item.id,
        choice: next.item.correct,
      });
      next = await showNext(service);
    }
    const wrong = await service.answer('web:a', {
      shownId: next.shownId,
      itemId: next.item.id,
      choice: wrongChoice(next.item),
    });
    if (!wrong.ok) throw new Error(wrong.reason);
    expect(wrong.correct).toBe(false);
    expect(wrong.nextReviewAt.getTime() - clock.now().getTime()).toBeLessThanOrEqual(30 * MINUTE);
  });

  it('puts due items first, most overdue first', async () => {
    const { clock, service } = setup();
    const a = await showNext(service);
    await service.answer('web:a', { shownId: a.shownId, itemId: a.item.id, choice: wrongChoice(a.item) });
    clock.advance(MINUTE);
    const b = await showNext(service);
    await service.answer('web:a', { shownId: b.shownId, itemId: b.item.id, choice: b.item.correct });
    clock.advance(DAY);
    // Both are due; a (wrong, due in a minute) is more overdue than b.
    const next = await showNext(service);
    expect(next.item.id).toBe(a.item.id);
  });

  it('interleaves concepts and introduces beginner concepts first', async () => {
    const { service } = setup();
    const slugs: string[] = [];
    for (let i = 0; i < 8; i++) {
      const next = await showNext(service);
      slugs.push(next.item.slug);
      await service.answer('web:a', {
        shownId: next.shownId,
        itemId: next.item.id,
        choice: next.item.correct,
      });
    }
    for (let i = 1; i < slugs.length; i++) expect(slugs[i]).not.toBe(slugs[i - 1]);
    for (const slug of slugs) expect(library.conceptBySlug.get(slug)!.difficulty).toBe('beginner');
    expect(practiceItems(library)[0]!.slug).toBe(slugs[0]);
  });

  it('grades a double-submitted answer once and returns the first result', async () => {
    const { store, service } = setup();
    const shown = await showNext(service);
    const input = { shownId: shown.shownId, itemId: shown.item.id, choice: shown.item.correct };
    const [one, two] = await Promise.all([
      service.answer('web:a', input),
      service.answer('web:a', { ...input, choice: wrongChoice(shown.item) }),
    ]);
    expect([one, two].map((r) => r.ok && r.replay).sort()).toEqual([false, true]);
    expect(one.ok && two.ok && one.correct === two.correct).toBe(true);
    const [state] = await store.statesOf('web:a');
    expect(state!.card.reps).toBe(1);
  });

  it('refuses unknown, foreign, mismatched and out-of-range answers', async () => {
    const { service } = setup();
    const shown = await showNext(service);
    const ok = { shownId: shown.shownId, itemId: shown.item.id, choice: 0 };
    expect(await service.answer('web:a', { ...ok, shownId: 'nope' })).toEqual({
      ok: false,
      reason: 'unknown-shown',
    });
    expect(await service.answer('web:b', ok)).toEqual({ ok: false, reason: 'unknown-shown' });
    expect(await service.answer('web:a', { ...ok, itemId: 'rag~00000000' })).toEqual({
      ok: false,
      reason: 'item-mismatch',
    });
    expect(await service.answer('web:a', { ...ok, choice: 9 })).toEqual({
      ok: false,
      reason: 'choice-out-of-range',
    });
    expect(await service.answer('web:a', { ...ok, choice: -1 })).toEqual({
      ok: false,
      reason: 'choice-out-of-range',
    });
  });

  it('reports when the next review falls due once everything is scheduled', async () => {
    const { service } = setup();
    const total = practiceItems(library).length;
    for (let i = 0; i < total; i++) {
      const next = await showNext(service);
      await service.answer('web:a', {
        shownId: next.shownId,
        itemId: next.item.id,
        choice: next.item.correct,
      });
    }
    const done = await service.next('web:a');
    expect(done.item).toBeNull();
    expect(done.item === null && done.nextReviewAt).toBeInstanceOf(Date);
  });
});

describe('practise this', () => {
  it('serves the focused article first, then falls back to the usual order', async () => {
    const { service } = setup();
    const count = library.conceptBySlug.get('rag')!.checkYourself.length;
    for (let i = 0; i < count; i++) {
      const next = await showNext(service);
      if (i === 0) expect(next.item.slug).not.toBe('rag');
      const focused = await service.next('web:a', { focus: 'rag' });
      if (!focused.item) throw new Error('nothing');
      expect(focused.item.slug).toBe('rag');
      await service.answer('web:a', {
        shownId: focused.shownId,
        itemId: focused.item.id,
        choice: focused.item.correct,
      });
    }
    const after = await service.next('web:a', { focus: 'rag' });
    expect(after.item?.slug).not.toBe('rag');
  });
});

describe('quiz me on this later', () => {
  it("makes the article's unstarted items due now, once, so the next session starts with them", async () => {
    const { service } = setup();
    const count = library.conceptBySlug.get('fine-tuning')!.checkYourself.length;
    expect(await service.queue('web:a', 'fine-tuning')).toBe(count);
    expect(await service.queue('web:a', 'fine-tuning')).toBe(0);
    const next = await showNext(service);
    expect(next.item.slug).toBe('fine-tuning');
  });
});
