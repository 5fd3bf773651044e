import type { types } from '@slack/bolt';

/** A Block Kit block. */
export type SlackBlock = types.KnownBlock;

/** One Slack message: `text` is the notification and screen-reader fallback for `blocks`. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Slack's limits: characters in one section's text, and blocks in one message. */
export const SLACK_LIMITS = { sectionChars: 3000, blocksPerMessage: 50, fallbackChars: 3000 } as const;

/** Block ids the adapter reads back (thread history, feedback). */
export const BLOCK_IDS = {
  answerPrefix: 'tutor_answer_',
  question: 'tutor_question',
  progress: 'tutor_progress',
  notice: 'tutor_notice',
  sources: 'tutor_sources',
  suggestions: 'tutor_suggestions',
  feedback: 'tutor_feedback',
  /** The greeting in an assistant thread; never read back as an answer. */
  greeting: 'tutor_greeting',
  share: 'tutor_share',
  quizLater: 'tutor_quiz_later',
  homePractice: 'tutor_home_practice',
} as const;

/** Action ids of the feedback buttons and the callback id of the reason modal. */
export const FEEDBACK_IDS = {
  helpful: 'tutor_feedback_helpful',
  notHelpful: 'tutor_feedback_not_helpful',
  reasonModal: 'tutor_feedback_reason',
} as const;

/** Action id of "Share in channel" under an answer only the asker can see. */
export const SHARE_ACTION = 'tutor_share_answer';

/** Action id of "Quiz me on this later" under an answer; its value is the cited article's slug. */
export const QUIZ_LATER_ACTION = 'tutor_practice_later';

/** Action ids of the Home tab's buttons. */
export const HOME_IDS = {
  subscribe: 'tutor_home_subscribe',
  unsubscribe: 'tutor_home_unsubscribe',
  practiceNow: 'tutor_home_practice_now',
} as const;

/** A mrkdwn section. */
export function section(text: string, blockId?: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text }, ...(blockId ? { block_id: blockId } : {}) };
}

/** A small grey line of mrkdwn. */
export function context(text: string, blockId?: string): SlackBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }], ...(blockId ? { block_id: blockId } : {}) };
}

/** Cuts plain fallback text to Slack's comfortable length at a word boundary. */
export function fallbackText(text: string, max: number = SLACK_LIMITS.fallbackChars): string {
  const flat = text.trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.7 ? cut.slice(0, space) : cut}…`;
}
