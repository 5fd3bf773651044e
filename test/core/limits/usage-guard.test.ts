import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../src/core/errors.js';
import { admitQuestion } from '../../../src/core/limits/admit-question.js';
import { createUsageGuard } from '../../../src/core/limits/create-usage-guard.js';
import { createMemoryQuestionLog } from '../../../src/core/memory/memory-question-log.js';
import type { LanguageModel, LlmRequest, QuestionLog, QuestionRecord } from '../../../src/core/ports.js';
import { createFixtureTutor } from '../../fakes/fixture-tutor.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';

const record = (userHash: string, tokens = 0): QuestionRecord => ({
  text: 'q',
  platform: 'slack',
  userHash,
  mode: 'ai',
  covered: true,
  sources: [],
  latencyMs: 1,
  usage: { inputTokens: tokens, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
});

const reservation = (userHash: string, reservedTokens = 0) => ({
  text: 'q',
  platform: 'slack' as const,
  userHash,
  reservedTokens,
});

/** A model that records its calls and, while each call runs, what the question log holds. */
function observingModel(log: ReturnType<typeof createMemoryQuestionLog>) {
  const calls: Array<{
    request: LlmRequest;
    rowsDuringCall: Array<{ pending: boolean; reservedTokens: number }>;
  }> = [];
  const model: LanguageModel = {
    name: 'observing',
    async generate(request) {
      calls.push({
        request,
        rowsDuringCall: log.rows.map((r) => ({ pending: r.pending, reservedTokens: r.reservedTokens })),
      });
      return {
        text: 'A grounded answer.',
        citedPassageIds: request.passages.slice(0, 1).map((p) => p.id),
        usage: { inputTokens: 300, outputTokens: 40, cacheReadTokens: 0, cacheWriteTokens: 0 },
        model: 'observing-model',
      };
    },
  };
  return { model, calls };
}

describe('createUsageGuard', () => {
  it('refuses politely once a person is over the limit, counting the question just reserved', async () => {
    let now = new Date('2026-11-24T10:00:00Z');
    const log = createMemoryQuestionLog({ now: () => now });
    const guard = createUsageGuard({
      questionLog: log,
      clock: { now: () => now },
      limits: { perUser: 2, windowMs: 3_600_000, dailyTokenBudget: 0 },
    });
    await log.reserve(reservation('alice'));
    await guard.checkRate('slack', 'alice');
    await log.reserve(reservation('alice'));
    await guard.checkRate('slack', 'alice');
    await log.reserve(reservation('alice'));
    await expect(guard.checkRate('slack', 'alice')).rejects.toThrow(UserFacingError);
    await expect(guard.checkRate('slack', 'alice')).rejects.toThrow(
      /asked 2 questions in the last 60 minutes/,
    );
    await log.reserve(reservation('bob'));
    await guard.checkRate('slack', 'bob');
    await guard.checkRate('cli', 'alice');
    now = new Date('2026-11-24T11:00:01Z');
    await log.reserve(reservation('alice'));
    await guard.checkRate('slack', 'alice');
  });

  it('counts pending reservations against the daily budget, which is fresh again the next UTC day', async () => {
    let now = new Date('2026-11-24T23:00:00Z');
    const log = createMemoryQuestionLog({ now: () => now });
    const guard = createUsageGuard({
      questionLog: log,
      clock: { now: () => now },
      limits: { perUser: 0, windowMs: 1, dailyTokenBudget: 1000 },
    });
    expect(await guard.budgetAllows()).toBe(true);
    await log.record(record('a', 600));
    const { id } = await log.reserve(reservation('b', 400));
    expect(await guard.budgetAllows()).toBe(true);
    const second = await log.reserve(reservation('c', 1));
    expect(await guard.budgetAllows()).toBe(false);
    // Settling replaces a reservation with what was really used.
    await log.settle(id, record('b', 100));
    expect(await guard.budgetAllows()).toBe(true);
    await log.release(second.id);
    now = new Date('2026-11-25T00:00:01Z');
    await log.reserve(reservation('d', 1000));
    expect(await guard.budgetAllows()).toBe(true);
  });
});

describe('admitQuestion', () => {
  it('writes the question before checking, and releases it when refused so a refusal never counts', async () => {
    const log = createMemoryQuestionLog();
    const guard = createUsageGuard({
      questionLog: log,
      clock: { now: () => new Date() },
      limits: { perUser: 1, windowMs: 60_000, dailyTokenBudget: 0 },
    });
    const logger = createRecordingLogger();
    const first = await admitQuestion({ questionLog: log, guard, logger }, reservation('alice', 50));
    expect(first.useModel).toBe(true);
    await expect(
      admitQuestion({ questionLog: log, guard, logger }, reservation('alice', 50)),
    ).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    expect(log.rows.map((r) => r.id)).toEqual([first.id]);
  });

  it('fails closed with an apology and a retry hint when the log cannot be written or counted', async () => {
    const logger = createRecordingLogger();
    const cannotWrite: QuestionLog = {
      ...createMemoryQuestionLog(),
      reserve: async () => Promise.reject(new Error('invalid byte sequence for encoding "UTF8": 0x00')),
    };
    const refused = admitQuestion({ questionLog: cannotWrite, logger }, reservation('a', 10));
    await expect(refused).rejects.toBeInstanceOf(UserFacingError);
    await expect(refused).rejects.toMatchObject({
      code: 'USAGE_UNAVAILABLE',
      message: /try again in a few minutes/,
    });

    const memory = createMemoryQuestionLog();
    const cannotCount: QuestionLog = {
      ...memory,
      reserve: memory.reserve,
      release: memory.release,
      countByUserSince: async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')),
    };
    const guard = createUsageGuard({
      questionLog: cannotCount,
      clock: { now: () => new Date() },
      limits: { perUser: 5, windowMs: 60_000, dailyTokenBudget: 0 },
    });
    await expect(
      admitQuestion({ questionLog: cannotCount, guard, logger }, reservation('a')),
    ).rejects.toMatchObject({
      code: 'USAGE_UNAVAILABLE',
    });
    expect(memory.rows).toEqual([]);
    expect(logger.lines.filter((l) => l.level === 'error').map((l) => l.fields?.error)).toEqual([
      'Error: invalid byte sequence for encoding "UTF8": 0x00',
      'Error: connect ECONNREFUSED 127.0.0.1:5432',
    ]);
  });
});

describe('the tutor with limits', () => {
  it('reserves the worst-case cost before the model call and settles the real usage after', async () => {
    const log = createMemoryQuestionLog();
    const { model, calls } = observingModel(log);
    const { tutor } = await createFixtureTutor(
      model,
      { perUser: 0, windowMs: 1, dailyTokenBudget: 100_000 },
      [],
      log,
    );
    const reply = await tutor.ask({ question: 'How many tokens is a word?', platform: 'slack', userId: 'u' });
    expect(reply.mode).toBe('ai');
    // While the model wrote, the question was already in the log, holding more than a full answer's tokens.
    expect(calls[0]!.rowsDuringCall).toEqual([{ pending: true, reservedTokens: expect.any(Number) }]);
    expect(calls[0]!.rowsDuringCall[0]!.reservedTokens).toBeGreaterThan(calls[0]!.request.maxTokens);
    expect(log.rows).toEqual([
      expect.objectContaining({ id: reply.questionId, pending: false, reservedTokens: 0, mode: 'ai' }),
    ]);
    expect(await log.tokensSince(new Date(0))).toBe(340);
  });

  it('lets concurrent questions see each other, so together they never reserve past the budget', async () => {
    // One unlimited question shows how much a question reserves.
    const probeLog = createMemoryQuestionLog();
    const probe = observingModel(probeLog);
    await (await createFixtureTutor(probe.model, undefined, [], probeLog)).tutor.ask({
      question: 'How many tokens is a word?',
      platform: 'slack',
      userId: 'u',
    });
    const oneReservation = probe.calls[0]!.rowsDuringCall[0]!.reservedTokens;

    const log = createMemoryQuestionLog();
    const { model, calls } = observingModel(log);
    const budget = { perUser: 0, windowMs: 1, dailyTokenBudget: Math.floor(oneReservation * 1.5) };
    const { tutor } = await createFixtureTutor(model, budget, [], log);
    const ask = (userId: string) =>
      tutor.ask({ question: 'How many tokens is a word?', platform: 'slack', userId });
    // Three at once: whichever checks first sees the others' reservations too, so at most one fits.
    const replies = await Promise.all(['a', 'b', 'c'].map(ask));
    expect(calls.length).toBeLessThanOrEqual(1);
    expect(replies.filter((r) => r.mode === 'ai')).toHaveLength(calls.length);
    expect(log.rows.every((r) => !r.pending && r.reservedTokens === 0)).toBe(true);
    // Settled answers hold only what they used, so the next question alone fits again.
    expect((await ask('d')).mode).toBe('ai');
    for (const call of calls) {
      expect(call.rowsDuringCall.reduce((sum, r) => sum + r.reservedTokens, 0)).toBeLessThanOrEqual(
        budget.dailyTokenBudget,
      );
    }
  });

  it('answers extractively, without calling the model, once the budget is spent', async () => {
    const calls: unknown[] = [];
    const llm = {
      name: 'recording',
      generate: async (r: unknown) => {
        calls.push(r);
        throw new Error('must not be called');
      },
    };
    const { tutor } = await createFixtureTutor(llm, { perUser: 0, windowMs: 1, dailyTokenBudget: 1 }, [
      record('x', 5),
    ]);
    const reply = await tutor.ask({ question: 'How many tokens is a word?', platform: 'slack', userId: 'u' });
    expect(calls).toEqual([]);
    expect(reply.mode).toBe('extractive');
    expect(reply.notices).toEqual([
      "The team's AI budget for today is used up, so here is the closest passage from the library.",
    ]);
  });

  it('never calls the model when the question cannot be written to the log', async () => {
    const calls: unknown[] = [];
    const llm: LanguageModel = {
      name: 'recording',
      generate: async (r) => {
        calls.push(r);
        throw new Error('must not be called');
      },
    };
    const broken: QuestionLog = {
      ...createMemoryQuestionLog(),
      reserve: async () => Promise.reject(new Error('the database is down')),
    };
    const { tutor } = await createFixtureTutor(llm, undefined, [], broken);
    await expect(
      tutor.ask({ question: 'How many tokens is a word?', platform: 'slack', userId: 'u' }),
    ).rejects.toMatchObject({ code: 'USAGE_UNAVAILABLE' });
    expect(calls).toEqual([]);
  });
});
