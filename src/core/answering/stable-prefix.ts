import type { Library } from '../content/types.js';
import { libraryMap } from './library-map.js';
import { SYSTEM_PROMPT } from './system-prompt.js';

/**
 * The stable prefix of every model request for one library: the tutor's
 * rules, then the library map. Providers cache a prompt's prefix only when
 * it is byte-identical between requests and long enough (Anthropic: 1,024 to
 * 4,096 tokens depending on the model; OpenAI-compatible servers: automatic
 * from about 1,024), so it holds nothing that varies per question and is
 * built only from the library's content.
 */
export function buildStablePrefix(library: Library): string {
  return `${SYSTEM_PROMPT}\n\n${libraryMap(library)}`;
}

/**
 * The stable prefix of the live library, built once per library version: a
 * hot reload swaps in a new Library object, and only then is the prefix
 * rebuilt (to the same bytes when the content did not change).
 */
export function createStablePrefix(current: () => Library): () => string {
  let builtFor: Library | undefined;
  let prefix = '';
  return () => {
    const library = current();
    if (library !== builtFor) {
      prefix = buildStablePrefix(library);
      builtFor = library;
    }
    return prefix;
  };
}
