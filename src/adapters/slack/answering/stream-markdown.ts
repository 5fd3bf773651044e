/** Most Markdown Slack takes in one chat.startStream / appendStream / stopStream call. */
export const STREAM_CALL_CHARS = 12_000;

/**
 * The tutor's Markdown as it may go into a native stream. Slack reads
 * `<@U…>`, `<!channel>` and `<#C…>` as mentions even in streamed Markdown,
 * and an article or a model could contain one: a zero-width space after the
 * `<` keeps it visible but inert. A draft (`final` false) also leaves out
 * trailing whitespace and a trailing `<` whose meaning the next characters
 * decide, so every draft is a prefix of the next and of the final text, and
 * a stream only ever needs appending.
 */
export function streamableMarkdown(text: string, final: boolean): string {
  const safe = text.replace(/<([@!#])/g, '<\u200B$1');
  if (final) return safe.trim();
  return safe.trimStart().trimEnd().replace(/<$/, '').trimEnd();
}

/** Splits text into pieces of at most `size` characters (one per stream call). */
export function streamChunks(text: string, size: number = STREAM_CALL_CHARS): string[] {
  const chunks: string[] = [];
  for (let at = 0; at < text.length; at += size) chunks.push(text.slice(at, at + size));
  return chunks;
}
