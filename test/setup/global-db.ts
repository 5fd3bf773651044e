import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createPgliteDriverAdapter, openDriverAdapter } from '../../src/adapters/db/driver-adapter.js';
import { applyMigrations } from '../../src/adapters/db/migrate.js';
import { openPglite } from '../../src/adapters/db/open-pglite.js';
import { openPostgresAdmin, quoteIdent, withDatabaseName } from './postgres-admin.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Prefix for every database and folder this run creates: `ct_<pid>`. */
    dbRunId: string;
    /** Folder for this run's PGlite dumps and test databases. */
    pgliteRunDir: string;
    /** `dumpDataDir()` of a PGlite with every migration applied. */
    pgliteMigratedDump: string;
    /** `dumpDataDir()` of a PGlite right after initdb. */
    pgliteEmptyDump: string;
    /** Migrated template database on TEST_DATABASE_URL's server, or null when that is unset. */
    postgresTemplate: string | null;
  }
}

const TMP_PREFIX = 'concept-tutor-test-';

/**
 * Migrates once per run: a PGlite dump every test file loads a copy of, and,
 * with TEST_DATABASE_URL, a template database each test file clones.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `ct_${process.pid}`;
  const serverUrl = process.env.TEST_DATABASE_URL || undefined;
  await removeLeftoversOfDeadRuns(serverUrl);

  const runDir = await mkdtemp(path.join(os.tmpdir(), `${TMP_PREFIX}${process.pid}-`));
  const [dumps, postgresTemplate] = await Promise.all([
    buildPgliteDumps(runDir),
    serverUrl ? buildPostgresTemplate(serverUrl, runId) : Promise.resolve(null),
  ]);
  project.provide('dbRunId', runId);
  project.provide('pgliteRunDir', runDir);
  project.provide('pgliteEmptyDump', dumps.empty);
  project.provide('pgliteMigratedDump', dumps.migrated);
  project.provide('postgresTemplate', postgresTemplate);

  return async () => {
    await rm(runDir, { recursive: true, force: true });
    if (serverUrl && postgresTemplate) await dropDatabases(serverUrl, [postgresTemplate]);
  };
}

async function buildPgliteDumps(runDir: string): Promise<{ empty: string; migrated: string }> {
  const pglite = await openPglite(null);
  try {
    const empty = path.join(runDir, 'empty.tar');
    await writeFile(empty, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
    const handle = createPgliteDriverAdapter(pglite, { closePglite: false });
    try {
      await applyMigrations(handle.factory);
    } finally {
      await handle.close();
    }
    const migrated = path.join(runDir, 'migrated.tar');
    await writeFile(migrated, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
    return { empty, migrated };
  } finally {
    await pglite.close();
  }
}

async function buildPostgresTemplate(serverUrl: string, runId: string): Promise<string> {
  const name = `${runId}_template`;
  const admin = await openPostgresAdmin(serverUrl);
  try {
    await admin.exec(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    await admin.exec(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0`);
  } finally {
    await admin.close();
  }
  // Closed before any test clones it: CREATE DATABASE … TEMPLATE fails while the template has sessions.
  const handle = await openDriverAdapter(
    { kind: 'postgres', connectionString: withDatabaseName(serverUrl, name) },
    { maxConnections: 1 },
  );
  try {
    await applyMigrations(handle.factory);
  } finally {
    await handle.close();
  }
  return name;
}

async function dropDatabases(serverUrl: string, names: string[]): Promise<void> {
  if (names.length === 0) return;
  const admin = await openPostgresAdmin(serverUrl);
  try {
    for (const name of names) await admin.exec(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } finally {
    await admin.close();
  }
}

/**
 * A run killed mid-way leaves its folders and databases behind. Their names
 * carry the runner's pid; remove those whose process is gone. Only for a
 * server on this machine, where a pid means something.
 */
async function removeLeftoversOfDeadRuns(serverUrl: string | undefined): Promise<void> {
  for (const entry of await readdir(os.tmpdir())) {
    const pid = entry.startsWith(TMP_PREFIX) ? Number(entry.slice(TMP_PREFIX.length).split('-')[0]) : NaN;
    if (Number.isInteger(pid) && !isAlive(pid))
      await rm(path.join(os.tmpdir(), entry), { recursive: true, force: true });
  }
  if (!serverUrl || !['localhost', '127.0.0.1', '[::1]', ''].includes(new URL(serverUrl).hostname)) return;
  const admin = await openPostgresAdmin(serverUrl);
  let stale: string[];
  try {
    const rows = await admin.query(`SELECT datname FROM pg_database WHERE datname ~ '^ct_[0-9]+_'`);
    stale = rows.map((row) => String(row[0])).filter((name) => !isAlive(Number(name.split('_')[1])));
  } finally {
    await admin.close();
  }
  await dropDatabases(serverUrl, stale);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
