/** One word and how often it occurs in a corpus of general English. */
export interface WordCount {
  word: string;
  count: number;
}

/**
 * How common words are in everyday English: the background against which
 * the coverage decision judges a question's words. A word the library never
 * uses but that people say every day ("piano", "tomorrow") is evidence that
 * the question is about something else.
 */
export interface WordFrequencies {
  /** Occurrences per million words; 0 for a word the corpus never contains (jargon, names, typos). */
  perMillion(word: string): number;
}

/**
 * Builds {@link WordFrequencies} from a word list. Case is folded; a
 * possessive or plural the list lacks falls back to its base word, so
 * "car's" counts as "car".
 */
export function createWordFrequencies(entries: Iterable<WordCount>): WordFrequencies {
  const counts = new Map<string, number>();
  let total = 0;
  for (const { word, count } of entries) {
    const key = word.toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + count);
    total += count;
  }
  const perMillion = total > 0 ? 1e6 / total : 0;
  const lookup = (word: string) => counts.get(word) ?? 0;
  return {
    perMillion(word) {
      const w = word.toLowerCase();
      const count =
        lookup(w) ||
        lookup(w.replace(/'s$/, '')) ||
        (w.endsWith('s') ? lookup(w.slice(0, -1)) : 0) ||
        (w.endsWith('es') ? lookup(w.slice(0, -2)) : 0);
      return count * perMillion;
    },
  };
}
