import type { RetrievalResult } from './create-retriever.js';

/**
 * A retriever whose search may wait on I/O, such as embedding the question
 * for hybrid retrieval. The tutor awaits whatever `search` returns, so it
 * takes the synchronous lexical {@link Retriever} and this alike; callers
 * that need an answer at once (CLI `search`, Discord autocomplete) keep the
 * synchronous one.
 */
export interface AsyncRetriever {
  search(query: string, options?: { limit?: number }): Promise<RetrievalResult>;
  readonly passageCount: number;
}
