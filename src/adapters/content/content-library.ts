import { type BuildResult, buildLibrary, type ParseCache } from '../../core/content/build-library.js';
import { createLibraryStore, type LibraryStore } from '../../core/content/library-store.js';
import { ContentError, formatContentProblem, errorFields } from '../../core/errors.js';
import type { Clock, Logger } from '../../core/ports.js';
import { type ContentFolderReader, createContentFolderReader } from './content-folder-reader.js';
import type { ContentFolder } from './fs-content.js';
import { watchContent } from './watch-content.js';

/**
 * Reads and validates the library in `root`. A file over the size limit is
 * left out and reported in `skipped`; the rest of the library still loads.
 */
export async function loadLibrary(root: string, clock: Clock): Promise<BuildResult> {
  return buildFrom(createContentFolderReader(root), root, clock);
}

/** Reads (what changed of) the folder and builds the library, re-parsing only files whose text changed. */
async function buildFrom(
  reader: ContentFolderReader,
  root: string,
  clock: Clock,
  changed: readonly string[] = [],
  cache?: ParseCache,
): Promise<BuildResult> {
  let folder: ContentFolder;
  try {
    folder = await reader.read(changed);
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
  const result = buildLibrary(folder.files, clock.now(), cache);
  if (folder.tooLarge.length === 0) return result;
  return result.ok
    ? { ...result, skipped: folder.tooLarge }
    : { ok: false, problems: [...folder.tooLarge, ...result.problems] };
}

/** One finished reload, successful or not. */
export interface ContentReload {
  result: BuildResult;
  /**
   * What changed, relative to the content root with forward slashes, when the
   * watcher triggered the reload; empty for an explicit `reload()`. Only
   * these files are read and parsed again (everything, when empty).
   */
  changed: readonly string[];
}

/** The live library with hot reload: a broken edit keeps the last good library and logs every problem. */
export interface ContentLibrary {
  store: LibraryStore;
  /** Rebuilds the library from the files now, e.g. right after the admin editor saved one. */
  reload(changed?: readonly string[]): Promise<BuildResult>;
  /** Calls `listener` after every reload (watched or explicit); returns an unsubscribe function. */
  onReload(listener: (reload: ContentReload) => void): () => void;
  /** Stops watching; a reload already running still finishes. */
  close(): Promise<void>;
}

/**
 * Loads the library at startup (a broken library at startup is fatal: there
 * is no last good one to serve) and reloads it on every change when `watch`.
 * Resolves once the watcher is ready, so no change made after it is missed.
 */
export async function openContentLibrary(options: {
  root: string;
  watch: boolean;
  logger: Logger;
  clock: Clock;
}): Promise<ContentLibrary> {
  const { root, logger, clock } = options;
  // The reader and the parse cache make a reload cost the changed files, not the library.
  const reader = createContentFolderReader(root);
  const cache: ParseCache = new Map();
  const initial = await buildFrom(reader, root, clock, [], cache);
  if (!initial.ok) throw new ContentError(initial.problems);
  const store = createLibraryStore(initial.library);
  store.apply(initial);
  warnSkipped(initial, logger);
  const listeners = new Set<(reload: ContentReload) => void>();

  const rebuild = async (changed: readonly string[]): Promise<BuildResult> => {
    const result = await buildFrom(reader, root, clock, changed, cache);
    if (store.apply(result)) {
      logger.info('content library reloaded', {
        concepts: store.current().concepts.length,
        useCases: store.current().useCases.length,
        ...(changed.length > 0 ? { changed } : {}),
      });
      warnSkipped(result, logger);
    } else if (!result.ok) {
      logger.error('content library has problems; still serving the last good library', {
        problems: result.problems.map(formatContentProblem),
      });
    }
    for (const listener of listeners) {
      try {
        listener({ result, changed });
      } catch (error) {
        logger.error('content reload listener failed', errorFields(error));
      }
    }
    return result;
  };
  // One reload at a time, in order: two overlapping reloads could otherwise
  // finish out of order and leave an older library live.
  let queue: Promise<unknown> = Promise.resolve();
  const reload = (changed: readonly string[] = []): Promise<BuildResult> => {
    const next = queue.then(() => rebuild(changed));
    queue = next.catch(() => {});
    return next;
  };

  const watcher = options.watch
    ? watchContent({
        root,
        logger,
        onChange: (changed) =>
          void reload(changed).catch((e: unknown) =>
            logger.error('content reload failed', errorFields(e)),
          ),
      })
    : null;
  await watcher?.ready;
  return {
    store,
    reload,
    onReload(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      await watcher?.close();
    },
  };
}

function warnSkipped(result: BuildResult, logger: Logger): void {
  if (result.ok && result.skipped && result.skipped.length > 0) {
    logger.warn('content files left out of the library', {
      problems: result.skipped.map(formatContentProblem),
    });
  }
}
