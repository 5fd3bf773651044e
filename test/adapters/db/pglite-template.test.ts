import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openAppDatabase } from '../../../src/adapters/db/open-app-database.js';
import { buildPgliteTemplate } from '../../../src/adapters/db/pglite-template.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { committedMigrations, scratchPaths } from './db-command-helpers.js';

let root: string;
let olderTemplate: string;
let migrations: Array<{ name: string; sql: string }>;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'ct-template-'));
  migrations = await committedMigrations();
  // A template built by an older release: every migration but the newest.
  const older = await scratchPaths(Object.fromEntries(migrations.slice(0, -1).map((m) => [m.name, m.sql])));
  olderTemplate = path.join(root, 'older.tar.gz');
  await buildPgliteTemplate(olderTemplate, { paths: older });
  await rm(older.root, { recursive: true, force: true });
}, 180_000); // One initdb and a migration run; slow on a loaded machine.
afterAll(() => rm(root, { recursive: true, force: true }));

/** Opens a new data folder as the service does, uses it, and returns what it logged and applied. */
async function firstStart(template: string | null, name: string) {
  const logger = createRecordingLogger();
  const dataDir = path.join(root, name);
  const db = await openAppDatabase({ url: undefined, dataDir, logger, pgliteTemplate: template });
  try {
    const email = `first-start-${name}@example.com`;
    await db.prisma.subscriber.create({ data: { email, status: 'active', consentSource: 'test' } });
    expect(await db.prisma.subscriber.count({ where: { email } })).toBe(1);
    const recorded = await db.prisma.$queryRaw<Array<{ migration_name: string }>>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`;
    expect(recorded.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    expect(await db.ping()).toBeNull();
  } finally {
    await db.close();
  }
  const applied =
    logger.lines.find((l) => l.message === 'applied database migrations')?.fields?.applied ?? [];
  return { logger, applied, dataDir };
}

describe('a new embedded database starts from the build template', () => {
  it('writes a gzipped template with every migration; a folder loaded from it needs none', async () => {
    const file = path.join(root, 'current.tar.gz');
    const built = await buildPgliteTemplate(file);
    expect(built.applied).toEqual(migrations.map((m) => m.name));
    const bytes = await readFile(file);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(existsSync(`${file}.${process.pid}.partial`)).toBe(false);

    const start = await firstStart(file, 'from-current');
    expect(start.applied).toEqual([]);
    expect(start.logger.lines.filter((l) => l.level === 'warn')).toEqual([]);
    expect(existsSync(path.join(start.dataDir, 'pg', 'PG_VERSION'))).toBe(true);
  }, 180_000);

  it('applies only the migrations newer than the template', async () => {
    const start = await firstStart(olderTemplate, 'from-older');
    expect(start.applied).toEqual([migrations.at(-1)!.name]);
    expect(start.logger.lines.filter((l) => l.level === 'warn')).toEqual([]);
  }, 120_000);

  it('loads an uncompressed dump too (dumpDataDir without gzip)', async () => {
    const start = await firstStart(inject('pgliteMigratedDump'), 'from-plain-tar');
    expect(start.applied).toEqual([]);
  }, 120_000);

  it('falls back to creating the database from scratch, saying why, when the template is missing', async () => {
    const missing = path.join(root, 'no-such-template.tar.gz');
    const start = await firstStart(missing, 'missing');
    expect(start.applied).toEqual(migrations.map((m) => m.name));
    const warning = start.logger.lines.find((l) => l.level === 'warn');
    expect(warning?.message).toContain(`the PGlite template ${missing} is missing`);
    expect(warning?.message).toContain('creating the embedded database from scratch');
  }, 180_000);

  it('falls back to creating the database from scratch, saying why, when the template is corrupt', async () => {
    const corrupt = path.join(root, 'corrupt.tar.gz');
    const good = await readFile(olderTemplate);
    // A truncated download or disk error: a gzip header, then garbage.
    await writeFile(corrupt, Buffer.concat([good.subarray(0, 64), Buffer.alloc(4096, 7)]));
    const start = await firstStart(corrupt, 'corrupt');
    expect(start.applied).toEqual(migrations.map((m) => m.name));
    const warning = start.logger.lines.find((l) => l.level === 'warn');
    expect(warning?.message).toContain(`the PGlite template ${corrupt} could not be loaded`);
    expect(warning?.fields).toMatchObject({ template: corrupt });
  }, 180_000);

  it('never loads the template over an existing database', async () => {
    const dataDir = path.join(root, 'existing');
    const first = await openAppDatabase({
      url: undefined,
      dataDir,
      logger: createRecordingLogger(),
      pgliteTemplate: olderTemplate,
    });
    await first.prisma.subscriber.create({
      data: { email: 'kept@example.com', status: 'active', consentSource: 'test' },
    });
    await first.close();
    const again = await openAppDatabase({
      url: undefined,
      dataDir,
      logger: createRecordingLogger(),
      pgliteTemplate: olderTemplate,
    });
    try {
      expect(await again.prisma.subscriber.count({ where: { email: 'kept@example.com' } })).toBe(1);
    } finally {
      await again.close();
    }
  }, 120_000);
});
