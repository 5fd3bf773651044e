import type { PGlite } from '@electric-sql/pglite';
import type { PrismaClient } from './generated/client.js';

/**
 * One parameterised statement (`$1`, `$2` …) straight to the driver, for the
 * few hot paths where Prisma's own cost dominates. On embedded PGlite a
 * `$queryRaw` through the driver adapter costs about 0.5–1 ms of CPU more than
 * the same query on PGlite itself (bench/practice.ts), more than the query.
 * Every other query stays on Prisma.
 */
export interface RawSql {
  /** Runs `text` with `params` and returns its rows as objects keyed by column name. */
  query<T>(text: string, params: readonly unknown[]): Promise<T[]>;
}

/**
 * The {@link RawSql} for an open database: PGlite's own `query` when the
 * database is embedded (it queues behind any transaction Prisma has open on
 * the same instance, as the Prisma adapter's own queries do), else Prisma's
 * `$queryRawUnsafe` (on a server the network round trip dominates anyway).
 * Dates are sent as ISO strings, which a `timestamp` column reads as UTC,
 * as Prisma writes them. Not for use inside a Prisma interactive
 * transaction: on PGlite it would wait for that very transaction to end.
 */
export function createRawSql(prisma: PrismaClient, pglite?: PGlite): RawSql {
  if (pglite) {
    return {
      async query<T>(text: string, params: readonly unknown[]) {
        const result = await pglite.query<T>(text, params.map(toParam));
        return result.rows;
      },
    };
  }
  return {
    query: <T>(text: string, params: readonly unknown[]) =>
      prisma.$queryRawUnsafe<T[]>(text, ...params.map(toParam)),
  };
}

const toParam = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : value);
