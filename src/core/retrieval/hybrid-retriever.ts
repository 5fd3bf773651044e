import type { Library } from '../content/types.js';
import { errorFields } from '../errors.js';
import type { Clock, Logger } from '../ports.js';
import type { AsyncRetriever } from './async-retriever.js';
import type { ConceptHit, PassageHit, RetrievalResult, Retriever } from './create-retriever.js';
import type { Embedder, VectorCache } from './embedding-ports.js';
import { buildPassageVectors, normalize, type PassageVectors } from './passage-vectors.js';
import { reciprocalRankFusion } from './reciprocal-rank-fusion.js';

/** Options of {@link createHybridRetriever}. */
export interface HybridRetrieverOptions {
  /** The live BM25 retriever: it alone decides coverage and comparisons. */
  lexical: Retriever;
  /** The live library (a LibraryStore): passages are re-embedded when it changes. */
  library: { current(): Library; onChange(listener: (library: Library) => void): () => void };
  embedder: Embedder;
  cache: VectorCache;
  logger: Logger;
  clock?: Clock;
  /** Most passages handed to the model (as the lexical retriever's default). */
  maxPassages?: number;
  /** Concepts whose passages may be handed to the model. */
  maxConcepts?: number;
  /**
   * Also fuse the concept ranking (which concepts the model gets), not only
   * the passages within BM25's concepts. Off by default: on the question set
   * with the only embedder measurable here it lowered hit@1 (see
   * bench/hybrid-retrieval.ts); turn it on after measuring a real model.
   */
  fuseConcepts?: boolean;
  /** How long one question's embedding may take before the answer goes ahead on BM25 alone. */
  queryTimeoutMs?: number;
  /** After a failed build, how long to wait before a question triggers another try. */
  retryAfterMs?: number;
}

/** Where the vector index stands. */
export type HybridState = 'building' | 'ready' | 'failed';

/** A hybrid retriever, with a way to wait for and inspect its vector index. */
export interface HybridRetriever extends AsyncRetriever {
  /** Resolves when the current build has finished, whether it succeeded or not. */
  ready(): Promise<void>;
  status(): { state: HybridState; passages: number; cached: number; embedded: number };
  /** Stops following the library and abandons a build in progress. */
  close(): void;
}

/** Concepts each list contributes to the fusion. */
const CANDIDATES = 10;

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) sum += a[i]! * b[i]!;
  return sum;
}

/**
 * BM25 plus vectors, fused with reciprocal rank fusion. Coverage stays the
 * lexical decision (it is calibrated, and the not-covered path must make no
 * paid call), so a question is embedded only once BM25 has called it
 * covered; the vectors then re-rank which passages of the covered concepts
 * the model gets (and, with `fuseConcepts`, which concepts). Until the library's passages are embedded, and whenever the
 * embeddings endpoint fails, search is exactly the lexical one.
 */
export function createHybridRetriever(options: HybridRetrieverOptions): HybridRetriever {
  const { lexical, embedder, cache, logger } = options;
  const clock = options.clock ?? { now: () => new Date() };
  const maxPassages = options.maxPassages ?? 6;
  const maxConcepts = options.maxConcepts ?? 2;
  const queryTimeoutMs = options.queryTimeoutMs ?? 5000;
  const retryAfterMs = options.retryAfterMs ?? 60_000;
  let index: PassageVectors | null = null;
  let state: HybridState = 'building';
  let failedAt = 0;
  let building: Promise<void> = Promise.resolve();
  let controller: AbortController | null = null;
  let warnedQuery = false;

  function build(library: Library): void {
    controller?.abort();
    const own = new AbortController();
    controller = own;
    state = 'building';
    building = buildPassageVectors(library, embedder, cache, own.signal).then(
      (built) => {
        if (own.signal.aborted) return;
        index = built;
        state = 'ready';
        logger.info('hybrid retrieval ready', { embedder: embedder.name, ...built.stats });
      },
      (error: unknown) => {
        if (own.signal.aborted) return;
        state = 'failed';
        failedAt = clock.now().getTime();
        logger.warn('could not embed the library; retrieval stays lexical (BM25) until it can', {
          embedder: embedder.name,
          ...errorFields(error),
        });
      },
    );
  }

  const unsubscribe = options.library.onChange((library) => build(library));
  build(options.library.current());

  function fuse(query: Float32Array, lex: RetrievalResult, limit: number, vectors: PassageVectors) {
    const similarity = vectors.vectors.map((v) => dot(v, query));
    const order = similarity.map((_, i) => i).sort((a, b) => similarity[b]! - similarity[a]!);
    const titles = new Map(vectors.passages.map((p) => [p.slug, p.title]));
    const vectorConcepts: string[] = [];
    for (const i of order) {
      const slug = vectors.passages[i]!.slug;
      if (!vectorConcepts.includes(slug)) vectorConcepts.push(slug);
      if (vectorConcepts.length >= CANDIDATES) break;
    }
    const concepts: ConceptHit[] = options.fuseConcepts
      ? reciprocalRankFusion([lex.concepts.map((c) => c.slug), vectorConcepts]).map(({ id, score }) => ({
          slug: id,
          title: titles.get(id) ?? id,
          score,
        }))
      : lex.concepts;
    const best = concepts[0]!.slug;
    // BM25's concepts always; with fused concepts, the fused best joins them (never replaces them).
    const lexicalSlugs = [...new Set(lex.passages.map((p) => p.slug))];
    const usable = new Set([best, ...lexicalSlugs].slice(0, maxConcepts));
    // As many as BM25 offers, so neither list outweighs the other by length alone.
    const vectorPassages = order
      .filter((i) => usable.has(vectors.passages[i]!.slug))
      .slice(0, Math.max(lex.passages.length, 1))
      .map((i) => vectors.passages[i]!.id);
    const byId = new Map(vectors.passages.map((p) => [p.id, p]));
    const fused = reciprocalRankFusion([lex.passages.map((p) => p.id), vectorPassages]).flatMap(
      ({ id, score }): PassageHit[] => {
        const passage = byId.get(id);
        return passage ? [{ ...passage, score }] : [];
      },
    );
    let passages = fused.slice(0, maxPassages);
    // As the lexical retriever does: the best concept's definition grounds almost any answer.
    const definitionId = `${best}#what-it-is`;
    if (!passages.some((p) => p.id === definitionId)) {
      const definition = fused.find((p) => p.id === definitionId) ?? {
        ...byId.get(definitionId)!,
        score: 0,
      };
      if (definition.id) passages = [...passages.slice(0, maxPassages - 1), definition];
    }
    return { ...lex, concepts: concepts.slice(0, limit), passages };
  }

  return {
    get passageCount() {
      return lexical.passageCount;
    },
    async search(query, searchOptions) {
      const limit = searchOptions?.limit ?? 5;
      const lex = lexical.search(query, { limit: Math.max(limit, CANDIDATES) });
      const lexicalOnly = { ...lex, concepts: lex.concepts.slice(0, limit) };
      if (state === 'failed' && clock.now().getTime() - failedAt >= retryAfterMs)
        build(options.library.current());
      // Not covered: no call at all. A comparison already has both sides by design.
      if (!lex.covered || lex.comparison) return lexicalOnly;
      const vectors = index;
      if (!vectors || vectors.library !== options.library.current()) return lexicalOnly;
      let embedded: Float32Array | undefined;
      try {
        [embedded] = await embedder.embed([query], { signal: AbortSignal.timeout(queryTimeoutMs) });
      } catch (error) {
        // Once per outage: every question would otherwise log the same line.
        if (!warnedQuery)
          logger.warn('could not embed the question; answering from BM25 alone', {
            embedder: embedder.name,
            ...errorFields(error),
          });
        warnedQuery = true;
        return lexicalOnly;
      }
      warnedQuery = false;
      if (!embedded) return lexicalOnly;
      return fuse(normalize(embedded), lex, limit, vectors);
    },
    ready: () => building,
    status: () => ({
      state,
      passages: index?.passages.length ?? 0,
      cached: index?.stats.cached ?? 0,
      embedded: index?.stats.embedded ?? 0,
    }),
    close() {
      unsubscribe();
      controller?.abort();
    },
  };
}
