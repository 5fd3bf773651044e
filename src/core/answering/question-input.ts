import { UserFacingError } from '../errors.js';

/** Longest question accepted; longer ones are cut, with a notice. */
export const MAX_QUESTION_CHARS = 2000;

/** A question ready to answer, and any notice the asker should see. */
export interface PreparedQuestion {
  text: string;
  notices: string[];
}

/**
 * Normalises a question: trims it, refuses an empty one with a friendly
 * user-facing error, and cuts an overlong one at a word boundary with a notice
 * rather than refusing it outright (the gist is usually at the start).
 */
export function prepareQuestion(raw: string, maxChars = MAX_QUESTION_CHARS): PreparedQuestion {
  const text = raw.replace(/\s+/g, ' ').trim();
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
