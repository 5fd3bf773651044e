import { escapeMrkdwn } from './markdown-to-mrkdwn.js';

const PREFIX = / asked:\n/;

/** Longest question quoted in full; a section holds 3,000 characters and the question may be longer. */
const MAX_QUOTED = 500;

/** The line above an /ask answer, so the channel sees what was asked and by whom. */
export function askHeader(userId: string, question: string): string {
  const trimmed = question.trim();
  const shown = trimmed.length > MAX_QUOTED ? `${trimmed.slice(0, MAX_QUOTED)}…` : trimmed;
  const quoted = escapeMrkdwn(shown)
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
  return `<@${userId}> asked:\n${quoted}`;
}

/** The question inside an {@link askHeader}, as mrkdwn-escaped text, or null when the text is not one. */
export function questionFromHeader(text: string): string | null {
  const match = PREFIX.exec(text);
  if (!match) return null;
  return text
    .slice(match.index + match[0].length)
    .split('\n')
    .map((line) => line.replace(/^>/, ''))
    .join('\n');
}
