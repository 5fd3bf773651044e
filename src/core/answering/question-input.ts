import { UserFacingError } from '../errors.js';

/** Longest question accepted; longer ones are cut, with a notice. */
export const MAX_QUESTION_CHARS = 2000;

/** A question ready to answer, and any notice the asker should see. */
export interface PreparedQuestion {
  text: string;
  notices: string[];
}

/**
 * Control characters other than tab, line feed and carriage return (C0, DEL
 * and C1). They carry no meaning in a question, and some break what comes
 * after: PostgreSQL refuses text containing NUL, so a NUL once kept a
 * question out of the log that the rate limit and the budget count from.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Removes control characters, keeping tabs and line breaks; see {@link prepareQuestion}. */
export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '');
}

/**
 * Normalises a question where it enters the tutor, whatever the surface:
 * strips control characters, folds whitespace, refuses an empty question
 * with a friendly user-facing error, and cuts an overlong one at a word
 * boundary with a notice rather than refusing it outright (the gist is
 * usually at the start).
 */
export function prepareQuestion(raw: string, maxChars = MAX_QUESTION_CHARS): PreparedQuestion {
  const text = stripControlCharacters(raw).replace(/\s+/g, ' ').trim();
  if (text === '') {
    throw new UserFacingError(
      'EMPTY_QUESTION',
      'Ask me a question about an AI concept, for example: "What is a context window?"',
    );
  }
  if (text.length <= maxChars) return { text, notices: [] };
  const cut = text.slice(0, maxChars);
  const boundary = cut.lastIndexOf(' ');
  return {
    text: boundary > maxChars * 0.8 ? cut.slice(0, boundary) : cut,
    notices: [
      `Your question was longer than ${maxChars.toLocaleString('en-US')} characters, so I only read the first ${maxChars.toLocaleString('en-US')}.`,
    ],
  };
}
