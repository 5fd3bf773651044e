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

interface Postings {
  /** Per field: document ids and term frequencies, parallel arrays. */
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
 * A BM25+ index with MiniSearch's scoring (per-field BM25+, field boosts,
 * prefix and typo expansion through its radix tree, scores multiplied by the
 * number of query terms matched), stored as flat typed-array postings. A
 * query touches numbers, not objects: at 20,000 passages that is several
 * times faster than MiniSearch's per-result objects, with the same ranking.
 */
export function createBm25Index(
  documents: readonly FieldValues[],
  options: Bm25Options,
  weights = { prefix: PREFIX_WEIGHT, fuzzy: FUZZY_WEIGHT },
) {
  const fieldCount = options.fields.length;
  const docCount = documents.length;
  const fieldLengths = options.fields.map(() => new Float32Array(docCount));
  const averageLength = new Float64Array(fieldCount);
  const building = new Map<string, Array<Map<number, number>>>();

  documents.forEach((values, doc) => {
    for (let f = 0; f < fieldCount; f++) {
      const tokens = options.tokenize(values[f] ?? '');
      // MiniSearch measures a field by its distinct raw tokens.
      fieldLengths[f]![doc] = new Set(tokens).size;
      averageLength[f]! += fieldLengths[f]![doc]! / docCount;
      for (const token of tokens) {
        const term = options.processTerm(token);
        if (!term) continue;
        let perField = building.get(term);
        if (!perField) {
          perField = Array.from({ length: fieldCount }, () => new Map<number, number>());
          building.set(term, perField);
        }
        perField[f]!.set(doc, (perField[f]!.get(doc) ?? 0) + 1);
      }
    }
  });

  const vocabulary = new SearchableMap<Postings>();
  // Most terms occur in one or two fields; the rest share one empty array instead of allocating their own.
  const noDocs = new Int32Array(0);
  const noTfs = new Float32Array(0);
  for (const [term, perField] of building) {
    vocabulary.set(term, {
      docs: perField.map((m) => (m.size === 0 ? noDocs : Int32Array.from(m.keys()))),
      tfs: perField.map((m) => (m.size === 0 ? noTfs : Float32Array.from(m.values()))),
    });
  }
  const keyField = new Uint8Array(fieldCount);
  for (const f of options.keyFields) keyField[f] = 1;
  const idf = (df: number) => Math.log(1 + (docCount - df + 0.5) / (df + 0.5));

  // Scratch space reused across queries; search() is synchronous, so nothing interleaves.
  const scores = new Float64Array(docCount);
  const masks = new Uint32Array(docCount);
  const keys = new Uint8Array(docCount);
  const touched = new Int32Array(docCount);

  return {
    documentCount: docCount,
    has: (term: string) => vocabulary.has(term),

    /** Scores documents for already processed query terms (repeats count again, as in MiniSearch). */
    search(terms: readonly string[], q: QueryOptions): Bm25Hit[] {
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
        const seen = new Set<string>([term]);
        if (q.prefix(term)) {
          for (const [other, postings] of vocabulary.atPrefix(term)) {
            if (seen.has(other)) continue;
            seen.add(other);
            accumulate(
              postings,
              boost * ((weights.prefix * other.length) / (other.length + 0.3 * (other.length - term.length))),
              bit,
            );
          }
        }
        const distance = q.fuzzy(term);
        if (distance > 0) {
          for (const [other, [postings, edits]] of vocabulary.fuzzyGet(term, distance)) {
            if (seen.has(other) || edits === 0) continue;
            seen.add(other);
            accumulate(postings, boost * ((weights.fuzzy * other.length) / (other.length + edits)), bit);
          }
        }
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
      return hits.sort((a, b) => b.score - a.score || a.doc - b.doc).slice(0, q.limit);
    },
  };
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
