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

/** The columns of one item state a pick looks at (times in epoch milliseconds). */
export interface PickRow {
  itemId: string;
  slug: string;
  dueMs: number;
  /** Null for an item queued but never reviewed. */
  lastReviewMs: number | null;
}

/**
 * The part of a learner's states a pick needs, restricted to `itemIds` (the
 * items the library still has). A database store reads the same columns in
 * one query and hands them to {@link pickViewOfRows}, which is what keeps a
 * pick to two round trips.
 */
export function pickViewOf(states: readonly ItemState[], itemIds: readonly string[], now: Date): PickView {
  return pickViewOfRows(
    states.map((s) => ({
      itemId: s.itemId,
      slug: s.slug,
      dueMs: s.card.due.getTime(),
      lastReviewMs: s.card.lastReview?.getTime() ?? null,
    })),
    itemIds,
    now,
  );
}

/** {@link pickViewOf} over the bare columns: one definition of the view for every store. */
export function pickViewOfRows(rows: readonly PickRow[], itemIds: readonly string[], now: Date): PickView {
  const ids = new Set(itemIds);
  const nowMs = now.getTime();
  let last: PickRow | undefined;
  let nextDueMs: number | null = null;
  const due: PickRow[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    if (!ids.has(row.itemId)) continue;
    seen.add(row.itemId);
    if (row.lastReviewMs !== null && (last?.lastReviewMs == null || row.lastReviewMs > last.lastReviewMs))
      last = row;
    if (nextDueMs === null || row.dueMs < nextDueMs) nextDueMs = row.dueMs;
    if (row.dueMs <= nowMs) due.push(row);
  }
  // Most overdue first; ties in id order, so every store and replica picks the same.
  due.sort((a, b) => a.dueMs - b.dueMs || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
  return {
    lastSlug: last?.slug ?? null,
    due: due.map((row) => ({ itemId: row.itemId, slug: row.slug })),
    seen,
    nextDue: nextDueMs === null ? null : new Date(nextDueMs),
  };
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
