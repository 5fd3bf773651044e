import type { ItemState, PracticeItem } from './types.js';

/** What a session shows next: an item, or nothing now and when the next review falls due. */
export type NextPick = { item: PracticeItem } | { item: null; nextReviewAt: Date | null };

/**
 * Picks the next item for one learner. Due items come first, most overdue
 * first, but never from the concept just practised while another concept has
 * something due (interleaving beats blocking). With nothing due, the next new
 * item in introduction order, again preferring another concept. Items whose
 * article was removed are ignored.
 */
export function pickNextItem(
  items: readonly PracticeItem[],
  states: readonly ItemState[],
  now: Date,
): NextPick {
  const byId = new Map(items.map((item) => [item.id, item]));
  const known = states.filter((s) => byId.has(s.itemId));
  const last = known.reduce<ItemState | undefined>(
    (latest, s) =>
      s.card.lastReview && (!latest?.card.lastReview || s.card.lastReview > latest.card.lastReview)
        ? s
        : latest,
    undefined,
  );
  const lastSlug = last?.slug;
  const due = known
    .filter((s) => s.card.due.getTime() <= now.getTime())
    .sort((a, b) => a.card.due.getTime() - b.card.due.getTime());
  const dueState = due.find((s) => s.slug !== lastSlug) ?? due[0];
  if (dueState) return { item: byId.get(dueState.itemId)! };
  const seen = new Set(known.map((s) => s.itemId));
  const fresh = items.filter((item) => !seen.has(item.id));
  const newItem = fresh.find((item) => item.slug !== lastSlug) ?? fresh[0];
  if (newItem) return { item: newItem };
  const nextDue = known.reduce<Date | null>((min, s) => (!min || s.card.due < min ? s.card.due : min), null);
  return { item: null, nextReviewAt: nextDue };
}
