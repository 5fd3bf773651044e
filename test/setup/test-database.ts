import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { createDatabase, createDatabaseOn, type Database } from '../../src/adapters/db/create-database.js';
import { createPgliteDriverAdapter } from '../../src/adapters/db/driver-adapter.js';
import { openPglite } from '../../src/adapters/db/open-pglite.js';
import { openPostgresAdmin, quoteIdent, withDatabaseName } from './postgres-admin.js';

/** The two databases the product runs on. */
export type DatabaseKind = 'pglite' | 'postgres';

/** The server the PostgreSQL variants run against, e.g. postgresql://postgres@127.0.0.1:5432/test. */
export const postgresTestUrl: string | undefined = process.env.TEST_DATABASE_URL || undefined;

/** Shown in the name of every skipped PostgreSQL suite. */
export const POSTGRES_SKIP_REASON = 'set TEST_DATABASE_URL to run against PostgreSQL';

/** A fresh, migrated database that belongs to one test file. */
export interface TestDatabase extends Database {
  /** A DATABASE_URL for the same data (`pglite:<folder>` or `postgresql://…`). */
  readonly url: string;
  /** Closes this connection but keeps the data, as a process exit would. */
  disconnect(): Promise<void>;
  /** Opens another connection to the same data (PGlite: `disconnect()` first, one process per folder). */
  reopen(): Promise<Database>;
  /** Closes every connection and deletes the database. */
  close(): Promise<void>;
}

/**
 * Gives a test file its own migrated database, cloned from the template the
 * global setup built (PGlite: load the dump into a new folder, ~0.7 s;
 * PostgreSQL: CREATE DATABASE … TEMPLATE, ~0.1 s).
 */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  return kind === 'pglite'
    ? openPgliteTestDatabase(inject('pgliteMigratedDump'))
    : openPostgresTestDatabase(true);
}

/** A database with no migrations applied, for migration tests. Nothing holds it open. */
export async function openEmptyTestDatabase(
  kind: DatabaseKind,
): Promise<{ url: string; close(): Promise<void> }> {
  const db =
    kind === 'pglite'
      ? await openPgliteTestDatabase(inject('pgliteEmptyDump'))
      : await openPostgresTestDatabase(false);
  await db.disconnect();
  return { url: db.url, close: () => db.close() };
}

/**
 * Runs a suite on PGlite and on PostgreSQL. Without TEST_DATABASE_URL the
 * PostgreSQL suite is reported as skipped, with the reason in its name.
 */
export function describeEachDatabase(name: string, fn: (kind: DatabaseKind) => void): void {
  describe(`${name} [PGlite]`, () => fn('pglite'));
  const title = postgresTestUrl
    ? `${name} [PostgreSQL]`
    : `${name} [PostgreSQL: skipped, ${POSTGRES_SKIP_REASON}]`;
  describe.skipIf(!postgresTestUrl)(title, () => fn('postgres'));
}

/** Opens a test database before the suite's tests and deletes it after them; call the result inside a test. */
export function useTestDatabase(kind: DatabaseKind): () => TestDatabase {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });
  return () => {
    if (!db) throw new Error('useTestDatabase: the database is only available inside tests');
    return db;
  };
}

const dumps = new Map<string, Promise<Blob>>();

async function openPgliteTestDatabase(dumpPath: string): Promise<TestDatabase> {
  dumps.set(dumpPath, dumps.get(dumpPath) ?? readFile(dumpPath).then((bytes) => new Blob([bytes])));
  const folder = path.join(inject('pgliteRunDir'), `db-${randomBytes(4).toString('hex')}`);
  const dataDir = path.join(folder, 'pg');
  const pglite = await openPglite(dataDir, { loadDataDir: await dumps.get(dumpPath)! });
  const url = `pglite:${dataDir}`;
  return trackConnections(
    createDatabaseOn(createPgliteDriverAdapter(pglite, { closePglite: true })),
    url,
    () => rm(folder, { recursive: true, force: true }),
  );
}

async function openPostgresTestDatabase(migrated: boolean): Promise<TestDatabase> {
  if (!postgresTestUrl) throw new Error(`No PostgreSQL test database: ${POSTGRES_SKIP_REASON}`);
  const template = migrated ? inject('postgresTemplate') : 'template0';
  if (!template) throw new Error('No PostgreSQL template: is test/setup/global-db.ts in vitest globalSetup?');
  const name = `${inject('dbRunId')}_${randomBytes(4).toString('hex')}`;
  const admin = await openPostgresAdmin(postgresTestUrl);
  try {
    await admin.exec(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`);
  } finally {
    await admin.close();
  }
  const url = withDatabaseName(postgresTestUrl, name);
  return trackConnections(await createDatabase({ url, dataDir: '.' }), url, async () => {
    const dropper = await openPostgresAdmin(postgresTestUrl);
    try {
      await dropper.exec(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    } finally {
      await dropper.close();
    }
  });
}

function trackConnections(first: Database, url: string, destroy: () => Promise<void>): TestDatabase {
  const others: Database[] = [];
  let closed: Promise<void> | undefined;
  return {
    prisma: first.prisma,
    kind: first.kind,
    sql: first.sql,
    maintain: () => first.maintain(),
    url,
    disconnect: () => first.close(),
    async reopen() {
      const db = await createDatabase({ url, dataDir: '.' });
      others.push(db);
      return db;
    },
    close() {
      closed ??= (async () => {
        await Promise.allSettled([first.close(), ...others.map((db) => db.close())]);
        await destroy();
      })();
      return closed;
    },
  };
}
