import { rename, writeFile } from 'node:fs/promises';
import { createPgliteDriverAdapter } from './driver-adapter.js';
import { applyMigrations, type MigrateOptions } from './migrate.js';
import { openPglite } from './open-pglite.js';

/**
 * Creates an empty in-memory PGlite, applies every migration in the folder and
 * writes its data directory as a gzipped tarball to `out`. A fresh install
 * starts from it instead of running initdb and the whole migration history
 * (see openPgliteFolder). Runs at build time, offline; written atomically so
 * an interrupted build never leaves half a template.
 */
export async function buildPgliteTemplate(
  out: string,
  options: MigrateOptions = {},
): Promise<{ applied: string[]; bytes: number }> {
  const pglite = await openPglite(null);
  try {
    const handle = createPgliteDriverAdapter(pglite, { closePglite: false });
    let applied: string[];
    try {
      ({ applied } = await applyMigrations(handle.factory, options));
    } finally {
      await handle.close();
    }
    const dump = Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer());
    const partial = `${out}.${process.pid}.partial`;
    await writeFile(partial, dump);
    await rename(partial, out);
    return { applied, bytes: dump.length };
  } finally {
    await pglite.close();
  }
}
