import type { Library } from '../content/types.js';

/** The first cited concept that has practice items, for a "Quiz me on this later" button; undefined when none has. */
export function quizzableSlug(library: Library, slugs: readonly string[]): string | undefined {
  return slugs.find((slug) => (library.conceptBySlug.get(slug)?.checkYourself.length ?? 0) > 0);
}
