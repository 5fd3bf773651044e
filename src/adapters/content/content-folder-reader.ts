import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileTooLargeProblem, MAX_CONTENT_FILE_BYTES } from '../../core/content/file-size-limit.js';
import type { ContentFile } from '../../core/content/types.js';
import type { ContentProblem } from '../../core/errors.js';
import { type ContentFolder, readContentFolder } from './fs-content.js';

/** Reads the content folder once, then only the paths a watcher reports as changed. */
export interface ContentFolderReader {
  /**
   * The folder as it is now. With `changed` paths (relative, forward
   * slashes) after a first read, only those are read again; otherwise, or
   * when a folder itself appeared, everything is. Throws only when the root
   * itself is unreadable.
   */
  read(changed?: readonly string[]): Promise<ContentFolder>;
}

/** A reader of `root` that remembers the last read, so a one-file edit costs one file read. */
export function createContentFolderReader(root: string): ContentFolderReader {
  let files: Map<string, ContentFile> | undefined;
  let tooLarge = new Map<string, ContentProblem>();

  const forget = (known: Map<string, ContentFile>, relative: string) => {
    for (const key of [...known.keys()])
      if (key === relative || key.startsWith(`${relative}/`)) known.delete(key);
    for (const key of [...tooLarge.keys()])
      if (key === relative || key.startsWith(`${relative}/`)) tooLarge.delete(key);
  };

  /** Applies the changed paths; false when only a full read can tell what changed. */
  async function readChanged(known: Map<string, ContentFile>, changed: readonly string[]): Promise<boolean> {
    for (const relative of changed) {
      // The full read skips dotfiles (editors' and the admin editor's temp files); so does this one.
      if (relative === '' || path.posix.basename(relative).startsWith('.')) continue;
      const full = path.join(root, ...relative.split('/'));
      let info: Awaited<ReturnType<typeof stat>>;
      try {
        info = await stat(full);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return false;
        forget(known, relative);
        continue;
      }
      if (info.isDirectory()) return false;
      forget(known, relative);
      if (!info.isFile()) continue;
      if (info.size > MAX_CONTENT_FILE_BYTES) tooLarge.set(relative, fileTooLargeProblem(relative, info.size));
      else known.set(relative, { path: relative, text: await readFile(full, 'utf8') });
    }
    return true;
  }

  return {
    async read(changed = []) {
      if (files && changed.length > 0) {
        const known = new Map(files);
        const before = new Map(tooLarge);
        if (await readChanged(known, changed).catch(() => false)) {
          files = known;
          return { files: [...files.values()], tooLarge: sorted(tooLarge) };
        }
        tooLarge = before;
      }
      const folder = await readContentFolder(root);
      files = new Map(folder.files.map((f) => [f.path, f]));
      tooLarge = new Map(folder.tooLarge.map((p) => [p.file, p]));
      return folder;
    },
  };
}

const sorted = (problems: Map<string, ContentProblem>) =>
  [...problems.values()].sort((a, b) => a.file.localeCompare(b.file));
