import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, realpath, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { buildLibrary } from '../../core/content/build-library.js';
import type { ContentEditor, ContentKind, SaveResult } from '../../core/content/content-editor.js';
import { fileTooLargeProblem, MAX_CONTENT_FILE_BYTES } from '../../core/content/file-size-limit.js';
import { splitFrontmatter } from '../../core/content/frontmatter.js';
import { slugProblem } from '../../core/content/slug.js';
import type { ContentFile } from '../../core/content/types.js';
import { type ContentProblem, UserFacingError } from '../../core/errors.js';
import type { Clock } from '../../core/ports.js';
import type { ContentLibrary } from './content-library.js';
import { readContentFiles } from './fs-content.js';

/** The version of a file's text: a short content hash. */
export function versionOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * The {@link ContentEditor} over the files in `root` (CONTENT_DIR). Writes go
 * to a temp file, are fsynced and renamed into place, one save at a time.
 * Nothing is read or written through a symbolic link that leads out of the
 * content folder: the slug rule keeps names inside, and a realpath check
 * keeps links (to a file or a folder) from taking the editor elsewhere.
 */
export function createFsContentEditor(options: {
  root: string;
  library: Pick<ContentLibrary, 'reload'>;
  clock: Clock;
}): ContentEditor {
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

  /**
   * Where `target` really is, refusing a path whose links lead out of the
   * content folder; null when it does not exist.
   */
  async function realInside(target: string): Promise<string | null> {
    let real: string;
    try {
      real = await realpath(target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const realRoot = await realpath(root);
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
      const name = path.relative(root, target).split(path.sep).join('/');
      throw new UserFacingError(
        'CONTENT_LINK_OUTSIDE',
        `${name} is a symbolic link (or inside a linked folder) that leads outside the content folder, so the editor will not read or write it. Replace the link with the file itself, inside CONTENT_DIR.`,
      );
    }
    return real;
  }

  async function readText(kind: ContentKind, slug: string): Promise<string | null> {
    const real = await realInside(fileFor(kind, slug));
    if (real === null) return null;
    try {
      return await readFile(real, 'utf8');
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
    async list(kind) {
      const folder = await realInside(path.join(root, kind));
      if (folder === null) return [];
      const entries = await readdir(folder, { withFileTypes: true });
      return entries
        .filter((e) => !e.isDirectory() && e.name.endsWith('.md') && !e.name.startsWith('.'))
        .map((e) => e.name.slice(0, -'.md'.length))
        .filter((slug) => slugProblem(slug) === null)
        .sort();
    },

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

    // The folder (and an existing file) are resolved and checked again right before writing; a link
    // to a file inside the folder is written through, so the link keeps working.
    const folder = path.join(root, kind);
    await mkdir(folder, { recursive: true });
    const realFolder = (await realInside(folder))!;
    const file = (await realInside(fileFor(kind, slug))) ?? path.join(realFolder, `${slug}.md`);
    // Dot-files are ignored by the library loader, so a half-written temp file is never read as content.
    const temp = path.join(path.dirname(file), `.${slug}.${randomBytes(6).toString('hex')}.tmp`);
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
