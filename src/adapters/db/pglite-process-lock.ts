import { closeSync, mkdirSync, openSync, readFileSync, realpathSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, UserFacingError } from '../../core/errors.js';

/** The folder a link points to; the path as given when it does not exist (yet). */
function realFolder(dataDir: string): string {
  try {
    return realpathSync(dataDir);
  } catch {
    return dataDir;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one Postgres running inside one process: two processes opening the
 * same folder corrupt it. This pid lock file turns that into a clear error
 * ("the service is running") instead. A lock left by a dead process is taken over.
 */
export function acquirePgliteLock(dataDir: string): () => void {
  // Beside the real folder: two paths (or links) to one database must meet at one lock.
  const file = `${realFolder(dataDir)}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new ConfigError(
          `Cannot create the lock file ${file} of the embedded database (${(error as Error).message}). ` +
            'The embedded database lives in DATA_DIR/pg, or in the folder of DATABASE_URL=pglite:<folder>; ' +
            'point that setting at a folder this user can write.',
        );
      }
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new UserFacingError(
          'DATABASE_IN_USE',
          `The embedded database in ${dataDir} is in use by process ${pid} (probably the running service). ` +
            'PGlite allows one process at a time: stop the service first, or run the service and these commands against a PostgreSQL server (DATABASE_URL=postgresql://…).',
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new UserFacingError(
    'DATABASE_IN_USE',
    `Could not take the lock file ${file}; remove it if no tutor process is running.`,
  );
}
