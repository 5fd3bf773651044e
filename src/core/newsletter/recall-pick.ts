import type { ItemState, PracticeItem } from '../practice/types.js';

/** How long after an issue its concept counts as "earlier" for a fallback question. */
export const RECALL_MIN_AGE_MS = 7 * 86_400_000;

/**
 * Which earlier item a subscriber's digest asks (spaced retrieval), or null:
 * 1. their earliest-due item from a concept they received (FSRS says it is time);
 * 2. else an item from a concept they received at least a week ago, one they
 *    have not practised first (oldest concept first), else the one due soonest;
 * 3. else nothing (a new subscriber has nothing earlier to recall).
 * Pure, so the rule is tested without a database.
 */
export function pickRecallItem(input: {
  /** Practice items in library order. */
  items: readonly PracticeItem[];
  /** Concept slug to when the subscriber was sent it, for earlier issues only. */
  received: ReadonlyMap<string, Date>;
  states: readonly ItemState[];
  now: Date;
}): PracticeItem | null {
  const { received, now } = input;
  const eligible = input.items.filter((item) => item.kind === 'concept' && received.has(item.slug));
  if (eligible.length === 0) return null;
  const byId = new Map(eligible.map((item) => [item.id, item]));
  const stateOf = new Map(input.states.filter((s) => byId.has(s.itemId)).map((s) => [s.itemId, s]));
  const due = [...stateOf.values()]
    .filter((s) => s.card.due.getTime() <= now.getTime())
    .sort((a, b) => a.card.due.getTime() - b.card.due.getTime() || a.itemId.localeCompare(b.itemId));
  if (due[0]) return byId.get(due[0].itemId)!;
  const cutoff = now.getTime() - RECALL_MIN_AGE_MS;
  const old = eligible.filter((item) => received.get(item.slug)!.getTime() <= cutoff);
  const fresh = old
    .filter((item) => !stateOf.has(item.id))
    .sort((a, b) => received.get(a.slug)!.getTime() - received.get(b.slug)!.getTime());
  if (fresh[0]) return fresh[0];
  const soonest = old.sort(
    (a, b) => stateOf.get(a.id)!.card.due.getTime() - stateOf.get(b.id)!.card.due.getTime(),
  );
  return soonest[0] ?? null;
}
