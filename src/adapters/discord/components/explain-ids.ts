/** Prefix of the "Show what I missed" button's custom id. */
const PREFIX = 'tutor:explain:reveal:';

/**
 * The custom id of "Show what I missed": the feedback's key only. Discord
 * allows 100 characters, too few to carry the explanation, so the reveal
 * needs the process that graded it (see docs/practice.md).
 */
export function explainRevealId(key: string): string {
  return `${PREFIX}${key}`;
}

/** The feedback key of a "Show what I missed" custom id, or null when it is not one (or is malformed). */
export function parseExplainRevealId(customId: string): string | null {
  const match = /^tutor:explain:reveal:([0-9a-f]{32})$/.exec(customId);
  return match ? match[1]! : null;
}

/** True for any custom id of ours under the explain prefix, malformed ones included, so they get a clear reply. */
export function isExplainId(customId: string): boolean {
  return customId.startsWith(PREFIX);
}
