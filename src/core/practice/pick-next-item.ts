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
 * The columns of a learner's states a pick looks at, one array per column and
 * one index per state (times in epoch milliseconds). Columns rather than row
 * objects: a database store reads them as arrays in one query, and a pick
 * then allocates next to nothing of its own (bench/practice.ts).
 */
export interface PickColumns {
  itemIds: readonly string[];
  slugs: readonly string[];
  dueMs: readonly number[];
  /** Null for an item queued but never reviewed. */
  lastReviewMs: ReadonlyArray<number | null>;
}

/**
 * The part of a learner's states a pick needs, restricted to `itemIds` (the
 * items the library still has). A database store reads the same columns in
 * one query and hands them to {@link pickViewOfColumns}, which is what keeps a
 * pick to two round trips.
 */
export function pickViewOf(states: readonly ItemState[], itemIds: readonly string[], now: Date): PickView {
  return pickViewOfColumns(
    {
      itemIds: states.map((s) => s.itemId),
      slugs: states.map((s) => s.slug),
      dueMs: states.map((s) => s.card.due.getTime()),
      lastReviewMs: states.map((s) => s.card.lastReview?.getTime() ?? null),
    },
    itemIds,
    now,
  );
}

// The library's id list and item list are built once per library version (practice-service.ts),
// so their lookups are built once for each, not once per pick.
const idSets = new WeakMap<readonly string[], ReadonlySet<string>>();
const itemMaps = new WeakMap<readonly PracticeItem[], ReadonlyMap<string, PracticeItem>>();

function idSetOf(itemIds: readonly string[]): ReadonlySet<string> {
  let set = idSets.get(itemIds);
  if (!set) {
    set = new Set(itemIds);
    idSets.set(itemIds, set);
  }
  return set;
}

function itemMapOf(items: readonly PracticeItem[]): ReadonlyMap<string, PracticeItem> {
  let map = itemMaps.get(items);
  if (!map) {
    map = new Map(items.map((item) => [item.id, item]));
    itemMaps.set(items, map);
  }
  return map;
}

/** {@link pickViewOf} over the bare columns: one definition of the view for every store. */
export function pickViewOfColumns(columns: PickColumns, itemIds: readonly string[], now: Date): PickView {
  const { itemIds: rowIds, slugs, dueMs, lastReviewMs } = columns;
  const ids = idSetOf(itemIds);
  const nowMs = now.getTime();
  let last = -1;
  let nextDueMs: number | null = null;
  const due: number[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < rowIds.length; i++) {
    const id = rowIds[i]!;
    if (!ids.has(id)) continue;
    seen.add(id);
    const reviewed = lastReviewMs[i] ?? null;
    if (reviewed !== null && (last < 0 || reviewed > (lastReviewMs[last] ?? -Infinity))) last = i;
    if (nextDueMs === null || dueMs[i]! < nextDueMs) nextDueMs = dueMs[i]!;
    if (dueMs[i]! <= nowMs) due.push(i);
  }
  // Most overdue first; ties in id order, so every store and replica picks the same.
  due.sort(
    (a, b) => dueMs[a]! - dueMs[b]! || (rowIds[a]! < rowIds[b]! ? -1 : rowIds[a]! > rowIds[b]! ? 1 : 0),
  );
  return {
    lastSlug: last < 0 ? null : slugs[last]!,
    due: due.map((i) => ({ itemId: rowIds[i]!, slug: slugs[i]! })),
    seen,
    nextDue: nextDueMs === null ? null : new Date(nextDueMs),
  };
}

/** The pick from a {@link PickView}; `items` may be a subset (one article's, for "practise this"). */
export function pickFromView(items: readonly PracticeItem[], view: PickView): NextPick {
  const byId = itemMapOf(items);
  const due = view.due.filter((d) => byId.has(d.itemId));
  const dueState = due.find((d) => d.slug !== view.lastSlug) ?? due[0];
  if (dueState) return { item: byId.get(dueState.itemId)! };
  const fresh = items.filter((item) => !view.seen.has(item.id));
  const newItem = fresh.find((item) => item.slug !== view.lastSlug) ?? fresh[0];
  if (newItem) return { item: newItem };
  return { item: null, nextReviewAt: view.nextDue };
}
