import MiniSearch from 'minisearch';
import type { Library } from '../content/types.js';
import { libraryPassages, type Passage } from './passages.js';
import { processTerm, queryTerms, tokenize } from './terms.js';

/** A passage with its BM25 score. */
export interface PassageHit extends Passage {
  score: number;
}

/** A concept ranked by its best passage. */
export interface ConceptHit {
  slug: string;
  title: string;
  score: number;
}

/** What a search found, and whether the library covers the question. */
export interface RetrievalResult {
  covered: boolean;
  /** Concepts ranked best first (also filled when not covered, for "closest concepts"). */
  concepts: ConceptHit[];
  /** Passages of the covered concepts, best first; empty when not covered. */
  passages: PassageHit[];
  /** Share of the query's topic terms found in the best concept's passages. */
  termCoverage: number;
}

/**
 * Thresholds for calling a question covered, calibrated on
 * bench/questions.json (see bench/retrieval-quality.ts): below them a
 * question is answered "not covered" instead of being stretched to the
 * nearest article.
 */
export interface CoverageThresholds {
  /** Minimum BM25 score of the best passage. */
  minScore: number;
  /** Minimum share of the query's topic terms that the best concept contains. */
  minTermCoverage: number;
}

/** Defaults calibrated on the starter library; see bench/README.md. */
export const DEFAULT_THRESHOLDS: CoverageThresholds = { minScore: 1.5, minTermCoverage: 0.5 };

/** Options of {@link createRetriever}. */
export interface RetrieverOptions {
  thresholds?: Partial<CoverageThresholds>;
  /** Most passages handed to the model. */
  maxPassages?: number;
  /** Concepts whose passages may be handed to the model. */
  maxConcepts?: number;
}

/** Searches a library's passages with BM25. */
export interface Retriever {
  search(query: string, options?: { limit?: number }): RetrievalResult;
  readonly passageCount: number;
}

/**
 * Builds a BM25 index (MiniSearch) over every concept section and FAQ pair.
 * Titles and aliases weigh three times the body and FAQ questions twice, so
 * the words people actually type pull the right article up.
 */
export function createRetriever(library: Library, options: RetrieverOptions = {}): Retriever {
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const maxPassages = options.maxPassages ?? 6;
  const maxConcepts = options.maxConcepts ?? 2;
  const passages = libraryPassages(library);
  const byId = new Map(passages.map((p) => [p.id, p]));
  const index = new MiniSearch<Passage>({
    fields: ['title', 'aliases', 'question', 'text'],
    storeFields: [],
    tokenize,
    processTerm: (term) => processTerm(term) ?? false,
    searchOptions: {
      boost: { title: 3, aliases: 3, question: 2, text: 1 },
      prefix: (term) => term.length >= 4,
      fuzzy: (term) => (term.length >= 6 ? 0.15 : false),
      weights: { prefix: 0.4, fuzzy: 0.3 },
      combineWith: 'OR',
    },
  });
  index.addAll(passages);

  return {
    passageCount: passages.length,
    search(query, { limit = 5 } = {}) {
      const terms = queryTerms(query);
      if (terms.length === 0) return { covered: false, concepts: [], passages: [], termCoverage: 0 };
      const hits = index.search(query).map((r) => ({ ...byId.get(String(r.id))!, score: r.score, queryTerms: r.queryTerms }));
      const concepts = new Map<string, ConceptHit & { matched: Set<string> }>();
      for (const hit of hits) {
        const entry = concepts.get(hit.slug) ?? { slug: hit.slug, title: hit.title, score: 0, matched: new Set<string>() };
        entry.score = Math.max(entry.score, hit.score);
        for (const term of hit.queryTerms) entry.matched.add(term);
        concepts.set(hit.slug, entry);
      }
      const ranked = [...concepts.values()].sort((a, b) => b.score - a.score);
      const best = ranked[0];
      const termCoverage = best ? best.matched.size / terms.length : 0;
      const covered = !!best && best.score >= thresholds.minScore && termCoverage >= thresholds.minTermCoverage;
      // A second concept joins only when it is nearly as strong: "RAG vs fine-tuning" needs both.
      const usable = covered
        ? new Set(ranked.slice(0, maxConcepts).filter((c) => c.score >= best.score * 0.6).map((c) => c.slug))
        : new Set<string>();
      return {
        covered,
        termCoverage,
        concepts: ranked.slice(0, limit).map(({ slug, title, score }) => ({ slug, title, score })),
        passages: hits
          .filter((h) => usable.has(h.slug))
          .slice(0, maxPassages)
          .map(({ queryTerms: _terms, ...passage }) => passage),
      };
    },
  };
}
