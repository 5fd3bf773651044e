import type { ContentProblem } from '../errors.js';
import { parseConcept } from './parse-concept.js';
import { parseTrack, TRACK_FILE } from './parse-track.js';
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
 * Parse results by path, with the text they were parsed from: a rebuild
 * re-parses only files whose text changed and reuses the same Concept and
 * UseCase objects for the rest, so the search index can tell what changed.
 */
export type ParseCache = Map<
  string,
  { text: string; result: ReturnType<typeof parseConcept> | ReturnType<typeof parseUseCase> }
>;

/**
 * Validates every file and the links between them, and builds an immutable
 * library. Files outside `concepts/` and `use-cases/` (such as README.md) are
 * ignored; anything else that is not Markdown in those folders is an error.
 * With a `cache`, unchanged files are not parsed again (and the cache is
 * brought up to date with `files`).
 */
export function buildLibrary(
  files: readonly ContentFile[],
  now: Date = new Date(),
  cache?: ParseCache,
): BuildResult {
  const parse = <T>(path: string, text: string, parser: (path: string, text: string) => T): T => {
    const cached = cache?.get(path);
    if (cached && cached.text === text) return cached.result as T;
    const result = parser(path, text);
    cache?.set(path, { text, result: result as ReturnType<typeof parseConcept> });
    return result;
  };
  if (cache) {
    const present = new Set(files.map((f) => f.path));
    for (const path of cache.keys()) if (!present.has(path)) cache.delete(path);
  }
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
      const result = parse(path, text, parseConcept);
      if ('problems' in result) problems.push(...result.problems);
      else concepts.push(result.concept);
    } else {
      const result = parse(path, text, parseUseCase);
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
  // The editor's welcome-track order (decision 013); without the file the track is beginner-first library order.
  const trackFile = files.find((f) => f.path === TRACK_FILE);
  let track: string[] | undefined;
  if (trackFile) {
    const parsed = parseTrack(trackFile.text, new Set([...conceptBySlug.keys(), ...conceptFiles]));
    if ('problems' in parsed) problems.push(...parsed.problems);
    else track = parsed.track;
  }
  if (concepts.length === 0 && problems.length === 0) {
    problems.push({
      file: 'concepts/',
      message: 'the library has no concepts; add at least one concepts/<slug>.md',
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    library: { concepts, useCases, conceptBySlug, useCaseBySlug, loadedAt: now, ...(track ? { track } : {}) },
  };
}
