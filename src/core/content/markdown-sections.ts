/** A `##` or `###` heading and the lines under it. */
export interface MarkdownSection {
  heading: string;
  /** 1-based line of the heading in the file. */
  line: number;
  lines: string[];
}

/**
 * Splits Markdown into sections at headings of exactly `level` hashes,
 * ignoring headings inside fenced code blocks. Text before the first heading
 * is returned as `preamble`.
 */
export function splitSections(
  text: string,
  level: 2 | 3,
  firstLine: number,
): { preamble: string[]; sections: MarkdownSection[] } {
  const marker = `${'#'.repeat(level)} `;
  const preamble: string[] = [];
  const sections: MarkdownSection[] = [];
  let inFence = false;
  text.split(/\r?\n/).forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (!inFence && line.startsWith(marker)) {
      sections.push({ heading: line.slice(marker.length).trim(), line: firstLine + i, lines: [] });
      return;
    }
    const current = sections.at(-1);
    (current ? current.lines : preamble).push(line);
  });
  return { preamble, sections };
}

/** Joins lines and trims surrounding blank lines. */
export function joinText(lines: string[]): string {
  return lines.join('\n').trim();
}

/**
 * Parses a Markdown list whose items start with `marker` (`-` bullets or `1.`
 * numbers). Continuation lines are folded into their item. Returns null when
 * any non-blank text is not part of an item, so stray prose is reported.
 */
export function parseList(lines: string[], kind: 'bullet' | 'numbered'): string[] | null {
  const itemStart = kind === 'bullet' ? /^[-*]\s+(.*)$/ : /^\d+[.)]\s+(.*)$/;
  const items: string[] = [];
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (line.trim() === '') continue;
    const match = itemStart.exec(line);
    if (match) {
      items.push(match[1]!.trim());
    } else if (items.length > 0 && /^\s+\S/.test(line)) {
      items[items.length - 1] += ` ${line.trim()}`;
    } else {
      return null;
    }
  }
  return items;
}
