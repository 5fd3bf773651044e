import SearchableMap from 'minisearch/SearchableMap';

/** A document as the index sees it: one string per field. */
export type FieldValues = readonly string[];

/** How the index tokenizes and normalises documents; queries arrive already processed the same way. */
export interface Bm25Options {
  fields: readonly string[];
  /** Per-field weight, in `fields` order. */
  boosts: readonly number[];
  /** Field indexes whose matches count as the document's own vocabulary. */
  keyFields: readonly number[];
  tokenize(text: string): string[];
  processTerm(token: string): string | null;
}

/** Per-query expansion and weighting, decided by the caller for each processed query term. */
export interface QueryOptions {
  prefix(term: string): boolean;
  /** Maximum edit distance for typo matches (0 for none). */
  fuzzy(term: string): number;
  termBoost(term: string): number;
  /** Most documents returned, best first. */
  limit: number;
}

/** One scored document. */
export interface Bm25Hit {
  doc: number;
  score: number;
  /** The distinct processed query terms this document matched (directly or by prefix/typo). */
  queryTerms: string[];
  /** Whether any match was in a key field. */
  keyMatch: boolean;
}

/** Per field: document slots and term frequencies, parallel arrays, in document order. */
interface Postings {
  docs: Int32Array[];
  tfs: Float32Array[];
}

// BM25+ parameters and expansion weights, as MiniSearch uses them, so rankings match its own.
const K = 1.2;
const B = 0.7;
const D = 0.5;
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
const MAX_QUERY_BITS = 31;

/**
 * One document of {@link Bm25Index.update}'s new sequence: the slot of a
 * document the index already holds, unchanged, or a new document's fields.
 */
export type NextDocument = number | FieldValues;

/** A BM25+ index version: immutable, so a reader holding it never sees a later update. */
export interface Bm25Index {
  /** Live documents. */
  documentCount: number;
  /** The slot of each document, in document order; a hit's `doc` is a slot. */
  readonly slots: Int32Array;
  has(term: string): boolean;
  /** Scores documents for already processed query terms (repeats count again, as in MiniSearch). */
  search(terms: readonly string[], q: QueryOptions): Bm25Hit[];
  /**
   * A new version holding `next`, in that order: unchanged documents by slot,
   * changed or new ones by their fields. Only the new documents are tokenized
   * and only the postings of their terms and the dropped documents' terms are
   * rewritten; the rest is shared with this version, which stays as it was.
   * Scores and ranking equal a fresh build of the same documents.
   */
  update(next: readonly NextDocument[]): Bm25Index;
}

interface IndexState {
  options: Bm25Options;
  weights: { prefix: number; fuzzy: number };
  vocabulary: Map<string, Postings>;
  /** Every term ever indexed by this index or its ancestors (append-only, shared): prefix and typo expansion. */
  tree: SearchableMap<true>;
  /** Each slot's fields, or undefined for a free slot. */
  values: Array<FieldValues | undefined>;
  slots: Int32Array;
  /** Slot → position in document order, -1 for a free slot. */
  rank: Int32Array;
  fieldLengths: Float32Array[];
  averageLength: Float64Array;
  keyField: Uint8Array;
  scratch: Scratch;
}

/** Per-query working arrays, one cell per slot; reused across queries and versions (search is synchronous). */
interface Scratch {
  scores: Float64Array;
  masks: Uint32Array;
  keys: Uint8Array;
  touched: Int32Array;
}

const scratchFor = (capacity: number): Scratch => ({
  scores: new Float64Array(capacity),
  masks: new Uint32Array(capacity),
  keys: new Uint8Array(capacity),
  touched: new Int32Array(capacity),
});

/** One document's analysis: per field, its distinct raw tokens and each term's frequency. */
interface Analysis {
  lengths: number[];
  terms: Array<Map<string, number>>;
}

function analyse(values: FieldValues, options: Bm25Options): Analysis {
  const lengths: number[] = [];
  const terms: Array<Map<string, number>> = [];
  for (let f = 0; f < options.fields.length; f++) {
    const tokens = options.tokenize(values[f] ?? '');
    // MiniSearch measures a field by its distinct raw tokens.
    lengths.push(new Set(tokens).size);
    const counts = new Map<string, number>();
    for (const token of tokens) {
      const term = options.processTerm(token);
      if (term) counts.set(term, (counts.get(term) ?? 0) + 1);
    }
    terms.push(counts);
  }
  return { lengths, terms };
}

/** Field averages summed in document order, exactly as a fresh build sums them. */
function averages(fieldLengths: readonly Float32Array[], slots: Int32Array): Float64Array {
  const average = new Float64Array(fieldLengths.length);
  const count = slots.length;
  for (let i = 0; i < count; i++) {
    const slot = slots[i]!;
    for (let f = 0; f < fieldLengths.length; f++) average[f]! += fieldLengths[f]![slot]! / count;
  }
  return average;
}

/**
 * A BM25+ index with MiniSearch's scoring (per-field BM25+, field boosts,
 * prefix and typo expansion through its radix tree, scores multiplied by the
 * number of query terms matched), stored as flat typed-array postings. A
 * query touches numbers, not objects: at 20,000 passages that is several
 * times faster than MiniSearch's per-result objects, with the same ranking.
 * Documents are numbered by slot; a fresh build puts document i in slot i.
 */
export function createBm25Index(
  documents: readonly FieldValues[],
  options: Bm25Options,
  weights = { prefix: PREFIX_WEIGHT, fuzzy: FUZZY_WEIGHT },
): Bm25Index {
  const fieldCount = options.fields.length;
  const docCount = documents.length;
  const fieldLengths = options.fields.map(() => new Float32Array(docCount));
  // Growable postings per term and field; documents arrive in order, so a term's
  // last document tells whether this token repeats it (no per-term maps to build).
  const building = new Map<string, { docs: number[][]; tfs: number[][] }>();
  const distinct = new Set<string>();
  documents.forEach((values, doc) => {
    for (let f = 0; f < fieldCount; f++) {
      const tokens = options.tokenize(values[f] ?? '');
      distinct.clear();
      for (const token of tokens) distinct.add(token);
      fieldLengths[f]![doc] = distinct.size;
      for (const token of tokens) {
        const term = options.processTerm(token);
        if (!term) continue;
        let lists = building.get(term);
        if (!lists) {
          lists = { docs: [], tfs: [] };
          for (let g = 0; g < fieldCount; g++) {
            lists.docs.push([]);
            lists.tfs.push([]);
          }
          building.set(term, lists);
        }
        const docs = lists.docs[f]!;
        const last = docs.length - 1;
        if (last >= 0 && docs[last] === doc) lists.tfs[f]![last]! += 1;
        else {
          docs.push(doc);
          lists.tfs[f]!.push(1);
        }
      }
    }
  });

  const vocabulary = new Map<string, Postings>();
  const tree = new SearchableMap<true>();
  for (const [term, lists] of building) {
    vocabulary.set(term, {
      docs: lists.docs.map((d) => (d.length === 0 ? NO_DOCS : Int32Array.from(d))),
      tfs: lists.tfs.map((t) => (t.length === 0 ? NO_TFS : Float32Array.from(t))),
    });
    tree.set(term, true);
  }
  const keyField = new Uint8Array(fieldCount);
  for (const f of options.keyFields) keyField[f] = 1;
  const slots = Int32Array.from({ length: docCount }, (_, i) => i);
  return version({
    options,
    weights,
    vocabulary,
    tree,
    values: [...documents],
    slots,
    rank: slots.slice(),
    fieldLengths,
    averageLength: averages(fieldLengths, slots),
    keyField,
    scratch: scratchFor(docCount),
  });
}

// Most terms occur in one or two fields; the rest share one empty array instead of allocating their own.
const NO_DOCS = new Int32Array(0);
const NO_TFS = new Float32Array(0);

function version(state: IndexState): Bm25Index {
  const { options, weights, vocabulary, tree, rank, fieldLengths, averageLength, keyField } = state;
  const fieldCount = options.fields.length;
  const docCount = state.slots.length;
  const idf = (df: number) => Math.log(1 + (docCount - df + 0.5) / (df + 0.5));

  return {
    documentCount: docCount,
    slots: state.slots,
    has: (term) => vocabulary.has(term),
    update: (next) => version(updated(state, next)),

    search(terms, q) {
      const { scores, masks, keys, touched } = state.scratch;
      const bits = new Map<string, number>();
      for (const term of terms) if (!bits.has(term)) bits.set(term, 1 << Math.min(bits.size, MAX_QUERY_BITS));
      let touchedCount = 0;

      const accumulate = (postings: Postings, weight: number, bit: number) => {
        for (let f = 0; f < fieldCount; f++) {
          const docs = postings.docs[f]!;
          if (docs.length === 0) continue;
          const tfs = postings.tfs[f]!;
          const factor = weight * options.boosts[f]! * idf(docs.length);
          const lengths = fieldLengths[f]!;
          const average = averageLength[f]!;
          for (let i = 0; i < docs.length; i++) {
            const doc = docs[i]!;
            const tf = tfs[i]!;
            if (masks[doc] === 0) touched[touchedCount++] = doc;
            scores[doc]! +=
              factor * (D + (tf * (K + 1)) / (tf + K * (1 - B + (B * lengths[doc]!) / average)));
            masks[doc]! |= bit;
            if (keyField[f]) keys[doc] = 1;
          }
        }
      };

      for (const term of terms) {
        const bit = bits.get(term)!;
        const boost = q.termBoost(term);
        const exact = vocabulary.get(term);
        if (exact) accumulate(exact, boost, bit);
        // Expansions in term order, not the tree's insertion order: an updated index then adds a
        // document's scores up in the same order as a fresh build, to the last bit.
        const expansions: Array<[term: string, weight: number]> = [];
        if (q.prefix(term)) {
          for (const other of tree.atPrefix(term).keys()) {
            if (other === term || !vocabulary.has(other)) continue;
            expansions.push([
              other,
              boost * ((weights.prefix * other.length) / (other.length + 0.3 * (other.length - term.length))),
            ]);
          }
        }
        const distance = q.fuzzy(term);
        if (distance > 0) {
          const prefixed = new Set(expansions.map(([other]) => other));
          for (const [other, [, edits]] of tree.fuzzyGet(term, distance)) {
            if (other === term || prefixed.has(other) || edits === 0 || !vocabulary.has(other)) continue;
            expansions.push([other, boost * ((weights.fuzzy * other.length) / (other.length + edits))]);
          }
        }
        expansions.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        for (const [other, weight] of expansions) accumulate(vocabulary.get(other)!, weight, bit);
      }

      const hits: Bm25Hit[] = [];
      const finals = new Float64Array(touchedCount);
      for (let i = 0; i < touchedCount; i++) {
        const doc = touched[i]!;
        finals[i] = scores[doc]! * popcount(masks[doc]!);
      }
      const cutoff = touchedCount > q.limit ? kthLargest(finals.slice(), q.limit) : -Infinity;
      const termList = [...bits];
      for (let i = 0; i < touchedCount; i++) {
        const doc = touched[i]!;
        if (finals[i]! >= cutoff && hits.length < q.limit * 2) {
          const mask = masks[doc]!;
          hits.push({
            doc,
            score: finals[i]!,
            queryTerms: termList.filter(([, bit]) => mask & bit).map(([term]) => term),
            keyMatch: keys[doc] === 1,
          });
        }
        scores[doc] = 0;
        masks[doc] = 0;
        keys[doc] = 0;
      }
      // Ties broken by document order, so results are stable across runs.
      return hits.sort((a, b) => b.score - a.score || rank[a.doc]! - rank[b.doc]!).slice(0, q.limit);
    },
  };
}

/** The state of {@link Bm25Index.update}: copy-on-write, so `state` itself is left untouched. */
function updated(state: IndexState, next: readonly NextDocument[]): IndexState {
  const { options } = state;
  const fieldCount = options.fields.length;
  const kept = new Set<number>();
  for (const item of next) if (typeof item === 'number') kept.add(item);
  const dropped = [...state.slots].filter((slot) => !kept.has(slot));
  const free: number[] = [];
  for (let slot = state.values.length - 1; slot >= 0; slot--)
    if (state.values[slot] === undefined || !kept.has(slot)) free.push(slot);
  let capacity = state.values.length;
  const values = state.values.slice();
  for (const slot of dropped) values[slot] = undefined;
  const added: Array<{ slot: number; analysis: Analysis }> = [];
  const slots = new Int32Array(next.length);
  next.forEach((item, i) => {
    if (typeof item === 'number') {
      if (state.rank[item] === undefined || state.rank[item]! < 0)
        throw new Error(`slot ${item} is not a document`);
      slots[i] = item;
      return;
    }
    const slot = free.pop() ?? capacity++;
    values[slot] = item;
    slots[i] = slot;
    added.push({ slot, analysis: analyse(item, options) });
  });
  const rank = new Int32Array(capacity).fill(-1);
  slots.forEach((slot, i) => {
    rank[slot] = i;
  });
  // Kept documents that change their relative order leave every postings list to re-sort; callers
  // that only edit, add and remove documents never do.
  const keptInOrder = [...slots].filter((slot) => kept.has(slot));
  const reordered = keptInOrder.some(
    (slot, i) => i > 0 && state.rank[slot]! < state.rank[keptInOrder[i - 1]!]!,
  );
  const fieldLengths = state.fieldLengths.map((lengths) => {
    const copy = new Float32Array(capacity);
    copy.set(lengths);
    return copy;
  });
  for (const { slot, analysis } of added)
    for (let f = 0; f < fieldCount; f++) fieldLengths[f]![slot] = analysis.lengths[f]!;

  // Dropped documents are tokenized again to find their terms: cheaper than remembering every document's.
  const droppedMark = new Uint8Array(Math.max(capacity, state.values.length));
  const affected = new Set<string>();
  for (const slot of dropped) {
    droppedMark[slot] = 1;
    const old = analyse(state.values[slot]!, options);
    for (const counts of old.terms) for (const term of counts.keys()) affected.add(term);
  }
  if (reordered) for (const term of state.vocabulary.keys()) affected.add(term);
  const additions = new Map<string, Array<Array<[slot: number, tf: number]>>>();
  for (const { slot, analysis } of added) {
    analysis.terms.forEach((counts, f) => {
      for (const [term, tf] of counts) {
        affected.add(term);
        let perField = additions.get(term);
        if (!perField) {
          perField = Array.from({ length: fieldCount }, () => []);
          additions.set(term, perField);
        }
        perField[f]!.push([slot, tf]);
      }
    });
  }

  const vocabulary = new Map(state.vocabulary);
  for (const term of affected) {
    const old = state.vocabulary.get(term);
    const adding = additions.get(term);
    const docs: Int32Array[] = [];
    const tfs: Float32Array[] = [];
    let any = false;
    for (let f = 0; f < fieldCount; f++) {
      const [d, t] = mergePostings(
        old?.docs[f] ?? NO_DOCS,
        old?.tfs[f] ?? NO_TFS,
        droppedMark,
        adding?.[f] ?? [],
        rank,
      );
      docs.push(d);
      tfs.push(t);
      if (d.length > 0) any = true;
    }
    if (any) {
      vocabulary.set(term, { docs, tfs });
      if (!state.tree.has(term)) state.tree.set(term, true);
    } else vocabulary.delete(term);
  }
  return {
    ...state,
    vocabulary,
    values,
    slots,
    rank,
    fieldLengths,
    averageLength: averages(fieldLengths, slots),
    scratch: capacity === state.values.length ? state.scratch : scratchFor(capacity),
  };
}

/**
 * One field's postings after an update, in the new document order: the old
 * entries minus dropped documents, merged with the added ones.
 */
function mergePostings(
  docs: Int32Array,
  tfs: Float32Array,
  dropped: Uint8Array,
  adding: Array<[slot: number, tf: number]>,
  rank: Int32Array,
): [Int32Array, Float32Array] {
  if (adding.length === 0) {
    let any = false;
    for (let i = 0; i < docs.length && !any; i++) any = dropped[docs[i]!] === 1;
    if (!any && isOrdered(docs, rank)) return [docs, tfs];
  }
  // Typed arrays throughout: a common term's postings run to thousands of entries.
  const outDocs = new Int32Array(docs.length + adding.length);
  const outTfs = new Float32Array(docs.length + adding.length);
  const sortedAdding = adding.length > 1 ? [...adding].sort((x, y) => rank[x[0]]! - rank[y[0]]!) : adding;
  let n = 0;
  let j = 0;
  let previous = -1;
  let ordered = true;
  for (let i = 0; i < docs.length; i++) {
    const slot = docs[i]!;
    if (dropped[slot] === 1) continue;
    const position = rank[slot]!;
    if (position < previous) ordered = false;
    previous = position;
    while (j < sortedAdding.length && rank[sortedAdding[j]![0]]! < position) {
      outDocs[n] = sortedAdding[j]![0];
      outTfs[n++] = sortedAdding[j++]![1];
    }
    outDocs[n] = slot;
    outTfs[n++] = tfs[i]!;
  }
  while (j < sortedAdding.length) {
    outDocs[n] = sortedAdding[j]![0];
    outTfs[n++] = sortedAdding[j++]![1];
  }
  if (n === 0) return [NO_DOCS, NO_TFS];
  if (!ordered) {
    // Kept documents changed their relative order: rare (a caller's reordering), so sort it all.
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (x, y) => rank[outDocs[x]!]! - rank[outDocs[y]!]!,
    );
    return [Int32Array.from(order, (i) => outDocs[i]!), Float32Array.from(order, (i) => outTfs[i]!)];
  }
  return [outDocs.slice(0, n), outTfs.slice(0, n)];
}

function isOrdered(docs: Int32Array, rank: Int32Array): boolean {
  for (let i = 1; i < docs.length; i++) if (rank[docs[i]!]! < rank[docs[i - 1]!]!) return false;
  return true;
}

function popcount(n: number): number {
  let count = 0;
  while (n) {
    n &= n - 1;
    count++;
  }
  return count;
}

/** The k-th largest value (1-based), by quickselect; reorders `values`. */
function kthLargest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! > pivot) i++;
      while (values[j]! < pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return values[target]!;
}
