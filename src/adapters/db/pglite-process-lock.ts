import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { UserFacingError } from '../../core/errors.js';

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
  const file = `${dataDir}.lock`;
  mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
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
