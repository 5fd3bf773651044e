import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDatabase } from '../../../src/adapters/db/create-database.js';
import { type DbSubcommand, runDbCommand } from '../../../src/adapters/db/db-commands.js';
import { findPrismaPaths, type PrismaPaths } from '../../../src/adapters/db/migrations-folder.js';

/** The project's own prisma/ folder. */
export const repoPaths = findPrismaPaths();

/** Runs a `tutor db` subcommand and captures its output. */
export async function run(
  sub: DbSubcommand,
  args: string[],
  options: { url?: string; dataDir?: string; paths?: PrismaPaths },
) {
  const lines: string[] = [];
  const code = await runDbCommand(sub, args, {
    url: options.url,
    dataDir: options.dataDir ?? '.',
    out: (line) => lines.push(line),
    ...(options.paths ? { paths: options.paths } : {}),
  });
  return { code, output: lines.join('\n') };
}

/** A scratch copy of prisma/: the real schema with a migrations folder the test controls. */
export async function scratchPaths(
  migrations: Record<string, string>,
  withLock = true,
): Promise<PrismaPaths & { root: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'ct-migrations-'));
  const migrationsDir = path.join(root, 'migrations');
  await mkdir(migrationsDir);
  if (withLock)
    await cp(
      path.join(repoPaths.migrationsDir, 'migration_lock.toml'),
      path.join(migrationsDir, 'migration_lock.toml'),
    );
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(path.join(migrationsDir, name));
    await writeFile(path.join(migrationsDir, name, 'migration.sql'), sql);
  }
  return { root, schemaPath: repoPaths.schemaPath, migrationsDir };
}

/** The migrations committed in prisma/migrations, oldest first. */
export async function committedMigrations(): Promise<Array<{ name: string; sql: string }>> {
  const names = (await readdir(repoPaths.migrationsDir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => ({
      name,
      sql: await readFile(path.join(repoPaths.migrationsDir, name, 'migration.sql'), 'utf8'),
    })),
  );
}

/** Whether a table exists in the database at `url`. */
export async function tableExists(url: string, table: string): Promise<boolean> {
  const db = await createDatabase({ url, dataDir: '.' });
  try {
    const rows = await db.prisma.$queryRaw<
      Array<{ found: string | null }>
    >`SELECT to_regclass(${`"${table}"`})::text AS found`;
    return rows[0]?.found != null;
  } finally {
    await db.close();
  }
}
