import { type BuildResult, buildLibrary } from '../../core/content/build-library.js';
import { createLibraryStore, type LibraryStore } from '../../core/content/library-store.js';
import { ContentError, formatContentProblem } from '../../core/errors.js';
import type { Clock, Logger } from '../../core/ports.js';
import { readContentFiles } from './fs-content.js';
import { watchContent } from './watch-content.js';

/** Reads and validates the library in `root`. */
export async function loadLibrary(root: string, clock: Clock): Promise<BuildResult> {
  let files: Awaited<ReturnType<typeof readContentFiles>>;
  try {
    files = await readContentFiles(root);
  } catch (error) {
    return {
      ok: false,
      problems: [
        {
          file: root,
          message: `cannot read the content folder (${(error as Error).message}); set CONTENT_DIR to the folder that holds concepts/ and use-cases/`,
        },
      ],
    };
  }
  return buildLibrary(files, clock.now());
}

/** The live library with hot reload: a broken edit keeps the last good library and logs every problem. */
export interface ContentLibrary {
  store: LibraryStore;
  reload(): Promise<BuildResult>;
  close(): void;
}

/**
 * Loads the library at startup (a broken library at startup is fatal: there
 * is no last good one to serve) and reloads it on every change when `watch`.
 */
export async function openContentLibrary(options: {
  root: string;
  watch: boolean;
  logger: Logger;
  clock: Clock;
}): Promise<ContentLibrary> {
  const { root, logger, clock } = options;
  const initial = await loadLibrary(root, clock);
  if (!initial.ok) throw new ContentError(initial.problems);
  const store = createLibraryStore(initial.library);
  const reload = async () => {
    const result = await loadLibrary(root, clock);
    if (store.apply(result)) {
      logger.info('content library reloaded', {
        concepts: store.current().concepts.length,
        useCases: store.current().useCases.length,
      });
    } else if (!result.ok) {
      logger.error('content library has problems; still serving the last good library', {
        problems: result.problems.map(formatContentProblem),
      });
    }
    return result;
  };
  const stop = options.watch
    ? watchContent(
        root,
        () =>
          void reload().catch((e: unknown) => logger.error('content reload failed', { error: String(e) })),
        logger,
      )
    : () => {};
  return { store, reload, close: stop };
}
