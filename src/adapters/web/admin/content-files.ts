import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { buildLibrary } from '../../../core/content/build-library.js';
import { fileTooLargeProblem, MAX_CONTENT_FILE_BYTES } from '../../../core/content/file-size-limit.js';
import { splitFrontmatter } from '../../../core/content/frontmatter.js';
import { slugProblem } from '../../../core/content/slug.js';
import type { ContentFile } from '../../../core/content/types.js';
import type { ContentProblem } from '../../../core/errors.js';
import type { Clock } from '../../../core/ports.js';
import type { ContentLibrary } from '../../content/content-library.js';
import { readContentFiles } from '../../content/fs-content.js';

/** The two editable kinds, named after their folders. */
export const CONTENT_KINDS = ['concepts', 'use-cases'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

/** True for a kind this console edits. */
export function isContentKind(value: string): value is ContentKind {
  return (CONTENT_KINDS as readonly string[]).includes(value);
}

/** A file as the editor sees it; `version` detects edits made by someone else in the meantime. */
export interface EditableFile {
  text: string;
  version: string;
}

/** The outcome of a save. */
export type SaveResult =
  | { status: 'saved'; slug: string }
  | { status: 'invalid'; problems: ContentProblem[] }
  | { status: 'conflict'; message: string };

/** Reads, validates and atomically writes content files under one root. */
export interface ContentFiles {
  read(kind: ContentKind, slug: string): Promise<EditableFile | null>;
  /** The slug a file's frontmatter declares, or a problem saying why there is none. */
  slugOf(text: string): { slug: string } | { problem: string };
  /** Problems of the whole library with this one file replaced (or added); empty when it would load. */
  validate(kind: ContentKind, slug: string, text: string): Promise<ContentProblem[]>;
  /**
   * Validates the whole library with the change, then writes the file
   * atomically (temp file, fsync, rename) and reloads the live library.
   * `expectedVersion` null means "create": it must not exist yet.
   */
  save(input: {
    kind: ContentKind;
    slug: string;
    text: string;
    expectedVersion: string | null;
  }): Promise<SaveResult>;
}

/** The version of a file's text: a short content hash. */
export function versionOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Creates the service for `root` (CONTENT_DIR). */
export function createContentFiles(options: {
  root: string;
  library: ContentLibrary;
  clock: Clock;
}): ContentFiles {
  const root = path.resolve(options.root);
  let queue: Promise<unknown> = Promise.resolve();

  /** The file's path; the slug rule is what keeps it inside root, the prefix check is a second lock. */
  function fileFor(kind: ContentKind, slug: string): string {
    const problem = slugProblem(slug);
    if (problem) throw new Error(`slug ${problem}`);
    const file = path.resolve(root, kind, `${slug}.md`);
    if (!file.startsWith(root + path.sep)) throw new Error('path escapes the content folder');
    return file;
  }

  async function readText(kind: ContentKind, slug: string): Promise<string | null> {
    try {
      return await readFile(fileFor(kind, slug), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async function problemsWith(kind: ContentKind, slug: string, text: string): Promise<ContentProblem[]> {
    const relative = `${kind}/${slug}.md`;
    // The library would leave a file this large out; refuse to save it instead.
    const bytes = Buffer.byteLength(text);
    if (bytes > MAX_CONTENT_FILE_BYTES) return [fileTooLargeProblem(relative, bytes)];
    const files: ContentFile[] = (await readContentFiles(root)).filter((f) => f.path !== relative);
    files.push({ path: relative, text });
    const result = buildLibrary(files, options.clock.now());
    return result.ok ? [] : result.problems;
  }

  return {
    async read(kind, slug) {
      if (slugProblem(slug)) return null;
      const text = await readText(kind, slug);
      return text === null ? null : { text, version: versionOf(text) };
    },

    slugOf(text) {
      const split = splitFrontmatter('new file', text);
      if (Array.isArray(split)) return { problem: split[0]?.message ?? 'the frontmatter is missing' };
      const slug = split.data.slug;
      if (typeof slug !== 'string' || slug.trim() === '')
        return { problem: 'add a "slug:" line to the frontmatter; it becomes the file name and the URL' };
      const problem = slugProblem(slug.trim());
      return problem ? { problem: `slug ${problem}` } : { slug: slug.trim() };
    },

    validate(kind, slug, text) {
      if (slugProblem(slug))
        return Promise.resolve([{ file: `${kind}/`, field: 'slug', message: `slug ${slugProblem(slug)}` }]);
      return problemsWith(kind, slug, text);
    },

    save(input) {
      // One save at a time: validate-then-write must not interleave with another save's write.
      const run = queue.then(() => saveNow(input));
      queue = run.catch(() => undefined);
      return run;
    },
  };

  async function saveNow(input: {
    kind: ContentKind;
    slug: string;
    text: string;
    expectedVersion: string | null;
  }): Promise<SaveResult> {
    const { kind, slug } = input;
    const text = input.text.replace(/\r\n/g, '\n');
    const file = fileFor(kind, slug);
    const current = await readText(kind, slug);
    if (input.expectedVersion === null && current !== null) {
      return {
        status: 'conflict',
        message: `${kind}/${slug}.md already exists. Open it from the content list to edit it, or choose another slug.`,
      };
    }
    if (
      input.expectedVersion !== null &&
      (current === null || versionOf(current) !== input.expectedVersion)
    ) {
      return {
        status: 'conflict',
        message: `${kind}/${slug}.md was changed by someone else since you opened it. Copy your text, reload the editor, and apply your change again.`,
      };
    }
    const problems = await problemsWith(kind, slug, text);
    if (problems.length > 0) return { status: 'invalid', problems };

    // Dot-files are ignored by the library loader, so a half-written temp file is never read as content.
    const temp = path.join(path.dirname(file), `.${slug}.${randomBytes(6).toString('hex')}.tmp`);
    await mkdir(path.dirname(file), { recursive: true });
    try {
      const handle = await open(temp, 'wx', 0o644);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    const reloaded = await options.library.reload();
    if (!reloaded.ok) return { status: 'invalid', problems: reloaded.problems };
    return { status: 'saved', slug };
  }
}
