import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveSecret } from '../../../src/adapters/state/resolve-secret.js';
import { loadConfig } from '../../../src/config/load-config.js';

describe('resolveSecret', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ct-secret-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('takes the environment variable when it is set, and writes no file', async () => {
    const config = loadConfig({ DATA_DIR: dir, TOKEN_SECRET: 't'.repeat(40) });
    expect(resolveSecret(config, 'TOKEN_SECRET')).toEqual({
      value: 't'.repeat(40),
      source: 'env',
      file: path.join(dir, 'token-secret'),
    });
    await expect(stat(path.join(dir, 'token-secret'))).rejects.toThrow(/ENOENT/);
  });

  it('otherwise generates one file per secret in DATA_DIR, readable only by its owner, and reuses it', async () => {
    const config = loadConfig({ DATA_DIR: dir });
    const names = ['USER_ID_SALT', 'TOKEN_SECRET', 'SESSION_SECRET'] as const;
    const first = names.map((name) => resolveSecret(config, name));
    expect(first.map((s) => [s.source, path.basename(s.file)])).toEqual([
      ['file', 'user-id-salt'],
      ['file', 'token-secret'],
      ['file', 'session-secret'],
    ]);
    expect(new Set(first.map((s) => s.value)).size).toBe(3);
    for (const secret of first) {
      expect((await readFile(secret.file, 'utf8')).trim()).toBe(secret.value);
      expect((await stat(secret.file)).mode & 0o077).toBe(0);
    }
    expect(names.map((name) => resolveSecret(config, name).value)).toEqual(first.map((s) => s.value));
  });
});
