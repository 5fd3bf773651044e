import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../core/ports.js';
import { type DatabaseTarget, describeDatabaseTarget, parseDatabaseUrl } from './database-url.js';
import { describeError } from './describe-error.js';
import { type DriverAdapterHandle, openDriverAdapter } from './driver-adapter.js';
import { applyMigrations, diffMigrations, type MigrationStatus, migrationStatus } from './migrate.js';
import { findPrismaPaths, type PrismaPaths, readMigrationsList } from './migrations-folder.js';
import { acquirePgliteLock } from './pglite-process-lock.js';

/** The `tutor db` subcommands. */
export type DbSubcommand = 'deploy' | 'status' | 'diff';

/** Options for {@link runDbCommand}. */
export interface DbCommandOptions {
  /** DATABASE_URL (unset or empty: embedded PGlite in `<dataDir>/pg`). Not used by `diff`. */
  url?: string | undefined;
  dataDir: string;
  /** Receives every line meant for the person at the terminal. */
  out: (line: string) => void;
  logger?: Logger;
  /** Defaults to the project's `prisma/` folder. */
  paths?: PrismaPaths;
}

const USAGE = 'usage: tutor db deploy | tutor db status | tutor db diff --name NAME';

/**
 * Runs `tutor db deploy|status|diff` and returns the process exit code:
 * 0 on success, 1 on failure (status: not up to date), 2 on bad usage.
 * Callers should `process.exit()` with it: pools and PGlite are closed here,
 * but the WASM engine may keep timers alive.
 */
export async function runDbCommand(
  sub: DbSubcommand,
  args: string[],
  opts: DbCommandOptions,
): Promise<number> {
  try {
    if (sub === 'diff') return await diff(args, opts);
    if (args.length > 0) return usage(opts, `unexpected argument: ${args[0]}`);
    if (sub === 'deploy') return await deploy(opts);
    if (sub === 'status') return await status(opts);
    return usage(opts, `unknown subcommand: ${String(sub)}`);
  } catch (error) {
    opts.out(`error: ${describeError(error)}`);
    return 1;
  }
}

async function deploy(opts: DbCommandOptions): Promise<number> {
  const target = parseDatabaseUrl(opts.url, opts.dataDir);
  opts.out(`Database: ${describeDatabaseTarget(target)}`);
  return withAdapter(target, opts, async (factory) => {
    const { applied } = await applyMigrations(factory, migrateOptions(opts));
    if (applied.length === 0) opts.out('No pending migrations: the database is up to date.');
    else opts.out(`Applied ${applied.length} migration(s):`);
    for (const name of applied) opts.out(`  ${name}`);
    return 0;
  });
}

/**
 * Opens the target for the engine: one connection (its advisory lock is per
 * session) and, for a PGlite folder, the same process lock the service takes,
 * so running this next to the service fails clearly instead of corrupting data.
 */
async function withAdapter(
  target: DatabaseTarget,
  opts: DbCommandOptions,
  fn: (factory: DriverAdapterHandle['factory']) => Promise<number>,
): Promise<number> {
  const release =
    target.kind === 'pglite' && target.dataDir !== null ? acquirePgliteLock(target.dataDir) : () => {};
  try {
    const handle = await openDriverAdapter(target, {
      maxConnections: 1,
      // The build's template holds the project's migrations; another migrations folder starts from initdb.
      ...(opts.paths ? { pgliteTemplate: null } : {}),
      ...(opts.logger ? { logger: opts.logger } : {}),
    });
    try {
      return await fn(handle.factory);
    } finally {
      await handle.close();
    }
  } finally {
    release();
  }
}

async function status(opts: DbCommandOptions): Promise<number> {
  const target = parseDatabaseUrl(opts.url, opts.dataDir);
  opts.out(`Database: ${describeDatabaseTarget(target)}`);
  if (target.kind === 'pglite' && target.dataDir !== null && !existsSync(target.dataDir)) {
    // Opening it would create it (initdb): a status check should change nothing.
    const { migrationsDir } = opts.paths ?? findPrismaPaths();
    const pending = (await readMigrationsList(migrationsDir)).migrationDirectories.map((dir) => dir.path);
    opts.out('The embedded database does not exist yet; `tutor db deploy` creates it.');
    for (const line of describeStatus({
      upToDate: false,
      hasMigrationsTable: true,
      pending,
      unknown: [],
      failed: [],
      edited: [],
    })) {
      opts.out(line);
    }
    return 1;
  }
  return withAdapter(target, opts, async (factory) => {
    const report = await migrationStatus(factory, migrateOptions(opts));
    for (const line of describeStatus(report)) opts.out(line);
    return report.upToDate ? 0 : 1;
  });
}

async function diff(args: string[], opts: DbCommandOptions): Promise<number> {
  const parsed = parseNameArgs(args);
  if (typeof parsed !== 'string') return usage(opts, parsed.problem);
  const name = parsed;
  const result = await diffMigrations(name, migrateOptions(opts));
  if (result.folder === null) {
    opts.out('no changes: the migrations already match prisma/schema.prisma');
    return 0;
  }
  const { migrationsDir } = opts.paths ?? findPrismaPaths();
  const file = path.join(migrationsDir, result.folder, 'migration.sql');
  opts.out(`Created ${path.relative(process.cwd(), file) || file}`);
  opts.out('Review it, commit it, then run `tutor db deploy`.');
  return 0;
}

function describeStatus(report: MigrationStatus): string[] {
  if (report.upToDate) return ['Up to date: every migration is applied.'];
  const lines: string[] = [];
  if (!report.hasMigrationsTable) lines.push('The database has no migration history yet.');
  const list = (title: string, names: string[]) => {
    if (names.length === 0) return;
    lines.push(`${title} (${names.length}):`);
    for (const name of names) lines.push(`  ${name}`);
  };
  list('Pending, run `tutor db deploy`', report.pending);
  list('Failed, resolve by hand before deploying again', report.failed);
  list('Edited after being applied', report.edited);
  list('Applied but missing from prisma/migrations (is this code older than the database?)', report.unknown);
  return lines;
}

/** Accepts exactly `--name NAME` or `--name=NAME`. */
function parseNameArgs(args: string[]): string | { problem: string } {
  let name: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--name') name = args[++i];
    else if (arg.startsWith('--name=')) name = arg.slice('--name='.length);
    else return { problem: `unexpected argument: ${arg}` };
  }
  return name?.trim() ? name.trim() : { problem: 'diff needs --name NAME' };
}

function usage(opts: DbCommandOptions, problem: string): number {
  opts.out(`error: ${problem}`);
  opts.out(USAGE);
  return 2;
}

function migrateOptions(opts: DbCommandOptions) {
  return { ...(opts.paths ? { paths: opts.paths } : {}), ...(opts.logger ? { logger: opts.logger } : {}) };
}
