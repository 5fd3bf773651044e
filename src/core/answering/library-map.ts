import type { Concept, Library } from '../content/types.js';

/** One line of prose: the map keeps one entry per line whatever the Markdown source did. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A concept's aliases without repeats of its title or of each other (case-insensitive), in written order. */
function distinctAliases(concept: Concept): string[] {
  const seen = new Set([concept.title.toLowerCase()]);
  const kept: string[] = [];
  for (const alias of concept.aliases) {
    const key = alias.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(oneLine(alias));
  }
  return kept;
}

/**
 * A compact map of the library for the model: every concept's title,
 * aliases and one-line summary, then every use case's title with the
 * concepts it illustrates, in library order. It tells the model what exists,
 * so it can point a reader to the right article, and it is built only from
 * content (never from `loadedAt`): the same library gives the same bytes,
 * which is what lets it sit in the cached prompt prefix.
 */
export function libraryMap(library: Library): string {
  const concepts = library.concepts.map((concept) => {
    const aliases = distinctAliases(concept);
    const also = aliases.length > 0 ? ` (also: ${aliases.join(', ')})` : '';
    return `- ${oneLine(concept.title)}${also}: ${oneLine(concept.summary)}`;
  });
  const useCases = library.useCases.map((useCase) => {
    const titles = useCase.concepts.map((slug) => library.conceptBySlug.get(slug)?.title ?? slug);
    return `- ${oneLine(useCase.title)} (${titles.join(', ')})`;
  });
  return [
    `<library_map concepts="${concepts.length}" use_cases="${useCases.length}">`,
    'Concepts, each with the phrases people use for it and its one-line summary:',
    ...concepts,
    ...(useCases.length > 0 ? ['', 'Use cases, each with the concepts it illustrates:', ...useCases] : []),
    '</library_map>',
  ].join('\n');
}
