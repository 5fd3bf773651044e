import type { Library } from '../content/types.js';
import { aliasPhrases, matchPhrases } from './alias-phrases.js';
import { createBm25Index } from './bm25-index.js';
import { withComparisons } from './comparison.js';
import type { ComparisonPair } from './detect-comparison.js';
import { libraryPassages, type Passage } from './passages.js';
import { processTerm, termSequence, tokenize } from './terms.js';

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
  /** Set when the question compares two concepts; both sides' passages are then included (comparison.ts). */
  comparison?: ComparisonPair;
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
  /** Without a title/alias/FAQ-question match: the share of topic terms the concept's prose must contain… */
  proseTermCoverage: number;
  /** …and the score per query term that evidence must reach. */
  proseScorePerTerm: number;
}

/** Stems of words that appear in most questions about AI and say little about which concept is meant. */
const GENERIC_TERMS = new Set([
  'ai',
  'model',
  'llm',
  'chatbot',
  'bot',
  'assistant',
  'claude',
  'chatgpt',
  'gpt',
  'gemini',
]);

/** Score multiplier per specific term of a title or alias phrase found verbatim in the question. */
const PHRASE_BOOST = 0.75;

/** Passages considered per query. */
const MAX_HITS = 200;

/** How much a concept's second-best passage adds to its score. */
const SECOND_PASSAGE_WEIGHT = 0.5;

/** Defaults calibrated on the starter library; see bench/README.md. */
export const DEFAULT_THRESHOLDS: CoverageThresholds = {
  minScore: 1.5,
  minTermCoverage: 0.5,
  proseTermCoverage: 0.75,
  proseScorePerTerm: 8,
};

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
 * Builds a BM25 index over every concept section and FAQ pair. Titles weigh
 * three times the body, FAQ questions twice, aliases and headings one and a
 * half, so the words people actually type pull the right article up; title,
 * alias and FAQ-question matches count as the concept's own vocabulary.
 */
export function createRetriever(library: Library, options: RetrieverOptions = {}): Retriever {
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const maxPassages = options.maxPassages ?? 6;
  const maxConcepts = options.maxConcepts ?? 2;
  const passages = libraryPassages(library);
  const byId = new Map(passages.map((p) => [p.id, p]));
  const phrases = aliasPhrases(library);
  const index = createBm25Index(
    // A section's heading ("Common pitfalls") is searchable, so "what are the pitfalls of X" lands on it.
    passages.map((p) => [p.title, p.aliases, p.question, p.kind === 'section' ? p.section : '', p.text]),
    {
      fields: ['title', 'aliases', 'question', 'heading', 'text'],
      boosts: [3, 1.5, 2, 1.5, 1],
      keyFields: [0, 1, 2],
      tokenize,
      processTerm,
    },
    { prefix: 0.4, fuzzy: 0.3 },
  );
  const searchOptions = {
    // Typo tolerance only for words the library does not contain: a known word
    // needs no expansion, and expanding every term would cost most of a query's time.
    prefix: (term: string) => term.length >= 4 && !index.has(term),
    fuzzy: (term: string) => (term.length >= 6 && !index.has(term) ? Math.round(term.length * 0.15) : 0),
    // Nearly every question says "AI" or "model"; they must not drag answers to the LLM article.
    termBoost: (term: string) => (GENERIC_TERMS.has(term) ? 0.3 : 1),
    // Concepts beyond the best few hundred passages never matter.
    limit: MAX_HITS,
  };

  /**
   * The best passages, always including the best concept's "What it is": a
   * definition grounds almost any answer about a concept, and "what is X"
   * questions are best answered by it.
   */
  function withDefinition(ranked: PassageHit[], slug: string): PassageHit[] {
    const top = ranked.slice(0, maxPassages);
    const id = `${slug}#what-it-is`;
    if (top.some((p) => p.id === id)) return top;
    const definition = ranked.find((p) => p.id === id) ?? { ...byId.get(id)!, score: 0 };
    return [...top.slice(0, maxPassages - 1), definition];
  }

  const ranking: Retriever = {
    passageCount: passages.length,
    search(query, { limit = 5 } = {}) {
      // Tokenized and stemmed once: the index, the coverage count and phrase matching share it.
      const sequence = termSequence(query);
      const terms = [...new Set(sequence)];
      if (terms.length === 0) return { covered: false, concepts: [], passages: [], termCoverage: 0 };
      const hits = index.search(sequence, searchOptions).map((r) => ({
        ...passages[r.doc]!,
        score: r.score,
        queryTerms: r.queryTerms,
        keyMatch: r.keyMatch,
      }));
      const concepts = new Map<
        string,
        ConceptHit & { matched: Set<string>; keyMatch: boolean; scores: number[] }
      >();
      for (const hit of hits) {
        const entry = concepts.get(hit.slug) ?? {
          slug: hit.slug,
          title: hit.title,
          score: 0,
          matched: new Set<string>(),
          keyMatch: false,
          scores: [],
        };
        entry.scores.push(hit.score);
        entry.keyMatch ||= hit.keyMatch;
        for (const term of hit.queryTerms) entry.matched.add(term);
        concepts.set(hit.slug, entry);
      }
      const phraseHits = matchPhrases(phrases, sequence);
      for (const entry of concepts.values()) {
        // Hits arrive best first, so scores[0] is the best passage. A concept that
        // answers from several passages outranks one lucky paragraph elsewhere.
        entry.score = (entry.scores[0] ?? 0) + SECOND_PASSAGE_WEIGHT * (entry.scores[1] ?? 0);
        const phrase = phraseHits.get(entry.slug);
        if (phrase) {
          entry.keyMatch = true;
          for (const term of phrase) entry.matched.add(term);
          // A phrase of generic words ("ChatGPT") names the topic less than "context window" does.
          const specific = phrase.filter((t) => !GENERIC_TERMS.has(t)).length;
          entry.score *= 1 + PHRASE_BOOST * specific;
        }
      }
      const ranked = [...concepts.values()].sort((a, b) => b.score - a.score);
      const best = ranked[0];
      const termCoverage = best ? best.matched.size / terms.length : 0;
      // Covered only when the question names the concept's own vocabulary (its title, an
      // alias or a FAQ question), not merely words that happen to occur in its prose:
      // "when is the next payroll date" shares "next" and "date" with the library, nothing more.
      // Or when nearly all of its topic words occur in one concept with strong (rare-word) evidence.
      const strongProse =
        !!best &&
        termCoverage >= thresholds.proseTermCoverage &&
        best.score / terms.length >= thresholds.proseScorePerTerm;
      const covered =
        !!best &&
        best.score >= thresholds.minScore &&
        termCoverage >= thresholds.minTermCoverage &&
        (best.keyMatch || strongProse);
      // A second concept joins only when it is nearly as strong: "RAG vs fine-tuning" needs both.
      const usable = covered
        ? new Set(
            ranked
              .slice(0, maxConcepts)
              .filter((c) => c.score >= best.score * 0.6)
              .map((c) => c.slug),
          )
        : new Set<string>();
      return {
        covered,
        termCoverage,
        concepts: ranked.slice(0, limit).map(({ slug, title, score }) => ({ slug, title, score })),
        passages: covered
          ? withDefinition(
              hits.filter((h) => usable.has(h.slug)).map(({ queryTerms: _t, keyMatch: _k, ...p }) => p),
              best.slug,
            )
          : [],
      };
    },
  };
  // "X vs Y" gets both sides, whichever of them the ranking favours.
  return withComparisons(ranking, { library, phrases, passagesById: byId });
}
