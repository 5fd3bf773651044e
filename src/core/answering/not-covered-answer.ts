import type { ConceptHit } from '../retrieval/create-retriever.js';

/** The honest reply when the library does not cover a question; it cites nothing. */
export function notCoveredAnswer(closest: readonly Pick<ConceptHit, 'title'>[]): string {
  const lines = ["I couldn't find this in the tutor's library, so I won't guess."];
  if (closest.length > 0) {
    lines.push(`The closest topics I do cover: ${closest.map((c) => c.title).join(', ')}.`);
  }
  lines.push("I've logged the question so the library's editors can see what to write next.");
  return lines.join(' ');
}
