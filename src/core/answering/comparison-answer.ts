import type { SourceRef } from '../ports.js';
import type { PassageHit } from '../retrieval/create-retriever.js';
import type { ComparisonPair } from '../retrieval/detect-comparison.js';

/** What each side of a quoted comparison shows: what the concept is, then when it fits. */
const QUOTED = ['what-it-is', 'good-fit'] as const;

/** The first paragraph of "What it is" is the concept's one-line summary: enough to tell the two apart. */
const firstParagraph = (text: string) => text.split(/\n\s*\n/)[0]!.trim();

/**
 * A comparison answered from the library without a model: each concept's
 * summary and good-fit list, each under a heading naming its concept, in the
 * order the question named them. Undefined when a side has no passage, so the
 * caller falls back to quoting one passage.
 */
export function comparisonAnswer(
  passages: readonly PassageHit[],
  pair: ComparisonPair,
): { answer: string; sources: SourceRef[] } | undefined {
  const parts: string[] = [];
  const sources: SourceRef[] = [];
  for (const slug of pair) {
    const side = QUOTED.flatMap((key) => passages.find((p) => p.id === `${slug}#${key}`) ?? []);
    const first = side[0];
    if (!first) return undefined;
    for (const passage of side) {
      const text = passage.id.endsWith('#what-it-is') ? firstParagraph(passage.text) : passage.text;
      parts.push(`**${passage.title}: ${passage.section}**\n\n${text}`);
    }
    sources.push({ slug, title: first.title, section: first.section });
  }
  return { answer: parts.join('\n\n'), sources };
}
