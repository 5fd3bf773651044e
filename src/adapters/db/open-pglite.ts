import { lstat, mkdir, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { ConfigError } from '../../core/errors.js';
import { describeError } from './describe-error.js';

/** Options for {@link openPglite}. */
export interface OpenPgliteOptions {
  /** A `dumpDataDir()` tarball to start from instead of running initdb (much faster; used by tests). */
  loadDataDir?: Blob;
}

/** How to point the service at another folder; every error about the folder ends with it. */
const FIX =
  'The embedded database lives in DATA_DIR/pg, or in the folder of DATABASE_URL=pglite:<folder>; ' +
  'point that setting at a folder this user can write (or at a link to one), or use a PostgreSQL server with DATABASE_URL=postgresql://…';

/**
 * Opens an embedded PGlite database, in a folder or in memory (`dataDir: null`).
 * A symbolic link to a folder is followed. A folder that cannot be used is a
 * ConfigError saying which folder, why, and which setting to change.
 * Close it with `close()`: an unclean stop makes the next open run crash recovery.
 */
export async function openPglite(dataDir: string | null, options: OpenPgliteOptions = {}): Promise<PGlite> {
  const folder = dataDir === null ? null : await usableFolder(dataDir);
  try {
    return await PGlite.create({
      ...(folder !== null ? { dataDir: folder } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
  } catch (error) {
    if (folder === null) throw error;
    const where = folder === dataDir ? folder : `${dataDir} (${folder})`;
    const wrapped = new ConfigError(
      `Cannot open the embedded database in ${where}: ${describeError(error)}. ${FIX}`,
    );
    wrapped.cause = error;
    throw wrapped;
  }
}

/**
 * The real folder PGlite should open. PGlite's file system does not follow a
 * symbolic link (it failed with a bare `{ errno: 44 }`), so a link is resolved
 * here; a dangling link or a file is refused with what is wrong.
 */
async function usableFolder(dataDir: string): Promise<string> {
  let link: Awaited<ReturnType<typeof lstat>>;
  try {
    link = await lstat(dataDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError(
        `Cannot use ${dataDir} for the embedded database: ${describeError(error)}. ${FIX}`,
      );
    }
    // A new database: PGlite creates the folder, but not its parent.
    await mkdir(path.dirname(dataDir), { recursive: true });
    return dataDir;
  }
  if (!link.isSymbolicLink()) {
    if (!link.isDirectory()) {
      throw new ConfigError(
        `Cannot use ${dataDir} for the embedded database: it is a file, not a folder. ${FIX}`,
      );
    }
    return dataDir;
  }
  const target = await readlink(dataDir);
  let real: string;
  try {
    real = await realpath(dataDir);
  } catch {
    throw new ConfigError(
      `Cannot use ${dataDir} for the embedded database: it is a symbolic link to ${target}, which does not exist. ` +
        `Create that folder (mkdir -p ${path.resolve(path.dirname(dataDir), target)}) or fix the link. ${FIX}`,
    );
  }
  if (!(await stat(real)).isDirectory()) {
    throw new ConfigError(
      `Cannot use ${dataDir} for the embedded database: it is a symbolic link to ${real}, which is a file, not a folder. ${FIX}`,
    );
  }
  return real;
}
