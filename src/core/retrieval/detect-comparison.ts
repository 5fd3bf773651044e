import type { AliasPhrase } from './alias-phrases.js';
import { termSequence } from './terms.js';

/** Two concepts a question compares, by slug, in the order the question names them. */
export type ComparisonPair = readonly [string, string];

/** Finds the two concepts a question compares, or null. */
export type ComparisonDetector = (query: string) => ComparisonPair | null;

/**
 * Words that make a question naming two concepts a comparison: "X vs Y",
 * "X or Y", "difference between X and Y", "compare X with Y", "X better than
 * Y", "X instead of Y". Without one, "embeddings in a vector database" is a
 * question about one thing that mentions another.
 */
const CUE =
  /\b(?:vs\.?|versus|or|differ(?:s|ent|ence|ences)?|compar(?:e|ed|es|ing|ison)|between|better|worse|instead|rather)\b/i;

interface Span {
  slug: string;
  start: number;
  end: number;
}

/**
 * A detector over concepts' title and alias phrases. Longer phrases win over
 * the shorter ones inside them ("prompt injection" over "prompt"), and a
 * phrase that names two concepts at once ("grounding") names neither. A
 * question naming more than two concepts compares the first two.
 */
export function createComparisonDetector(phrases: readonly AliasPhrase[]): ComparisonDetector {
  // Indexed by first term, so a query looks only at phrases that can start where it stands.
  const byFirstTerm = new Map<string, AliasPhrase[]>();
  for (const phrase of phrases) {
    const first = phrase.terms[0]!;
    const list = byFirstTerm.get(first);
    if (list) list.push(phrase);
    else byFirstTerm.set(first, [phrase]);
  }

  function spans(terms: readonly string[]): Span[] {
    const found: Span[] = [];
    terms.forEach((term, start) => {
      for (const { slug, terms: phrase } of byFirstTerm.get(term) ?? []) {
        if (phrase.every((t, j) => terms[start + j] === t))
          found.push({ slug, start, end: start + phrase.length });
      }
    });
    return found;
  }

  return (query) => {
    if (!CUE.test(query)) return null;
    const all = spans(termSequence(query));
    const slugsAt = new Map<string, Set<string>>();
    for (const s of all) {
      const key = `${s.start}:${s.end}`;
      slugsAt.set(key, (slugsAt.get(key) ?? new Set()).add(s.slug));
    }
    const unambiguous = all
      .filter((s) => slugsAt.get(`${s.start}:${s.end}`)!.size === 1)
      .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const kept: Span[] = [];
    for (const s of unambiguous) {
      if (kept.every((k) => s.end <= k.start || s.start >= k.end)) kept.push(s);
    }
    const named = [...new Set(kept.sort((a, b) => a.start - b.start).map((s) => s.slug))];
    return named.length >= 2 ? [named[0]!, named[1]!] : null;
  };
}
