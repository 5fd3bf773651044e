import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEnvFile, withEnvFile } from '../../src/config/env-file.js';
import { ConfigError } from '../../src/core/errors.js';

const root = mkdtempSync(path.join(tmpdir(), 'tutor-env-file-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
/** A fresh folder holding a `.env` with `text`. */
function folderWithEnv(text: string): string {
  const dir = path.join(root, String(n++));
  mkdirSync(dir);
  writeFileSync(path.join(dir, '.env'), text);
  return dir;
}

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('.env files', () => {
  it("reads Node's .env format: comments, blank lines, export, quotes, multi-line quoted values", () => {
    const dir = folderWithEnv(
      '\uFEFF# settings\n\nPORT=8080\nexport LOG_LEVEL=debug\nNEWSLETTER_NAME="Weekly AI" # the name\nDKIM_PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----"\nEMPTY=\r\n',
    );
    expect(readEnvFile(path.join(dir, '.env'))).toEqual({
      PORT: '8080',
      LOG_LEVEL: 'debug',
      NEWSLETTER_NAME: 'Weekly AI',
      DKIM_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----',
      EMPTY: '',
    });
  });

  it('lets the environment win, returns a new object and never touches process.env', () => {
    const dir = folderWithEnv('PORT=8080\nLOG_LEVEL=debug\nTUTOR_ENV_FILE_PROBE=from-file\n');
    const env = { PORT: '3001', HOME: '/home/x' };
    const loaded = withEnvFile(env, dir);
    expect(loaded.env).toEqual({
      PORT: '3001',
      HOME: '/home/x',
      LOG_LEVEL: 'debug',
      TUTOR_ENV_FILE_PROBE: 'from-file',
    });
    expect(loaded.file).toBe(path.join(dir, '.env'));
    expect([...loaded.fromFile].sort()).toEqual(['LOG_LEVEL', 'TUTOR_ENV_FILE_PROBE']);
    expect(env).toEqual({ PORT: '3001', HOME: '/home/x' });
    expect(process.env.TUTOR_ENV_FILE_PROBE).toBeUndefined();
  });

  it('is optional: without a .env the environment is used as it is', () => {
    const dir = path.join(root, 'no-env');
    mkdirSync(dir);
    expect(withEnvFile({ PORT: '1' }, dir)).toEqual({ env: { PORT: '1' }, file: null, fromFile: new Set() });
  });

  it('names the file and line of a malformed entry, without echoing it (it may be a secret)', () => {
    const dir = folderWithEnv('PORT=8080\n# ok\nsk-ant-api03-secret\n');
    const message = errorOf(() => withEnvFile({}, dir));
    expect(message).toMatch(
      new RegExp(`^${path.join(dir, '.env').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: expected NAME=value`),
    );
    expect(message).not.toContain('sk-ant');
    expect(errorOf(() => withEnvFile({}, folderWithEnv('A=1\nMY VAR=2\n')))).toMatch(
      /\.env:2: expected NAME=value/,
    );
  });

  it('names the line where a quote opens that never closes', () => {
    const message = errorOf(() =>
      withEnvFile({}, folderWithEnv('A=1\nMAIL_FROM="Tutor <a@example.com>\nB=2\n')),
    );
    expect(message).toMatch(/\.env:2: the value of MAIL_FROM opens a " quote that is never closed/);
  });

  it('says so when .env cannot be read', () => {
    const dir = path.join(root, 'env-is-a-folder');
    mkdirSync(path.join(dir, '.env'), { recursive: true });
    expect(errorOf(() => withEnvFile({}, dir))).toMatch(/^Cannot read .*\.env: /);
  });
});

/** Runs the service entry point (src/main.ts) in `cwd` until it exits. */
function runService(
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const main = new URL('../../src/main.ts', import.meta.url).pathname;
  // By URL: from a folder outside the checkout, the bare name `tsx` would not resolve.
  const tsx = import.meta.resolve('tsx');
  const child = spawn(process.execPath, ['--import', tsx, main], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

describe('the service (npm start) reads .env from its working directory', () => {
  it('uses the values in .env, under the environment', async () => {
    // Both values are invalid, so the service stops at once and says which ones it read.
    const dir = folderWithEnv('PORT=eighty\nLOG_LEVEL=loud\n');
    // Without .env support the service would instead fail fast on the missing content folder.
    const { code, stderr } = await runService(dir, {
      LOG_LEVEL: 'warn',
      CONTENT_DIR: path.join(dir, 'none'),
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/PORT: .*\(got "eighty"\)/);
    expect(stderr).not.toMatch(/LOG_LEVEL/);
  });

  it('stops with the file and line of a malformed .env', async () => {
    const dir = folderWithEnv('PORT=3000\nthis is not a setting\n');
    const { code, stderr } = await runService(dir, { CONTENT_DIR: path.join(dir, 'none') });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `${path.join(dir, '.env')}:2: expected NAME=value (a variable name such as PORT, "=", then the value). Blank lines and lines starting with # are fine; fix or remove line 2.\n`,
    );
  });
});
