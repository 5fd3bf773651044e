import { describe, expect, it } from 'vitest';
import { createMemoryPracticeStore } from '../../../src/core/memory/memory-practice-store.js';
import { createPracticeService } from '../../../src/core/practice/practice-service.js';
import { practiceStreak } from '../../../src/core/practice/practice-streak.js';
import { createReviewScheduler } from '../../../src/core/practice/review-scheduler.js';
import { DAY, manualClock, practiceLibrary } from './practice-library.js';

const at = (iso: string) => new Date(iso);

describe('practiceStreak (UTC days)', () => {
  it('is 0 without answers, and counts consecutive days ending today', () => {
    const now = at('2026-12-03T12:00:00Z');
    expect(practiceStreak([], now)).toBe(0);
    expect(practiceStreak([at('2026-12-03T08:00:00Z')], now)).toBe(1);
    expect(
      practiceStreak(
        [at('2026-12-01T23:00:00Z'), at('2026-12-02T10:00:00Z'), at('2026-12-03T00:10:00Z')],
        now,
      ),
    ).toBe(3);
  });

  it('still counts a streak that ended yesterday (today is not over), and breaks it after a day without answers', () => {
    const answers = [at('2026-12-01T10:00:00Z'), at('2026-12-02T10:00:00Z')];
    expect(practiceStreak(answers, at('2026-12-03T09:00:00Z'))).toBe(2);
    expect(practiceStreak(answers, at('2026-12-04T00:00:00Z'))).toBe(0);
  });

  it('splits days at midnight UTC: 23:59:59 and 00:00:00 are two days, two answers in one day count once', () => {
    const answers = [
      at('2026-12-01T23:59:59.999Z'),
      at('2026-12-02T00:00:00.000Z'),
      at('2026-12-02T18:00:00Z'),
    ];
    expect(practiceStreak(answers, at('2026-12-02T23:59:59Z'))).toBe(2);
    // The same instants seen from New York (UTC-5) fall on one local day: the rule is UTC, not the viewer's zone.
    expect(practiceStreak([at('2026-12-02T03:00:00Z')], at('2026-12-02T04:00:00Z'))).toBe(1);
    expect(practiceStreak([at('2026-12-01T23:00:00Z')], at('2026-12-02T00:30:00Z'))).toBe(1);
  });

  it('ignores a gap earlier than the current run', () => {
    const answers = [at('2026-11-25T10:00:00Z'), at('2026-11-28T10:00:00Z'), at('2026-11-29T10:00:00Z')];
    expect(practiceStreak(answers, at('2026-11-29T11:00:00Z'))).toBe(2);
  });
});

describe('PracticeService.summary', () => {
  it('counts items due now, items started and the streak, moving with a fake clock across UTC midnight', async () => {
    const library = await practiceLibrary();
    const clock = manualClock(new Date('2026-12-01T23:50:00Z'));
    let n = 0;
    const service = createPracticeService({
      store: createMemoryPracticeStore(),
      scheduler: createReviewScheduler(),
      clock,
      library: () => library,
      newId: () => `shown-${++n}`,
    });
    expect(await service.summary('web:a')).toEqual({ due: 0, started: 0, streak: 0 });

    const answered = new Set<string>();
    const answerOne = async () => {
      const next = await service.next('web:a');
      if (!next.item) throw new Error('nothing to practise');
      await service.answer('web:a', { shownId: next.shownId, choice: next.item.correct });
      answered.add(next.item.id);
    };
    await answerOne();
    expect(await service.summary('web:a')).toMatchObject({ started: 1, streak: 1, due: 0 });

    // Twenty minutes later it is the next UTC day: yesterday's answer still carries the streak.
    clock.advance(20 * 60_000);
    expect((await service.summary('web:a')).streak).toBe(1);
    await answerOne();
    expect((await service.summary('web:a')).streak).toBe(2);

    const slug = library.concepts.find((c) => c.checkYourself.length > 0)!.slug;
    const queued = await service.queue('web:a', slug);
    const summary = await service.summary('web:a');
    expect(summary.due).toBeGreaterThanOrEqual(queued);
    expect(queued).toBeGreaterThan(0);
    // The second answer may have been the first item again (due after its learning step).
    expect(summary.started).toBe(answered.size + queued);

    // Two whole days without an answer break the streak.
    clock.advance(2 * DAY);
    expect((await service.summary('web:a')).streak).toBe(0);
  });
});
