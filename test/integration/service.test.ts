import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { type RunningService, startService } from '../../src/start-service.js';
import { createRecordingLogger } from '../fakes/recording-logger.js';
import { FIXTURE_CONTENT_DIR } from '../fixtures/load-fixture-files.js';

const root = mkdtempSync(path.join(tmpdir(), 'tutor-service-'));
const contentDir = path.join(root, 'content');
cpSync(FIXTURE_CONTENT_DIR, contentDir, { recursive: true });
const logger = createRecordingLogger();
let service: RunningService;
let base: string;

beforeAll(async () => {
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: path.join(root, 'data'),
    CONTENT_DIR: contentDir,
    DATABASE_URL: 'pglite:memory',
  });
  service = await startService({ config, logger });
  base = `http://127.0.0.1:${service.http.port}`;
});
afterAll(async () => {
  await service.stop();
  rmSync(root, { recursive: true, force: true });
});

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the service on the embedded default', () => {
  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { content: 'ok', database: 'ok' } });
  });

  it('refuses a port in use with an error that names PORT and the fix', async () => {
    const config = loadConfig({
      PORT: String(service.http.port),
      DATA_DIR: path.join(root, 'data2'),
      CONTENT_DIR: contentDir,
      DATABASE_URL: 'pglite:memory',
    });
    await expect(startService({ config, logger: createRecordingLogger() })).rejects.toThrow(
      new RegExp(
        `Cannot listen on 127\\.0\\.0\\.1:${service.http.port}: the port is already in use .*set PORT to a free port`,
      ),
    );
  });

  it('checks the port before it opens (and migrates) the database, so a busy port fails fast', async () => {
    const dataDir = path.join(root, 'data3');
    const config = loadConfig({
      PORT: String(service.http.port),
      DATA_DIR: dataDir,
      CONTENT_DIR: contentDir,
    });
    const quiet = createRecordingLogger();
    await expect(startService({ config, logger: quiet })).rejects.toThrow(/the port is already in use/);
    // The embedded database would have been created in DATA_DIR/pg and migrated.
    expect(existsSync(path.join(dataDir, 'pg'))).toBe(false);
    expect(quiet.lines.map((l) => l.message)).not.toContain('applied database migrations');
  });

  it('logs one line saying what is on and what is off', () => {
    const ready = logger.lines.filter((l) => l.message.startsWith('concept-tutor ready on'));
    expect(ready).toHaveLength(1);
    expect(ready[0]!.message).toMatch(/library: 2 concepts, 1 use cases/);
    expect(ready[0]!.message).toMatch(/answers: extractive only \(set ANTHROPIC_API_KEY/);
    expect(ready[0]!.message).toMatch(/database: PGlite \(in memory\)/);
    expect(ready[0]!.message).toMatch(/slack: off/);
    expect(ready[0]!.message).toMatch(/discord: off/);
  });

  it('hot-reloads an edited article, and keeps the last good library when a file breaks', async () => {
    const file = path.join(contentDir, 'concepts/token.md');
    const original = readFileSync(file, 'utf8');
    const store = service.container.content.store;
    expect(service.container.retriever.search('what is a zeppelin').covered).toBe(false);

    writeFileSync(
      file,
      original.replace('aliases: [tokens, tokenizer, tokenisation]', 'aliases: [tokens, zeppelin]'),
    );
    await until(
      () => store.current().conceptBySlug.get('token')!.aliases.includes('zeppelin'),
      'the edit to load',
    );
    expect(service.container.retriever.search('what is a zeppelin').covered).toBe(true);

    writeFileSync(file, original.replace('difficulty: beginner', 'difficulty: easy'));
    await until(() => store.problems().length > 0, 'the broken file to be reported');
    expect(store.problems()[0]).toMatchObject({ file: 'concepts/token.md', field: 'difficulty' });
    expect(store.current().conceptBySlug.get('token')!.aliases).toContain('zeppelin');
    const reported = logger.lines.find(
      (l) => l.level === 'error' && l.message.startsWith('content library has problems'),
    );
    expect(reported?.fields?.problems).toEqual([
      expect.stringMatching(/^concepts\/token\.md:6: difficulty: must be one of/),
    ]);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    writeFileSync(file, original);
    await until(
      () =>
        store.problems().length === 0 &&
        !store.current().conceptBySlug.get('token')!.aliases.includes('zeppelin'),
      'the fix to load',
    );
  });
});
