import { stemmer } from '@orama/stemmers/english';
import { STOP_WORDS } from './stop-words.js';

/**
 * Splits text into word tokens. A file name or domain ("package-lock.json",
 * "node.js") stays one token: it names one thing, and its pieces must not
 * match the library's words ("json") as if the question were about them.
 */
export function tokenize(text: string): string[] {
  return (
    text.toLowerCase().match(/[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)+|[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? []
  );
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
  return conflateCt(stemmer(word));
}

/**
 * The stemmer cuts "-tion" after a "c" whole ("detection" → "detec") but
 * leaves the verb alone ("detect"), so a question asking whether a model can
 * "detect" something missed an article about "detection". Dropping the "t"
 * of a stem ending in "ct" brings the two together ("inject"/"injection",
 * "instruct"/"instructions", "extract"/"extraction").
 */
function conflateCt(stem: string): string {
  return stem.length >= 5 && stem.endsWith('ct') ? stem.slice(0, -1) : stem;
}

/** The processed terms of a text, stop words removed, order and repeats kept (phrases need both). */
export function termSequence(text: string): string[] {
  return tokenize(text).flatMap((token) => processTerm(token) ?? []);
}

/** A topic word of a text as typed (lower-cased) and as the index sees it. */
export interface QueryWord {
  word: string;
  term: string;
}

/** The topic words of a text with their processed terms, order and repeats kept. */
export function queryWords(text: string): QueryWord[] {
  return tokenize(text).flatMap((word) => {
    const term = processTerm(word);
    return term ? [{ word: word.replace(/'s$/, ''), term }] : [];
  });
}

/** The distinct processed terms of a query, in order. */
export function queryTerms(query: string): string[] {
  return [...new Set(termSequence(query))];
}
