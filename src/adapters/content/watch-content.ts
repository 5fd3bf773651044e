import path from 'node:path';
import { watch } from 'chokidar';
import type { Logger } from '../../core/ports.js';

/** A running content watcher. */
export interface ContentWatcher {
  /** Resolves once the initial scan is done: changes after this are seen. Never rejects. */
  ready: Promise<void>;
  /** Stops watching and drops a pending (debounced) change. */
  close(): Promise<void>;
}

/** Options of {@link watchContent}. */
export interface WatchContentOptions {
  root: string;
  /**
   * Called once per burst of changes with the changed paths, relative to
   * `root` with forward slashes, sorted (added, changed and removed files and
   * folders alike). Errors it throws are logged.
   */
  onChange(paths: readonly string[]): void;
  logger: Logger;
}

/**
 * Quiet time that ends a burst: one editor save is often several events.
 * It must also outlast chokidar's own throttles, which drop a second change
 * event for one file within 50 ms and a second removal within 100 ms without
 * reporting them later: the reload then still runs after the dropped event's
 * write, so it reads the final file.
 */
const DEBOUNCE_MS = 150;

/**
 * Watches the content folder and reports changed paths, debounced so that an
 * editor's save triggers one reload.
 *
 * chokidar rather than `fs.watch(root, { recursive: true })`: on Linux the
 * latter keeps watching the inode a file had when watching began, so after an
 * atomic save (write a temp file, rename it over the old one: editors, `sed -i`,
 * `git checkout`, the admin editor) later edits to that file went unnoticed.
 * chokidar watches the folders and re-attaches to replaced files.
 *
 * Dotfiles are ignored, as the library reader ignores them (the admin editor's
 * temp files are dotfiles); symlinks are not followed, so nothing outside the
 * folder is watched. Watch errors are logged, never thrown: hot reload is a
 * convenience and must not take the service down.
 */
export function watchContent(options: WatchContentOptions): ContentWatcher {
  const { root, logger } = options;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const flush = () => {
    timer = undefined;
    if (closed || pending.size === 0) return;
    const paths = [...pending].sort();
    pending.clear();
    try {
      options.onChange(paths);
    } catch (error) {
      logger.error('content change handler failed', { error: describe(error) });
    }
  };

  let watcher: ReturnType<typeof watch>;
  try {
    watcher = watch(root, {
      ignoreInitial: true,
      persistent: false,
      followSymlinks: false,
      ignored: (file) => path.basename(file).startsWith('.') && path.resolve(file) !== path.resolve(root),
    });
  } catch (error) {
    logger.warn('could not watch the content folder; hot reload is off', { root, error: describe(error) });
    return { ready: Promise.resolve(), close: async () => {} };
  }

  const ready = new Promise<void>((resolve) => {
    watcher.once('ready', () => resolve());
    // A watcher that fails before its first scan completes never becomes ready.
    watcher.once('error', () => resolve());
  });
  watcher.on('all', (_event, changed) => {
    if (closed) return;
    pending.add(path.relative(root, changed).split(path.sep).join('/'));
    clearTimeout(timer);
    timer = setTimeout(flush, DEBOUNCE_MS);
  });
  watcher.on('error', (error) =>
    logger.warn('content watcher failed; hot reload may miss changes', { root, error: describe(error) }),
  );

  return {
    ready,
    async close() {
      closed = true;
      clearTimeout(timer);
      pending.clear();
      await watcher.close();
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
