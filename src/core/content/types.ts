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

/**
 * One multiple-choice retrieval-practice item from an article's
 * `## Check yourself` section (see content/README.md).
 */
export interface CheckItem {
  /** `slug~hash-of-question`: stable while the question's wording stays. */
  id: string;
  question: string;
  /** Three or four options, in the order the editor wrote them. */
  choices: string[];
  /** Index into `choices` of the one correct option. */
  correct: number;
  /** One or two sentences, supported by the article, shown after an answer. */
  explanation: string;
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
  /** Retrieval-practice items; never part of `body` or the retriever's passages. */
  checkYourself: CheckItem[];
  /** The optional "explain it back" prompt. */
  explainBack?: string;
  /** The Markdown body as written, for rendering, without the `## Check yourself` section. */
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
  /** The story, without the `## Check yourself` section. */
  body: string;
  /** Zero to two retrieval-practice items. */
  checkYourself: CheckItem[];
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
  /** The editor's welcome-track order (content/track.md); absent: beginner first, then library order. */
  track?: readonly string[];
}

/** A content file as read from storage. */
export interface ContentFile {
  /** Path relative to the content root, with forward slashes. */
  path: string;
  text: string;
}
