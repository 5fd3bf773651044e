/**
 * The error hierarchy. Every error carries a stable `code` and an optional
 * `cause`; only `UserFacingError` messages are ever shown to people in chat,
 * everything else is logged and replaced by a generic apology.
 */
export class TutorError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** An error whose message is written for the person who asked and is safe to show them. */
export class UserFacingError extends TutorError {}

/** A configuration value is missing or invalid; startup stops with this message. */
export class ConfigError extends TutorError {
  constructor(message: string) {
    super('CONFIG_INVALID', message);
  }
}

/** One problem in one content file, located as precisely as the parser can. */
export interface ContentProblem {
  file: string;
  /** 1-based line in the file, when known. */
  line?: number;
  /** Frontmatter field or section name, when the problem is tied to one. */
  field?: string;
  message: string;
}

/** Formats a content problem as `file:line: field: message`, the way compilers do. */
export function formatContentProblem(p: ContentProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  return p.field ? `${where}: ${p.field}: ${p.message}` : `${where}: ${p.message}`;
}

/** The library failed validation; `problems` lists every issue found, not just the first. */
export class ContentError extends TutorError {
  readonly problems: ContentProblem[];

  constructor(problems: ContentProblem[]) {
    super(
      'CONTENT_INVALID',
      `The content library has ${problems.length} problem(s):\n` +
        problems.map((p) => `  ${formatContentProblem(p)}`).join('\n'),
    );
    this.problems = problems;
  }
}

/** True for errors whose message may be shown to an end user. */
export function isUserFacing(error: unknown): error is UserFacingError {
  return error instanceof UserFacingError;
}

/** How a log line names an error; see {@link errorFields}. A type (not an interface) so it spreads into log fields. */
export type ErrorFields = {
  /** `Name: message`, with the cause's when there is one. */
  error: string;
  /** The error's own code (a TutorError's, an SDK's or a system call's), when it has one. */
  code?: string | number;
};

function describeOne(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * The one way errors are written into log fields: `logger.warn('…', { ...errorFields(e) })`.
 * Only names and messages, never stacks or request objects: SDK errors can
 * carry request URLs with tokens in them (Discord interaction webhooks).
 */
export function errorFields(error: unknown): ErrorFields {
  const cause = error instanceof Error ? error.cause : undefined;
  const text =
    cause === undefined ? describeOne(error) : `${describeOne(error)} (cause: ${describeOne(cause)})`;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' || typeof code === 'number' ? { error: text, code } : { error: text };
}
