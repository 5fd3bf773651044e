import type { Library } from '../../src/core/content/types.js';
import type { SourceRef } from '../../src/core/ports.js';
import { libraryPassages } from '../../src/core/retrieval/passages.js';

/** A passage an answer cites, as the judge reads it. */
export interface CitedPassage {
  title: string;
  text: string;
}

/**
 * The passages behind an answer's sources: a source names a concept and the
 * section (or FAQ question) it cites, which is one passage of the library.
 */
export function citedPassages(library: Library, sources: readonly SourceRef[]): CitedPassage[] {
  const passages = libraryPassages(library);
  return sources.flatMap((source) => {
    const passage = passages.find(
      (p) => p.slug === source.slug && (source.section === undefined || p.section === source.section),
    );
    return passage ? [{ title: `${passage.title}: ${passage.section}`, text: passage.text }] : [];
  });
}
