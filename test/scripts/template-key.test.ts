import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
// @ts-expect-error: a plain-JS build script, without type declarations
import { templateKey } from '../../scripts/template-key.mjs';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A project folder with one migration, a PGlite package.json and one compiled database file. */
function project(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'ct-template-key-'));
  roots.push(root);
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  write('prisma/migrations/20261124000000_init/migration.sql', 'CREATE TABLE "A" ("id" INT);');
  write('prisma/migrations/migration_lock.toml', 'provider = "postgresql"');
  write('node_modules/@electric-sql/pglite/package.json', '{"version":"0.5.14"}');
  write('dist/src/adapters/db/migrate.js', 'export {};');
  return root;
}

it('changes with a migration, PGlite or the compiled database code, and only with them', () => {
  const root = project();
  const key = templateKey(root);
  expect(key).toMatch(/^[0-9a-f]{64}$/);
  expect(templateKey(root)).toBe(key);
  writeFileSync(path.join(root, 'dist/src/adapters/other.js'), 'export {};');
  expect(templateKey(root)).toBe(key);

  writeFileSync(
    path.join(root, 'prisma/migrations/20261124000000_init/migration.sql'),
    'CREATE TABLE "B" ();',
  );
  const edited = templateKey(root);
  expect(edited).not.toBe(key);
  mkdirSync(path.join(root, 'prisma/migrations/20261201000000_next'));
  writeFileSync(path.join(root, 'prisma/migrations/20261201000000_next/migration.sql'), 'SELECT 1;');
  const added = templateKey(root);
  expect(added).not.toBe(edited);
  writeFileSync(path.join(root, 'node_modules/@electric-sql/pglite/package.json'), '{"version":"0.6.0"}');
  const upgraded = templateKey(root);
  expect(upgraded).not.toBe(added);
  writeFileSync(path.join(root, 'dist/src/adapters/db/migrate.js'), 'export const changed = 1;');
  expect(templateKey(root)).not.toBe(upgraded);
});
