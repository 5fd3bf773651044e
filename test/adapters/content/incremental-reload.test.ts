import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ContentLibrary, openContentLibrary } from '../../../src/adapters/content/content-library.js';
import type { Library } from '../../../src/core/content/types.js';
import { createRetriever, type Retriever } from '../../../src/core/retrieval/create-retriever.js';
import { createLiveRetriever } from '../../../src/core/retrieval/live-retriever.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { englishFrequencies } from '../../fixtures/english-frequencies.js';
import { FIXTURE_CONTENT_DIR } from '../../fixtures/load-fixture-files.js';

const options = { frequencies: englishFrequencies() };
let root: string;
let library: ContentLibrary;
let live: Retriever;
let logger: ReturnType<typeof createRecordingLogger>;

beforeEach(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'tutor-reindex-'));
  cpSync(FIXTURE_CONTENT_DIR, root, { recursive: true });
  logger = createRecordingLogger();
  library = await openContentLibrary({ root, watch: false, logger, clock: { now: () => new Date() } });
  live = createLiveRetriever(library.store, options);
});
afterEach(async () => {
  await library.close();
  rmSync(root, { recursive: true, force: true });
});

const file = (relative: string) => path.join(root, relative);
const original = (relative: string) => readFileSync(path.join(FIXTURE_CONTENT_DIR, relative), 'utf8');
const withAlias = (alias: string) =>
  original('concepts/token.md').replace(
    'aliases: [tokens, tokenizer, tokenisation]',
    `aliases: [tokens, ${alias}]`,
  );
const found = (query: string) => live.search(query, { limit: 5 }).concepts.map((c) => c.slug);

describe('incremental content reload', () => {
  it('reads only the changed paths it is given, and everything on a reload without paths', async () => {
    writeFileSync(file('concepts/token.md'), withAlias('zeppelin'));
    writeFileSync(
      file('concepts/temperature.md'),
      original('concepts/temperature.md').replace('## What it is\n', '## What it is\nBlimpification aside.\n'),
    );
    expect((await library.reload(['concepts/token.md'])).ok).toBe(true);
    expect(found('zeppelin')).toEqual(['token']);
    // Not named as changed, so not read: the library still has the old temperature.md.
    expect(found('blimpification')).toEqual([]);

    expect((await library.reload()).ok).toBe(true);
    expect(found('blimpification')).toEqual(['temperature']);
  });

  it('adds and removes a file named as changed', async () => {
    writeFileSync(
      file('concepts/tokenizer-drift.md'),
      withAlias('walrus').replace('slug: token', 'slug: tokenizer-drift').replace(/^title: .*$/m, 'title: Tokenizer drift'),
    );
    expect((await library.reload(['concepts/tokenizer-drift.md'])).ok).toBe(true);
    expect(found('walrus')).toEqual(['tokenizer-drift']);

    unlinkSync(file('concepts/tokenizer-drift.md'));
    expect((await library.reload(['concepts/tokenizer-drift.md'])).ok).toBe(true);
    expect(found('walrus')).toEqual([]);
    expect(library.store.current().conceptBySlug.has('tokenizer-drift')).toBe(false);
  });

  it('keeps the last good version of a broken file and names the file in the error', async () => {
    writeFileSync(file('concepts/token.md'), withAlias('zeppelin'));
    await library.reload(['concepts/token.md']);
    writeFileSync(
      file('concepts/token.md'),
      withAlias('dirigible').replace('difficulty: beginner', 'difficulty: easy'),
    );
    const result = await library.reload(['concepts/token.md']);
    expect(result).toEqual({
      ok: false,
      problems: [expect.objectContaining({ file: 'concepts/token.md', field: 'difficulty' })],
    });
    expect(logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'content library has problems; still serving the last good library',
        fields: { problems: [expect.stringContaining('concepts/token.md')] },
      }),
    );
    expect(found('zeppelin')).toEqual(['token']);
    expect(found('dirigible')).toEqual([]);

    writeFileSync(file('concepts/token.md'), withAlias('dirigible'));
    expect((await library.reload(['concepts/token.md'])).ok).toBe(true);
    expect(found('dirigible')).toEqual(['token']);
    expect(found('zeppelin')).toEqual([]);
  });

  it('serves the old library or the new one to searches during a reload, never a mix', async () => {
    const queries = ['zeppelin tokens', 'how does the tokenizer split my text', 'what is temperature', 'walrus'];
    const answers = (lib: Library) => {
      const full = createRetriever(lib, options);
      return queries.map((q) => full.search(q));
    };
    const before = answers(library.store.current());
    writeFileSync(file('concepts/token.md'), withAlias('zeppelin'));
    let done = false;
    const reloading = library.reload(['concepts/token.md']).finally(() => {
      done = true;
    });
    const seen: Array<ReturnType<Retriever['search']>[]> = [];
    // Search at every turn of the event loop while the reload reads, parses and re-indexes.
    while (!done) {
      seen.push(queries.map((q) => live.search(q)));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await reloading;
    seen.push(queries.map((q) => live.search(q)));
    const after = answers(library.store.current());
    expect(after).not.toEqual(before);
    for (const results of seen) expect([before, after]).toContainEqual(results);
    expect(seen.at(-1)).toEqual(after);
  });
});
