import type { Concept, Library } from '../content/types.js';
import { conceptPassages } from './passages.js';
import { tokenize } from './terms.js';

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
  /**
   * Whether the concept uses a word in exactly this form (lower-cased). A
   * stem hides senses that a form shows: "embedded" (systems) and
   * "embeddings" meet at "embed".
   */
  usesForm(slug: string, word: string): boolean;
  /**
   * Whether the concept writes a word (given lower-cased) as a name: capitalised
   * in its names, or inside a sentence. "Teams" in a question is Microsoft's
   * product; an article that only says "support teams" means something else.
   */
  writesAsName(slug: string, word: string): boolean;
  /** Whether one sentence of the concept has these words (lower-cased tokens) one after another. */
  hasSequence(slug: string, words: readonly string[]): boolean;
}

/** Splits prose at sentence ends and line breaks (list items). */
const SENTENCE_END = /[.!?;:]+(?:\s|$)|\n/;

interface ConceptSenses {
  postings: Map<string, number[]>;
  forms: Set<string>;
  names: Set<string>;
  /** Each sentence's words, lower-cased, in order. */
  sentenceWords: string[][];
}

/** Words of a text as written (case kept), possessives dropped. */
function writtenWords(text: string): string[] {
  return (text.match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? []).map((w) => w.replace(/'s$/, ''));
}

const capitalised = (word: string) => /^\p{Lu}/u.test(word);

/**
 * The words a text writes as names: capitalised anywhere but at the start of
 * a sentence. All-capital abbreviations ("LLM") are left out: they are names
 * in any position and tell nothing about case.
 */
export function namesIn(text: string, whole = false): string[] {
  return text.split(SENTENCE_END).flatMap((sentence) =>
    writtenWords(sentence)
      .filter((w, i) => (whole || i > 0) && capitalised(w) && w !== 'I' && w !== w.toUpperCase())
      .map((w) => w.toLowerCase()),
  );
}

/**
 * Builds {@link SenseContext} lazily: a concept's sentences are indexed the
 * first time a question's best match is that concept, so building the
 * retriever costs nothing more and memory grows only with the concepts
 * questions actually reach.
 */
export function createSenseContext(
  library: Library,
  processTerm: (token: string) => string | null,
): SenseContext {
  const bySlug = new Map(library.concepts.map((c) => [c.slug, c]));
  const cache = new Map<string, ConceptSenses>();

  function index(concept: Concept): ConceptSenses {
    const postings = new Map<string, number[]>();
    const forms = new Set<string>();
    const names = new Set<string>();
    const labels = [concept.title, ...concept.aliases, ...concept.searchPhrases];
    const prose = conceptPassages(concept).flatMap((p) => [p.question, ...p.text.split(SENTENCE_END)]);
    for (const label of labels) for (const name of namesIn(label, true)) names.add(name);
    for (const sentence of prose) for (const name of namesIn(sentence)) names.add(name);
    const sentenceWords = [...labels, ...prose].map((sentence) => tokenize(sentence));
    sentenceWords.forEach((words, i) => {
      for (const word of words) {
        forms.add(word.replace(/'s$/, ''));
        const term = processTerm(word);
        if (!term) continue;
        const list = postings.get(term);
        if (!list) postings.set(term, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    });
    return { postings, forms, names, sentenceWords };
  }

  function sensesOf(slug: string): ConceptSenses | undefined {
    let senses = cache.get(slug);
    if (!senses) {
      const concept = bySlug.get(slug);
      if (!concept) return undefined;
      senses = index(concept);
      cache.set(slug, senses);
    }
    return senses;
  }

  return {
    sharesSentence(slug, term, others) {
      const postings = sensesOf(slug)?.postings;
      const mine = postings?.get(term);
      if (!postings || !mine) return false;
      const where = new Set(mine);
      return others.some((other) => other !== term && (postings.get(other) ?? []).some((i) => where.has(i)));
    },
    usesForm: (slug, word) => sensesOf(slug)?.forms.has(word) ?? false,
    writesAsName: (slug, word) => sensesOf(slug)?.names.has(word) ?? false,
    hasSequence(slug, words) {
      const n = words.length;
      if (n === 0) return false;
      return (sensesOf(slug)?.sentenceWords ?? []).some((sentence) => {
        for (let i = 0; i + n <= sentence.length; i++)
          if (words.every((w, j) => sentence[i + j] === w)) return true;
        return false;
      });
    },
  };
}
