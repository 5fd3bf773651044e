import { createHash } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { findPrismaPaths, readMigrationsList } from './migrations-folder.js';

/**
 * True when every migration in the folder is recorded as applied, with the
 * same checksum, in `_prisma_migrations`. Starting the WASM schema engine
 * costs about 300 ms, so on a normal restart (nothing pending) we skip it;
 * any doubt (missing table, failed or edited migration) returns false and
 * the engine decides.
 */
export async function migrationsUpToDate(pglite: PGlite): Promise<boolean> {
  const { migrationsDir } = findPrismaPaths();
  const list = await readMigrationsList(migrationsDir);
  let applied: Array<{ migration_name: string; checksum: string }>;
  try {
    const result = await pglite.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    applied = result.rows;
  } catch {
    return false;
  }
  const byName = new Map(applied.map((row) => [row.migration_name, row.checksum]));
  if (byName.size !== list.migrationDirectories.length) return false;
  return list.migrationDirectories.every((dir) => {
    const content = dir.migrationFile.content;
    return (
      content.tag === 'ok' &&
      byName.get(dir.path) === createHash('sha256').update(content.value).digest('hex')
    );
  });
}
