import type { ContentProblem } from '../errors.js';
import { parseConcept } from './parse-concept.js';
import { parseUseCase } from './parse-use-case.js';
import type { Concept, ContentFile, Library, UseCase } from './types.js';

/**
 * The outcome of building a library: a library only when there are no
 * problems. `skipped` lists files left out of a library that still loaded
 * (a file over the size limit): reported, but not fatal.
 */
export type BuildResult =
  | { ok: true; library: Library; skipped?: ContentProblem[] }
  | { ok: false; problems: ContentProblem[] };

/**
 * Validates every file and the links between them, and builds an immutable
 * library. Files outside `concepts/` and `use-cases/` (such as README.md) are
 * ignored; anything else that is not Markdown in those folders is an error.
 */
export function buildLibrary(files: readonly ContentFile[], now: Date = new Date()): BuildResult {
  const problems: ContentProblem[] = [];
  const concepts: Concept[] = [];
  const useCases: UseCase[] = [];
  for (const { path, text } of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const folder = path.split('/')[0];
    if (folder !== 'concepts' && folder !== 'use-cases') continue;
    if (!path.endsWith('.md') || path.split('/').length !== 2) {
      problems.push({
        file: path,
        message: `only <slug>.md files belong directly in ${folder}/; move or rename this file`,
      });
      continue;
    }
    if (folder === 'concepts') {
      const result = parseConcept(path, text);
      if ('problems' in result) problems.push(...result.problems);
      else concepts.push(result.concept);
    } else {
      const result = parseUseCase(path, text);
      if ('problems' in result) problems.push(...result.problems);
      else useCases.push(result.useCase);
    }
  }
  const conceptBySlug = new Map(concepts.map((c) => [c.slug, c]));
  const useCaseBySlug = new Map(useCases.map((u) => [u.slug, u]));
  const conceptFiles = new Set(
    files.filter((f) => f.path.startsWith('concepts/')).map((f) => f.path.slice(9, -3)),
  );
  for (const useCase of useCases) {
    for (const slug of useCase.concepts) {
      // A concept that exists but failed validation is reported in its own file; don't pile on.
      if (!conceptBySlug.has(slug) && !conceptFiles.has(slug)) {
        problems.push({
          file: useCase.file,
          field: 'concepts',
          message: `"${slug}" is not a concept in the library; add concepts/${slug}.md or fix the slug`,
        });
      }
    }
  }
  if (concepts.length === 0 && problems.length === 0) {
    problems.push({
      file: 'concepts/',
      message: 'the library has no concepts; add at least one concepts/<slug>.md',
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, library: { concepts, useCases, conceptBySlug, useCaseBySlug, loadedAt: now } };
}
