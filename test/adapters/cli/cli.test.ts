import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAnthropicServer, startFakeAnthropicServer } from '../../fakes/fake-anthropic-server.js';
import { runTutor } from '../../fakes/run-tutor.js';
import { FIXTURE_CONTENT_DIR } from '../../fixtures/load-fixture-files.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'tutor-cli-'));
const base = {
  CONTENT_DIR: FIXTURE_CONTENT_DIR,
  DATA_DIR: dataDir,
  DATABASE_URL: 'pglite:memory',
  LOG_LEVEL: 'warn',
};
let fake: FakeAnthropicServer;
beforeAll(async () => {
  fake = await startFakeAnthropicServer();
});
afterAll(async () => {
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('tutor CLI', () => {
  it('lists its commands with --help', async () => {
    const { code, stdout } = await runTutor(['--help'], base);
    expect(code).toBe(0);
    for (const command of ['tutor ask', 'tutor search', 'tutor content check', 'tutor db deploy'])
      expect(stdout).toContain(command);
  });

  it('rejects an unknown command with exit code 2', async () => {
    const { code, stderr } = await runTutor(['frobnicate'], base);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^error: unknown command 'frobnicate'\nRun "tutor --help" for usage and examples\.\n$/,
    );
  });

  it('stops on a bad env var, naming it', async () => {
    const { code, stderr } = await runTutor(['search', 'token'], { ...base, ANTHROPIC_MAX_TOKENS: 'lots' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/ANTHROPIC_MAX_TOKENS: /);
  });

  it('content check passes on a valid library', async () => {
    const { code, stdout } = await runTutor(['content', 'check'], base);
    expect(code).toBe(0);
    expect(stdout).toBe(`Content OK: 2 concepts, 1 use cases in ${FIXTURE_CONTENT_DIR}\n`);
  });

  it('content check lists every problem and fails', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tutor-content-'));
    cpSync(FIXTURE_CONTENT_DIR, dir, { recursive: true });
    writeFileSync(path.join(dir, 'concepts/broken.md'), '---\nslug: broken\n---\n');
    const { code, stderr } = await runTutor(['content', 'check', '--dir', dir], base);
    rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(stderr).toMatch(/concepts\/broken\.md: title: is required/);
    expect(stderr).toMatch(/concepts\/broken\.md: What it is: missing section "## What it is"/);
    expect(stderr).toMatch(/problem\(s\) in .*Fix them and run tutor content check again/);
  });

  it('content check names an unknown or repeated slug in track.md', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tutor-content-'));
    cpSync(FIXTURE_CONTENT_DIR, dir, { recursive: true });
    writeFileSync(path.join(dir, 'track.md'), '---\ntrack: [token, rag, token]\n---\n');
    const { code, stderr } = await runTutor(['content', 'check', '--dir', dir], base);
    rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(stderr).toContain(
      'track.md:2: track: "rag" is not a concept in the library; add concepts/rag.md or remove it from the track',
    );
    expect(stderr).toContain('track.md:2: track: "token" is listed twice');
  });

  it('search --json prints covered and ranked results', async () => {
    const { code, stdout } = await runTutor(['search', 'how many tokens is a word', '--json'], base);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(parsed.covered).toBe(true);
    expect(parsed.results[0]).toMatchObject({ slug: 'token', title: 'Token' });
    expect(typeof parsed.results[0].score).toBe('number');
  });

  it('search --json says not covered for an off-topic question', async () => {
    const { stdout } = await runTutor(['search', 'banana bread recipe', '--json'], base);
    expect(JSON.parse(stdout).covered).toBe(false);
  });

  it('ask --json answers extractively without a key, citing the concept', async () => {
    const { code, stdout } = await runTutor(['ask', 'How many tokens is a word?', '--json'], base);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(parsed.mode).toBe('extractive');
    expect(parsed.sources).toEqual([{ slug: 'token', title: 'Token' }]);
    expect(parsed.answer).toMatch(/three quarters of a word/);
  });

  it('ask --json answers with the model when a key is set', async () => {
    fake.enqueue({
      kind: 'answer',
      blocks: [{ text: 'Roughly three quarters of a word.', cite: ['token#faq-1'] }],
    });
    const { stdout } = await runTutor(['ask', 'How many tokens is a word?', '--json'], {
      ...base,
      ANTHROPIC_API_KEY: 'sk-test',
      ANTHROPIC_BASE_URL: fake.url,
    });
    expect(JSON.parse(stdout)).toMatchObject({
      mode: 'ai',
      answer: 'Roughly three quarters of a word.',
      sources: [{ slug: 'token', title: 'Token' }],
    });
  });

  it('ask --json says not covered and cites nothing', async () => {
    const { stdout } = await runTutor(['ask', 'who won the champions league final?', '--json'], base);
    expect(JSON.parse(stdout)).toMatchObject({ mode: 'not-covered', sources: [] });
  });

  it('ask refuses an empty question kindly', async () => {
    const { code, stderr } = await runTutor(['ask', '  '], base);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Ask me a question about an AI concept/);
    const json = await runTutor(['ask', '\u0000 ', '--json'], base);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({
      error: { code: 'EMPTY_QUESTION', message: expect.stringMatching(/Ask me a question/) },
    });
  });

  it('explains that the running service holds the embedded database, and still answers', async () => {
    const lockedDir = mkdtempSync(path.join(tmpdir(), 'tutor-locked-'));
    // Another live process "owns" the database, as the running service would.
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    mkdirSync(lockedDir, { recursive: true });
    writeFileSync(path.join(lockedDir, 'pg.lock'), String(holder.pid));
    const env = { CONTENT_DIR: FIXTURE_CONTENT_DIR, DATA_DIR: lockedDir, LOG_LEVEL: 'warn' };
    try {
      const asked = await runTutor(['ask', 'How many tokens is a word?'], env);
      expect(asked.code).toBe(0);
      expect(asked.stderr).toMatch(
        new RegExp(
          `^note: this question is not logged: The embedded database in .* is in use by process ${holder.pid}`,
        ),
      );
      expect(asked.stdout).toMatch(/three quarters of a word/);

      const status = await runTutor(['digest', 'status'], env);
      expect(status.code).toBe(1);
      expect(status.stderr).toMatch(/is in use by process \d+ \(probably the running service\)/);
      expect(status.stderr).not.toMatch(/\n\s+at /);
    } finally {
      holder.kill();
      rmSync(lockedDir, { recursive: true, force: true });
    }
  });
});
