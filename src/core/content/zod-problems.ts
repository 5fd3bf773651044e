import type { z } from 'zod';
import type { ContentProblem } from '../errors.js';

/** Turns zod issues into content problems that name the field and its line. */
export function zodProblems(
  file: string,
  error: z.ZodError,
  fieldLines: Map<string, number>,
): ContentProblem[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0] ?? '';
      return {
        file,
        line: fieldLines.get(key),
        field: issue.keys.join(', '),
        message: 'unknown field; remove it or fix its spelling',
      };
    }
    const field = issue.path.map(String).join('.') || '(frontmatter)';
    const top = String(issue.path[0] ?? '');
    const missing = issue.path.length === 1 && !fieldLines.has(top);
    return {
      file,
      line: fieldLines.get(top),
      field,
      message: missing ? 'is required' : issue.message,
    };
  });
}
