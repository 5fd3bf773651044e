import type { ItemState, PickView, PracticeItem } from './types.js';

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
  return pickFromView(
    items,
    pickViewOf(
      states,
      items.map((item) => item.id),
      now,
    ),
  );
}

/**
 * The part of a learner's states a pick needs, restricted to `itemIds` (the
 * items the library still has). A database store computes the same in one
 * query (one row), which is what keeps a pick to two round trips.
 */
export function pickViewOf(states: readonly ItemState[], itemIds: readonly string[], now: Date): PickView {
  const ids = new Set(itemIds);
  const known = states.filter((s) => ids.has(s.itemId));
  const last = known.reduce<ItemState | undefined>(
    (latest, s) =>
      s.card.lastReview && (!latest?.card.lastReview || s.card.lastReview > latest.card.lastReview)
        ? s
        : latest,
    undefined,
  );
  const due = known
    .filter((s) => s.card.due.getTime() <= now.getTime())
    .sort((a, b) => a.card.due.getTime() - b.card.due.getTime() || (a.itemId < b.itemId ? -1 : 1))
    .map((s) => ({ itemId: s.itemId, slug: s.slug }));
  const nextDue = known.reduce<Date | null>((min, s) => (!min || s.card.due < min ? s.card.due : min), null);
  return { lastSlug: last?.slug ?? null, due, seen: new Set(known.map((s) => s.itemId)), nextDue };
}

/** The pick from a {@link PickView}; `items` may be a subset (one article's, for "practise this"). */
export function pickFromView(items: readonly PracticeItem[], view: PickView): NextPick {
  const byId = new Map(items.map((item) => [item.id, item]));
  const due = view.due.filter((d) => byId.has(d.itemId));
  const dueState = due.find((d) => d.slug !== view.lastSlug) ?? due[0];
  if (dueState) return { item: byId.get(dueState.itemId)! };
  const fresh = items.filter((item) => !view.seen.has(item.id));
  const newItem = fresh.find((item) => item.slug !== view.lastSlug) ?? fresh[0];
  if (newItem) return { item: newItem };
  return { item: null, nextReviewAt: view.nextDue };
}
