import { randomUUID } from 'node:crypto';
import type { Clock, LoggedQuestion, QuestionLog, QuestionRecord, QuestionTotals } from '../ports.js';

/** An in-memory question log: the dev default when no database is wired, and a recording fake in tests. */
export interface MemoryQuestionLog extends QuestionLog {
  readonly entries: LoggedQuestion[];
}

/** Creates an in-memory {@link QuestionLog}. */
export function createMemoryQuestionLog(clock: Clock = { now: () => new Date() }): MemoryQuestionLog {
  const entries: LoggedQuestion[] = [];
  return {
    entries,
    async record(entry: QuestionRecord) {
      const logged: LoggedQuestion = {
        ...entry,
        id: randomUUID(),
        createdAt: clock.now(),
        feedback: null,
        feedbackReason: null,
      };
      entries.push(logged);
      return { id: logged.id };
    },
    async setFeedback(id, feedback, reason) {
      const entry = entries.find((e) => e.id === id);
      if (!entry) return false;
      entry.feedback = feedback;
      if (reason !== undefined) entry.feedbackReason = reason;
      return true;
    },
    async get(id) {
      return entries.find((e) => e.id === id) ?? null;
    },
    async recent({ limit, covered, feedback, since }) {
      return entries
        .filter((e) => covered === undefined || e.covered === covered)
        .filter((e) => since === undefined || e.createdAt >= since)
        .filter((e) => feedback === undefined || e.feedback === feedback)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .slice(0, limit);
    },
    async totals({ since } = {}) {
      const totals: QuestionTotals = {
        questions: 0,
        byMode: { ai: 0, extractive: 0, 'not-covered': 0, 'model-refused': 0 },
        usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
        thumbsUp: 0,
        thumbsDown: 0,
      };
      for (const e of entries) {
        if (since !== undefined && e.createdAt < since) continue;
        totals.questions += 1;
        totals.byMode[e.mode] += 1;
        totals.usage.inputTokens += e.usage.inputTokens;
        totals.usage.outputTokens += e.usage.outputTokens;
        totals.usage.cacheReadTokens += e.usage.cacheReadTokens;
        totals.usage.cacheWriteTokens += e.usage.cacheWriteTokens;
        if (e.feedback === 1) totals.thumbsUp += 1;
        if (e.feedback === -1) totals.thumbsDown += 1;
      }
      return totals;
    },
    async tokensSince(since) {
      return entries
        .filter((e) => e.createdAt >= since)
        .reduce((sum, e) => sum + e.usage.inputTokens + e.usage.outputTokens, 0);
    },
    async countByUserSince(userHash, since) {
      return entries.filter((e) => e.userHash === userHash && e.createdAt >= since).length;
    },
  };
}
