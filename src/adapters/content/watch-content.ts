import { type FSWatcher, watch } from 'node:fs';
import type { Logger } from '../../core/ports.js';

/**
 * Calls `onChange` after files under `root` change, debounced so that an
 * editor's save (often several events) triggers one reload. Returns a stop
 * function. Watch errors are logged, never thrown: hot reload is a
 * convenience and must not take the service down.
 */
export function watchContent(
  root: string,
  onChange: () => void,
  logger: Logger,
  debounceMs = 150,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(root, { recursive: true, persistent: false }, () => {
      clearTimeout(timer);
      timer = setTimeout(onChange, debounceMs);
    });
    watcher.on('error', (error) =>
      logger.warn('content watcher failed; hot reload is off', { error: String(error) }),
    );
  } catch (error) {
    logger.warn('could not watch the content folder; hot reload is off', { root, error: String(error) });
  }
  return () => {
    clearTimeout(timer);
    watcher?.close();
  };
}
