import { cp, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPaths, run, scratchPaths } from './db-command-helpers.js';

describe('db diff', () => {
  it('writes the whole schema as the first migration, with the lock file, then finds no changes', async () => {
    const paths = await scratchPaths({}, false);
    try {
      const first = await run('diff', ['--name', 'Init schema'], { paths });
      expect(first.code).toBe(0);
      const [folder] = await readdir(paths.migrationsDir, { withFileTypes: true }).then((es) =>
        es.filter((e) => e.isDirectory()).map((e) => e.name),
      );
      expect(folder).toMatch(/^\d{14}_init_schema$/);
      expect(first.output).toContain(path.join(folder!, 'migration.sql'));
      const sql = await readFile(path.join(paths.migrationsDir, folder!, 'migration.sql'), 'utf8');
      expect(sql).toContain('CREATE TABLE "Question"');
      expect(sql).not.toContain('CREATE SCHEMA');
      expect(await readFile(path.join(paths.migrationsDir, 'migration_lock.toml'), 'utf8')).toContain(
        'provider = "postgresql"',
      );

      const second = await run('diff', ['--name=again'], { paths });
      expect(second.output).toContain('no changes');
      expect((await readdir(paths.migrationsDir)).length).toBe(2);
    } finally {
      await rm(paths.root, { recursive: true, force: true });
    }
  });

  it('finds no changes between prisma/migrations and prisma/schema.prisma (commit a migration with every schema change)', async () => {
    // Diff a copy: this test must never write into the real migrations folder.
    const paths = await scratchPaths({}, false);
    try {
      await cp(repoPaths.migrationsDir, paths.migrationsDir, { recursive: true });
      const result = await run('diff', ['--name', 'drift_check'], { paths });
      const written = (await readdir(paths.migrationsDir)).filter((name) => name.endsWith('_drift_check'));
      const missing = written[0]
        ? await readFile(path.join(paths.migrationsDir, written[0], 'migration.sql'), 'utf8')
        : '';
      expect(missing, 'schema.prisma has changes no migration covers; run `tutor db diff --name …`').toBe('');
      expect(result.output).toContain('no changes');
      expect(result.code).toBe(0);
    } finally {
      await rm(paths.root, { recursive: true, force: true });
    }
  });

  it('rejects a missing name and stray arguments', async () => {
    expect(await run('diff', [], {})).toMatchObject({
      code: 2,
      output: expect.stringContaining('--name NAME'),
    });
    expect(await run('diff', ['--name', 'x', '--force'], {})).toMatchObject({
      code: 2,
      output: expect.stringContaining('--force'),
    });
    expect(await run('deploy', ['now'], { url: 'pglite:memory' })).toMatchObject({ code: 2 });
  });
});
