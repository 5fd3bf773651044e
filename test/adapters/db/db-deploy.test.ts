import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../../src/adapters/db/create-database.js';
import type { PrismaPaths } from '../../../src/adapters/db/migrations-folder.js';
import {
  describeEachDatabase,
  openEmptyTestDatabase,
  POSTGRES_SKIP_REASON,
  postgresTestUrl,
} from '../../setup/test-database.js';
import { committedMigrations, run, scratchPaths, tableExists } from './db-command-helpers.js';

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
      expect(deploy.output).toMatch(
        /Migration 29990101000000_broken failed: Error querying the database: ERROR: division by zero/,
      );

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

  it('refuses to open a PGlite folder another live process holds (the running service)', async () => {
    const pgDir = path.join(dataDir, 'busy', 'pg');
    await mkdir(path.dirname(pgDir), { recursive: true });
    // The test runner's parent process stands in for the service.
    await writeFile(`${pgDir}.lock`, String(process.ppid));
    const deploy = await run('deploy', [], { url: `pglite:${pgDir}` });
    expect(deploy.code).toBe(1);
    expect(deploy.output).toContain(`in use by process ${process.ppid}`);
    expect(existsSync(pgDir)).toBe(false);
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
          const rows = await check.prisma.$queryRaw<
            Array<{ migration_name: string; finished: boolean; rolled_back: boolean }>
          >`
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
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fixture, url, paths.schemaPath, paths.migrationsDir],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
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
