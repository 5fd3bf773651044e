import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTutor } from '../../fakes/run-tutor.js';
import { FIXTURE_CONTENT_DIR } from '../../fixtures/load-fixture-files.js';

const root = mkdtempSync(path.join(tmpdir(), 'tutor-cli-env-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
/** A new empty folder (not a project: tmpdir has no content/concepts above it). */
function folder(...files: Array<[string, string]>): string {
  const dir = path.join(root, `f${n++}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of files) writeFileSync(path.join(dir, name), text);
  return dir;
}

/** A concept-tutor folder: content/ with the fixture library, plus `files` at its root. */
function project(...files: Array<[string, string]>): string {
  const dir = folder(...files);
  cpSync(FIXTURE_CONTENT_DIR, path.join(dir, 'content'), { recursive: true });
  return dir;
}

describe('where an installed tutor finds its settings, content and data', () => {
  it('outside a project, with nothing set, says which variable to set and creates no data folder', async () => {
    const cwd = folder();
    const search = await runTutor(['search', 'token'], {}, { cwd });
    expect(search.code).toBe(1);
    expect(search.stderr).toBe(
      `tutor cannot tell where your content is: CONTENT_DIR is not set, and neither ${cwd} nor any folder above it is a concept-tutor folder (one with content/concepts).\n` +
        'Fix it by running tutor inside your concept-tutor folder, or by setting CONTENT_DIR (in the environment, or in a .env file in this folder), e.g.\n' +
        '  CONTENT_DIR=/srv/tutor/content DATA_DIR=/srv/tutor/data tutor …\n' +
        'tutor never creates a data folder outside a concept-tutor folder.\n',
    );
    const status = await runTutor(['digest', 'status'], {}, { cwd });
    expect(status.code).toBe(1);
    expect(status.stderr).toMatch(
      /^tutor cannot tell where your content and data are: CONTENT_DIR and DATA_DIR are not set/,
    );
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('with CONTENT_DIR alone, search works anywhere and still creates nothing', async () => {
    const cwd = folder();
    const result = await runTutor(
      ['search', 'how many tokens is a word', '--json'],
      { CONTENT_DIR: FIXTURE_CONTENT_DIR },
      { cwd },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).results[0].slug).toBe('token');
    const ask = await runTutor(['ask', 'what is a token'], { CONTENT_DIR: FIXTURE_CONTENT_DIR }, { cwd });
    expect(ask).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/where your data is: DATA_DIR is not set/),
    });
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('inside a project (any folder below it), uses its content/ and data/ and its .env', async () => {
    // The project's .env names a relative database folder: relative to the .env, not to where tutor runs.
    const dir = project(['.env', '# the project settings\nDATABASE_URL=pglite:./db\n']);
    const cwd = path.join(dir, 'content', 'concepts');
    const check = await runTutor(['content', 'check'], {}, { cwd });
    expect(check).toEqual({
      code: 0,
      stdout: `Content OK: 2 concepts, 1 use cases in ${path.join(dir, 'content')}\n`,
      stderr: '',
    });
    const ask = await runTutor(['ask', 'How many tokens is a word?', '--json'], {}, { cwd });
    expect(ask.code).toBe(0);
    expect(JSON.parse(ask.stdout).sources).toEqual([{ slug: 'token', title: 'Token' }]);
    expect(existsSync(path.join(dir, 'db', 'PG_VERSION'))).toBe(true);
    expect(existsSync(path.join(dir, 'data', 'user-id-salt'))).toBe(true);
    expect(readdirSync(cwd).sort()).toEqual(['temperature.md', 'token.md']);
  });

  it('reads .env from the working directory, relative paths from its folder; the environment wins', async () => {
    const lib = path.join(root, 'library');
    cpSync(FIXTURE_CONTENT_DIR, lib, { recursive: true });
    const cwd = folder(['.env', `CONTENT_DIR=../library\nPORT=eighty\nTUTOR_CLI_ENV_PROBE=1\n`]);
    // The .env's bad value is read...
    const bad = await runTutor(['search', 'token'], {}, { cwd });
    expect(bad).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/PORT: .*\(got "eighty"\)/),
    });
    // ...and the environment overrides it.
    const good = await runTutor(['content', 'check'], { PORT: '3000' }, { cwd });
    expect(good).toEqual({ code: 0, stdout: `Content OK: 2 concepts, 1 use cases in ${lib}\n`, stderr: '' });
    expect(process.env.TUTOR_CLI_ENV_PROBE).toBeUndefined();
  });

  it('stops on a malformed .env with its file and line, but help still works', async () => {
    const cwd = folder(['.env', 'CONTENT_DIR=./content\nexport\n']);
    expect(await runTutor(['search', 'token'], { CONTENT_DIR: FIXTURE_CONTENT_DIR }, { cwd })).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(new RegExp(`^${path.join(cwd, '.env')}:2: expected NAME=value`)),
    });
    expect((await runTutor(['search', '--help'], {}, { cwd })).code).toBe(0);
  });
});
