import { lstat, readdir, readFile, realpath, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { PGlite } from '@electric-sql/pglite';
import { errorFields } from '../../core/errors.js';
import type { Logger } from '../../core/ports.js';
import { findPrismaPaths } from './migrations-folder.js';
import { openPglite } from './open-pglite.js';

const gunzipAsync = promisify(gunzip);

/** Options of {@link openPgliteFolder}. */
export interface OpenPgliteFolderOptions {
  /** The migrated template a new database starts from (see buildPgliteTemplate); null to run initdb. */
  template: string | null;
  /** Told why a new database was created from scratch. */
  logger?: Logger | undefined;
}

/**
 * Where the build writes the migrated PGlite template: `dist/` of this
 * checkout, found from `prisma/`, so `src/` (tsx) and `dist/src/` (the built
 * service) use the same file.
 */
export function defaultPgliteTemplatePath(): string {
  return path.join(
    path.dirname(path.dirname(findPrismaPaths().schemaPath)),
    'dist',
    'pglite-template.tar.gz',
  );
}

/**
 * Opens the embedded database in a folder. A new folder (missing or empty)
 * is loaded from the migrated template instead of running initdb and every
 * migration: that is most of a first start. The caller still applies any
 * migration newer than the template (they are compared by name and checksum
 * in `_prisma_migrations`, which the template carries). A missing or broken
 * template is not an error: the folder is created from scratch, as before,
 * and a warning says why.
 */
export async function openPgliteFolder(dataDir: string, options: OpenPgliteFolderOptions): Promise<PGlite> {
  const { template, logger } = options;
  const fresh = await freshFolder(dataDir);
  if (template === null || fresh === null) return openPglite(dataDir);
  let blob: Blob;
  try {
    const bytes = await readFile(template);
    // Gunzip here rather than in PGlite: its gunzip reports a corrupt file as an unhandled rejection.
    // A plain tar (as `dumpDataDir('none')` writes) loads as is.
    const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
    blob = new Blob([gzipped ? await gunzipAsync(bytes) : bytes]);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    warnFromScratch(
      logger,
      template,
      missing ? 'is missing' : 'could not be loaded',
      missing ? {} : errorFields(error),
    );
    return openPglite(dataDir);
  }
  try {
    return await openPglite(dataDir, { loadDataDir: blob });
  } catch (error) {
    warnFromScratch(logger, template, 'could not be loaded', errorFields(error));
    // Whatever the failed load wrote goes; the folder was new, so nothing else is in it.
    await clearFolder(fresh);
    return openPglite(dataDir);
  }
}

/** The real path of a folder that holds no database yet (missing or empty), else null. */
async function freshFolder(dataDir: string): Promise<{ real: string; existed: boolean } | null> {
  try {
    await lstat(dataDir);
  } catch (error) {
    // Anything but "not there" is for openPglite to explain.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? { real: dataDir, existed: false } : null;
  }
  try {
    // A link to a folder counts as that folder; a dangling link is for openPglite to explain.
    const real = await realpath(dataDir);
    return (await readdir(real)).length === 0 ? { real, existed: true } : null;
  } catch {
    return null;
  }
}

async function clearFolder(folder: { real: string; existed: boolean }): Promise<void> {
  if (!folder.existed) {
    await rm(folder.real, { recursive: true, force: true });
    return;
  }
  for (const entry of await readdir(folder.real).catch(() => [])) {
    await rm(path.join(folder.real, entry), { recursive: true, force: true });
  }
}

function warnFromScratch(
  logger: Logger | undefined,
  template: string,
  why: string,
  fields: object = {},
): void {
  logger?.warn(
    `creating the embedded database from scratch (a slower first start): the PGlite template ${template} ${why}; ` +
      '`npm run build` writes it',
    { template, ...fields },
  );
}
