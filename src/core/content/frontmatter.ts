import { parseDocument } from 'yaml';
import type { ContentProblem } from '../errors.js';

/** A Markdown file split into its YAML frontmatter and its body. */
export interface SplitFile {
  data: Record<string, unknown>;
  /** 1-based line of each top-level frontmatter key, for error messages. */
  fieldLines: Map<string, number>;
  body: string;
  /** 1-based line in the file where the body starts. */
  bodyLine: number;
}

/**
 * Splits `---` fenced YAML frontmatter from the body. Returns problems rather
 * than throwing so that one bad file never hides the problems of the others.
 */
export function splitFrontmatter(file: string, text: string): SplitFile | ContentProblem[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') {
    return [{ file, line: 1, message: 'must start with a "---" line that opens the YAML frontmatter' }];
  }
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (end === -1) {
    return [{ file, line: 1, message: 'the frontmatter opened on line 1 is never closed with a "---" line' }];
  }
  const doc = parseDocument(lines.slice(1, end).join('\n'), { prettyErrors: false });
  if (doc.errors.length > 0) {
    return doc.errors.map((e) => ({
      file,
      line: (e.linePos?.[0]?.line ?? 0) + 1,
      message: `invalid YAML in frontmatter: ${e.message.split('\n')[0]}`,
    }));
  }
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return [{ file, line: 2, message: 'frontmatter must be a YAML mapping of "field: value" lines' }];
  }
  const fieldLines = new Map<string, number>();
  for (let i = 1; i < end; i++) {
    const key = /^([A-Za-z_][\w-]*)\s*:/.exec(lines[i] ?? '')?.[1];
    if (key && !fieldLines.has(key)) fieldLines.set(key, i + 1);
  }
  return {
    data: data as Record<string, unknown>,
    fieldLines,
    body: lines.slice(end + 1).join('\n'),
    bodyLine: end + 2,
  };
}
