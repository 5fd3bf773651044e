/** The slug rule: lower-case words joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Longest slug accepted; slugs end up in URLs and file names. */
export const MAX_SLUG_LENGTH = 64;

/**
 * Returns why `slug` is not a valid slug, or null when it is. Slugs become
 * file names, so this is also what keeps a path from escaping `content/`.
 */
export function slugProblem(slug: string): string | null {
  if (slug.length === 0) return 'is empty';
  if (slug.length > MAX_SLUG_LENGTH) return `is longer than ${MAX_SLUG_LENGTH} characters`;
  if (!SLUG_PATTERN.test(slug)) {
    return `"${slug}" must be lower-case letters and digits joined by single hyphens (e.g. "context-window")`;
  }
  return null;
}
