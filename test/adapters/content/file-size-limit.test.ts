import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadLibrary, openContentLibrary } from '../../../src/adapters/content/content-library.js';
import { createFsContentEditor } from '../../../src/adapters/content/fs-content-editor.js';
import { MAX_CONTENT_FILE_BYTES } from '../../../src/core/content/file-size-limit.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { runTutor } from '../../fakes/run-tutor.js';
import { FIXTURE_CONTENT_DIR } from '../../fixtures/load-fixture-files.js';

const clock = { now: () => new Date() };
let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'tutor-size-'));
  cpSync(FIXTURE_CONTENT_DIR, root, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A valid concept of exactly `bytes` bytes: the temperature article with a padded FAQ answer. */
function conceptOfSize(slug: string, bytes: number): string {
  const base = readFileSync(path.join(FIXTURE_CONTENT_DIR, 'concepts/temperature.md'), 'utf8')
    .replace('slug: temperature', `slug: ${slug}`)
    .replace('title: Temperature', `title: ${slug}`);
  const text = `${base.trimEnd()}\n\n### Why is this answer so long?\n\n`;
  const padding = bytes - Buffer.byteLength(text) - 1;
  return `${text}${'word '.repeat(Math.ceil(padding / 5)).slice(0, padding)}\n`;
}

const FIVE_MB = 5 * 1024 * 1024;
const tooLarge =
  /^concepts\/huge\.md: is 5,242,880 bytes \(5\.0 MiB\), over the limit of 262,144 bytes \(256 KiB\) for a content file \(content\/README\.md\); split it into several articles or shorten it$/;

describe('the content file size limit', () => {
  it('loads a file of exactly the limit', async () => {
    writeFileSync(path.join(root, 'concepts/at-limit.md'), conceptOfSize('at-limit', MAX_CONTENT_FILE_BYTES));
    const result = await loadLibrary(root, clock);
    expect(result.ok && result.library.conceptBySlug.has('at-limit')).toBe(true);
    expect(result.ok && result.skipped).toBeUndefined();
  });

  it('leaves a 5 MB file out, reports file, size, limit and fix, and loads the rest', async () => {
    writeFileSync(path.join(root, 'concepts/huge.md'), conceptOfSize('huge', FIVE_MB));
    writeFileSync(
      path.join(root, 'concepts/one-over.md'),
      conceptOfSize('one-over', MAX_CONTENT_FILE_BYTES + 1),
    );
    const result = await loadLibrary(root, clock);
    if (!result.ok) throw new Error('expected the library to load');
    expect([...result.library.conceptBySlug.keys()].sort()).toEqual(['temperature', 'token']);
    expect(result.skipped?.map((p) => `${p.file}: ${p.message}`)).toEqual([
      expect.stringMatching(tooLarge),
      expect.stringMatching(
        /^concepts\/one-over\.md: is 262,145 bytes \(256 KiB\), over the limit of 262,144 bytes/,
      ),
    ]);
  });

  it('lists an oversized file with the other problems of a broken library', async () => {
    writeFileSync(path.join(root, 'concepts/huge.md'), conceptOfSize('huge', FIVE_MB));
    writeFileSync(path.join(root, 'concepts/broken.md'), '---\nslug: broken\n---\n');
    const result = await loadLibrary(root, clock);
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.map((p) => p.file)).toContain('concepts/huge.md');
    expect(result.problems.map((p) => p.file)).toContain('concepts/broken.md');
  });

  it('starts with an oversized file, warns, and counts it as a library problem until it is removed', async () => {
    const huge = path.join(root, 'concepts/huge.md');
    writeFileSync(huge, conceptOfSize('huge', FIVE_MB));
    const logger = createRecordingLogger();
    const library = await openContentLibrary({ root, watch: true, logger, clock });
    try {
      expect(library.store.current().concepts).toHaveLength(2);
      expect(library.store.problems()).toEqual([expect.objectContaining({ file: 'concepts/huge.md' })]);
      const warning = logger.lines.find((l) => l.message === 'content files left out of the library');
      expect(warning).toMatchObject({
        level: 'warn',
        fields: { problems: [expect.stringMatching(tooLarge)] },
      });

      const cleared = new Promise<void>((resolve) => {
        const off = library.onReload(() => {
          if (library.store.problems().length === 0) {
            off();
            resolve();
          }
        });
      });
      unlinkSync(huge);
      await cleared;
    } finally {
      await library.close();
    }
  });

  it('fails tutor content check, naming the file', async () => {
    writeFileSync(path.join(root, 'concepts/huge.md'), conceptOfSize('huge', FIVE_MB));
    const { code, stdout, stderr } = await runTutor(['content', 'check', '--dir', root], {});
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/concepts\/huge\.md: is 5,242,880 bytes \(5\.0 MiB\), over the limit/);
    expect(stderr).toMatch(/1 file\(s\) in .* were left out of the library\. Fix them/);
  });

  it('is refused by the admin editor before anything is written', async () => {
    const logger = createRecordingLogger();
    const library = await openContentLibrary({ root, watch: false, logger, clock });
    const files = createFsContentEditor({ root, library, clock });
    const result = await files.save({
      kind: 'concepts',
      slug: 'big',
      text: conceptOfSize('big', MAX_CONTENT_FILE_BYTES + 1),
      expectedVersion: null,
    });
    expect(result).toEqual({
      status: 'invalid',
      problems: [
        expect.objectContaining({ file: 'concepts/big.md', message: expect.stringMatching(/limit/) }),
      ],
    });
    expect(await files.read('concepts', 'big')).toBeNull();
  });
});
