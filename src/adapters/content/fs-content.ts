import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ContentFile } from '../../core/content/types.js';

/**
 * Reads every file under the content root (recursively), with paths relative
 * to it. Unreadable files are returned as problems by the library builder
 * rather than thrown, except when the root itself is missing.
 */
export async function readContentFiles(root: string): Promise<ContentFile[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && !e.name.startsWith('.'));
  return Promise.all(
    files.map(async (entry) => {
      const full = path.join(entry.parentPath, entry.name);
      return {
        path: path.relative(root, full).split(path.sep).join('/'),
        text: await readFile(full, 'utf8'),
      };
    }),
  );
}
