import { stemmer } from '@orama/stemmers/english';
import type { Concept, Library } from '../content/types.js';
import { termSequence, tokenize } from './terms.js';

/** A concept's title or alias as a sequence of processed terms. */
export interface AliasPhrase {
  slug: string;
  /** Topic terms, stop words removed. */
  terms: string[];
  /**
   * Every word stemmed, stop words kept; set only when the phrase has stop
   * words, and then the phrase matches only word for word. "makes things up"
   * is all stop words, yet as a whole it names hallucination; "cut off"
   * names a context-window problem, but "cutting" alone does not.
   */
  words?: string[];
}

/** A phrase found in a query. */
export interface PhraseMatch {
  /** The phrase's topic terms (possibly none). */
  terms: string[];
  /** How many words of the query it spans. */
  length: number;
}

/** Every word of a text, stemmed, stop words kept: what whole-phrase matching compares. */
export function wordSequence(text: string): string[] {
  return tokenize(text).map((word) => stemmer(word.replace(/'s$/, '')));
}

/** Every concept's title, aliases and search phrases as term sequences. */
export function aliasPhrases(library: Library): AliasPhrase[] {
  return library.concepts.flatMap(conceptAliasPhrases);
}

/** One concept's title, slug, aliases and search phrases as term sequences. */
export function conceptAliasPhrases(concept: Concept): AliasPhrase[] {
  return [
    concept.title,
    concept.slug.replace(/-/g, ' '),
    ...concept.aliases,
    ...concept.searchPhrases,
  ].flatMap((text) => {
    const terms = termSequence(text);
    const words = wordSequence(text);
    // A multi-word phrase with stop words also matches word for word.
    const withWords = words.length >= 2 && words.length > terms.length;
    if (terms.length === 0 && !withWords) return [];
    return [withWords ? { slug: concept.slug, terms, words } : { slug: concept.slug, terms }];
  });
}

function occursIn(phrase: readonly string[], query: readonly string[]): boolean {
  const n = phrase.length;
  if (n === 0) return false;
  for (let i = 0; i + n <= query.length; i++) {
    if (phrase.every((term, j) => query[i + j] === term)) return true;
  }
  return false;
}

/**
 * For each concept, the longest of its phrases that occurs contiguously in
 * the query: as topic terms ("context window" in a question is strong
 * evidence for that article in a way that "context" and "window" scattered
 * across it are not), or word for word for phrases with stop words.
 */
export function matchPhrases(
  phrases: readonly AliasPhrase[],
  query: { terms: readonly string[]; words: readonly string[] },
): Map<string, PhraseMatch> {
  const found = new Map<string, PhraseMatch>();
  for (const phrase of phrases) {
    // A phrase with stop words matches only word for word: "cut off" is not "cut".
    const length = phrase.words
      ? occursIn(phrase.words, query.words)
        ? phrase.words.length
        : 0
      : occursIn(phrase.terms, query.terms)
        ? phrase.terms.length
        : 0;
    if (length > (found.get(phrase.slug)?.length ?? 0))
      found.set(phrase.slug, { terms: phrase.terms, length });
  }
  return found;
}

/**
 * {@link matchPhrases} over a fixed list of phrases, indexed by each phrase's
 * first term (or first word, for word-for-word phrases): a query then checks
 * only the phrases that can start at one of its own words, not every phrase
 * of the library (at 10,000 concepts that scan was most of a search).
 * Candidates are checked in the list's order, so ties resolve as in
 * {@link matchPhrases} and the result is the same.
 */
export function createPhraseMatcher(
  phrases: readonly AliasPhrase[],
): (query: { terms: readonly string[]; words: readonly string[] }) => Map<string, PhraseMatch> {
  const byTerm = new Map<string, number[]>();
  const byWord = new Map<string, number[]>();
  const add = (index: Map<string, number[]>, key: string | undefined, i: number) => {
    if (key === undefined) return;
    const list = index.get(key);
    if (list) list.push(i);
    else index.set(key, [i]);
  };
  phrases.forEach((phrase, i) => {
    if (phrase.words) add(byWord, phrase.words[0], i);
    else add(byTerm, phrase.terms[0], i);
  });
  return (query) => {
    const candidates: number[] = [];
    for (const term of new Set(query.terms)) for (const i of byTerm.get(term) ?? []) candidates.push(i);
    for (const word of new Set(query.words)) for (const i of byWord.get(word) ?? []) candidates.push(i);
    candidates.sort((a, b) => a - b);
    return matchPhrases(
      candidates.map((i) => phrases[i]!),
      query,
    );
  };
}
