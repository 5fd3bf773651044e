import { escapeMrkdwn } from './markdown-to-mrkdwn.js';

const PREFIX = / asked:\n/;

/** The line above an /ask answer, so the channel sees what was asked and by whom. */
export function askHeader(userId: string, question: string): string {
  const quoted = escapeMrkdwn(question.trim()).split('\n').map((line) => `>${line}`).join('\n');
  return `<@${userId}> asked:\n${quoted}`;
}

/** The question inside an {@link askHeader}, as mrkdwn-escaped text, or null when the text is not one. */
export function questionFromHeader(text: string): string | null {
  const match = PREFIX.exec(text);
  if (!match) return null;
  return text.slice(match.index + match[0].length).split('\n').map((line) => line.replace(/^>/, '')).join('\n');
}
