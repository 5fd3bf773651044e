import type { Concept, Library } from '../../../core/content/types.js';

/** A concept offered for what someone typed; `via` is the alias or slug that matched when the title did not. */
export interface ConceptMatch {
  concept: Concept;
  via?: string;
}

const normalise = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** 0 exact, 1 prefix, 2 prefix of a later word, 3 anywhere; null when `query` is not in `text`. */
function rank(text: string, query: string): number | null {
  const t = normalise(text);
  if (t === query) return 0;
  if (t.startsWith(query)) return 1;
  if (t.split(/[\s\-_/]+/).some((word) => word.startsWith(query))) return 2;
  return t.includes(query) ? 3 : null;
}

/**
 * Concepts matching what someone is typing, best first: by title, slug or
 * alias, so "tokenizer" finds Token. An empty query lists concepts by title.
 */
export function matchConcepts(library: Library, query: string, limit: number): ConceptMatch[] {
  const q = normalise(query);
  const byTitle = (a: Concept, b: Concept) => a.title.localeCompare(b.title);
  if (!q)
    return [...library.concepts]
      .sort(byTitle)
      .slice(0, limit)
      .map((concept) => ({ concept }));
  const scored: Array<ConceptMatch & { score: number }> = [];
  for (const concept of library.concepts) {
    let best: { score: number; via?: string } | null = null;
    const names: Array<[string, boolean]> = [
      [concept.title, false],
      [concept.slug, true],
      // Search phrases too: typing "pinecone" should find the vector database.
      ...[...concept.aliases, ...concept.searchPhrases].map((a): [string, boolean] => [a, true]),
    ];
    for (const [text, isOther] of names) {
      const score = rank(text, q);
      // On a tie the title wins, so the choice reads "Token", not "Token (tokens)".
      if (score !== null && (best === null || score < best.score))
        best = isOther ? { score, via: text } : { score };
    }
    if (best)
      scored.push({
        concept,
        score: best.score,
        ...(best.via && normalise(best.via) !== normalise(concept.title) ? { via: best.via } : {}),
      });
  }
  return scored
    .sort((a, b) => a.score - b.score || byTitle(a.concept, b.concept))
    .slice(0, limit)
    .map(({ concept, via }) => (via ? { concept, via } : { concept }));
}

/**
 * The concept someone asked for: the slug an autocomplete choice sends, or a
 * title or alias typed in full, or the only concept that matches at all.
 */
export function findConcept(library: Library, input: string): Concept | undefined {
  const q = normalise(input);
  const exact =
    library.conceptBySlug.get(input.trim()) ??
    library.concepts.find((c) =>
      [c.title, c.slug, ...c.aliases, ...c.searchPhrases].some((n) => normalise(n) === q),
    );
  if (exact) return exact;
  const matches = matchConcepts(library, input, 2);
  return q && matches.length === 1 ? matches[0]!.concept : undefined;
}
