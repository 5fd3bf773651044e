import type { Library } from '../content/types.js';
import type { AliasPhrase } from './alias-phrases.js';
import type { ConceptHit, PassageHit, RetrievalResult, Retriever } from './create-retriever.js';
import { type ComparisonPair, createComparisonDetector } from './detect-comparison.js';
import type { Passage } from './passages.js';

/** The sections of each compared concept a comparison always gets, in this order. */
const SIDES = ['what-it-is', 'good-fit', 'bad-fit'] as const;

/** Passages beyond those six: FAQ pairs that compare the same two concepts, then the pair's best others. */
const EXTRA_PASSAGES = 2;

/** What {@link withComparisons} needs from the retriever it wraps. */
export interface ComparisonSources {
  library: Library;
  phrases: readonly AliasPhrase[];
  passagesById: ReadonlyMap<string, Passage>;
}

const samePair = (a: ComparisonPair | null, b: ComparisonPair) => !!a && b.includes(a[0]) && b.includes(a[1]);

/**
 * Gives a covered comparison question both sides. Ranking alone hands the
 * model one concept when the other scores below the cut ("RAG vs
 * fine-tuning" sent only fine-tuning passages); here, when the question
 * names two concepts through their titles or aliases, both concepts'
 * definitions and good-fit and bad-fit sections go in, interleaved, then a
 * FAQ pair that compares the same two (either article's "RAG or
 * fine-tuning?") or the pair's best other passages. The result carries the
 * pair so the extractive answer can quote both sides too.
 */
export function withComparisons(retriever: Retriever, sources: ComparisonSources): Retriever {
  const detect = createComparisonDetector(sources.phrases);

  function bothSides(result: RetrievalResult, pair: ComparisonPair): RetrievalResult {
    const scores = new Map(result.passages.map((p) => [p.id, p.score]));
    const hit = (passage: Passage): PassageHit => ({ ...passage, score: scores.get(passage.id) ?? 0 });
    const required = SIDES.flatMap((key) =>
      pair.flatMap((slug) => {
        const passage = sources.passagesById.get(`${slug}#${key}`);
        return passage ? [hit(passage)] : [];
      }),
    );
    // Only the pair's own phrases: a FAQ question is about its article, ambiguity elsewhere is moot.
    const detectInPair = createComparisonDetector(sources.phrases.filter((p) => pair.includes(p.slug)));
    const comparingFaqs = pair.flatMap((slug) =>
      (sources.library.conceptBySlug.get(slug)?.faq ?? []).flatMap((faq, i) => {
        const passage = sources.passagesById.get(`${slug}#faq-${i + 1}`);
        return passage && samePair(detectInPair(faq.question), pair) ? [hit(passage)] : [];
      }),
    );
    const ids = new Set(required.map((p) => p.id));
    const extra = [...comparingFaqs, ...result.passages.filter((p) => pair.includes(p.slug))]
      .filter((p) => !ids.has(p.id) && ids.add(p.id))
      .slice(0, EXTRA_PASSAGES);
    const concepts: ConceptHit[] = [...result.concepts];
    for (const slug of pair) {
      const concept = sources.library.conceptBySlug.get(slug);
      if (concept && !concepts.some((c) => c.slug === slug))
        concepts.push({ slug, title: concept.title, score: 0 });
    }
    return { ...result, concepts, passages: [...required, ...extra], comparison: pair };
  }

  return {
    get passageCount() {
      return retriever.passageCount;
    },
    search(query, options) {
      const result = retriever.search(query, options);
      if (!result.covered) return result;
      const pair = detect(query);
      return pair ? bothSides(result, pair) : result;
    },
  };
}
