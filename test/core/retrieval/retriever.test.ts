import { describe, expect, it } from 'vitest';
import { buildLibrary } from '../../../src/core/content/build-library.js';
import { createLibraryStore } from '../../../src/core/content/library-store.js';
import { createRetriever } from '../../../src/core/retrieval/create-retriever.js';
import { createLiveRetriever } from '../../../src/core/retrieval/live-retriever.js';
import { queryTerms } from '../../../src/core/retrieval/terms.js';
import { englishFrequencies } from '../../fixtures/english-frequencies.js';
import { fixtureFiles, withFile } from '../../fixtures/load-fixture-files.js';

const files = await fixtureFiles();
const built = buildLibrary(files);
if (!built.ok) throw new Error('fixture library invalid');
const retriever = createRetriever(built.library, { frequencies: englishFrequencies() });

describe('queryTerms', () => {
  it('drops stop words and question scaffolding, and stems', () => {
    expect(queryTerms('What exactly is the meaning of tokens?')).toEqual(['token']);
    expect(queryTerms('what is it?')).toEqual([]);
  });
});

describe('createRetriever', () => {
  it('indexes one passage per section and per FAQ pair', () => {
    // token: 6 sections + 2 FAQ; temperature: 6 sections + 1 FAQ
    expect(retriever.passageCount).toBe(15);
  });

  it('ranks the concept whose alias matches first and covers the question', () => {
    const result = retriever.search('how does the tokenizer split my text');
    expect(result.covered).toBe(true);
    expect(result.concepts[0]!.slug).toBe('token');
    expect(result.passages.every((p) => p.slug === 'token')).toBe(true);
  });

  it('finds a section by its heading ("pitfalls")', () => {
    const result = retriever.search('What are common pitfalls with tokens?');
    expect(result.covered).toBe(true);
    expect(result.passages[0]!.id).toBe('token#pitfalls');
  });

  it("always hands over the best concept's definition", () => {
    const result = retriever.search('why is billing per token?');
    expect(result.passages.map((p) => p.id)).toContain('token#what-it-is');
    expect(result.passages.length).toBeLessThanOrEqual(6);
  });

  it('finds FAQ pairs as their own passages', () => {
    const result = retriever.search('why is billing per token?');
    expect(result.passages[0]!.id).toBe('token#faq-2');
  });

  it('matches stemmed forms (randomness → temperature alias)', () => {
    expect(retriever.search('how random is the output').concepts[0]?.slug).toBe('temperature');
  });

  it('does not cover a question that shares only one word with the library', () => {
    const result = retriever.search("what's the temperature in London today?");
    expect(result.covered).toBe(false);
    expect(result.passages).toEqual([]);
    expect(result.concepts[0]!.slug).toBe('temperature');
  });

  it('does not cover a question with no topic words', () => {
    const result = retriever.search('what is it?');
    expect(result).toMatchObject({ covered: false, concepts: [], passages: [] });
    expect(result.coverage.reason).toBe('no-topic-words');
  });

  it('does not cover an off-topic question', () => {
    expect(retriever.search('best banana bread recipe').covered).toBe(false);
  });
});

describe('createLiveRetriever', () => {
  it('searches the new library after a reload and keeps the old one after a failed reload', () => {
    const store = createLibraryStore(built.library);
    const live = createLiveRetriever(store, { frequencies: englishFrequencies() });
    expect(live.search('what is a zeppelin').covered).toBe(false);

    const token = files.find((f) => f.path === 'concepts/token.md')!.text;
    const edited = buildLibrary(
      withFile(
        files,
        'concepts/token.md',
        token.replace('aliases: [tokens, tokenizer, tokenisation]', 'aliases: [tokens, zeppelin]'),
      ),
    );
    expect(store.apply(edited)).toBe(true);
    expect(live.search('what is a zeppelin').covered).toBe(true);

    const broken = buildLibrary(withFile(files, 'concepts/token.md', 'broken'));
    expect(store.apply(broken)).toBe(false);
    expect(store.problems()).toHaveLength(1);
    expect(live.search('what is a zeppelin').covered).toBe(true);
  });
});
