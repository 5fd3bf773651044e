import { readContentFiles } from '../../../src/adapters/content/fs-content.js';
import { buildLibrary } from '../../../src/core/content/build-library.js';
import type { Library } from '../../../src/core/content/types.js';
import { formatContentProblem } from '../../../src/core/errors.js';

/** The real content library: the fixture library has no `## Check yourself` items. */
export async function practiceLibrary(): Promise<Library> {
  const result = buildLibrary(await readContentFiles(new URL('../../../content/', import.meta.url).pathname));
  if (!result.ok) throw new Error(result.problems.map(formatContentProblem).join('\n'));
  return result.library;
}

/** A clock the test moves by hand. */
export function manualClock(start = new Date('2026-12-01T09:00:00Z')) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

export const MINUTE = 60_000;
export const DAY = 86_400_000;
