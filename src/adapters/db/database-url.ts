import path from 'node:path';
import { ConfigError } from '../../core/errors.js';

/** Where the data lives: an embedded PGlite (in a folder or in memory) or a PostgreSQL server. */
export type DatabaseTarget =
  | { kind: 'pglite' /** Absolute folder, or null for an in-memory database. */; dataDir: string | null }
  | { kind: 'postgres'; connectionString: string };

const ACCEPTED_FORMS =
  'unset (embedded PGlite in <dataDir>/pg), "pglite:<path>", "pglite:memory", "postgres://…" or "postgresql://…"';

/**
 * Parses DATABASE_URL. An unset or empty value means the embedded default, so
 * a fresh checkout runs with no database to install.
 *
 * @param url the configured value, e.g. `process.env.DATABASE_URL`
 * @param dataDir the app's data folder; the default PGlite lives in `<dataDir>/pg`
 * @param cwd what a relative `pglite:` path is resolved against
 * @throws ConfigError naming DATABASE_URL, the (masked) value and the accepted forms
 */
export function parseDatabaseUrl(
  url: string | undefined,
  dataDir: string,
  cwd: string = process.cwd(),
): DatabaseTarget {
  const value = url?.trim() ?? '';
  if (value === '') return { kind: 'pglite', dataDir: path.resolve(cwd, dataDir, 'pg') };
  if (/^postgres(ql)?:\/\/\S+$/i.test(value)) return { kind: 'postgres', connectionString: value };
  if (value.startsWith('pglite:')) {
    const location = value.slice('pglite:'.length).trim();
    if (location === 'memory' || location === 'memory://') return { kind: 'pglite', dataDir: null };
    if (location !== '') return { kind: 'pglite', dataDir: path.resolve(cwd, location) };
  }
  throw new ConfigError(
    `DATABASE_URL is not a supported database URL: "${maskDatabaseUrl(value)}". Accepted: ${ACCEPTED_FORMS}.`,
  );
}

/** Replaces the password in a URL with `***`, so URLs can be logged and shown in errors. */
export function maskDatabaseUrl(url: string): string {
  // A regex rather than `new URL()`: it must also mask values that are not valid
  // URLs. The greedy password part runs to the last `@` of the authority, so an
  // unescaped `@` inside a password is masked too.
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*):[^/?#]*@/i, '$1:***@');
}

/** A one-line description of a target for logs, without secrets. */
export function describeDatabaseTarget(target: DatabaseTarget): string {
  if (target.kind === 'postgres') return `PostgreSQL ${maskDatabaseUrl(target.connectionString)}`;
  return target.dataDir === null ? 'PGlite (in memory)' : `PGlite ${target.dataDir}`;
}
