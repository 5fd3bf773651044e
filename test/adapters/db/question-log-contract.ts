import { randomUUID } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import type { Clock, QuestionLog, QuestionRecord } from '../../../src/core/ports.js';

/** A clock the test moves by hand, so ordering and time windows are exact. */
export interface ManualClock extends Clock {
  advance(ms: number): Date;
}

function createManualClock(start: Date): ManualClock {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms) {
      now += ms;
      return new Date(now);
    },
  };
}

function question(overrides: Partial<QuestionRecord> = {}): QuestionRecord {
  return {
    text: 'What is retrieval-augmented generation?',
    platform: 'slack',
    userHash: 'user-a',
    mode: 'ai',
    covered: true,
    sources: [
      { slug: 'rag', title: 'Retrieval-augmented generation', section: 'How it works' },
      { slug: 'embeddings', title: 'Embeddings' },
    ],
    model: 'claude-test',
    usage: { inputTokens: 1200, outputTokens: 340, cacheReadTokens: 800, cacheWriteTokens: 50 },
    latencyMs: 1875,
    ...overrides,
  };
}

/**
 * The behaviour every {@link QuestionLog} must have. Called inside a describe
 * block; `create` is called before each test and must return an empty log
 * stamped by the given clock.
 */
export function questionLogContract(create: (clock: Clock) => Promise<QuestionLog>): void {
  let clock: ManualClock;
  let log: QuestionLog;
  beforeEach(async () => {
    clock = createManualClock(new Date('2026-11-02T09:00:00.000Z'));
    log = await create(clock);
  });

  it('record then get returns every field as written', async () => {
    const entry = question();
    const { id } = await log.record(entry);
    expect(await log.get(id)).toEqual({
      ...entry,
      id,
      createdAt: new Date('2026-11-02T09:00:00.000Z'),
      feedback: null,
      feedbackReason: null,
    });
  });

  it('keeps usage marked as estimated (a server that reported none) as estimated', async () => {
    const usage = {
      inputTokens: 900,
      outputTokens: 40,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      estimated: true,
    };
    const { id } = await log.record(question({ usage }));
    expect((await log.get(id))?.usage).toEqual(usage);
    const reported = await log.record(question());
    expect((await log.get(reported.id))?.usage).not.toHaveProperty('estimated');
  });

  it('keeps a missing model missing and an empty source list empty', async () => {
    const { id } = await log.record(
      question({ model: undefined, sources: [], mode: 'not-covered', covered: false, platform: 'cli' }),
    );
    const got = await log.get(id);
    expect(got?.model).toBeUndefined();
    expect(got).toMatchObject({ sources: [], mode: 'not-covered', covered: false, platform: 'cli' });
  });

  it('get returns null for an unknown id, whatever its shape', async () => {
    expect(await log.get(randomUUID())).toBeNull();
    expect(await log.get('not-a-uuid')).toBeNull();
  });

  it('setFeedback stores a vote, a later vote replaces it, and a vote without reason keeps the reason', async () => {
    const { id } = await log.record(question());
    expect(await log.setFeedback(id, -1, 'cited the wrong article')).toBe(true);
    expect(await log.get(id)).toMatchObject({ feedback: -1, feedbackReason: 'cited the wrong article' });
    expect(await log.setFeedback(id, 1)).toBe(true);
    expect(await log.get(id)).toMatchObject({ feedback: 1, feedbackReason: 'cited the wrong article' });
    expect(await log.setFeedback(id, 1, 'fixed now')).toBe(true);
    expect(await log.get(id)).toMatchObject({ feedback: 1, feedbackReason: 'fixed now' });
  });

  it('setFeedback returns false for an unknown id and changes nothing', async () => {
    const { id } = await log.record(question());
    expect(await log.setFeedback(randomUUID(), 1)).toBe(false);
    expect(await log.setFeedback('not-a-uuid', -1, 'x')).toBe(false);
    expect(await log.get(id)).toMatchObject({ feedback: null, feedbackReason: null });
  });

  it('recent lists newest first, up to the limit, filtered by covered and feedback', async () => {
    const a = await log.record(question({ text: 'a', covered: true }));
    clock.advance(1000);
    const b = await log.record(question({ text: 'b', covered: false }));
    clock.advance(1000);
    const c = await log.record(question({ text: 'c', covered: true }));
    clock.advance(1000);
    const d = await log.record(question({ text: 'd', covered: false }));
    await log.setFeedback(a.id, -1, 'wrong');
    await log.setFeedback(b.id, -1);
    await log.setFeedback(c.id, 1);

    const texts = async (options: Parameters<QuestionLog['recent']>[0]) =>
      (await log.recent(options)).map((q) => q.text);
    expect(await texts({ limit: 10 })).toEqual(['d', 'c', 'b', 'a']);
    expect(await texts({ limit: 2 })).toEqual(['d', 'c']);
    expect(await texts({ limit: 10, covered: false })).toEqual(['d', 'b']);
    expect(await texts({ limit: 10, covered: true })).toEqual(['c', 'a']);
    expect(await texts({ limit: 10, feedback: -1 })).toEqual(['b', 'a']);
    expect(await texts({ limit: 10, feedback: 1 })).toEqual(['c']);
    expect(await texts({ limit: 10, covered: true, feedback: -1 })).toEqual(['a']);
    expect(await texts({ limit: 0 })).toEqual([]);

    const [newest] = await log.recent({ limit: 1 });
    expect(newest).toEqual(await log.get(d.id));
  });

  it('tokensSince sums input and output tokens from `since` on, inclusive', async () => {
    expect(await log.tokensSince(new Date(0))).toBe(0);
    await log.record(
      question({ usage: { inputTokens: 100, outputTokens: 10, cacheReadTokens: 5000, cacheWriteTokens: 7 } }),
    );
    const boundary = clock.advance(60_000);
    await log.record(
      question({ usage: { inputTokens: 200, outputTokens: 20, cacheReadTokens: 0, cacheWriteTokens: 0 } }),
    );
    clock.advance(1);
    await log.record(
      question({ usage: { inputTokens: 300, outputTokens: 30, cacheReadTokens: 0, cacheWriteTokens: 0 } }),
    );

    expect(await log.tokensSince(new Date(0))).toBe(660);
    expect(await log.tokensSince(boundary)).toBe(550);
    expect(await log.tokensSince(new Date(boundary.getTime() + 1))).toBe(330);
    expect(await log.tokensSince(clock.advance(1))).toBe(0);
  });

  it('recent with `since` keeps questions from `since` on, inclusive', async () => {
    await log.record(question({ text: 'old', covered: false }));
    const boundary = clock.advance(1000);
    await log.record(question({ text: 'at', covered: false }));
    clock.advance(1000);
    await log.record(question({ text: 'new', covered: true }));
    const texts = async (options: Parameters<QuestionLog['recent']>[0]) =>
      (await log.recent(options)).map((q) => q.text);
    expect(await texts({ limit: 10, since: boundary })).toEqual(['new', 'at']);
    expect(await texts({ limit: 10, since: boundary, covered: false })).toEqual(['at']);
  });

  it('totals counts questions by mode, sums every kind of token and counts votes, from `since` on', async () => {
    expect(await log.totals()).toEqual({
      questions: 0,
      byMode: { ai: 0, extractive: 0, 'not-covered': 0, 'model-refused': 0 },
      usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
      thumbsUp: 0,
      thumbsDown: 0,
    });
    const old = await log.record(
      question({
        mode: 'ai',
        usage: { inputTokens: 100, outputTokens: 10, cacheReadTokens: 1, cacheWriteTokens: 2 },
      }),
    );
    const boundary = clock.advance(1000);
    const a = await log.record(
      question({
        mode: 'extractive',
        usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
      }),
    );
    const b = await log.record(
      question({
        mode: 'not-covered',
        covered: false,
        usage: { inputTokens: 200, outputTokens: 20, cacheReadTokens: 3, cacheWriteTokens: 4 },
      }),
    );
    await log.record(
      question({
        mode: 'ai',
        usage: { inputTokens: 300, outputTokens: 30, cacheReadTokens: 5, cacheWriteTokens: 6 },
      }),
    );
    // Retrieval called it covered, the model said the passages do not answer it: its own kind of gap.
    const refused = await log.record(
      question({
        mode: 'model-refused',
        covered: false,
        usage: { inputTokens: 50, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0 },
      }),
    );
    expect((await log.get(refused.id))?.mode).toBe('model-refused');
    await log.setFeedback(old.id, 1);
    await log.setFeedback(a.id, 1);
    await log.setFeedback(b.id, -1, 'not covered');

    expect(await log.totals()).toEqual({
      questions: 5,
      byMode: { ai: 2, extractive: 1, 'not-covered': 1, 'model-refused': 1 },
      usage: { inputTokens: 650, outputTokens: 62, cacheReadTokens: 9, cacheWriteTokens: 12 },
      thumbsUp: 2,
      thumbsDown: 1,
    });
    expect(await log.totals({ since: boundary })).toEqual({
      questions: 4,
      byMode: { ai: 1, extractive: 1, 'not-covered': 1, 'model-refused': 1 },
      usage: { inputTokens: 550, outputTokens: 52, cacheReadTokens: 8, cacheWriteTokens: 10 },
      thumbsUp: 1,
      thumbsDown: 1,
    });
  });

  it('countByUserSince counts one user from `since` on, inclusive', async () => {
    await log.record(question({ userHash: 'user-a' }));
    const boundary = clock.advance(1000);
    await log.record(question({ userHash: 'user-a' }));
    await log.record(question({ userHash: 'user-b' }));
    clock.advance(1000);
    await log.record(question({ userHash: 'user-a' }));

    expect(await log.countByUserSince('user-a', new Date(0))).toBe(3);
    expect(await log.countByUserSince('user-a', boundary)).toBe(2);
    expect(await log.countByUserSince('user-b', boundary)).toBe(1);
    expect(await log.countByUserSince('user-c', new Date(0))).toBe(0);
  });

  it('reserve counts a question toward its asker and its reservation toward the budget before it is answered', async () => {
    const { id } = await log.reserve({
      text: 'pending?',
      platform: 'web',
      userHash: 'user-a',
      reservedTokens: 900,
    });
    expect(await log.countByUserSince('user-a', new Date(0))).toBe(1);
    expect(await log.tokensSince(new Date(0))).toBe(900);
    // A pending question is not an answer yet: the admin views leave it out.
    expect(await log.recent({ limit: 10 })).toEqual([]);
    expect((await log.totals()).questions).toBe(0);

    await log.settle(id, question({ text: 'pending?', platform: 'web', userHash: 'user-a' }));
    expect(await log.tokensSince(new Date(0))).toBe(1540);
    expect(await log.countByUserSince('user-a', new Date(0))).toBe(1);
    expect(await log.recent({ limit: 10 })).toEqual([
      expect.objectContaining({ id, text: 'pending?', mode: 'ai' }),
    ]);
    expect(await log.get(id)).toMatchObject({
      createdAt: new Date('2026-11-02T09:00:00.000Z'),
      usage: question().usage,
    });
  });

  it('release deletes a refused reservation so it never counts', async () => {
    const { id } = await log.reserve({
      text: 'refused',
      platform: 'slack',
      userHash: 'user-a',
      reservedTokens: 50,
    });
    await log.release(id);
    expect(await log.countByUserSince('user-a', new Date(0))).toBe(0);
    expect(await log.tokensSince(new Date(0))).toBe(0);
    expect(await log.get(id)).toBeNull();
  });
}
