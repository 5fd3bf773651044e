import type { ContentProblem } from '../errors.js';

/**
 * Largest content file the library reads: 256 KiB. The longest article today
 * is about 6 KB; a file forty times that is a mistake (a pasted log, a
 * generated dump) that would bloat every search and every page, not an
 * article. Documented in content/README.md.
 */
export const MAX_CONTENT_FILE_BYTES = 256 * 1024;

function formatBytes(bytes: number): string {
  const exact = `${bytes.toLocaleString('en-US')} bytes`;
  if (bytes >= 1024 * 1024) return `${exact} (${(bytes / (1024 * 1024)).toFixed(1)} MiB)`;
  if (bytes >= 1024) return `${exact} (${Math.floor(bytes / 1024)} KiB)`;
  return exact;
}

/** The problem reported for a file over {@link MAX_CONTENT_FILE_BYTES}: file, size, limit and the fix. */
export function fileTooLargeProblem(file: string, bytes: number): ContentProblem {
  return {
    file,
    message:
      `is ${formatBytes(bytes)}, over the limit of ${formatBytes(MAX_CONTENT_FILE_BYTES)} for a content file ` +
      '(content/README.md); split it into several articles or shorten it',
  };
}
