import { openDriverAdapter } from '../../src/adapters/db/driver-adapter.js';

/** A single maintenance connection for creating and dropping test databases. */
export interface PostgresAdmin {
  exec(sql: string): Promise<void>;
  /** Rows as arrays, in column order. */
  query(sql: string): Promise<unknown[][]>;
  close(): Promise<void>;
}

/** Connects to `url` (e.g. TEST_DATABASE_URL) for CREATE/DROP DATABASE. */
export async function openPostgresAdmin(url: string): Promise<PostgresAdmin> {
  const handle = await openDriverAdapter({ kind: 'postgres', connectionString: url }, { maxConnections: 1 });
  const conn = await handle.factory.connect();
  return {
    async exec(sql) {
      await conn.executeRaw({ sql, args: [], argTypes: [] });
    },
    async query(sql) {
      return (await conn.queryRaw({ sql, args: [], argTypes: [] })).rows;
    },
    close: () => handle.close(),
  };
}

/** The same server URL pointing at another database. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Database names are generated here, but quote them anyway. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
