import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { Logger } from '../../core/ports.js';
import type { DatabaseTarget } from './database-url.js';
import { describeError } from './describe-error.js';
import { openPglite } from './open-pglite.js';
import { defaultPgliteTemplatePath, openPgliteFolder } from './open-pglite-folder.js';

/**
 * A Prisma driver adapter factory plus what it takes to release it. The same
 * factory serves PrismaClient and the schema engine (migrations).
 */
export interface DriverAdapterHandle {
  readonly kind: 'pglite' | 'postgres';
  readonly factory: SqlMigrationAwareDriverAdapterFactory;
  /** The PGlite instance behind the factory, when `kind` is `pglite`. */
  readonly pglite?: PGlite;
  /** The connection pool behind the factory, when `kind` is `postgres`. */
  readonly pool?: pg.Pool;
  /** Disposes every connection the factory handed out, then closes an owned PGlite. */
  close(): Promise<void>;
}

/** Options for {@link openDriverAdapter}. */
export interface OpenDriverAdapterOptions {
  /**
   * Pool size for PostgreSQL. Migrations must use 1: the engine's session-level
   * advisory lock and its unlock have to run on the same connection.
   */
  maxConnections?: number;
  /**
   * For a new PGlite folder: the migrated template to start from; defaults to
   * the one the build writes, null to run initdb (see openPgliteFolder).
   */
  pgliteTemplate?: string | null;
  /** Told when a new PGlite folder is created from scratch instead of from the template. */
  logger?: Logger;
}

/** Opens the driver adapter for a parsed DATABASE_URL target. */
export async function openDriverAdapter(
  target: DatabaseTarget,
  options: OpenDriverAdapterOptions = {},
): Promise<DriverAdapterHandle> {
  if (target.kind === 'postgres') {
    // Our own pool, shared with Prisma's adapter, so the few hot statements (raw-sql.ts) can go
    // to it directly; closed after Prisma's connections are disposed.
    const pool = new pg.Pool({
      connectionString: target.connectionString,
      ...(options.maxConnections !== undefined ? { max: options.maxConnections } : {}),
    });
    // An idle connection the server drops (a restart, a failover) is an 'error' event on the pool,
    // which would end the process if nothing listened. Prisma's adapter listens while it is
    // connected; this one covers the pool before and after that. pg discards the dropped
    // connection and the next query opens another, so there is nothing else to do.
    pool.on('error', () => {});
    const handle = trackConnections('postgres', withWholeScripts(new PrismaPg(pool)), () => pool.end());
    return { ...handle, pool };
  }
  const pglite =
    target.dataDir === null
      ? await openPglite(null)
      : await openPgliteFolder(target.dataDir, {
          template:
            options.pgliteTemplate === undefined ? defaultPgliteTemplatePath() : options.pgliteTemplate,
          logger: options.logger,
        });
  return createPgliteDriverAdapter(pglite, { closePglite: true });
}

/** Options for {@link createPgliteDriverAdapter}. */
export interface PgliteDriverAdapterOptions {
  /** Whether `close()` also closes the PGlite. */
  closePglite: boolean;
  /** Opens an empty shadow database for the engine; defaults to a new in-memory PGlite. */
  openShadow?: () => Promise<PGlite>;
}

/** Wraps an already open PGlite (e.g. one loaded from a test template). */
export function createPgliteDriverAdapter(
  pglite: PGlite,
  options: PgliteDriverAdapterOptions,
): DriverAdapterHandle {
  const openShadow = options.openShadow ?? (() => openPglite(null));
  const shadows: PGlite[] = [];
  const base = new PrismaPGlite(pglite);
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => withAwaitedPgliteScript(await base.connect(), pglite),
    // The stock adapter opens a shadow PGlite it never closes; open our own so
    // `close()` can shut it down (the engine uses it when diffing migrations).
    connectToShadowDb: async () => {
      const shadow = await openShadow();
      shadows.push(shadow);
      return withAwaitedPgliteScript(await new PrismaPGlite(shadow).connect(), shadow);
    },
  };
  const handle = trackConnections('pglite', factory, async () => {
    for (const shadow of shadows.splice(0)) await shadow.close();
    if (options.closePglite && !pglite.closed) await pglite.close();
  });
  return { ...handle, pglite };
}

/**
 * pglite-prisma-adapter 0.7.2 starts `executeScript` without awaiting it, so a
 * failing migration would be recorded as applied and its error would surface
 * as an unhandled rejection. Run the script to completion instead.
 */
function withAwaitedPgliteScript(adapter: SqlDriverAdapter, pglite: PGlite): SqlDriverAdapter {
  return override(adapter, {
    executeScript: async (script: string) => {
      try {
        await pglite.exec(script);
      } catch (error) {
        throw toDriverAdapterError(error);
      }
    },
  });
}

/**
 * @prisma/adapter-pg 7.10 runs a script by splitting it on every `;`, which
 * breaks on semicolons inside strings or function bodies. pg's simple query
 * protocol runs a multi-statement script as sent, like psql and the native engine.
 */
function withWholeScripts(pg: PrismaPg): SqlMigrationAwareDriverAdapterFactory {
  const wrap = async (connect: () => ReturnType<PrismaPg['connect']>): Promise<SqlDriverAdapter> => {
    const adapter = await connect();
    const pool = adapter.underlyingDriver();
    return override(adapter, {
      executeScript: async (script: string) => {
        try {
          await pool.query(script);
        } catch (error) {
          throw toDriverAdapterError(error);
        }
      },
    });
  };
  return {
    provider: pg.provider,
    adapterName: pg.adapterName,
    connect: () => wrap(() => pg.connect()),
    connectToShadowDb: () => wrap(() => pg.connectToShadowDb()),
  };
}

/** Keeps every adapter the factory hands out, so `close()` can dispose them all. */
function trackConnections(
  kind: 'pglite' | 'postgres',
  inner: SqlMigrationAwareDriverAdapterFactory,
  afterDispose: () => Promise<void> = async () => {},
): DriverAdapterHandle {
  const open = new Set<SqlDriverAdapter>();
  const track = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    open.add(adapter);
    return override(adapter, {
      dispose: async () => {
        if (!open.delete(adapter)) return;
        await adapter.dispose();
      },
    });
  };
  let closed = false;
  return {
    kind,
    factory: {
      provider: inner.provider,
      adapterName: inner.adapterName,
      connect: async () => track(await inner.connect()),
      connectToShadowDb: async () => track(await inner.connectToShadowDb()),
    },
    async close() {
      if (closed) return;
      closed = true;
      const adapters = [...open];
      open.clear();
      await Promise.allSettled(adapters.map((adapter) => adapter.dispose()));
      await afterDispose();
    },
  };
}

/**
 * Replaces some methods of an adapter while keeping `this` bound to the
 * original for the rest (the adapters are classes with private state).
 */
function override(adapter: SqlDriverAdapter, methods: Partial<SqlDriverAdapter>): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      if (Object.hasOwn(methods, prop)) return methods[prop as keyof SqlDriverAdapter];
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Maps a Postgres error (from pg or PGlite) to the shape Prisma's engines report. */
function toDriverAdapterError(error: unknown): unknown {
  // PGlite's file system throws plain objects ({ errno }); give them a message.
  if (!(error instanceof Error)) return new Error(describeError(error), { cause: error });
  if (typeof (error as { code?: unknown }).code !== 'string') return error;
  const e = error as Error & {
    code: string;
    severity?: string;
    detail?: string;
    column?: string;
    hint?: string;
  };
  return new DriverAdapterError({
    kind: 'postgres',
    code: e.code,
    severity: e.severity ?? 'ERROR',
    message: e.message,
    detail: e.detail,
    column: e.column,
    hint: e.hint,
  });
}
