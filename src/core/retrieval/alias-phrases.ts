import type { Library } from '../content/types.js';
import { termSequence } from './terms.js';

/** A concept's title or alias as a sequence of processed terms. */
export interface AliasPhrase {
  slug: string;
  terms: string[];
}

/** Every concept's title and aliases as term sequences. */
export function aliasPhrases(library: Library): AliasPhrase[] {
  return library.concepts.flatMap((concept) =>
    [concept.title, concept.slug.replace(/-/g, ' '), ...concept.aliases]
      .map((text) => ({ slug: concept.slug, terms: termSequence(text) }))
      .filter((phrase) => phrase.terms.length > 0),
  );
}

/**
 * For each concept, the longest of its phrases that occurs contiguously in
 * the query. "context window" in a question is strong evidence for that
 * article in a way that "context" and "window" scattered across it are not.
 */
export function matchPhrases(
  phrases: readonly AliasPhrase[],
  query: readonly string[],
): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const phrase of phrases) {
    const n = phrase.terms.length;
    for (let i = 0; i + n <= query.length; i++) {
      if (phrase.terms.every((term, j) => query[i + j] === term)) {
        if ((found.get(phrase.slug)?.length ?? 0) < n) found.set(phrase.slug, phrase.terms);
        break;
      }
    }
  }
  return found;
}
