import type { ConversationTurn } from '../ports.js';

/**
 * The most a model call can cost, reserved against the daily budget before
 * it is made: the prompt, estimated from its length (about four characters
 * a token, plus a fifth for the request's structure and the tokenizer's
 * variance), and a full-length answer. The real usage replaces it once the
 * answer is in.
 */
export function worstCaseTokens(input: {
  /** The stable prefix sent first (rules plus library map). */
  prefix: string;
  question: string;
  history: readonly ConversationTurn[];
  passages: readonly { title: string; section: string; text: string }[];
  maxTokens: number;
}): number {
  const promptChars =
    input.prefix.length +
    input.question.length +
    input.history.reduce((sum, t) => sum + t.text.length, 0) +
    input.passages.reduce((sum, p) => sum + p.title.length + p.section.length + p.text.length, 0);
  return Math.ceil((promptChars / 4) * 1.2) + input.maxTokens;
}
