/** The `##` sections of a concept article, in the order they must appear. */
export const CONCEPT_SECTIONS = [
  'What it is',
  'How it works',
  'Good fit',
  'Bad fit',
  'Real-world examples',
  'Common pitfalls',
  'FAQ',
] as const;

/** One of {@link CONCEPT_SECTIONS}. */
export type ConceptSectionName = (typeof CONCEPT_SECTIONS)[number];

/** Reader level of a concept. */
export const DIFFICULTIES = ['beginner', 'intermediate', 'advanced'] as const;

/** One of {@link DIFFICULTIES}. */
export type Difficulty = (typeof DIFFICULTIES)[number];

/** A question and its answer from a concept's FAQ. */
export interface FaqPair {
  question: string;
  answer: string;
}

/** A validated concept article. */
export interface Concept {
  slug: string;
  title: string;
  /** True synonyms, shown as "Also called". */
  aliases: string[];
  /** Retrieval-only phrases people search with that are not names of the concept ("429 error"); never shown. */
  searchPhrases: string[];
  category: string;
  difficulty: Difficulty;
  summary: string;
  /** YYYY-MM-DD */
  updated: string;
  whatItIs: string;
  howItWorks: string[];
  goodFit: string[];
  badFit: string[];
  examples: string[];
  pitfalls: string[];
  faq: FaqPair[];
  /** The Markdown body as written, for rendering. */
  body: string;
  /** Path relative to the content root, e.g. `concepts/api.md`. */
  file: string;
}

/** A validated use case. */
export interface UseCase {
  slug: string;
  title: string;
  /** Slugs of the concepts it illustrates; each exists in the library. */
  concepts: string[];
  summary: string;
  body: string;
  file: string;
}

/** An immutable, fully validated content library. */
export interface Library {
  concepts: readonly Concept[];
  useCases: readonly UseCase[];
  conceptBySlug: ReadonlyMap<string, Concept>;
  useCaseBySlug: ReadonlyMap<string, UseCase>;
  /** When this library was built; changes on every successful reload. */
  loadedAt: Date;
}

/** A content file as read from storage. */
export interface ContentFile {
  /** Path relative to the content root, with forward slashes. */
  path: string;
  text: string;
}
