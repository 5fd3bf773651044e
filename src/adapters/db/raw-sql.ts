import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type { PrismaClient } from './generated/client.js';

/**
 * One parameterised statement (`$1`, `$2` …) straight to the driver, for the
 * few hot paths where Prisma's own cost dominates. On embedded PGlite a
 * `$queryRaw` through the driver adapter costs about 0.5–1 ms of CPU more than
 * the same query on PGlite itself (bench/practice.ts), more than the query;
 * on PostgreSQL Prisma's engine adds a similar share to a loopback round trip.
 * Every other query stays on Prisma.
 */
export interface RawSql {
  /** Runs `text` with `params` and returns its rows as objects keyed by column name. */
  query<T>(text: string, params: readonly unknown[]): Promise<T[]>;
}

/**
 * The {@link RawSql} for an open database: PGlite's own `query` when the
 * database is embedded (it queues behind any transaction Prisma has open on
 * the same instance, as the Prisma adapter's own queries do), the pool's
 * `query` on a PostgreSQL server (the pool Prisma's adapter shares), else
 * Prisma's `$queryRawUnsafe`. Dates are sent as ISO strings, which a
 * `timestamp` column reads as UTC, as Prisma writes them. Not for use inside a
 * Prisma interactive transaction: on PGlite it would wait for that very
 * transaction to end, and on a server it would run outside it.
 */
export function createRawSql(prisma: PrismaClient, driver: { pglite?: PGlite; pool?: pg.Pool } = {}): RawSql {
  const { pglite, pool } = driver;
  if (pglite) {
    return {
      async query<T>(text: string, params: readonly unknown[]) {
        const result = await pglite.query<T>(text, params.map(toParam));
        return result.rows;
      },
    };
  }
  if (pool) {
    return {
      async query<T>(text: string, params: readonly unknown[]) {
        const result = await pool.query(text, params.map(toParam));
        return result.rows as T[];
      },
    };
  }
  return {
    query: <T>(text: string, params: readonly unknown[]) =>
      prisma.$queryRawUnsafe<T[]>(text, ...params.map(toParam)),
  };
}

const toParam = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : value);
