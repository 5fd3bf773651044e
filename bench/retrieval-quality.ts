import { readFileSync } from 'node:fs';
import type { Library } from '../src/core/content/types.js';
import {
  createRetriever,
  type RetrievalResult,
  type RetrieverOptions,
} from '../src/core/retrieval/create-retriever.js';

/** The paraphrased question set: on-topic questions with their expected concept, and off-topic ones. */
export interface QuestionSet {
  onTopic: Array<{ q: string; slug: string }>;
  offTopic: string[];
}

/** Quality of retrieval on a question set. */
export interface QualityReport {
  onTopic: number;
  offTopic: number;
  /** Share of on-topic questions whose expected concept ranks first (and is covered). */
  hitAt1: number;
  /** Share whose expected concept is among the first three (and is covered). */
  hitAt3: number;
  /** Share of on-topic questions the retriever called covered. */
  coveredRate: number;
  /** Share of off-topic questions answered "not covered". */
  offTopicRejection: number;
  misses: string[];
  falseAccepts: string[];
}

/** Loads bench/questions.json. */
export function loadQuestionSet(path = new URL('./questions.json', import.meta.url)): QuestionSet {
  return JSON.parse(readFileSync(path, 'utf8')) as QuestionSet;
}

/** What {@link measureQuality} searches with: the BM25 retriever, or anything with its `search`. */
export interface Searcher {
  search(query: string, options?: { limit?: number }): RetrievalResult | Promise<RetrievalResult>;
}

/** Scores retrieval: a hit counts only when the question is also judged covered. */
export function measureQuality(
  library: Library,
  set: QuestionSet,
  options: RetrieverOptions = {},
): QualityReport {
  const retriever = createRetriever(library, options);
  const results = new Map<string, RetrievalResult>();
  for (const q of [...set.onTopic.map((t) => t.q), ...set.offTopic])
    results.set(q, retriever.search(q, { limit: 3 }));
  return score(set, results);
}

/** The same score for any retriever, awaited question by question (e.g. hybrid: BM25 + vectors). */
export async function measureQualityOf(searcher: Searcher, set: QuestionSet): Promise<QualityReport> {
  const results = new Map<string, RetrievalResult>();
  for (const q of [...set.onTopic.map((t) => t.q), ...set.offTopic])
    results.set(q, await searcher.search(q, { limit: 3 }));
  return score(set, results);
}

function score(set: QuestionSet, results: ReadonlyMap<string, RetrievalResult>): QualityReport {
  const retriever = { search: (q: string, _options?: { limit?: number }) => results.get(q)! };
  let hit1 = 0;
  let hit3 = 0;
  let covered = 0;
  const misses: string[] = [];
  for (const { q, slug } of set.onTopic) {
    const result = retriever.search(q, { limit: 3 });
    const rank = result.concepts.findIndex((c) => c.slug === slug);
    if (result.covered) covered++;
    if (result.covered && rank === 0) hit1++;
    if (result.covered && rank >= 0 && rank < 3) hit3++;
    else
      misses.push(
        `${q} → expected ${slug}, got ${result.covered ? '' : '(not covered) '}${result.concepts.map((c) => `${c.slug}:${c.score.toFixed(1)}`).join(', ')} cov=${result.termCoverage.toFixed(2)}`,
      );
  }
  const falseAccepts: string[] = [];
  for (const q of set.offTopic) {
    const result = retriever.search(q, { limit: 3 });
    if (result.covered)
      falseAccepts.push(
        `${q} → ${result.concepts[0]?.slug}:${result.concepts[0]?.score.toFixed(1)} cov=${result.termCoverage.toFixed(2)}`,
      );
  }
  const n = set.onTopic.length;
  return {
    onTopic: n,
    offTopic: set.offTopic.length,
    hitAt1: hit1 / n,
    hitAt3: hit3 / n,
    coveredRate: covered / n,
    offTopicRejection: (set.offTopic.length - falseAccepts.length) / set.offTopic.length,
    misses,
    falseAccepts,
  };
}
