import type { PGlite } from '@electric-sql/pglite';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { Logger } from '../../core/ports.js';
import { describeError } from './describe-error.js';
import { createPgliteDriverAdapter, type DriverAdapterHandle } from './driver-adapter.js';
import {
  findPrismaPaths,
  MIGRATION_LOCK_CONTENT,
  type PrismaPaths,
  readMigrationsList,
  readSchemaFile,
  writeMigration,
} from './migrations-folder.js';
import { openPglite } from './open-pglite.js';
import { type SchemaEngine, withSchemaEngine } from './schema-engine.js';

/** Options shared by the migration functions. */
export interface MigrateOptions {
  /** Defaults to the project's `prisma/` folder. */
  paths?: PrismaPaths;
  logger?: Logger;
}

/** What a deploy did. */
export interface DeployResult {
  /** Migrations applied by this call, oldest first; empty when already up to date. */
  applied: string[];
}

/** How a database's migration history compares with `prisma/migrations`. */
export interface MigrationStatus {
  upToDate: boolean;
  hasMigrationsTable: boolean;
  /** In the folder, not yet applied. */
  pending: string[];
  /** Applied, but missing from the folder (the code is older than the database). */
  unknown: string[];
  /** Started and failed; deploy refuses to continue until they are resolved. */
  failed: string[];
  /** Applied, but the file changed since. */
  edited: string[];
}

/** A generated migration. */
export interface DiffResult {
  /** The new folder's name, or null when the schema already matches the migrations. */
  folder: string | null;
  sql: string;
}

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/**
 * Applies pending migrations, as `prisma migrate deploy` does. Safe to run from
 * several processes at once: the engine holds a Postgres advisory lock while it
 * works, so exactly one applies each migration. With PostgreSQL, the factory
 * must use a single connection (see `openDriverAdapter`'s `maxConnections`).
 */
export async function applyMigrations(
  factory: SqlMigrationAwareDriverAdapterFactory,
  options: MigrateOptions = {},
): Promise<DeployResult> {
  const { schemaPath, migrationsDir } = options.paths ?? findPrismaPaths();
  const migrationsList = await readMigrationsList(migrationsDir);
  return withEngine(factory, schemaPath, options.logger, async (engine) => {
    try {
      const out = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
      return { applied: out.appliedMigrationNames };
    } catch (error) {
      // The engine's error says what failed but not in which migration.
      const history = await engine
        .diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_FILTERS })
        .catch(() => null);
      const failed = history?.failedMigrationNames ?? [];
      if (failed.length === 0) throw error;
      throw new Error(
        `Migration ${failed.join(', ')} failed: ${cleanEngineError(error).message}\n` +
          'Its statements ran as one transaction, so none of them took effect, but it is recorded as failed, which blocks ' +
          'further deploys. Fix the migration, then delete its row from _prisma_migrations ' +
          '(or run `prisma migrate resolve --rolled-back NAME` where the Prisma CLI can download its engine) and deploy again.',
        { cause: error },
      );
    }
  });
}

/** Compares the database's `_prisma_migrations` with the migrations folder, changing nothing. */
export async function migrationStatus(
  factory: SqlMigrationAwareDriverAdapterFactory,
  options: MigrateOptions = {},
): Promise<MigrationStatus> {
  const { schemaPath, migrationsDir } = options.paths ?? findPrismaPaths();
  const migrationsList = await readMigrationsList(migrationsDir);
  return withEngine(factory, schemaPath, options.logger, async (engine) => {
    const out = await engine.diagnoseMigrationHistory({
      migrationsList,
      optInToShadowDatabase: false,
      filters: NO_FILTERS,
    });
    const history = out.history;
    const pending =
      history && history.diagnostic !== 'migrationsDirectoryIsBehind' ? history.unappliedMigrationNames : [];
    const unknown =
      history && history.diagnostic !== 'databaseIsBehind' ? history.unpersistedMigrationNames : [];
    return {
      upToDate:
        history === null && out.failedMigrationNames.length === 0 && out.editedMigrationNames.length === 0,
      hasMigrationsTable: out.hasMigrationsTable,
      pending,
      unknown,
      failed: out.failedMigrationNames,
      edited: out.editedMigrationNames,
    };
  });
}

/**
 * Writes a new migration that takes the migrations folder to the current
 * schema. It replays the folder into throwaway in-memory PGlite databases, so
 * it needs no server. Returns `folder: null` when there is nothing to do.
 */
export async function diffMigrations(name: string, options: MigrateOptions = {}): Promise<DiffResult> {
  const { schemaPath, migrationsDir } = options.paths ?? findPrismaPaths();
  const migrationsList = await readMigrationsList(migrationsDir);
  // The engine will not diff a history without a lock file; the first diff creates it.
  migrationsList.lockfile.content ??= MIGRATION_LOCK_CONTENT;
  const schema = await readSchemaFile(schemaPath);
  // Diff from the migrations, not from `empty`: that would emit
  // `CREATE SCHEMA "public"`, which fails for roles without CREATE.
  // And from PGlite, not the server: adapter-pg cannot introspect a server's catalog.
  const scratch = await openScratchPglite();
  try {
    const result = await withEngine(scratch.factory, schemaPath, options.logger, (engine) =>
      engine.diff({
        from: { tag: 'migrations', ...migrationsList },
        to: { tag: 'schemaDatamodel', files: [schema] },
        script: true,
        exitCode: true,
        filters: NO_FILTERS,
      }),
    );
    // exitCode 2 means "there is a difference"; 0 means none.
    const sql = result.stdout ?? '';
    if (result.exitCode !== 2 || sql.trim() === '' || sql.includes('This is an empty migration.')) {
      return { folder: null, sql: '' };
    }
    return { folder: await writeMigration(migrationsDir, name, sql), sql };
  } finally {
    await scratch.close();
  }
}

/**
 * An empty in-memory PGlite with a clone of itself ready as the engine's
 * shadow database: a clone takes about a second, a fresh PGlite (initdb) three.
 */
async function openScratchPglite(): Promise<DriverAdapterHandle> {
  const main = await openPglite(null);
  let spare: PGlite | undefined = (await main.clone()) as PGlite;
  const handle = createPgliteDriverAdapter(main, {
    closePglite: true,
    openShadow: async () => {
      const shadow = spare ?? (await openPglite(null));
      spare = undefined;
      return shadow;
    },
  });
  return {
    ...handle,
    async close() {
      await handle.close();
      await spare?.close();
    },
  };
}

async function withEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  schemaPath: string,
  logger: Logger | undefined,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  try {
    return await withSchemaEngine(factory, await readSchemaFile(schemaPath), logger, run);
  } catch (error) {
    throw error instanceof Error && !isEngineError(error) ? error : cleanEngineError(error);
  }
}

function isEngineError(error: Error): boolean {
  return /\n\s+0: schema_engine/.test(error.message);
}

/** Engine errors end with a Rust span trace; keep the message readable and the original as `cause`. */
function cleanEngineError(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(describeError(error), { cause: error });
  // "external connector error" only says the driver adapter reported it; the next line has the database's words.
  const message =
    (error.message.split(/\n\s+0: /)[0] ?? '').replace(/^external connector error\s*/, '').trim() ||
    error.message;
  const cleaned = new Error(message, { cause: error });
  cleaned.name = error.name;
  return cleaned;
}
