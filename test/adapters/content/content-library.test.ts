import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ContentLibrary,
  type ContentReload,
  openContentLibrary,
} from '../../../src/adapters/content/content-library.js';
import { watchContent } from '../../../src/adapters/content/watch-content.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { FIXTURE_CONTENT_DIR } from '../../fixtures/load-fixture-files.js';

const clock = { now: () => new Date() };
let root: string;
let library: ContentLibrary;
let logger: ReturnType<typeof createRecordingLogger>;

beforeEach(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'tutor-watch-'));
  cpSync(FIXTURE_CONTENT_DIR, root, { recursive: true });
  logger = createRecordingLogger();
  library = await openContentLibrary({ root, watch: true, logger, clock });
});
afterEach(async () => {
  await library.close();
  rmSync(root, { recursive: true, force: true });
});

/**
 * Resolves with the first reload after which `done()` holds. The listener is
 * attached before the caller touches a file, so no reload is missed; the
 * test's own timeout is the only clock.
 */
function reloadUntil(done: (reload: ContentReload) => boolean): Promise<ContentReload> {
  return new Promise((resolve) => {
    const off = library.onReload((reload) => {
      if (done(reload)) {
        off();
        resolve(reload);
      }
    });
  });
}

const tokenFile = () => path.join(root, 'concepts/token.md');
const original = () => readFileSync(path.join(FIXTURE_CONTENT_DIR, 'concepts/token.md'), 'utf8');
const withAlias = (alias: string) =>
  original().replace('aliases: [tokens, tokenizer, tokenisation]', `aliases: [tokens, ${alias}]`);
const tokenAliases = () => library.store.current().conceptBySlug.get('token')!.aliases;

describe('content hot reload', () => {
  it('follows a file through an atomic save, an in-place edit, a sed -i replace, a new file and a deletion', async () => {
    // 1. Atomic save, as editors and the admin console do: write a temp file, rename it over.
    let reloaded = reloadUntil(() => tokenAliases().includes('zeppelin'));
    writeFileSync(path.join(root, 'concepts/.token.md.swp'), withAlias('zeppelin'));
    renameSync(path.join(root, 'concepts/.token.md.swp'), tokenFile());
    await reloaded;

    // 2. An in-place edit of the replaced file: fs.watch lost the file here (issue 10, item 15).
    reloaded = reloadUntil(() => tokenAliases().includes('dirigible'));
    writeFileSync(tokenFile(), withAlias('dirigible'));
    await reloaded;

    // 3. sed -i: a temp file that is not a dotfile, in the same folder, renamed over the original.
    reloaded = reloadUntil(() => tokenAliases().includes('blimp'));
    writeFileSync(path.join(root, 'concepts/sedX4k2Qa'), withAlias('blimp'));
    renameSync(path.join(root, 'concepts/sedX4k2Qa'), tokenFile());
    await reloaded;

    // 4. A new file.
    const temperature = readFileSync(path.join(root, 'concepts/temperature.md'), 'utf8');
    const added = temperature
      .replace('slug: temperature', 'slug: top-p')
      .replace('title: Temperature', 'title: Top-p');
    // The reload the new file triggered names it, for an incremental reindex to use.
    reloaded = reloadUntil(
      (reload) =>
        reload.changed.includes('concepts/top-p.md') && library.store.current().conceptBySlug.has('top-p'),
    );
    writeFileSync(path.join(root, 'concepts/top-p.md'), added);
    await reloaded;

    // 5. A deleted file.
    reloaded = reloadUntil(
      (reload) =>
        reload.changed.includes('concepts/top-p.md') && !library.store.current().conceptBySlug.has('top-p'),
    );
    unlinkSync(path.join(root, 'concepts/top-p.md'));
    await reloaded;
    expect(library.store.problems()).toEqual([]);
  });

  it('keeps the last good library on a broken edit, then loads the fix', async () => {
    let reloaded = reloadUntil((reload) => !reload.result.ok && reload.changed.includes('concepts/token.md'));
    writeFileSync(tokenFile(), original().replace('difficulty: beginner', 'difficulty: easy'));
    await reloaded;
    expect(library.store.problems()).toEqual([
      expect.objectContaining({ file: 'concepts/token.md', field: 'difficulty' }),
    ]);
    expect(library.store.current().conceptBySlug.get('token')!.difficulty).toBe('beginner');
    expect(logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'content library has problems; still serving the last good library',
      }),
    );

    reloaded = reloadUntil(() => library.store.problems().length === 0 && tokenAliases().includes('airship'));
    writeFileSync(tokenFile(), withAlias('airship'));
    await reloaded;
  });

  it('reports an explicit reload to listeners with no changed paths', async () => {
    const reloaded = reloadUntil(() => true);
    const result = await library.reload();
    expect(result.ok).toBe(true);
    expect((await reloaded).changed).toEqual([]);
  });
});

describe('watchContent', () => {
  it('reports changed paths relative to the root, and ignores dotfiles', async () => {
    const reported = new Set<string>();
    let notify: (() => void) | undefined;
    const watcher = watchContent({
      root,
      logger,
      onChange: (paths) => {
        for (const p of paths) reported.add(p);
        notify?.();
      },
    });
    await watcher.ready;
    try {
      const both = new Promise<void>((resolve) => {
        notify = () => {
          if (reported.has('concepts/token.md') && reported.has('use-cases/cost-forecasting.md')) resolve();
        };
      });
      writeFileSync(path.join(root, 'concepts/.scratch'), 'ignored');
      writeFileSync(path.join(root, 'use-cases/cost-forecasting.md'), 'x');
      writeFileSync(tokenFile(), 'y');
      await both;
      expect([...reported]).not.toContain('concepts/.scratch');
    } finally {
      await watcher.close();
    }
  });

  it('logs a failing handler and keeps watching', async () => {
    let calls = 0;
    let notify: (() => void) | undefined;
    const watcher = watchContent({
      root,
      logger,
      onChange: () => {
        calls++;
        // Resolving first is safe: the awaiting test resumes only after the watcher logged the throw.
        notify?.();
        if (calls === 1) throw new Error('handler bug');
      },
    });
    await watcher.ready;
    const next = () =>
      new Promise<void>((resolve) => {
        notify = resolve;
      });
    try {
      let delivered = next();
      writeFileSync(tokenFile(), 'one');
      await delivered;
      expect(logger.lines).toContainEqual(
        expect.objectContaining({
          level: 'error',
          message: 'content change handler failed',
          fields: { error: 'handler bug' },
        }),
      );
      delivered = next();
      writeFileSync(tokenFile(), 'two');
      await delivered;
    } finally {
      await watcher.close();
    }
  });

  it('stops reporting once closed', async () => {
    let closedCalls = 0;
    const closed = watchContent({ root, logger, onChange: () => closedCalls++ });
    let notify: (() => void) | undefined;
    // A second watcher on the same folder is the witness that the change was seen at all.
    const witness = watchContent({ root, logger, onChange: () => notify?.() });
    await Promise.all([closed.ready, witness.ready]);
    await closed.close();
    try {
      const delivered = new Promise<void>((resolve) => {
        notify = resolve;
      });
      writeFileSync(tokenFile(), 'after close');
      await delivered;
      expect(closedCalls).toBe(0);
    } finally {
      await witness.close();
    }
  });
});
