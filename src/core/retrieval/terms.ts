import { stemmer } from '@orama/stemmers/english';
import { STOP_WORDS } from './stop-words.js';

/** Splits text into word tokens; keeps in-word apostrophes and hyphens out of the way. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [];
}

/**
 * Normalises one token for the index and for queries: drops stop words and
 * possessives, then stems, so "tokens", "tokenize" and "token's" meet.
 * Returns null for tokens that should not be indexed.
 */
export function processTerm(token: string): string | null {
  const word = token.toLowerCase().replace(/'s$/, '');
  if (word.length < 2 && !/\d/.test(word)) return null;
  if (STOP_WORDS.has(word)) return null;
  return stemmer(word);
}

/** The distinct processed terms of a query, in order. */
export function queryTerms(query: string): string[] {
  const seen = new Set<string>();
  for (const token of tokenize(query)) {
    const term = processTerm(token);
    if (term) seen.add(term);
  }
  return [...seen];
}
