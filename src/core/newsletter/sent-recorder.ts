import type { DigestStore } from './ports.js';

/** Records 250s in small group commits; see {@link createSentRecorder}. */
export interface SentRecorder {
  /** Resolves true once the row is recorded sent, false when its claim was lost; rejects when the write failed. */
  record(sent: { id: string; messageId: string; sentAt: Date }): Promise<boolean>;
}

interface Waiting {
  sent: { id: string; messageId: string; sentAt: Date };
  resolve(recorded: boolean): void;
  reject(error: unknown): void;
}

/**
 * Group commit for "sent" statuses: while one write is on its way to the
 * database, the outcomes that arrive meanwhile queue up and go together in
 * the next single statement, at most `maxGroup` at a time. A lone message
 * is written at once (no timer), so nothing waits for company, and the
 * database sees one round trip per group instead of one per message. Each
 * caller still waits for its own row to be committed, so the crash window
 * stays the messages in flight.
 */
export function createSentRecorder(
  store: Pick<DigestStore, 'markSentMany'>,
  worker: string,
  maxGroup = 50,
): SentRecorder {
  const queue: Waiting[] = [];
  let writing = false;

  const flush = async () => {
    writing = true;
    while (queue.length > 0) {
      const group = queue.splice(0, maxGroup);
      try {
        const recorded = new Set(await store.markSentMany({ worker, sent: group.map((w) => w.sent) }));
        for (const waiting of group) waiting.resolve(recorded.has(waiting.sent.id));
      } catch (error) {
        // Only this group failed; its rows stay `sending` and are resent after the lease.
        for (const waiting of group) waiting.reject(error);
      }
    }
    writing = false;
  };

  return {
    record(sent) {
      return new Promise<boolean>((resolve, reject) => {
        queue.push({ sent, resolve, reject });
        if (!writing) void flush();
      });
    },
  };
}
