import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../../src/adapters/db/create-database.js';
import { runDbCommand, type DbSubcommand } from '../../../src/adapters/db/db-commands.js';
import { findPrismaPaths, type PrismaPaths } from '../../../src/adapters/db/migrations-folder.js';
import { describeEachDatabase, openEmptyTestDatabase, POSTGRES_SKIP_REASON, postgresTestUrl } from '../../setup/test-database.js';

const repoPaths = findPrismaPaths();

async function run(sub: DbSubcommand, args: string[], options: { url?: string; dataDir?: string; paths?: PrismaPaths }) {
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
async function scratchPaths(migrations: Record<string, string>, withLock = true): Promise<PrismaPaths & { root: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'ct-migrations-'));
  const migrationsDir = path.join(root, 'migrations');
  await mkdir(migrationsDir);
  if (withLock) await cp(path.join(repoPaths.migrationsDir, 'migration_lock.toml'), path.join(migrationsDir, 'migration_lock.toml'));
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(path.join(migrationsDir, name));
    await writeFile(path.join(migrationsDir, name, 'migration.sql'), sql);
  }
  return { root, schemaPath: repoPaths.schemaPath, migrationsDir };
}

async function committedMigrations(): Promise<Array<{ name: string; sql: string }>> {
  const names = (await readdir(repoPaths.migrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(names.map(async (name) => ({ name, sql: await readFile(path.join(repoPaths.migrationsDir, name, 'migration.sql'), 'utf8') })));
}

async function tableExists(url: string, table: string): Promise<boolean> {
  const db = await createDatabase({ url, dataDir: '.' });
  try {
    const rows = await db.prisma.$queryRaw<Array<{ found: string | null }>>`SELECT to_regclass(${`"${table}"`})::text AS found`;
    return rows[0]?.found != null;
  } finally {
    await db.close();
  }
}

describeEachDatabase('db deploy and status', (kind) => {
  it('reports pending migrations, applies them once, then reports up to date', async () => {
    const db = await openEmptyTestDatabase(kind);
    try {
      const before = await run('status', [], { url: db.url });
      expect(before.code).toBe(1);
      const names = (await committedMigrations()).map((m) => m.name);
      for (const name of names) expect(before.output).toContain(name);

      const deploy = await run('deploy', [], { url: db.url });
      expect(deploy.output).toContain(`Applied ${names.length} migration(s)`);
      expect(deploy.code).toBe(0);

      const after = await run('status', [], { url: db.url });
      expect(after.output).toContain('Up to date');
      expect(after.code).toBe(0);

      const again = await run('deploy', [], { url: db.url });
      expect(again.output).toContain('No pending migrations');
      expect(again.code).toBe(0);
      expect(await tableExists(db.url, 'Question')).toBe(true);
    } finally {
      await db.close();
    }
  });

  it('reports a failing migration, leaves nothing of it behind, and status shows it failed', async () => {
    const [init] = await committedMigrations();
    const paths = await scratchPaths({
      [init!.name]: init!.sql,
      '29990101000000_broken': 'CREATE TABLE "HalfDone" ("id" INTEGER);\nSELECT 1 / 0;\n',
    });
    const db = await openEmptyTestDatabase(kind);
    try {
      const deploy = await run('deploy', [], { url: db.url, paths });
      expect(deploy.code).toBe(1);
      expect(deploy.output).toMatch(/Migration 29990101000000_broken failed: Error querying the database: ERROR: division by zero/);

      const status = await run('status', [], { url: db.url, paths });
      expect(status.code).toBe(1);
      expect(status.output).toMatch(/Failed[^\n]*\n\s+29990101000000_broken/);
      // The script ran as one implicit transaction: no half-applied migration.
      expect(await tableExists(db.url, 'HalfDone')).toBe(false);
      expect(await tableExists(db.url, 'Question')).toBe(true);
    } finally {
      await db.close();
      await rm(paths.root, { recursive: true, force: true });
    }
  });
});

describe('db deploy on the default embedded database (DATABASE_URL unset)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ct-data-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('status does not create the database; deploy creates <dataDir>/pg and migrates it', async () => {
    const pgDir = path.join(dataDir, 'nested', 'pg');
    const status = await run('status', [], { url: undefined, dataDir: path.join(dataDir, 'nested') });
    expect(status.code).toBe(1);
    expect(status.output).toContain('does not exist yet');
    expect(existsSync(pgDir)).toBe(false);

    const deploy = await run('deploy', [], { url: '', dataDir: path.join(dataDir, 'nested') });
    expect(deploy.output).toContain(`PGlite ${pgDir}`);
    expect(deploy.code).toBe(0);
    expect(existsSync(path.join(pgDir, 'PG_VERSION'))).toBe(true);

    const after = await run('status', [], { url: `pglite:${pgDir}` });
    expect(after.output).toContain('Up to date');
  });
});

describe.skipIf(!postgresTestUrl)(
  `concurrent db deploy [PostgreSQL${postgresTestUrl ? '' : `: skipped, ${POSTGRES_SKIP_REASON}`}]`,
  () => {
    const fixture = fileURLToPath(new URL('./fixtures/deploy-on-signal.ts', import.meta.url));

    it('three deploys started together: exactly one applies, the others find nothing to do', async () => {
      const [init] = await committedMigrations();
      // A slow first statement keeps the winner inside the lock while the others arrive.
      const paths = await scratchPaths({ [init!.name]: `SELECT pg_sleep(1);\n${init!.sql}` });
      const db = await openEmptyTestDatabase('postgres');
      try {
        const replicas = [1, 2, 3].map(() => startReplica(fixture, db.url, paths));
        await Promise.all(replicas.map((r) => r.ready));
        for (const r of replicas) r.go();
        const results = await Promise.all(replicas.map((r) => r.done));

        expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
        expect(results.filter((r) => r.stdout.includes('Applied 1 migration(s)'))).toHaveLength(1);
        expect(results.filter((r) => r.stdout.includes('No pending migrations'))).toHaveLength(2);

        const check = await createDatabase({ url: db.url, dataDir: '.' });
        try {
          const rows = await check.prisma.$queryRaw<Array<{ migration_name: string; finished: boolean; rolled_back: boolean }>>`
            SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
            FROM _prisma_migrations`;
          expect(rows).toEqual([{ migration_name: init!.name, finished: true, rolled_back: false }]);
        } finally {
          await check.close();
        }
      } finally {
        await db.close();
        await rm(paths.root, { recursive: true, force: true });
      }
    });
  },
);

function startReplica(fixture: string, url: string, paths: PrismaPaths) {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, url, paths.schemaPath, paths.migrationsDir], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes('ready')) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => {
      markReady();
      resolve({ code, stdout, stderr });
    }),
  );
  return { ready, done, go: () => child.stdin.end('go\n') };
}

describe('db diff', () => {
  it('writes the whole schema as the first migration, with the lock file, then finds no changes', async () => {
    const paths = await scratchPaths({}, false);
    try {
      const first = await run('diff', ['--name', 'Init schema'], { paths });
      expect(first.code).toBe(0);
      const [folder] = await readdir(paths.migrationsDir, { withFileTypes: true }).then((es) => es.filter((e) => e.isDirectory()).map((e) => e.name));
      expect(folder).toMatch(/^\d{14}_init_schema$/);
      expect(first.output).toContain(path.join(folder!, 'migration.sql'));
      const sql = await readFile(path.join(paths.migrationsDir, folder!, 'migration.sql'), 'utf8');
      expect(sql).toContain('CREATE TABLE "Question"');
      expect(sql).not.toContain('CREATE SCHEMA');
      expect(await readFile(path.join(paths.migrationsDir, 'migration_lock.toml'), 'utf8')).toContain('provider = "postgresql"');

      const second = await run('diff', ['--name=again'], { paths });
      expect(second.output).toContain('no changes');
      expect((await readdir(paths.migrationsDir)).length).toBe(2);
    } finally {
      await rm(paths.root, { recursive: true, force: true });
    }
  });

  it('finds no changes between prisma/migrations and prisma/schema.prisma (commit a migration with every schema change)', async () => {
    const result = await run('diff', ['--name', 'drift_check'], {});
    expect(result.output).toContain('no changes');
    expect(result.code).toBe(0);
  });

  it('rejects a missing name and stray arguments', async () => {
    expect(await run('diff', [], {})).toMatchObject({ code: 2, output: expect.stringContaining('--name NAME') });
    expect(await run('diff', ['--name', 'x', '--force'], {})).toMatchObject({ code: 2, output: expect.stringContaining('--force') });
    expect(await run('deploy', ['now'], {})).toMatchObject({ code: 2 });
  });
});
