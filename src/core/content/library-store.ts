import type { ContentProblem } from '../errors.js';
import type { BuildResult } from './build-library.js';
import type { Library } from './types.js';

/** Holds the live library; a failed rebuild keeps the last good one and records its problems. */
export interface LibraryStore {
  current(): Library;
  /** Problems of the most recent build: all of them when it failed, the skipped files when it loaded. */
  problems(): readonly ContentProblem[];
  /** Applies a build result; returns true when the live library changed. */
  apply(result: BuildResult): boolean;
  /** Called after every successful swap, e.g. to rebuild the search index. */
  onChange(listener: (library: Library) => void): () => void;
}

/** Creates a store around an initial, already valid library. */
export function createLibraryStore(initial: Library): LibraryStore {
  let library = initial;
  let problems: readonly ContentProblem[] = [];
  const listeners = new Set<(library: Library) => void>();
  return {
    current: () => library,
    problems: () => problems,
    apply(result) {
      if (!result.ok) {
        problems = result.problems;
        return false;
      }
      problems = result.skipped ?? [];
      library = result.library;
      for (const listener of listeners) listener(library);
      return true;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
