import { describe, expect, it } from 'vitest';
import { libraryMap } from '../../../src/core/answering/library-map.js';
import { buildStablePrefix, createStablePrefix } from '../../../src/core/answering/stable-prefix.js';
import { NOT_COVERED_MARKER, SYSTEM_PROMPT } from '../../../src/core/answering/system-prompt.js';
import { buildLibrary } from '../../../src/core/content/build-library.js';
import { createLibraryStore } from '../../../src/core/content/library-store.js';
import type { ContentFile, Library } from '../../../src/core/content/types.js';
import { fixtureFiles, withFile } from '../../fixtures/load-fixture-files.js';

const files = await fixtureFiles();
const tokenFile = files.find((f) => f.path === 'concepts/token.md')!.text;

function build(contentFiles: ContentFile[], at = new Date('2026-01-01T00:00:00Z')): Library {
  const result = buildLibrary(contentFiles, at);
  if (!result.ok) throw new Error('fixture library is invalid');
  return result.library;
}

/** The fixture library with the token article's summary rewritten. */
const editedSummary = () =>
  withFile(
    files,
    'concepts/token.md',
    tokenFile.replace(/^summary: .*$/m, 'summary: A rewritten one-line summary of tokens.'),
  );

describe('the stable prompt prefix', () => {
  it('is the same bytes for the same library, whenever and however often it is built', () => {
    const first = buildStablePrefix(build(files, new Date('2026-01-01T00:00:00Z')));
    const second = buildStablePrefix(build([...files].reverse(), new Date('2026-06-30T12:00:00Z')));
    expect(second).toBe(first);
  });

  it('changes when the library changes', () => {
    expect(buildStablePrefix(build(editedSummary()))).not.toBe(buildStablePrefix(build(files)));
  });

  it('is the rules, then a map of every concept (title, aliases, summary) and use case, in library order', () => {
    const library = build(files);
    const prefix = buildStablePrefix(library);
    expect(prefix.startsWith(SYSTEM_PROMPT)).toBe(true);
    expect(prefix).toContain(NOT_COVERED_MARKER);
    expect(libraryMap(library).split('\n')).toEqual([
      '<library_map concepts="2" use_cases="1">',
      'Concepts, each with the phrases people use for it and its one-line summary:',
      "- Temperature (also: randomness, creativity setting): A setting that controls how random or predictable a model's output is.",
      '- Token (also: tokens, tokenizer, tokenisation): The small chunk of text a language model reads and writes, and the unit it is billed in.',
      '',
      'Use cases, each with the concepts it illustrates:',
      '- Forecasting the monthly AI bill (Token)',
      '</library_map>',
    ]);
    expect(prefix.endsWith(libraryMap(library))).toBe(true);
  });

  it('tells the model the map is for pointing to articles, not for answering', () => {
    expect(SYSTEM_PROMPT).toMatch(/library map[^\n]*not a search result: never state a fact from it/i);
    expect(SYSTEM_PROMPT).toMatch(/point the reader to the right article by its exact title/);
  });

  it('follows the live library: rebuilt when a reload swaps it, to the same bytes when nothing changed', () => {
    const store = createLibraryStore(build(files));
    const prefix = createStablePrefix(() => store.current());
    const before = prefix();
    expect(prefix()).toBe(before);

    store.apply(buildLibrary(files, new Date('2026-02-01T00:00:00Z')));
    expect(prefix()).toBe(before);

    store.apply(buildLibrary(editedSummary()));
    expect(prefix()).not.toBe(before);
    expect(prefix()).toContain('A rewritten one-line summary of tokens.');
  });
});
