import { describe, expect, it } from 'vitest';
import {
  syntheticConceptFile,
  syntheticFiles,
  syntheticQueries,
  syntheticRandom,
} from '../../../bench/synthetic-library.js';
import { buildLibrary, type ParseCache } from '../../../src/core/content/build-library.js';
import { createLibraryStore } from '../../../src/core/content/library-store.js';
import type { ContentFile, Library } from '../../../src/core/content/types.js';
import { createCorpusRetriever, createRetriever } from '../../../src/core/retrieval/create-retriever.js';
import { createLiveRetriever } from '../../../src/core/retrieval/live-retriever.js';
import { createRetrievalCorpus } from '../../../src/core/retrieval/retrieval-corpus.js';
import { englishFrequencies } from '../../fixtures/english-frequencies.js';

const options = { frequencies: englishFrequencies() };

function build(files: readonly ContentFile[], cache?: ParseCache): Library {
  const result = buildLibrary(files, new Date('2026-12-01T00:00:00Z'), cache);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.file}: ${p.message}`).join('; '));
  return result.library;
}

/** The words of a concept file's body, to query what an edit just wrote. */
const wordsOf = (file: ContentFile) =>
  file.text
    .split('## What it is')[1]!
    .split(/\s+/)
    .filter((w) => /^[a-z]+$/.test(w));

describe('incremental reindex', () => {
  it('searches exactly as a full rebuild after every random edit, addition and removal', {
    timeout: 180_000,
  }, () => {
    const random = syntheticRandom(2026);
    let files = syntheticFiles(40, 11);
    // Half the steps go through a parse cache (unchanged concepts keep their objects), half rebuild every object.
    const cache: ParseCache = new Map();
    let corpus = createRetrievalCorpus(build(files, cache));
    const queries = syntheticQueries(25, 3);
    let added = 0;
    for (let step = 0; step < 30; step++) {
      const op = random();
      const at = Math.floor(random() * files.length);
      let touched: ContentFile | undefined;
      if (op < 0.5 || files.length < 10) {
        // An edit: same slug, new words (and sometimes a new title, aliases or FAQ).
        const slug = files[at]!.path.slice('concepts/'.length, -3);
        touched = syntheticConceptFile(slug, `e${step}`, random);
        files = files.map((f, i) => (i === at ? touched! : f));
      } else if (op < 0.75) {
        // An addition, sorted anywhere among the existing files.
        touched = syntheticConceptFile(`concept-${at}-new-${added++}`, `n${step}`, random);
        files = [...files, touched];
      } else {
        files = files.filter((_, i) => i !== at);
      }
      const library = step % 2 === 0 ? build(files, cache) : build(files);
      corpus = corpus.update(library);
      const incremental = createCorpusRetriever(corpus, options);
      const full = createRetriever(library, options);
      expect(incremental.passageCount).toBe(full.passageCount);
      const probes = touched
        ? [wordsOf(touched).slice(0, 4).join(' '), wordsOf(touched).slice(20, 23).join(' ')]
        : [];
      for (const q of [...queries, ...probes])
        expect(incremental.search(q, { limit: 10 }), `step ${step}: ${q}`).toEqual(
          full.search(q, { limit: 10 }),
        );
    }
  });

  it('makes an edited, an added and a removed concept searchable at once', () => {
    const files = syntheticFiles(12, 5);
    const store = createLibraryStore(build(files));
    const live = createLiveRetriever(store, options);
    const slugs = (q: string) => live.search(q, { limit: 20 }).concepts.map((c) => c.slug);

    const edited = files[3]!.text.replace(
      '## What it is\n',
      '## What it is\nQuokkalization aligns marsupial gradients.\n',
    );
    store.apply(buildLibrary(files.map((f, i) => (i === 3 ? { ...f, text: edited } : f))));
    expect(slugs('quokkalization')).toEqual(['concept-3']);

    const extra = syntheticConceptFile('concept-walrusology', 'w', syntheticRandom(9));
    const withExtra = [...files.map((f, i) => (i === 3 ? { ...f, text: edited } : f)), extra];
    store.apply(buildLibrary(withExtra));
    expect(slugs('termw')).toEqual(['concept-walrusology']);

    store.apply(buildLibrary(withExtra.filter((f) => f !== extra && !f.path.endsWith('concept-3.md'))));
    expect(slugs('quokkalization')).toEqual([]);
    expect(slugs('termw')).toEqual([]);
    expect(live.passageCount).toBe(
      createRetriever(build(files.filter((_, i) => i !== 3)), options).passageCount,
    );
  });

  it('leaves the version a reader holds untouched by an update', () => {
    const files = syntheticFiles(15, 8);
    const before = createRetrievalCorpus(build(files));
    const reader = createCorpusRetriever(before, options);
    const queries = [...syntheticQueries(20, 4), 'term3', 'term14'];
    const seen = queries.map((q) => reader.search(q, { limit: 10 }));
    // Rewrite a third of the library, drop one concept and add another.
    const random = syntheticRandom(77);
    const next = [
      ...files
        .filter((_, i) => i !== 14)
        .map((f, i) => (i % 3 === 0 ? syntheticConceptFile(`concept-${i}`, `x${i}`, random) : f)),
      syntheticConceptFile('concept-99', 99, random),
    ];
    const after = before.update(build(next));
    expect(queries.map((q) => reader.search(q, { limit: 10 }))).toEqual(seen);
    expect(
      createCorpusRetriever(after, options)
        .search('term14')
        .concepts.map((c) => c.slug),
    ).not.toContain('concept-14');
  });
});
