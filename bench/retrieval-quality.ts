import { readFileSync } from 'node:fs';
import type { Library } from '../src/core/content/types.js';
import type { CoverageDecision } from '../src/core/retrieval/coverage-decision.js';
import {
  createRetriever,
  type RetrievalResult,
  type RetrieverOptions,
} from '../src/core/retrieval/create-retriever.js';

/** A covered question and the concept that answers it. */
export interface OnTopicQuestion {
  q: string;
  slug: string;
}

/** A question the library does not cover; `near` names the concept whose words it shares in another sense. */
export interface OffTopicQuestion {
  q: string;
  near?: string;
}

/** One half of the question set. */
export interface QuestionHalf {
  onTopic: OnTopicQuestion[];
  offTopic: OffTopicQuestion[];
}

/**
 * The question set: a tuning half that thresholds and article edits may be
 * tuned on, and a held-out half that is only measured, so the reported
 * figures are not flattered by tuning.
 */
export interface QuestionSet {
  about: string;
  tuning: QuestionHalf;
  heldOut: QuestionHalf;
}

/** The names of the halves, in report order. */
export const HALVES = ['tuning', 'heldOut'] as const;

/** Quality of retrieval on one half of the question set. */
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
  /** On-topic questions whose expected concept was not first, or that were not covered. */
  misses: string[];
  falseAccepts: string[];
}

/** The coverage figures of one search, for the miss lists. */
function why(c: CoverageDecision): string {
  return `[${c.reason} explained=${c.explained.toFixed(2)} foreign=${c.foreign.toFixed(2)}${c.foreignWords.length > 0 ? ` (${c.foreignWords.join(' ')})` : ''}]`;
}

/** Loads bench/questions.json. */
export function loadQuestionSet(path = new URL('./questions.json', import.meta.url)): QuestionSet {
  return JSON.parse(readFileSync(path, 'utf8')) as QuestionSet;
}

/** Both halves as one, for latency runs and checks over the whole file. */
export function allQuestions(set: QuestionSet): QuestionHalf {
  return {
    onTopic: [...set.tuning.onTopic, ...set.heldOut.onTopic],
    offTopic: [...set.tuning.offTopic, ...set.heldOut.offTopic],
  };
}

/** What {@link measureQualityOf} searches with: the BM25 retriever, or anything with its `search`. */
export interface Searcher {
  search(query: string, options?: { limit?: number }): RetrievalResult | Promise<RetrievalResult>;
}

/** Scores retrieval: a hit counts only when the question is also judged covered. */
export function measureQuality(
  library: Library,
  half: QuestionHalf,
  options: RetrieverOptions,
): QualityReport {
  const retriever = createRetriever(library, options);
  return score(half, (q) => retriever.search(q, { limit: 3 }));
}

/** The same score for any retriever, awaited question by question (e.g. hybrid: BM25 + vectors). */
export async function measureQualityOf(searcher: Searcher, half: QuestionHalf): Promise<QualityReport> {
  const results = new Map<string, RetrievalResult>();
  for (const q of [...half.onTopic.map((t) => t.q), ...half.offTopic.map((t) => t.q)])
    results.set(q, await searcher.search(q, { limit: 3 }));
  return score(half, (q) => results.get(q)!);
}

function score(half: QuestionHalf, search: (q: string) => RetrievalResult): QualityReport {
  let hit1 = 0;
  let hit3 = 0;
  let covered = 0;
  const misses: string[] = [];
  for (const { q, slug } of half.onTopic) {
    const result = search(q);
    const rank = result.concepts.findIndex((c) => c.slug === slug);
    if (result.covered) covered++;
    if (result.covered && rank === 0) hit1++;
    if (result.covered && rank >= 0 && rank < 3) hit3++;
    if (!result.covered || rank !== 0)
      misses.push(
        `${rank > 0 && rank < 3 && result.covered ? '[top 3] ' : ''}${q} → expected ${slug}, got ${result.covered ? '' : '(not covered) '}${result.concepts.map((c) => `${c.slug}:${c.score.toFixed(1)}`).join(', ')} ${why(result.coverage)}`,
      );
  }
  const falseAccepts: string[] = [];
  for (const { q } of half.offTopic) {
    const result = search(q);
    if (result.covered)
      falseAccepts.push(
        `${q} → ${result.concepts[0]?.slug}:${result.concepts[0]?.score.toFixed(1)} ${why(result.coverage)}`,
      );
  }
  const n = half.onTopic.length;
  return {
    onTopic: n,
    offTopic: half.offTopic.length,
    hitAt1: hit1 / n,
    hitAt3: hit3 / n,
    coveredRate: covered / n,
    offTopicRejection: (half.offTopic.length - falseAccepts.length) / half.offTopic.length,
    misses,
    falseAccepts,
  };
}
