import { buildLibrary } from '../src/core/content/build-library.js';
import type { ContentFile, Library } from '../src/core/content/types.js';

/** A deterministic pseudo-random generator, so every run builds the same library. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SYLLABLES = [
  'ka',
  'to',
  'ren',
  'vi',
  'lo',
  'mar',
  'sen',
  'du',
  'pel',
  'qua',
  'tis',
  'no',
  'bre',
  'fan',
  'gol',
  'hu',
  'jem',
  'lix',
  'mo',
  'tra',
];

/**
 * Content words, most frequent first. Real prose is Zipfian: a few words
 * everywhere, most words rare. A small uniform vocabulary would make every
 * query match every article, which no real library does.
 */
const VOCABULARY = Array.from({ length: 8000 }, (_, i) => {
  let n = i + 7;
  let word = '';
  while (n > 0) {
    word += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  }
  return word;
});
const CUMULATIVE = (() => {
  let total = 0;
  // The head of the distribution (the, of, and…) is what stop-word removal drops, so start at rank 150.
  return VOCABULARY.map((_, rank) => (total += 1 / (rank + 150) ** 1.07));
})();

/** Samples a word with Zipf-distributed frequency. */
function zipfWord(random: () => number): string {
  const target = random() * CUMULATIVE[CUMULATIVE.length - 1]!;
  let lo = 0;
  let hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (CUMULATIVE[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return VOCABULARY[lo]!;
}

/** A deterministic pseudo-random generator for {@link syntheticConceptFile}. */
export const syntheticRandom = rng;

/**
 * One valid concept file with realistic section sizes (about 600 words, 4
 * FAQ pairs), its words drawn from `random`.
 */
export function syntheticConceptFile(slug: string, n: number | string, random: () => number): ContentFile {
  const word = () => zipfWord(random);
  const words = (count: number) => Array.from({ length: count }, word).join(' ');
  return {
    path: `concepts/${slug}.md`,
    text: `---
slug: ${slug}
title: ${word()} ${word()} ${n}
aliases: [${word()} ${word()}, term${n}]
category: Synthetic
difficulty: intermediate
summary: ${words(12)}
updated: 2026-11-24
---

## What it is
${words(120)}

## How it works
1. ${words(25)}
2. ${words(25)}
3. ${words(25)}

## Good fit
- ${words(20)}
- ${words(20)}

## Bad fit
- ${words(20)}

## Real-world examples
- ${words(30)}
- ${words(30)}

## Common pitfalls
- ${words(25)}
- ${words(25)}

## FAQ
### ${words(7)}?
${words(40)}

### ${words(7)}?
${words(40)}

### ${words(7)}?
${words(40)}

### ${words(7)}?
${words(40)}
`,
  };
}

/** The files of {@link syntheticLibrary}. */
export function syntheticFiles(count: number, seed = 42): ContentFile[] {
  const random = rng(seed);
  return Array.from({ length: count }, (_, i) => syntheticConceptFile(`concept-${i}`, i, random));
}

/**
 * Generates `count` valid concept files with realistic section sizes (about
 * 600 words each, 4 FAQ pairs), to measure retrieval at library sizes far
 * beyond the starter library.
 */
export function syntheticLibrary(count: number, seed = 42): Library {
  const result = buildLibrary(syntheticFiles(count, seed));
  if (!result.ok) throw new Error(`synthetic library invalid: ${result.problems[0]?.message}`);
  return result.library;
}

/** Queries in the synthetic vocabulary, plus some with unknown words. */
export function syntheticQueries(count: number, seed = 7): string[] {
  const random = rng(seed);
  const pick = () => zipfWord(random);
  return Array.from({ length: count }, (_, i) =>
    i % 5 === 0
      ? `how do I ${pick()} a banana ${pick()}?`
      : `what is ${pick()} ${pick()} ${pick()} and how does ${pick()} work?`,
  );
}
