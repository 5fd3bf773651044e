import type { ContentProblem } from '../errors.js';
import { splitFrontmatter } from './frontmatter.js';
import { useCaseFrontmatterSchema } from './frontmatter-schemas.js';
import { parseArticleChecks, splitCheckYourself } from './parse-check-yourself.js';
import type { UseCase } from './types.js';
import { zodProblems } from './zod-problems.js';

/** Parses and validates one use-case file (cross-references are checked by the library builder). */
export function parseUseCase(
  file: string,
  text: string,
): { useCase: UseCase } | { problems: ContentProblem[] } {
  const split = splitFrontmatter(file, text);
  if (Array.isArray(split)) return { problems: split };
  const meta = useCaseFrontmatterSchema.safeParse(split.data);
  const problems = meta.success ? [] : zodProblems(file, meta.error, split.fieldLines);
  const practice = splitCheckYourself(split.body);
  const body = practice.article.trim();
  if (body === '')
    problems.push({
      file,
      line: split.bodyLine,
      message: 'the body is empty; tell the story below the frontmatter',
    });
  if (meta.success && file.split('/').pop() !== `${meta.data.slug}.md`) {
    problems.push({
      file,
      line: split.fieldLines.get('slug'),
      field: 'slug',
      message: `"${meta.data.slug}" does not match the file name; rename the file to ${meta.data.slug}.md or fix the slug`,
    });
  }
  const checks = parseArticleChecks(
    file,
    meta.success ? meta.data.slug : undefined,
    practice,
    split.bodyLine,
    { min: 1, max: 2 },
    problems,
  );
  if (!meta.success || problems.length > 0) return { problems };
  return { useCase: { ...meta.data, body, checkYourself: checks.items, file } };
}
