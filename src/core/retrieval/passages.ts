import type { Concept, Library } from '../content/types.js';

/** A retrievable unit of text: one concept section or one FAQ pair. */
export interface Passage {
  /** `slug#key`, stable across reloads while the article keeps its sections. */
  id: string;
  slug: string;
  title: string;
  aliases: string;
  /** The section heading or, for FAQ pairs, the question. */
  section: string;
  /** The FAQ question, indexed with a higher weight; empty for sections. */
  question: string;
  kind: 'section' | 'faq';
  text: string;
}

const bullets = (items: readonly string[]) => items.map((item) => `- ${item}`).join('\n');
const steps = (items: readonly string[]) => items.map((item, i) => `${i + 1}. ${item}`).join('\n');

/** Splits one concept into passages. */
export function conceptPassages(concept: Concept): Passage[] {
  const base = {
    slug: concept.slug,
    title: concept.title,
    // Search phrases are retrieval vocabulary exactly as aliases are; only the display tells them apart.
    aliases: [...concept.aliases, ...concept.searchPhrases].join(' · '),
    question: '',
  };
  const sections: Array<[key: string, section: string, text: string]> = [
    ['what-it-is', 'What it is', `${concept.summary}\n\n${concept.whatItIs}`],
    ['how-it-works', 'How it works', steps(concept.howItWorks)],
    ['good-fit', 'Good fit', bullets(concept.goodFit)],
    ['bad-fit', 'Bad fit', bullets(concept.badFit)],
    ['examples', 'Real-world examples', bullets(concept.examples)],
    ['pitfalls', 'Common pitfalls', bullets(concept.pitfalls)],
  ];
  return [
    ...sections.map(([key, section, text]) => ({
      ...base,
      id: `${concept.slug}#${key}`,
      section,
      kind: 'section' as const,
      text,
    })),
    ...concept.faq.map((pair, i) => ({
      ...base,
      id: `${concept.slug}#faq-${i + 1}`,
      section: pair.question,
      question: pair.question,
      kind: 'faq' as const,
      text: pair.answer,
    })),
  ];
}

/** Every passage of every concept in the library. */
export function libraryPassages(library: Library): Passage[] {
  return library.concepts.flatMap(conceptPassages);
}
