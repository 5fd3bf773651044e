/**
 * Splits Markdown into chunks of at most `maxLength` characters for platforms
 * with message limits (Slack sections: 3,000; Discord: 2,000). It prefers
 * paragraph, then line, then word boundaries, and never leaves a code block
 * open: a fence cut by a split is closed at the end of one chunk and reopened,
 * with its language, at the start of the next.
 */
export function splitMarkdown(text: string, maxLength: number): string[] {
  if (maxLength < 40) throw new RangeError('maxLength must be at least 40 characters');
  const chunks: string[] = [];
  let rest = text.trim();
  let reopen = '';
  while (rest.length > 0) {
    const body = reopen + rest;
    if (body.length <= maxLength) {
      chunks.push(body);
      break;
    }
    // Leave room to close a fence ("\n```") if the cut lands inside one.
    const budget = maxLength - 4;
    const cut = findCut(body, budget, reopen.length);
    let chunk = body.slice(0, cut).trimEnd();
    const fence = openFence(chunk);
    if (fence !== null) chunk += '\n```';
    chunks.push(chunk);
    rest = body
      .slice(cut)
      .replace(/^\s*\n/, '')
      .trimStart();
    reopen = fence !== null ? `\`\`\`${fence}\n` : '';
  }
  return chunks;
}

/** The best place to cut `text` at or before `limit`, never inside the reopened fence header. */
function findCut(text: string, limit: number, minimum: number): number {
  const window = text.slice(0, limit);
  for (const separator of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(separator);
    if (at > Math.max(minimum, limit * 0.3)) return at + separator.length;
  }
  return limit;
}

/** The info string of the code fence left open at the end of `text`, or null when all are closed. */
function openFence(text: string): string | null {
  let open: string | null = null;
  for (const line of text.split('\n')) {
    const match = /^\s*```(.*)$/.exec(line);
    if (match) open = open === null ? match[1]!.trim() : null;
  }
  return open;
}
