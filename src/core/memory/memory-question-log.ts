import { randomUUID } from 'node:crypto';
import type { Clock, LoggedQuestion, QuestionLog, QuestionRecord, QuestionTotals } from '../ports.js';

/** A logged question as the memory log keeps it: pending until settled, with its token reservation. */
interface MemoryEntry extends LoggedQuestion {
  pending: boolean;
  reservedTokens: number;
}

/** An in-memory question log: the dev default when no database is wired, and a recording fake in tests. */
export interface MemoryQuestionLog extends QuestionLog {
  /** Settled questions, oldest first. */
  readonly entries: LoggedQuestion[];
  /** Every row, pending reservations included. */
  readonly rows: ReadonlyArray<LoggedQuestion & { pending: boolean; reservedTokens: number }>;
}

const NO_USAGE = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

/** Creates an in-memory {@link QuestionLog}. */
export function createMemoryQuestionLog(clock: Clock = { now: () => new Date() }): MemoryQuestionLog {
  const rows: MemoryEntry[] = [];
  const settled = () => rows.filter((e) => !e.pending);
  const insert = (entry: QuestionRecord, pending: boolean, reservedTokens: number): { id: string } => {
    const row: MemoryEntry = {
      ...entry,
      id: randomUUID(),
      createdAt: clock.now(),
      feedback: null,
      feedbackReason: null,
      pending,
      reservedTokens,
    };
    rows.push(row);
    return { id: row.id };
  };
  const visible = (row: MemoryEntry): LoggedQuestion => {
    const { pending: _pending, reservedTokens: _reserved, ...question } = row;
    return question;
  };
  return {
    get entries() {
      return settled().map(visible);
    },
    rows,
    async record(entry: QuestionRecord) {
      return insert(entry, false, 0);
    },
    async reserve(entry) {
      return insert(
        {
          text: entry.text,
          platform: entry.platform,
          userHash: entry.userHash,
          mode: 'not-covered',
          covered: false,
          sources: [],
          usage: NO_USAGE,
          latencyMs: 0,
        },
        true,
        entry.reservedTokens,
      );
    },
    async settle(id, entry) {
      const row = rows.find((e) => e.id === id);
      if (!row) throw new Error(`question ${id} is not in the log`);
      Object.assign(row, entry, { pending: false, reservedTokens: 0 });
    },
    async release(id) {
      const at = rows.findIndex((e) => e.id === id);
      if (at >= 0) rows.splice(at, 1);
    },
    async setFeedback(id, feedback, reason) {
      const entry = rows.find((e) => e.id === id);
      if (!entry) return false;
      entry.feedback = feedback;
      if (reason !== undefined) entry.feedbackReason = reason;
      return true;
    },
    async get(id) {
      const row = rows.find((e) => e.id === id);
      return row ? visible(row) : null;
    },
    async recent({ limit, covered, feedback, since }) {
      return settled()
        .filter((e) => covered === undefined || e.covered === covered)
        .filter((e) => since === undefined || e.createdAt >= since)
        .filter((e) => feedback === undefined || e.feedback === feedback)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .slice(0, limit)
        .map(visible);
    },
    async totals({ since } = {}) {
      const totals: QuestionTotals = {
        questions: 0,
        byMode: { ai: 0, extractive: 0, 'not-covered': 0, 'model-refused': 0 },
        usage: { ...NO_USAGE },
        thumbsUp: 0,
        thumbsDown: 0,
      };
      for (const e of settled()) {
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
      return rows
        .filter((e) => e.createdAt >= since)
        .reduce((sum, e) => sum + e.usage.inputTokens + e.usage.outputTokens + e.reservedTokens, 0);
    },
    async countByUserSince(userHash, since) {
      return rows.filter((e) => e.userHash === userHash && e.createdAt >= since).length;
    },
  };
}
