import type { SlackMessage } from '../render/slack-message.js';

/** Where an answer appears while it is written and once it is done. */
export interface AnswerSurface {
  /** Shows that the tutor is working (a placeholder); may throw when the bot cannot post there. */
  start(): Promise<void>;
  /** Offers the answer so far; a surface may show it (throttled) or ignore it. */
  draft(markdownSoFar: string): void;
  /** Shows the final messages, replacing any placeholder. */
  finish(messages: SlackMessage[]): Promise<void>;
}
