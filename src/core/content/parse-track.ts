import { z } from 'zod';
import type { ContentProblem } from '../errors.js';
import { splitFrontmatter } from './frontmatter.js';
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from './slug.js';
import { zodProblems } from './zod-problems.js';

/** Where the editor's welcome-track order lives, relative to the content root. */
export const TRACK_FILE = 'track.md';

const trackSchema = z.strictObject({
  track: z
    .array(
      z
        .string()
        .max(MAX_SLUG_LENGTH)
        .regex(SLUG_PATTERN, 'must list concept slugs, e.g. "context-window"'),
    )
    .min(1, 'must list at least one concept slug, or delete track.md to use beginner-first library order'),
});

/**
 * Parses `track.md`, the order in which a new subscriber catches up on the
 * concepts the weekly digest taught before they joined (decision 013):
 * `track: [slug, …]` in its frontmatter, any notes for editors below. Every
 * slug must be a concept of the library, and appear once.
 */
export function parseTrack(
  text: string,
  conceptSlugs: ReadonlySet<string>,
): { track: string[] } | { problems: ContentProblem[] } {
  const split = splitFrontmatter(TRACK_FILE, text);
  if (Array.isArray(split)) return { problems: split };
  const parsed = trackSchema.safeParse(split.data);
  if (!parsed.success) return { problems: zodProblems(TRACK_FILE, parsed.error, split.fieldLines) };
  const problems: ContentProblem[] = [];
  const line = split.fieldLines.get('track');
  const seen = new Set<string>();
  for (const slug of parsed.data.track) {
    if (seen.has(slug))
      problems.push({
        file: TRACK_FILE,
        line,
        field: 'track',
        message: `"${slug}" is listed twice; keep it once, where it belongs in the order`,
      });
    else if (!conceptSlugs.has(slug))
      problems.push({
        file: TRACK_FILE,
        line,
        field: 'track',
        message: `"${slug}" is not a concept in the library; add concepts/${slug}.md or remove it from the track`,
      });
    seen.add(slug);
  }
  return problems.length > 0 ? { problems } : { track: parsed.data.track };
}
