import { markdownToMrkdwn } from './markdown-to-mrkdwn.js';
import {
  BLOCK_IDS,
  context,
  fallbackText,
  SLACK_LIMITS,
  type SlackMessage,
  section,
} from './slack-message.js';

/** What the placeholder says while the tutor works. */
export const PLACEHOLDER_TEXT = 'Looking that up in the library…';

/** The placeholder posted before the tutor is asked. */
export function progressMessage(header?: string): SlackMessage {
  return {
    text: PLACEHOLDER_TEXT,
    blocks: [
      ...(header ? [section(header, BLOCK_IDS.question)] : []),
      context(`:hourglass_flowing_sand: ${PLACEHOLDER_TEXT}`, BLOCK_IDS.progress),
    ],
  };
}

/**
 * The placeholder with the answer written so far, or null when there is
 * nothing to show yet. (The tutor never streams its own markers, so there is
 * nothing to filter here.)
 */
export function draftMessage(markdownSoFar: string, header?: string): SlackMessage | null {
  const trimmed = markdownSoFar.trim();
  if (trimmed === '') return null;
  const mrkdwn = markdownToMrkdwn(trimmed);
  // Keep a draft to one section; the final update splits properly.
  const limit = SLACK_LIMITS.sectionChars - 100;
  const shown = mrkdwn.length > limit ? `${mrkdwn.slice(0, limit)}…` : mrkdwn;
  return {
    text: fallbackText(trimmed),
    blocks: [
      ...(header ? [section(header, BLOCK_IDS.question)] : []),
      section(shown, `${BLOCK_IDS.answerPrefix}draft`),
      context(':writing_hand: Writing the answer…', BLOCK_IDS.progress),
    ],
  };
}

/** A short reply with no answer in it (errors, limits, command confirmations). */
export function plainMessage(mrkdwn: string, header?: string): SlackMessage {
  return {
    text: fallbackText(mrkdwn),
    blocks: [...(header ? [section(header, BLOCK_IDS.question)] : []), section(mrkdwn)],
  };
}
