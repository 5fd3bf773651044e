import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runTutor } from '../../fakes/run-tutor.js';
import { FIXTURE_CONTENT_DIR } from '../../fixtures/load-fixture-files.js';

/** Every group and command `tutor` has; each must have help with an example. */
const COMMANDS = [
  'ask',
  'search',
  'content',
  'content check',
  'db',
  'db deploy',
  'db status',
  'db diff',
  'digest',
  'digest preview',
  'digest send',
  'digest status',
  'digest retry-failed',
  'digest pin',
  'subscribers',
  'subscribers add',
  'subscribers import',
  'subscribers export',
  'subscribers remove',
  'discord',
  'discord register',
];
// A broken setting: help and usage errors must not need a valid environment.
const env = { ANTHROPIC_MAX_TOKENS: 'lots' };

describe('tutor command line parsing', () => {
  it.each(COMMANDS)('tutor %s --help shows usage, a description and an example', async (command) => {
    const result = await runTutor([...command.split(' '), '--help'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(new RegExp(`^Usage: tutor ${command} `));
    expect(result.stdout).toMatch(new RegExp(`\\nExamples:\\n  tutor ${command}( |\\n)`));
  });

  it('tutor --help lists the groups and commands, with examples and where tutor finds things', async () => {
    const { code, stdout } = await runTutor(['--help'], env);
    expect(code).toBe(0);
    for (const group of ['ask', 'search', 'content', 'db', 'digest', 'subscribers', 'discord'])
      expect(stdout).toMatch(new RegExp(`\\n  ${group} `));
    expect(stdout).toContain('Outside a concept-tutor folder, set\n             CONTENT_DIR and DATA_DIR');
  });

  it('tutor digest --help lists the digest commands (it used to be an unknown command)', async () => {
    const { code, stdout } = await runTutor(['digest', '--help'], env);
    expect(code).toBe(0);
    for (const sub of ['preview', 'send', 'status', 'retry-failed', 'pin'])
      expect(stdout).toMatch(new RegExp(`\\n  ${sub} \\[options\\]\\s+\\S`));
    expect((await runTutor(['help', 'digest'], env)).stdout).toBe(stdout);
  });

  it('tutor --version prints the version from package.json', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
    expect(await runTutor(['--version'], env)).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect((await runTutor(['-V'], env)).stdout).toBe(`${version}\n`);
  });

  it('an unknown flag is an error naming it, and nothing is asked (it used to join the question)', async () => {
    const result = await runTutor(['ask', 'hello', '--jsno'], env);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: unknown option \'--jsno\'\n(Did you mean --json?)\nRun "tutor ask --help" for usage and examples.\n',
    });
  });

  it('an unknown command names it, suggests the closest and points at the help', async () => {
    expect(await runTutor(['digest', 'sned'], env)).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: unknown command \'sned\'\n(Did you mean send?)\nRun "tutor digest --help" for usage and examples.\n',
    });
  });

  it('missing and extra arguments and missing option values are usage errors (exit 2)', async () => {
    expect(await runTutor(['subscribers', 'add'], env)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^error: missing required argument 'email'\n/),
    });
    expect(await runTutor(['digest', 'status', 'W48'], env)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^error: too many arguments for 'status'/),
    });
    expect(await runTutor(['digest', 'preview', '--week'], env)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^error: option '--week <week>' argument missing\n/),
    });
    expect(await runTutor(['digest', 'pin', '--concept', 'token'], env)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^error: required option '--week <week>' not specified\n/),
    });
    expect(await runTutor(['search'], env)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^error: missing required argument 'question'\n/),
    });
  });

  it('a group without a command, or tutor alone, shows its help on stderr with exit 2', async () => {
    const bare = await runTutor([], env);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/^Usage: tutor \[options\] \[command\]/);
    const group = await runTutor(['subscribers'], env);
    expect(group.code).toBe(2);
    expect(group.stderr).toMatch(/^Usage: tutor subscribers \[options\] \[command\]/);
  });

  it('a flag-like word after -- is part of the question, not an option', async () => {
    const result = await runTutor(['search', '--', '--json', 'tokens'], { CONTENT_DIR: FIXTURE_CONTENT_DIR });
    expect(result.code).toBe(0);
    // Plain text, not JSON: --json was a word of the question.
    expect(result.stdout).toMatch(/^(Covered|Not covered) \([a-z-]+; \d+% of the question explained\)\n/);
  });
});
