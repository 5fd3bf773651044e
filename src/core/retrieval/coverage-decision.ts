import type { WordFrequencies } from './word-frequencies.js';

/** What the retriever knows about one topic word of a question, relative to the best-ranked concept. */
export interface TermEvidence {
  /** As typed, lower-cased. */
  word: string;
  /** Stemmed, as the index sees it. */
  term: string;
  /** The library uses it (exactly, or the word is a typo or prefix of a library word). */
  inLibrary: boolean;
  /** Share of the library's concepts that use it (0–1). */
  spread: number;
  /** The passages of the best concept (or of a second concept that answers with it) use it. */
  inConcept: boolean;
  /** The best concept's own vocabulary (a whole title, alias or search phrase, or a FAQ question) uses it. */
  inVocabulary: boolean;
  /**
   * The best concept uses it in the question's sense: as part of a whole title, alias or search
   * phrase the question contains, or in a sentence with another topic word of the question.
   * Unset means unknown, and is taken as yes.
   */
  inContext?: boolean;
  /** The question writes it as a name (capitalised inside a sentence) and the best concept never does: "Teams", "Windows". */
  otherName?: boolean;
}

/** The evidence a coverage decision is made on. */
export interface CoverageEvidence {
  /** Distinct topic words of the question, in order. */
  terms: readonly TermEvidence[];
  /** BM25 score of the best concept (0 when nothing matched). */
  score: number;
  /** The best concept matched in its own vocabulary (a key field or a whole alias phrase). */
  keyMatch: boolean;
  /** The question names AI itself ("AI", "LLM", "chatbot"): everyday words in it are then weaker evidence of another topic. */
  aboutAi: boolean;
  /** Best concept's score per distinct topic word: strong rare-word evidence can stand in for a vocabulary match. */
  scorePerTerm: number;
}

/** Why a question was or was not judged covered. */
export type CoverageReason =
  | 'covered'
  | 'no-topic-words'
  | 'weak-match'
  | 'not-own-vocabulary'
  | 'other-sense'
  | 'unexplained-words'
  | 'foreign-words';

/** A coverage decision with the figures it was made on, for logs, the bench and tests. */
export interface CoverageDecision {
  covered: boolean;
  reason: CoverageReason;
  /** Share of the question's information that the best concept explains (0–1). */
  explained: number;
  /** Share of the question's information carried by everyday words the library never uses (0–1). */
  foreign: number;
  /** Those words. */
  foreignWords: string[];
  /** What the decision was made on. */
  evidence: CoverageEvidence;
}

/** Thresholds of {@link decideCoverage}, calibrated on the tuning half of bench/questions.json. */
export interface CoverageThresholds {
  /** Minimum BM25 score of the best concept. */
  minScore: number;
  /** Minimum share of the question's information that the best concept must explain. */
  minExplained: number;
  /** Maximum share of the question's information that everyday words foreign to the library may carry. */
  maxForeign: number;
  /** The same, for a question that names AI itself. */
  maxForeignAboutAi: number;
  /** Without a vocabulary match: the share of information the concept's prose must explain… */
  proseExplained: number;
  /** …and the score per topic word that evidence must reach. */
  proseScorePerTerm: number;
  /** Bits of information a word has before it counts: words more common than 2^-baseBits say nothing about the topic. */
  baseBits: number;
  /** Bits of a word everyday English never uses and the library does not either: names and typos say little either way. */
  unknownBits: number;
  /** Bits of a word everyday English never uses but the library does ("LLM", "OCR"): the clearest sign of its topic. */
  jargonBits: number;
  /** Most bits one word carries: below about one in a million the corpus can no longer tell rare from very rare. */
  maxBits: number;
  /** Share of a word's bits explained when the library uses it, but not the best concept, per unit of its spread. */
  elsewhereCredit: number;
  /** Everyday words (at least this many per million) that the library never uses count against coverage. */
  foreignPerMillion: number;
  /** A vocabulary word rarer than this (per million) in everyday English has no everyday sense to confuse it with. */
  jargonPerMillion: number;
  /** Words at least this common (per million) in everyday English keep company with anything: they confirm no sense. */
  commonPerMillion: number;
}

/** Defaults calibrated on the tuning half of bench/questions.json (see bench/retrieval-quality.ts). */
export const DEFAULT_COVERAGE_THRESHOLDS: CoverageThresholds = {
  minScore: 1.5,
  minExplained: 0.65,
  maxForeign: 0.2,
  maxForeignAboutAi: 0.25,
  proseExplained: 0.8,
  proseScorePerTerm: 8,
  baseBits: 0,
  unknownBits: 4,
  jargonBits: 16,
  maxBits: 16,
  elsewhereCredit: 0.5,
  foreignPerMillion: 2,
  jargonPerMillion: 1,
  commonPerMillion: 100,
};

/**
 * How much a word tells about a question's topic: its self-information in
 * everyday English, in bits above a base. "the" says nothing, "thermostat" a
 * lot; a word English never uses (a product name, a typo) gets a fixed weight.
 */
export function wordInformation(
  perMillion: number,
  inLibrary: boolean,
  thresholds: Pick<
    CoverageThresholds,
    'baseBits' | 'unknownBits' | 'jargonBits' | 'maxBits'
  > = DEFAULT_COVERAGE_THRESHOLDS,
): number {
  if (perMillion === 0) return inLibrary ? thresholds.jargonBits : thresholds.unknownBits;
  return Math.max(0, Math.min(thresholds.maxBits, Math.log2(1e6 / perMillion)) - thresholds.baseBits);
}

/**
 * Decides whether the best concept covers a question, without a model. The
 * question must match the concept's own vocabulary, the concept must explain
 * most of the question's information (rare words weigh more than common ones,
 * measured against everyday English), and little of it may be carried by
 * everyday words the library never uses: "where can I buy bus tokens?" shares
 * "token" with the library, but "bus" is a word people use every day and the
 * library never does.
 */
export function decideCoverage(
  evidence: CoverageEvidence,
  frequencies: WordFrequencies,
  thresholds: CoverageThresholds = DEFAULT_COVERAGE_THRESHOLDS,
): CoverageDecision {
  let total = 0;
  let explainedBits = 0;
  let foreignBits = 0;
  const foreignWords: string[] = [];
  for (const t of evidence.terms) {
    const perMillion = frequencies.perMillion(t.word);
    const bits = wordInformation(perMillion, t.inLibrary, thresholds);
    total += bits;
    // A name the concept never writes is, to the library, a word it never uses.
    const inLibrary = t.inLibrary && !t.otherName;
    const credit = !inLibrary ? 0 : t.inConcept ? 1 : Math.min(1, thresholds.elsewhereCredit * t.spread);
    explainedBits += bits * credit;
    if (!inLibrary && perMillion >= thresholds.foreignPerMillion) {
      foreignBits += bits;
      foreignWords.push(t.word);
    }
  }
  const explained = total > 0 ? explainedBits / total : 0;
  const foreign = total > 0 ? foreignBits / total : 0;
  const decision = (covered: boolean, reason: CoverageReason): CoverageDecision => ({
    covered,
    reason,
    explained,
    foreign,
    foreignWords,
    evidence,
  });
  if (evidence.terms.length === 0) return decision(false, 'no-topic-words');
  if (evidence.score < thresholds.minScore) return decision(false, 'weak-match');
  // "When is the next payroll date" shares "next" and "date" with some article's prose, nothing more.
  const strongProse =
    explained >= thresholds.proseExplained && evidence.scorePerTerm >= thresholds.proseScorePerTerm;
  // A question that names AI has stated its topic ("can AI turn a whiteboard photo into notes?"):
  // it needs no match in the concept's own vocabulary, only a word of the concept (checked below).
  if (!evidence.keyMatch && !strongProse && !evidence.aboutAi) return decision(false, 'not-own-vocabulary');
  // "Why does windows keep prompting me for my password?" matches "window" in the context-window
  // article, but no sentence there has "window" with another topic word of the question: it is
  // another sense of the word. A word everyday English never uses (jargon, or a typo of it) has no
  // other sense, and a question that names AI has settled the sense of its other words.
  // Judged on the word and its stem: "prompting" is rare in English, "prompt" is not.
  const jargon = (t: TermEvidence) =>
    Math.max(frequencies.perMillion(t.word), frequencies.perMillion(t.term)) < thresholds.jargonPerMillion;
  const inSense = (t: TermEvidence) => evidence.aboutAi || t.inContext !== false || jargon(t);
  // Without a vocabulary match, only a word of the concept's prose that is not an everyday word can
  // carry the question: "how do I train for a 10k run?" has "train", and "run" is everyone's word.
  const anchor = (t: TermEvidence) =>
    evidence.keyMatch
      ? t.inVocabulary || (t.inConcept && jargon(t))
      : t.inConcept && frequencies.perMillion(t.word) < thresholds.commonPerMillion;
  if (!evidence.terms.some((t) => !t.otherName && anchor(t) && inSense(t)))
    return decision(false, 'other-sense');
  if (foreign > (evidence.aboutAi ? thresholds.maxForeignAboutAi : thresholds.maxForeign))
    return decision(false, 'foreign-words');
  if (explained < thresholds.minExplained) return decision(false, 'unexplained-words');
  return decision(true, 'covered');
}
