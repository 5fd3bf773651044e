import { stripControlCharacters } from '../../answering/question-input.js';
import type { Concept, Library } from '../../content/types.js';
import { UserFacingError } from '../../errors.js';

/** Longest explanation accepted. It also fits a Slack button's value, which carries it for "Show what I missed". */
export const MAX_EXPLANATION_CHARS = 1200;

/** Fewest words worth grading: "RAG is search" says too little to check. */
export const MIN_EXPLANATION_WORDS = 3;

/**
 * The explanation as graded: control characters stripped (tabs and line
 * breaks kept, runs of spaces folded). Refuses an empty or too-short one,
 * and a too-long one with the limit in the message: cutting it, as a long
 * question is cut, would grade an explanation the learner never gave.
 */
export function prepareExplanation(raw: string): string {
  const text = stripControlCharacters(raw)
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
  if (text === '')
    throw new UserFacingError(
      'EXPLAIN_EMPTY',
      'Write your explanation first: a few sentences, in your own words, as if to a colleague.',
    );
  if (text.length > MAX_EXPLANATION_CHARS)
    throw new UserFacingError(
      'EXPLAIN_TOO_LONG',
      `Your explanation is ${text.length.toLocaleString('en-US')} characters; the limit is ${MAX_EXPLANATION_CHARS.toLocaleString('en-US')}. Keep it to the main ideas and send it again.`,
    );
  if (text.split(/\s+/).length < MIN_EXPLANATION_WORDS)
    throw new UserFacingError(
      'EXPLAIN_TOO_SHORT',
      `That is too short to check. Explain the concept in at least ${MIN_EXPLANATION_WORDS} words, in your own words.`,
    );
  return text;
}

const normalise = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .trim();

/** Edit distance, for suggesting the slug someone probably meant ("embedings" → "embeddings"). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The concepts closest to what someone typed, by slug, title or alias: prefix matches first, then by edit distance. */
export function closestConcepts(library: Library, typed: string, limit = 3): Concept[] {
  const q = normalise(typed);
  const scored = library.concepts.map((concept) => {
    const names = [concept.slug, concept.title, ...concept.aliases].map(normalise);
    const best = Math.min(
      ...names.map((name) =>
        name.startsWith(q) || q.startsWith(name) ? 0 : distance(q, name) / name.length,
      ),
    );
    return { concept, best };
  });
  return scored
    .filter((s) => s.best <= 0.5)
    .sort((a, b) => a.best - b.best || a.concept.slug.localeCompare(b.concept.slug))
    .slice(0, limit)
    .map((s) => s.concept);
}

/**
 * The concept a learner named: its slug, title or an alias, in any case.
 * An unknown name is refused with the closest slugs to try instead.
 */
export function resolveConcept(library: Library, typed: string): Concept {
  const raw = stripControlCharacters(typed).trim();
  const q = normalise(raw);
  const found =
    library.conceptBySlug.get(raw) ??
    library.concepts.find((c) => [c.slug, c.title, ...c.aliases].some((name) => normalise(name) === q));
  if (found) return found;
  if (raw === '')
    throw new UserFacingError(
      'EXPLAIN_NO_CONCEPT',
      'Name the concept you are explaining, for example: rag, embeddings or context-window.',
    );
  const close = closestConcepts(library, raw);
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  throw new UserFacingError(
    'UNKNOWN_CONCEPT',
    close.length > 0
      ? `There is no concept called "${shown}". Did you mean ${close.map((c) => c.slug).join(', ')}?`
      : `There is no concept called "${shown}". Use a concept's slug, for example ${library.concepts
          .slice(0, 3)
          .map((c) => c.slug)
          .join(', ')}.`,
  );
}
