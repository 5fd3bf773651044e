import type { ContentProblem } from '../errors.js';

/** The two editable kinds, named after their folders. */
export const CONTENT_KINDS = ['concepts', 'use-cases'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

/** True for a kind the editor handles. */
export function isContentKind(value: string): value is ContentKind {
  return (CONTENT_KINDS as readonly string[]).includes(value);
}

/** A file as an editor sees it; `version` detects edits made by someone else in the meantime. */
export interface EditableFile {
  text: string;
  version: string;
}

/** The outcome of a save. */
export type SaveResult =
  | { status: 'saved'; slug: string }
  | { status: 'invalid'; problems: ContentProblem[] }
  | { status: 'conflict'; message: string };

/**
 * The port for editing the content library's source files: list, read with a
 * version, validate, and write atomically with conflict detection. The admin
 * console uses it, and so may the command line; the files stay the source of
 * truth, and a save reloads the live library.
 */
export interface ContentEditor {
  /** The slugs of the files of one kind on disk, sorted (including files the library could not load). */
  list(kind: ContentKind): Promise<string[]>;
  /** The file's text and version, or null when there is no such file. */
  read(kind: ContentKind, slug: string): Promise<EditableFile | null>;
  /** The slug a file's frontmatter declares, or a problem saying why there is none. */
  slugOf(text: string): { slug: string } | { problem: string };
  /** Problems of the whole library with this one file replaced (or added); empty when it would load. */
  validate(kind: ContentKind, slug: string, text: string): Promise<ContentProblem[]>;
  /**
   * Validates the whole library with the change, then writes the file
   * atomically and reloads the live library. `expectedVersion` null means
   * "create": the file must not exist yet.
   */
  save(input: {
    kind: ContentKind;
    slug: string;
    text: string;
    expectedVersion: string | null;
  }): Promise<SaveResult>;
}
