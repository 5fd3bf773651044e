import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/** Options for {@link openPglite}. */
export interface OpenPgliteOptions {
  /** A `dumpDataDir()` tarball to start from instead of running initdb (much faster; used by tests). */
  loadDataDir?: Blob;
}

/**
 * Opens an embedded PGlite database, in a folder or in memory (`dataDir: null`).
 * Close it with `close()`: an unclean stop makes the next open run crash recovery.
 */
export async function openPglite(dataDir: string | null, options: OpenPgliteOptions = {}): Promise<PGlite> {
  // PGlite fails to open a folder whose parent does not exist yet.
  if (dataDir !== null) await mkdir(path.dirname(dataDir), { recursive: true });
  return PGlite.create({
    ...(dataDir !== null ? { dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
}
