import { randomUUID } from 'node:crypto';
import type { Clock, LoggedQuestion, QuestionLog, QuestionRecord } from '../ports.js';

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
    async recent({ limit, covered, feedback }) {
      return entries
        .filter((e) => covered === undefined || e.covered === covered)
        .filter((e) => feedback === undefined || e.feedback === feedback)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .slice(0, limit);
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
