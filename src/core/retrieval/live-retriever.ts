import type { LibraryStore } from '../content/library-store.js';
import type { Library } from '../content/types.js';
import { errorFields } from '../errors.js';
import type { Logger } from '../ports.js';
import { createCorpusRetriever, type Retriever, type RetrieverOptions } from './create-retriever.js';
import { createRetrievalCorpus, type RetrievalCorpus } from './retrieval-corpus.js';

/**
 * A retriever that always searches the live library. When the library store
 * swaps in a new library (hot reload), only the concepts that changed are
 * re-indexed, into a new corpus built aside; the old one keeps serving until
 * the new one replaces it in one assignment, so a search sees the old
 * library or the new one, never a mix.
 */
export function createLiveRetriever(
  store: LibraryStore,
  options: RetrieverOptions,
  logger?: Logger,
): Retriever {
  let corpus = createRetrievalCorpus(store.current());
  let current = createCorpusRetriever(corpus, options);
  const next = (library: Library): RetrievalCorpus => {
    try {
      return corpus.update(library);
    } catch (error) {
      // An incremental update that fails is a bug, not bad content: a full build still serves the library.
      logger?.error('incremental reindex failed; rebuilt the whole index', errorFields(error));
      return createRetrievalCorpus(library);
    }
  };
  store.onChange((library) => {
    const updated = next(library);
    const retriever = createCorpusRetriever(updated, options);
    corpus = updated;
    current = retriever;
  });
  return {
    search: (query, searchOptions) => current.search(query, searchOptions),
    get passageCount() {
      return current.passageCount;
    },
  };
}
