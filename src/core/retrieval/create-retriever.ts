import type { Library } from '../content/types.js';
import { wordSequence } from './alias-phrases.js';
import { withComparisons } from './comparison.js';
import {
  type CoverageDecision,
  type CoverageThresholds,
  DEFAULT_COVERAGE_THRESHOLDS,
  decideCoverage,
} from './coverage-decision.js';
import type { ComparisonPair } from './detect-comparison.js';
import type { Passage } from './passages.js';
import { hyphenatedTerms, quotedPhrases } from './quoted-phrases.js';
import { createRetrievalCorpus, type RetrievalCorpus } from './retrieval-corpus.js';
import { createSenseContext, namesIn } from './sense-context.js';
import { processTerm, queryWords, tokenize } from './terms.js';
import type { WordFrequencies } from './word-frequencies.js';

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
  /** How coverage was decided, with the figures it was decided on. */
  coverage: CoverageDecision;
  /** Set when the question compares two concepts; both sides' passages are then included (comparison.ts). */
  comparison?: ComparisonPair;
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

/** Stems of words that say a question is about AI at all, in no other everyday sense ("model" and "Claude" have one). */
const AI_MARKERS = new Set(['ai', 'llm', 'chatbot', 'bot', 'chatgpt', 'gpt', 'genai']);

/** Score multiplier per specific term of a title or alias phrase found verbatim in the question. */
const PHRASE_BOOST = 0.75;

/** Passages considered per query. */
const MAX_HITS = 200;

/** How much a concept's second-best passage adds to its score. */
const SECOND_PASSAGE_WEIGHT = 0.5;

/** A second concept helps answer when it scores at least this share of the best. */
const SECOND_CONCEPT_SHARE = 0.6;

/** Options of {@link createRetriever}. */
export interface RetrieverOptions {
  /** Everyday English word frequencies, the background the coverage decision measures questions against. */
  frequencies: WordFrequencies;
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
 * half, so the words people actually type pull the right article up. A whole
 * title, alias or search phrase found in the question, or a word of a FAQ
 * question, counts as the concept's own vocabulary.
 */
export function createRetriever(library: Library, options: RetrieverOptions): Retriever {
  return createCorpusRetriever(createRetrievalCorpus(library), options);
}

/**
 * The retriever of one corpus version (see retrieval-corpus.ts): what
 * {@link createRetriever} builds, over a corpus that may have been updated
 * incrementally rather than built from scratch.
 */
export function createCorpusRetriever(corpus: RetrievalCorpus, options: RetrieverOptions): Retriever {
  const thresholds = { ...DEFAULT_COVERAGE_THRESHOLDS, ...options.thresholds };
  const { frequencies } = options;
  const maxPassages = options.maxPassages ?? 6;
  const maxConcepts = options.maxConcepts ?? 2;
  const { index, byId, phrases, faqWords, statistics, matchPhrases, library } = corpus;
  const passages = corpus.bySlot;
  // The sense check indexes a concept's sentences the first time a question reaches it; each distinct word is stemmed once.
  const stems = new Map<string, string | null>();
  const cachedTerm = (token: string) => {
    let term = stems.get(token);
    if (term === undefined) {
      term = processTerm(token);
      stems.set(token, term);
    }
    return term;
  };
  const senseContext = createSenseContext(library, cachedTerm);

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
    passageCount: corpus.passageCount,
    search(query, { limit = 5 } = {}) {
      // Tokenized and stemmed once: the index, the coverage decision and phrase matching share it.
      const words = queryWords(query);
      const sequence = words.map((w) => w.term);
      // A term may be typed several ways ("token", "tokens"); one everyday spelling makes it an everyday word.
      const everyday = new Set(words.filter((w) => frequencies.perMillion(w.word) > 0).map((w) => w.term));
      const searchOptions = {
        // Typo tolerance only for words the library does not contain, and never for a real English
        // word: "height" is not a typo of "weight". Expanding every term would also cost most of a query's time.
        prefix: (term: string) => term.length >= 4 && !index.has(term) && !everyday.has(term),
        fuzzy: (term: string) =>
          term.length >= 6 && !index.has(term) && !everyday.has(term) ? Math.round(term.length * 0.15) : 0,
        // Nearly every question says "AI" or "model"; they must not drag answers to the LLM article.
        termBoost: (term: string) => (GENERIC_TERMS.has(term) ? 0.3 : 1),
        // Concepts beyond the best few hundred passages never matter.
        limit: MAX_HITS,
      };
      // Hits point at their passage: only the few handed on are copied (copying all 200 cost more than the lookup).
      const hits = index.search(sequence, searchOptions).map((r) => {
        const passage = passages[r.doc]!;
        return {
          passage,
          slug: passage.slug,
          title: passage.title,
          score: r.score,
          queryTerms: r.queryTerms,
          keyMatch: r.keyMatch,
        };
      });
      const concepts = new Map<
        string,
        ConceptHit & { matched: Set<string>; own: Set<string>; keyMatch: boolean; scores: number[] }
      >();
      const inLibrary = new Set(sequence.filter((term) => index.has(term)));
      for (const hit of hits) {
        const entry = concepts.get(hit.slug) ?? {
          slug: hit.slug,
          title: hit.title,
          score: 0,
          matched: new Set<string>(),
          own: new Set<string>(),
          keyMatch: false,
          scores: [],
        };
        entry.scores.push(hit.score);
        entry.keyMatch ||= hit.keyMatch;
        for (const term of hit.queryTerms) {
          entry.matched.add(term);
          inLibrary.add(term);
        }
        concepts.set(hit.slug, entry);
      }
      const phraseHits = matchPhrases({ terms: sequence, words: wordSequence(query) });
      for (const entry of concepts.values()) {
        // Hits arrive best first, so scores[0] is the best passage. A concept that
        // answers from several passages outranks one lucky paragraph elsewhere.
        entry.score = (entry.scores[0] ?? 0) + SECOND_PASSAGE_WEIGHT * (entry.scores[1] ?? 0);
        const phrase = phraseHits.get(entry.slug);
        if (phrase) {
          entry.keyMatch = true;
          for (const term of phrase.terms) {
            entry.matched.add(term);
            entry.own.add(term);
          }
          // A phrase of generic words ("ChatGPT") names the topic less than "context window" does.
          const generic = phrase.terms.filter((t) => GENERIC_TERMS.has(t)).length;
          entry.score *= 1 + PHRASE_BOOST * (phrase.length - generic);
        }
      }
      const ranked = [...concepts.values()].sort((a, b) => b.score - a.score);
      const best = ranked[0];
      // A second concept joins only when it is nearly as strong: "RAG vs fine-tuning" needs both,
      // and the words of such a question are explained by the two together.
      const answering = best
        ? ranked.slice(0, maxConcepts).filter((c) => c.score >= best.score * SECOND_CONCEPT_SHARE)
        : [];
      const seen = new Set<string>();
      const terms = words.filter((w) => !seen.has(w.term) && seen.add(w.term));
      const ownWords = best ? faqWords.get(best.slug) : undefined;
      const isOwn = (term: string) => (best?.own.has(term) || ownWords?.has(term)) ?? false;
      // Words that name a topic, for the sense check. "AI" and "model" keep company with every word,
      // and so do everyday words ("keep", "back"): they neither confirm a sense nor have one confirmed.
      const topical = new Set(
        terms
          .filter(
            (t) => !GENERIC_TERMS.has(t.term) && frequencies.perMillion(t.word) < thresholds.commonPerMillion,
          )
          .map((t) => t.term),
      );
      // A whole phrase of the concept's names fixes its words' sense ("context window"); a one-word
      // name only in a form the article uses: "embeddings", not "embedded".
      const phrase = best ? phraseHits.get(best.slug) : undefined;
      const inContext = ({ word, term }: { word: string; term: string }) =>
        !!best &&
        ((!!phrase?.terms.includes(term) && (phrase.length > 1 || senseContext.usesForm(best.slug, word))) ||
          senseContext.sharesSentence(best.slug, term, [...topical]));
      // A phrase the question quotes ("what is 'lost in the middle'?"), or a hyphenated term ("top-k"),
      // that the article writes word for word names something the article covers, as a search phrase would.
      const quoted =
        best === undefined
          ? []
          : [...quotedPhrases(query), ...hyphenatedTerms(query)]
              .map((phrase) => tokenize(phrase))
              .filter((ws) => ws.length >= 2 && senseContext.hasSequence(best.slug, ws))
              .flatMap((ws) => ws.flatMap((w) => processTerm(w) ?? []));
      // "How do I share a screenshot in Teams?": a capitalised everyday word names something the concept does not.
      const names = new Set(namesIn(query));
      const otherName = (word: string) =>
        !!best && names.has(word) && !senseContext.writesAsName(best.slug, word);
      const coverage = decideCoverage(
        {
          terms: terms.map(({ word, term }) => ({
            word,
            term,
            inLibrary: inLibrary.has(term),
            spread: statistics.spread(term),
            inConcept: answering.some((c) => c.matched.has(term)),
            inVocabulary: isOwn(term) || quoted.includes(term),
            inContext: quoted.includes(term) || inContext({ word, term }),
            otherName: otherName(word),
          })),
          score: best?.score ?? 0,
          keyMatch: (best?.keyMatch || quoted.length > 0) ?? false,
          aboutAi: terms.some((t) => AI_MARKERS.has(t.term)),
          scorePerTerm: best && terms.length > 0 ? best.score / terms.length : 0,
        },
        frequencies,
        thresholds,
      );
      const covered = coverage.covered && !!best;
      const usable = new Set(covered ? answering.map((c) => c.slug) : []);
      return {
        covered,
        coverage,
        concepts: ranked.slice(0, limit).map(({ slug, title, score }) => ({ slug, title, score })),
        passages:
          covered && best
            ? withDefinition(
                hits.filter((h) => usable.has(h.slug)).map((h) => ({ ...h.passage, score: h.score })),
                best.slug,
              )
            : [],
      };
    },
  };
  // "X vs Y" gets both sides, whichever of them the ranking favours.
  return withComparisons(ranking, { library, phrases, passagesById: byId });
}
