import type { Concept, Library } from '../content/types.js';
import { conceptPassages } from './passages.js';

/**
 * Where a concept uses its words: the terms of each of its sentences, so a
 * word of a question can be checked against the words it keeps company with
 * in the article ("one sense per collocation", Yarowsky 1993). "Database"
 * in "back up the customer database" never shares a sentence with "back" or
 * "customer" in the vector-database article; in "which database stores
 * embeddings?" it shares one with "embeddings".
 */
export interface SenseContext {
  /**
   * Whether `term` shares a sentence of the concept with any of `others`
   * (the question's other topic words). A concept's title, each alias,
   * search phrase and FAQ question counts as a sentence.
   */
  sharesSentence(slug: string, term: string, others: readonly string[]): boolean;
}

/** Splits prose at sentence ends, list items and clause marks that separate ideas. */
const SENTENCE_END = /[.!?;:\n]+(?:\s|$)|\n/;

/**
 * Builds {@link SenseContext} lazily: a concept's sentences are indexed the
 * first time a question's best match is that concept, so building the
 * retriever stays as cheap as before and memory grows only with the
 * concepts questions actually reach.
 */
export function createSenseContext(library: Library, terms: (text: string) => string[]): SenseContext {
  const bySlug = new Map(library.concepts.map((c) => [c.slug, c]));
  const cache = new Map<string, Map<string, number[]>>();

  function sentencesOf(concept: Concept): Map<string, number[]> {
    const postings = new Map<string, number[]>();
    const sentences = [
      concept.title,
      ...concept.aliases,
      ...concept.searchPhrases,
      ...conceptPassages(concept).flatMap((p) => [p.question, ...p.text.split(SENTENCE_END)]),
    ];
    sentences.forEach((sentence, i) => {
      for (const term of new Set(terms(sentence))) {
        const list = postings.get(term);
        if (list) list.push(i);
        else postings.set(term, [i]);
      }
    });
    return postings;
  }

  return {
    sharesSentence(slug, term, others) {
      const concept = bySlug.get(slug);
      if (!concept) return false;
      let postings = cache.get(slug);
      if (!postings) {
        postings = sentencesOf(concept);
        cache.set(slug, postings);
      }
      const mine = postings.get(term);
      if (!mine) return false;
      const where = new Set(mine);
      return others.some((other) => other !== term && (postings.get(other) ?? []).some((i) => where.has(i)));
    },
  };
}
