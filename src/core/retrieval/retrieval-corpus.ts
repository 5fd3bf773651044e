import type { Concept, Library } from '../content/types.js';
import {
  type AliasPhrase,
  conceptAliasPhrases,
  createPhraseMatcher,
  type PhraseMatch,
} from './alias-phrases.js';
import { type Bm25Index, createBm25Index, type FieldValues, type NextDocument } from './bm25-index.js';
import { type ConceptStatistics, conceptVocabulary, statisticsFromCounts } from './concept-statistics.js';
import { conceptPassages, type Passage } from './passages.js';
import { processTerm, tokenize } from './terms.js';

/**
 * Everything a search reads, for one library version: the BM25 index and
 * what the ranking and the coverage decision know about each concept.
 * Immutable: {@link RetrievalCorpus.update} returns a new corpus and leaves
 * this one serving as it was, so a swap is one assignment.
 */
export interface RetrievalCorpus {
  library: Library;
  index: Bm25Index;
  /** Passages by index slot (a hit's `doc`). */
  bySlot: ReadonlyArray<Passage | undefined>;
  passageCount: number;
  byId: ReadonlyMap<string, Passage>;
  phrases: readonly AliasPhrase[];
  matchPhrases(query: { terms: readonly string[]; words: readonly string[] }): Map<string, PhraseMatch>;
  /** The terms of each concept's FAQ questions, by slug: part of its own vocabulary. */
  faqWords: ReadonlyMap<string, ReadonlySet<string>>;
  statistics: ConceptStatistics;
  /**
   * The corpus of `library`, re-indexing only the concepts whose passages,
   * names or phrases changed (and dropping removed ones); everything else is
   * reused. The result searches exactly as a fresh build of `library` does.
   */
  update(library: Library): RetrievalCorpus;
}

/** What the corpus keeps per concept, to reuse it when the concept did not change. */
interface ConceptEntry {
  concept: Concept;
  passages: Passage[];
  phrases: AliasPhrase[];
  faqWords: Set<string>;
  vocabulary: Set<string>;
}

/** Index fields, in the order of {@link fieldValues}. */
const FIELDS = ['title', 'aliases', 'question', 'heading', 'text'];
// Titles weigh three times the body, FAQ questions twice, aliases and headings one and a half.
const BOOSTS = [3, 1.5, 2, 1.5, 1];

// A section's heading ("Common pitfalls") is searchable, so "what are the pitfalls of X" lands on it.
const fieldValues = (p: Passage): FieldValues => [
  p.title,
  p.aliases,
  p.question,
  p.kind === 'section' ? p.section : '',
  p.text,
];

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

const samePassages = (a: readonly Passage[], b: readonly Passage[]) =>
  a.length === b.length &&
  a.every(
    (p, i) =>
      p.id === b[i]!.id &&
      p.title === b[i]!.title &&
      p.aliases === b[i]!.aliases &&
      p.section === b[i]!.section &&
      p.question === b[i]!.question &&
      p.kind === b[i]!.kind &&
      p.text === b[i]!.text,
  );

/** Builds the corpus of a library from scratch. */
export function createRetrievalCorpus(library: Library): RetrievalCorpus {
  // Stemming is most of the cost of building: each distinct word is stemmed once, across versions.
  const stems = new Map<string, string | null>();
  const cachedTerm = (token: string) => {
    let term = stems.get(token);
    if (term === undefined) {
      term = processTerm(token);
      stems.set(token, term);
    }
    return term;
  };
  const textTerms = (text: string) => tokenize(text).flatMap((token) => cachedTerm(token) ?? []);
  const indexOptions = {
    fields: FIELDS,
    boosts: BOOSTS,
    // Names and phrases count as the concept's own vocabulary only as whole phrases (see alias-phrases.ts):
    // "cut off" names a context-window problem, "cut" alone does not.
    keyFields: [2],
    tokenize,
    processTerm: cachedTerm,
  };
  const entryOf = (concept: Concept, passages = conceptPassages(concept)): ConceptEntry => ({
    concept,
    passages,
    phrases: conceptAliasPhrases(concept),
    faqWords: new Set(textTerms(concept.faq.map((f) => f.question).join(' '))),
    vocabulary: conceptVocabulary(concept, textTerms),
  });

  function corpusOf(
    library: Library,
    entries: readonly ConceptEntry[],
    index: Bm25Index,
    conceptsUsing: ReadonlyMap<string, number>,
  ): RetrievalCorpus {
    const bySlot: Array<Passage | undefined> = [];
    const byId = new Map<string, Passage>();
    let position = 0;
    for (const entry of entries) {
      for (const passage of entry.passages) {
        bySlot[index.slots[position++]!] = passage;
        byId.set(passage.id, passage);
      }
    }
    const phrases = entries.flatMap((e) => e.phrases);
    const bySlug = new Map(entries.map((e) => [e.concept.slug, e]));
    return {
      library,
      index,
      bySlot,
      passageCount: position,
      byId,
      phrases,
      matchPhrases: createPhraseMatcher(phrases),
      faqWords: new Map(entries.map((e) => [e.concept.slug, e.faqWords])),
      statistics: statisticsFromCounts(conceptsUsing, library.concepts.length),
      update(next) {
        const nextEntries: ConceptEntry[] = [];
        const documents: NextDocument[] = [];
        const counts = new Map(conceptsUsing);
        const reused = new Set<ConceptEntry>();
        let slot = 0;
        const slotsOf = new Map<ConceptEntry, number>();
        for (const e of entries) {
          slotsOf.set(e, slot);
          slot += e.passages.length;
        }
        for (const concept of next.concepts) {
          const old = bySlug.get(concept.slug);
          const passages = old && old.concept === concept ? old.passages : conceptPassages(concept);
          if (
            old &&
            !reused.has(old) &&
            (old.concept === concept ||
              (old.concept.title === concept.title &&
                sameList(old.concept.aliases, concept.aliases) &&
                sameList(old.concept.searchPhrases, concept.searchPhrases) &&
                samePassages(old.passages, passages)))
          ) {
            reused.add(old);
            nextEntries.push({ ...old, concept });
            const first = slotsOf.get(old)!;
            for (let i = 0; i < old.passages.length; i++) documents.push(index.slots[first + i]!);
            continue;
          }
          const entry = entryOf(concept, passages);
          nextEntries.push(entry);
          for (const passage of passages) documents.push(fieldValues(passage));
          for (const term of entry.vocabulary) counts.set(term, (counts.get(term) ?? 0) + 1);
        }
        for (const e of entries) {
          if (reused.has(e)) continue;
          for (const term of e.vocabulary) {
            const left = counts.get(term)! - 1;
            if (left > 0) counts.set(term, left);
            else counts.delete(term);
          }
        }
        return corpusOf(next, nextEntries, index.update(documents), counts);
      },
    };
  }

  const entries = library.concepts.map((concept) => entryOf(concept));
  const passages = entries.flatMap((e) => e.passages);
  const index = createBm25Index(passages.map(fieldValues), indexOptions, { prefix: 0.4, fuzzy: 0.3 });
  const conceptsUsing = new Map<string, number>();
  for (const entry of entries)
    for (const term of entry.vocabulary) conceptsUsing.set(term, (conceptsUsing.get(term) ?? 0) + 1);
  return corpusOf(library, entries, index, conceptsUsing);
}
