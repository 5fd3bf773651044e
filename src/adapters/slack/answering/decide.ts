import { mentions } from './slack-text.js';

/** The fields of a Slack `message` or `app_mention` event the adapter reads. */
export interface IncomingMessage {
  type: string;
  channel: string;
  /** `im` for DMs; `channel`, `group`, `mpim` otherwise (absent on app_mention). */
  channel_type?: string;
  user?: string;
  /** The author's team (Enterprise Grid and Slack Connect may differ from the workspace's). */
  team?: string;
  bot_id?: string;
  subtype?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
}

/** What to do with an incoming message. */
export type Decision =
  | { action: 'ignore'; reason: string }
  /** Answer in the thread `threadTs`; read the thread for context when `readThread`. */
  | { action: 'answer'; threadTs: string; readThread: boolean }
  /** A reply in a thread without a mention: answer only if the bot already answered in that thread. */
  | { action: 'answer-if-bot-in-thread'; threadTs: string };

/** What {@link decide} needs to know about the workspace. */
export interface DecideOptions {
  botUserId: string | undefined;
  /** Read threads for follow-ups (SLACK_THREAD_CONTEXT). */
  threadContext: boolean;
  /** A channel where every top-level message is a question (SLACK_ANSWER_CHANNEL). */
  answerChannel?: string | undefined;
}

/** Subtypes that are still a person writing a new message; every other subtype (edits, joins, bots) is ignored. */
const PERSON_SUBTYPES = new Set(['thread_broadcast', 'file_share']);

/**
 * Decides whether the bot speaks. A bot that answers everything gets muted, so
 * it answers only when addressed: a mention, a DM, a follow-up in a thread it
 * answered, or a top-level message in the one configured answer channel.
 */
export function decide(message: IncomingMessage, options: DecideOptions): Decision {
  if (message.subtype && !PERSON_SUBTYPES.has(message.subtype))
    return { action: 'ignore', reason: `subtype ${message.subtype}` };
  if (message.bot_id || !message.user) return { action: 'ignore', reason: 'sent by a bot' };
  if (message.user === options.botUserId) return { action: 'ignore', reason: 'sent by this bot' };

  const inThread = message.thread_ts !== undefined && message.thread_ts !== message.ts;
  const threadTs = message.thread_ts ?? message.ts;
  const addressed =
    message.type === 'app_mention' ||
    message.channel_type === 'im' ||
    mentions(message.text, options.botUserId);
  if (addressed) return { action: 'answer', threadTs, readThread: inThread && options.threadContext };
  if (inThread) {
    return options.threadContext
      ? { action: 'answer-if-bot-in-thread', threadTs }
      : { action: 'ignore', reason: 'thread reply without a mention (SLACK_THREAD_CONTEXT is off)' };
  }
  if (options.answerChannel && message.channel === options.answerChannel)
    return { action: 'answer', threadTs, readThread: false };
  return { action: 'ignore', reason: 'not addressed to the bot' };
}

/** The idempotency key of a person's message: Slack re-sends and double-delivers, but channel + ts is stable. */
export function dedupeKey(teamId: string | undefined, channel: string, ts: string): string {
  return `slack:${teamId ?? '-'}:${channel}:${ts}`;
}
