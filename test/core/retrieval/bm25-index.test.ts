import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../../src/adapters/content/content-library.js';
import { createBm25Index } from '../../../src/core/retrieval/bm25-index.js';
import { libraryPassages } from '../../../src/core/retrieval/passages.js';
import { processTerm, termSequence, tokenize } from '../../../src/core/retrieval/terms.js';

const loaded = await loadLibrary(new URL('../../../content/', import.meta.url).pathname, {
  now: () => new Date(),
});
if (!loaded.ok) throw new Error('content/ is invalid');
const passages = libraryPassages(loaded.library);
const fields = ['title', 'aliases', 'question', 'text'] as const;
const boosts = { title: 3, aliases: 1.5, question: 2, text: 1 };
const known = new Set(
  passages.flatMap((p) => fields.flatMap((f) => tokenize(p[f]).flatMap((t) => processTerm(t) ?? []))),
);
const prefix = (term: string) => term.length >= 4 && !known.has(term);
const fuzzy = (term: string) => (term.length >= 6 && !known.has(term) ? Math.round(term.length * 0.15) : 0);
const termBoost = (term: string) => (term === 'ai' ? 0.3 : 1);

const ours = createBm25Index(
  passages.map((p) => fields.map((f) => p[f])),
  { fields, boosts: fields.map((f) => boosts[f]), keyFields: [0, 1, 2], tokenize, processTerm },
  { prefix: 0.4, fuzzy: 0.3 },
);
const reference = new MiniSearch({
  fields: [...fields],
  tokenize,
  processTerm: (t) => processTerm(t) ?? false,
});
reference.addAll(passages);

describe('createBm25Index', () => {
  it.each([
    'how many tokens is a word',
    'what is the difference between RAG and fine-tuning for our docs',
    'why does the AI halucinate citations',
    'vector database vs embeddings vs tokens tokens',
    'promptin tips',
  ])('scores %j exactly as MiniSearch does', (query) => {
    const expected = reference
      .search(query, {
        boost: boosts,
        prefix,
        fuzzy: (t) => fuzzy(t) || false,
        boostTerm: termBoost,
        weights: { prefix: 0.4, fuzzy: 0.3 },
        maxFuzzy: 6,
      })
      .slice(0, 30)
      .map((r) => ({ id: r.id as string, score: r.score, terms: [...r.queryTerms].sort() }));
    const actual = ours
      .search(termSequence(query), { prefix, fuzzy, termBoost, limit: 30 })
      .map((h) => ({ id: passages[h.doc]!.id, score: h.score, terms: [...h.queryTerms].sort() }));
    expect(actual.map((a) => a.id)).toEqual(expected.map((e) => e.id));
    actual.forEach((a, i) => {
      expect(a.score).toBeCloseTo(expected[i]!.score, 6);
      expect(a.terms).toEqual(expected[i]!.terms);
    });
  });

  it('marks hits matched in key fields', () => {
    const [top] = ours.search(termSequence('context window'), { prefix, fuzzy, termBoost, limit: 1 });
    expect(top!.keyMatch).toBe(true);
    expect(passages[top!.doc]!.slug).toBe('context-window');
  });

  it('returns nothing for words it does not know and cannot expand', () => {
    expect(
      ours.search(termSequence('zzzz qqqq'), { prefix: () => false, fuzzy: () => 0, termBoost, limit: 5 }),
    ).toEqual([]);
  });

  it('reuses its scratch space cleanly between queries', () => {
    const first = ours.search(termSequence('temperature sampling'), { prefix, fuzzy, termBoost, limit: 10 });
    ours.search(termSequence('embeddings'), { prefix, fuzzy, termBoost, limit: 10 });
    expect(
      ours.search(termSequence('temperature sampling'), { prefix, fuzzy, termBoost, limit: 10 }),
    ).toEqual(first);
  });
});
