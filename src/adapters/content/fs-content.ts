import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileTooLargeProblem, MAX_CONTENT_FILE_BYTES } from '../../core/content/file-size-limit.js';
import type { ContentFile } from '../../core/content/types.js';
import type { ContentProblem } from '../../core/errors.js';

/** What {@link readContentFolder} found. */
export interface ContentFolder {
  files: ContentFile[];
  /** Files over the size limit, not read; one problem each (file, size, limit, fix). */
  tooLarge: ContentProblem[];
}

/**
 * Reads every file under the content root (recursively), with paths relative
 * to it. A file over {@link MAX_CONTENT_FILE_BYTES} is not read at all (its
 * size is checked first) and comes back as a problem, so one pasted dump
 * cannot bloat the library. Throws only when the root itself is unreadable.
 */
export async function readContentFolder(root: string): Promise<ContentFolder> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const found = entries.filter((e) => e.isFile() && !e.name.startsWith('.'));
  const files: ContentFile[] = [];
  const tooLarge: ContentProblem[] = [];
  await Promise.all(
    found.map(async (entry) => {
      const full = path.join(entry.parentPath, entry.name);
      const relative = path.relative(root, full).split(path.sep).join('/');
      const { size } = await stat(full);
      if (size > MAX_CONTENT_FILE_BYTES) tooLarge.push(fileTooLargeProblem(relative, size));
      else files.push({ path: relative, text: await readFile(full, 'utf8') });
    }),
  );
  tooLarge.sort((a, b) => a.file.localeCompare(b.file));
  return { files, tooLarge };
}

/** The readable files of {@link readContentFolder}, without those over the size limit. */
export async function readContentFiles(root: string): Promise<ContentFile[]> {
  return (await readContentFolder(root)).files;
}
