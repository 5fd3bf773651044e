import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../src/core/errors.js';
import { createUsageGuard } from '../../../src/core/limits/create-usage-guard.js';
import { createMemoryQuestionLog } from '../../../src/core/memory/memory-question-log.js';
import type { QuestionRecord } from '../../../src/core/ports.js';
import { createFixtureTutor } from '../../fakes/fixture-tutor.js';

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

describe('createUsageGuard', () => {
  it('refuses politely once a person reaches the limit within the window', async () => {
    let now = new Date('2026-11-24T10:00:00Z');
    const log = createMemoryQuestionLog({ now: () => now });
    const guard = createUsageGuard({
      questionLog: log,
      clock: { now: () => now },
      limits: { perUser: 2, windowMs: 3_600_000, dailyTokenBudget: 0 },
    });
    await log.record(record('alice'));
    await guard.checkRate('slack', 'alice');
    await log.record(record('alice'));
    await expect(guard.checkRate('slack', 'alice')).rejects.toThrow(UserFacingError);
    await expect(guard.checkRate('slack', 'alice')).rejects.toThrow(
      /asked 2 questions in the last 60 minutes/,
    );
    await guard.checkRate('slack', 'bob');
    await guard.checkRate('cli', 'alice');
    now = new Date('2026-11-24T11:00:01Z');
    await guard.checkRate('slack', 'alice');
  });

  it('reports the daily token budget as used up, and fresh again the next UTC day', async () => {
    let now = new Date('2026-11-24T23:00:00Z');
    const log = createMemoryQuestionLog({ now: () => now });
    const guard = createUsageGuard({
      questionLog: log,
      clock: { now: () => now },
      limits: { perUser: 0, windowMs: 1, dailyTokenBudget: 1000 },
    });
    expect(await guard.budgetLeft()).toBe(true);
    await log.record(record('a', 1000));
    expect(await guard.budgetLeft()).toBe(false);
    now = new Date('2026-11-25T00:00:01Z');
    expect(await guard.budgetLeft()).toBe(true);
  });
});

describe('the tutor with a guard', () => {
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
});
