import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What the migrated PGlite template is built from, as one hash: every
 * migration's SQL, PGlite's version and the compiled database code under
 * `root`. The build skips the template when its key file holds the same.
 */
export function templateKey(root) {
  const hash = createHash('sha256');
  const add = (file) => hash.update(`${path.relative(root, file)}\0`).update(readFileSync(file));
  const migrations = path.join(root, 'prisma', 'migrations');
  const folders = readdirSync(migrations, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  for (const name of folders) {
    const sql = path.join(migrations, name, 'migration.sql');
    if (existsSync(sql)) add(sql);
  }
  add(path.join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json'));
  const compiled = path.join(root, 'dist', 'src', 'adapters', 'db');
  for (const name of readdirSync(compiled)
    .filter((n) => n.endsWith('.js'))
    .sort())
    add(path.join(compiled, name));
  return hash.digest('hex');
}
