import type { LibraryStore } from '../content/library-store.js';
import { createRetriever, type Retriever, type RetrieverOptions } from './create-retriever.js';

/**
 * A retriever that always searches the live library: the index is rebuilt
 * whenever the library store swaps in a new library (hot reload), and the old
 * index keeps serving until the new one is ready.
 */
export function createLiveRetriever(store: LibraryStore, options: RetrieverOptions): Retriever {
  let current = createRetriever(store.current(), options);
  store.onChange((library) => {
    current = createRetriever(library, options);
  });
  return {
    search: (query, searchOptions) => current.search(query, searchOptions),
    get passageCount() {
      return current.passageCount;
    },
  };
}
