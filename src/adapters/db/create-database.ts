import type { Logger } from '../../core/ports.js';
import { describeDatabaseTarget, parseDatabaseUrl } from './database-url.js';
import { type DriverAdapterHandle, openDriverAdapter } from './driver-adapter.js';
import { PrismaClient } from './generated/client.js';
import { createRawSql, type RawSql } from './raw-sql.js';

export { createPgliteDriverAdapter, type DriverAdapterHandle, openDriverAdapter } from './driver-adapter.js';
export type { PrismaClient };

/** An open database: a Prisma client and how to shut it down. */
export interface Database {
  readonly prisma: PrismaClient;
  readonly kind: 'pglite' | 'postgres';
  /** Statements straight to the driver, for hot paths only (see raw-sql.ts). */
  readonly sql: RawSql;
  /**
   * Embedded PGlite runs no autovacuum (it is one process, with no background
   * workers), so without this its tables keep their dead rows and the planner
   * never gets statistics: `VACUUM (ANALYZE)` of the whole database. Returns
   * false, doing nothing, on a PostgreSQL server, whose autovacuum does this.
   */
  maintain(): Promise<boolean>;
  /** Disconnects Prisma and closes the pool or the embedded PGlite (cleanly, so no recovery on next open). */
  close(): Promise<void>;
}

/** Options for {@link createDatabase}. */
export interface CreateDatabaseOptions {
  /** DATABASE_URL; unset or empty means embedded PGlite in `<dataDir>/pg`. */
  url: string | undefined;
  /** The app's data folder. */
  dataDir: string;
  logger?: Logger;
}

/**
 * Opens the configured database. Does not migrate: run `tutor db deploy`
 * (or `applyMigrations`) first.
 */
export async function createDatabase(options: CreateDatabaseOptions): Promise<Database> {
  const target = parseDatabaseUrl(options.url, options.dataDir);
  const handle = await openDriverAdapter(target);
  options.logger?.info('database opened', { database: describeDatabaseTarget(target) });
  return createDatabaseOn(handle);
}

/** Puts a Prisma client on an open driver adapter; `close()` closes both. */
export function createDatabaseOn(handle: DriverAdapterHandle): Database {
  const prisma = new PrismaClient({ adapter: handle.factory });
  let closing: Promise<void> | undefined;
  return {
    prisma,
    kind: handle.kind,
    sql: createRawSql(prisma, handle),
    async maintain() {
      if (!handle.pglite) return false;
      // Through PGlite's own queue, so it waits for any transaction Prisma has open, as raw-sql.ts does.
      await handle.pglite.exec('VACUUM (ANALYZE)');
      return true;
    },
    close() {
      closing ??= (async () => {
        try {
          await prisma.$disconnect();
        } finally {
          await handle.close();
        }
      })();
      return closing;
    },
  };
}
