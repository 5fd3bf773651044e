import type { PracticeStore } from '../practice/practice-store.js';
import { MAX_REMINDER_ATTEMPTS, type ReminderStore } from '../practice/reminders/reminder-store.js';
import type { ReminderOptIn } from '../practice/reminders/types.js';

interface Claim {
  status: 'sending' | 'sent' | 'failed';
  attempts: number;
  permanent: boolean;
  worker: string;
}

/**
 * An in-memory {@link ReminderStore} over a practice store (for due counts):
 * the test fake and the same rules as the database one. It forgets on restart.
 */
export function createMemoryReminderStore(practice: PracticeStore): ReminderStore {
  const optIns = new Map<string, ReminderOptIn>();
  const claims = new Map<string, Claim>();
  const key = (learner: string, date: string) => `${learner}\u0000${date}`;
  const retryable = (c: Claim | undefined) =>
    !c || (c.status === 'failed' && !c.permanent && c.attempts < MAX_REMINDER_ATTEMPTS);
  return {
    async save(optIn) {
      optIns.set(optIn.learner, { ...optIn });
    },
    async remove(learner) {
      return optIns.delete(learner);
    },
    async find(learner) {
      const optIn = optIns.get(learner);
      return optIn ? { ...optIn } : null;
    },
    async optIns(platforms) {
      return [...optIns.values()].filter((o) => platforms.includes(o.platform)).map((o) => ({ ...o }));
    },
    async pending(candidates, itemIds, now) {
      const known = new Set(itemIds);
      const out = [];
      for (const { optIn, localDate } of candidates) {
        if (!retryable(claims.get(key(optIn.learner, localDate)))) continue;
        const states = await practice.statesOf(optIn.learner);
        const due = states.filter((s) => known.has(s.itemId) && s.card.due <= now).length;
        if (due > 0) out.push({ optIn: { ...optIn }, localDate, due });
      }
      return out;
    },
    async claim(pairs, worker) {
      const won = new Set<string>();
      for (const { learner, localDate } of pairs) {
        const current = claims.get(key(learner, localDate));
        if (!retryable(current)) continue;
        claims.set(key(learner, localDate), {
          status: 'sending',
          attempts: (current?.attempts ?? 0) + 1,
          permanent: false,
          worker,
        });
        won.add(learner);
      }
      return won;
    },
    async record(outcomes) {
      for (const { learner, localDate, outcome } of outcomes) {
        const current = claims.get(key(learner, localDate));
        if (current?.status !== 'sending') continue;
        current.status = outcome.status;
        current.permanent = outcome.status === 'failed' && outcome.permanent;
      }
    },
    async pruneClaims(beforeDate) {
      let removed = 0;
      for (const k of [...claims.keys()]) {
        if (k.split('\u0000')[1]! < beforeDate) {
          claims.delete(k);
          removed += 1;
        }
      }
      return removed;
    },
  };
}
