import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { describeError } from '../../../src/adapters/db/describe-error.js';
import { openAppDatabase } from '../../../src/adapters/db/open-app-database.js';
import { openPglite } from '../../../src/adapters/db/open-pglite.js';
import { acquirePgliteLock } from '../../../src/adapters/db/pglite-process-lock.js';
import { ConfigError } from '../../../src/core/errors.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';

const root = mkdtempSync(path.join(tmpdir(), 'tutor-pglite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The migrated template the global setup built: opening from it skips initdb and migrations. */
const template = () => new Blob([readFileSync(inject('pgliteMigratedDump'))]);

async function refusal(open: Promise<unknown>): Promise<string> {
  const error = await open.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as Error).message;
}

/** What every refusal must say: which settings choose the folder. */
const NAMES_THE_SETTINGS =
  /DATA_DIR\/pg, or in the folder of DATABASE_URL=pglite:<folder>; point that setting at a folder/;

describe('opening the embedded database folder', () => {
  it('follows a symbolic link to a folder (it failed with "[object Object]")', async () => {
    const real = path.join(root, 'disk', 'pg');
    mkdirSync(real, { recursive: true });
    mkdirSync(path.join(root, 'data'));
    const link = path.join(root, 'data', 'pg');
    symlinkSync(real, link);
    const pglite = await openPglite(link, { loadDataDir: template() });
    try {
      expect((await pglite.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await pglite.close();
    }
    expect(existsSync(path.join(real, 'PG_VERSION'))).toBe(true);
  });

  it('locks beside the real folder, so every path to one database meets one lock', () => {
    const real = path.join(root, 'locked');
    mkdirSync(real);
    const link = path.join(root, 'locked-link');
    symlinkSync(real, link);
    const release = acquirePgliteLock(link);
    try {
      expect(existsSync(`${real}.lock`)).toBe(true);
      expect(existsSync(`${link}.lock`)).toBe(false);
    } finally {
      release();
    }
  });

  it('refuses a link to a folder that does not exist, naming the link, its target and the fix', async () => {
    const link = path.join(root, 'dangling');
    symlinkSync(path.join(root, 'nowhere'), link);
    const message = await refusal(openPglite(link, { loadDataDir: template() }));
    expect(message).toContain(
      `Cannot use ${link} for the embedded database: it is a symbolic link to ${path.join(root, 'nowhere')}, which does not exist.`,
    );
    expect(message).toContain(`mkdir -p ${path.join(root, 'nowhere')}`);
    expect(message).toMatch(NAMES_THE_SETTINGS);
    expect(message).not.toContain('[object Object]');
  });

  it('refuses a file, and a link to a file', async () => {
    const file = path.join(root, 'a-file');
    writeFileSync(file, 'not a database');
    expect(await refusal(openPglite(file))).toMatch(
      new RegExp(`^Cannot use ${file} for the embedded database: it is a file, not a folder\\. `),
    );
    const link = path.join(root, 'link-to-file');
    symlinkSync(file, link);
    const message = await refusal(openPglite(link));
    expect(message).toContain(`it is a symbolic link to ${file}, which is a file, not a folder.`);
    expect(message).toMatch(NAMES_THE_SETTINGS);
  });

  it('refuses through the service path with the same message, and releases the lock', async () => {
    const dataDir = path.join(root, 'service-data');
    mkdirSync(dataDir);
    symlinkSync(path.join(root, 'gone'), path.join(dataDir, 'pg'));
    const message = await refusal(
      openAppDatabase({ url: undefined, dataDir, logger: createRecordingLogger() }),
    );
    expect(message).toMatch(/is a symbolic link to .*gone, which does not exist/);
    acquirePgliteLock(path.join(dataDir, 'pg'))();
  });
});

describe('describeError', () => {
  it.each([
    [{ name: 'ErrnoError', errno: 44 }, 'ENOENT: no such file or directory (PGlite errno 44)'],
    [{ name: 'ErrnoError', errno: 54 }, 'ENOTDIR: not a directory (PGlite errno 54)'],
    [{ name: 'ErrnoError', errno: 999 }, 'file system error (PGlite errno 999)'],
    [new Error('plain'), 'plain'],
    [{ code: 'X', detail: 'y' }, '{"code":"X","detail":"y"}'],
    ['text', 'text'],
  ])('%j -> %s', (error, expected) => {
    expect(describeError(error)).toBe(expected);
  });

  it('describes an object that cannot be serialised', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(describeError(circular)).toBe('an unprintable object with the keys self');
  });
});
