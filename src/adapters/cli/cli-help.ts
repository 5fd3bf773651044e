/**
 * The "Examples:" block every command's help ends with. Each entry is a
 * command line, optionally with what it does: `['tutor digest send', 'send this week's issue']`.
 */
export function examples(...entries: ReadonlyArray<string | readonly [string, string]>): string {
  const rows = entries.map((e) => (typeof e === 'string' ? ([e, ''] as const) : e));
  const width = Math.max(...rows.map(([line]) => line.length));
  const lines = rows.map(([line, what]) => (what ? `  ${line.padEnd(width)}  # ${what}` : `  ${line}`));
  return `\nExamples:\n${lines.join('\n')}`;
}
