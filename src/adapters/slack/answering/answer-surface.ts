import type { SlackBlock, SlackMessage } from '../render/slack-message.js';

/** The final form of an answer, for every kind of surface. */
export interface FinishedAnswer {
  /** Whole Block Kit messages, for surfaces that post or update messages. */
  messages: SlackMessage[];
  /**
   * For native streams: the answer as Markdown and the blocks that go under
   * it (sources, feedback). Absent for errors and refusals, which a stream
   * replaces with `messages`.
   */
  stream?: { markdown: string; footer: SlackBlock[] };
}

/** Where an answer appears while it is written and once it is done. */
export interface AnswerSurface {
  /** Shows that the tutor is working (a placeholder or a status); may throw when the bot cannot post there. */
  start(): Promise<void>;
  /** Offers the answer so far; a surface may show it (throttled) or ignore it. */
  draft(markdownSoFar: string): void;
  /** Shows the final answer, replacing any placeholder or finishing the stream. */
  finish(answer: FinishedAnswer): Promise<void>;
}
