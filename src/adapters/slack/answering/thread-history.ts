import type { webApi } from '@slack/bolt';
import type { ConversationTurn } from '../../../core/ports.js';
import { questionFromHeader } from '../render/ask-header.js';
import { BLOCK_IDS } from '../render/slack-message.js';
import { slackTextToPlain } from './slack-text.js';

/** A message as conversations.replies returns it (only the fields read here). */
interface ThreadMessage {
  ts?: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
  text?: string;
  blocks?: Array<{ type?: string; block_id?: string; text?: { text?: string } | string }>;
}

/** The bot's identity in the workspace, from auth.test. */
export interface BotIdentity {
  botUserId?: string | undefined;
  botId?: string | undefined;
}

/** A thread read for context. */
export interface ThreadContext {
  /** Earlier turns, oldest first; the core caps them by tokens. */
  turns: ConversationTurn[];
  /** True when this bot has posted in the thread (follow-ups there need no mention). */
  botParticipated: boolean;
}

/** Pages of 200 are plenty: the core keeps only the most recent turns that fit its token cap. */
const PAGE_SIZE = 200;
const MAX_PAGES = 5;

/** Slack timestamps ("1712345678.000200") compared exactly, without float rounding. */
export function compareTs(a: string, b: string): number {
  const [as = '0', af = ''] = a.split('.');
  const [bs = '0', bf = ''] = b.split('.');
  return Number(as) - Number(bs) || Number(af.padEnd(6, '0')) - Number(bf.padEnd(6, '0'));
}

/**
 * Reads a thread with conversations.replies and maps it to conversation
 * turns: people's messages are user turns, this bot's answers are assistant
 * turns (read from its answer blocks, or the Markdown of a streamed answer,
 * so Sources lines and buttons stay out; greetings are skipped), other bots
 * are skipped. Only messages before `beforeTs` count.
 */
export async function readThread(
  client: webApi.WebClient,
  channel: string,
  threadTs: string,
  beforeTs: string,
  bot: BotIdentity,
): Promise<ThreadContext> {
  const messages: ThreadMessage[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await client.conversations.replies({
      channel,
      ts: threadTs,
      limit: PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    });
    messages.push(...((result.messages ?? []) as ThreadMessage[]));
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  const isBot = (m: ThreadMessage) =>
    (!!bot.botUserId && m.user === bot.botUserId) || (!!bot.botId && m.bot_id === bot.botId);
  const turns: ConversationTurn[] = [];
  for (const message of messages) {
    if (!message.ts || compareTs(message.ts, beforeTs) >= 0) continue;
    if (isBot(message)) turns.push(...botTurns(message));
    else if (
      !message.bot_id &&
      message.user &&
      (!message.subtype || message.subtype === 'thread_broadcast' || message.subtype === 'file_share')
    ) {
      const text = slackTextToPlain(message.text ?? '', bot.botUserId);
      if (text) turns.push({ role: 'user', text });
    }
  }
  return { turns, botParticipated: messages.some(isBot) };
}

/** Blocks chat.stopStream puts under a streamed answer; their presence marks a finished stream. */
const STREAM_FOOTER = new Set<string>([BLOCK_IDS.sources, BLOCK_IDS.suggestions, BLOCK_IDS.feedback]);

const blockText = (block: { text?: { text?: string } | string }) =>
  typeof block.text === 'string' ? block.text : (block.text?.text ?? '');

function botTurns(message: ThreadMessage): ConversationTurn[] {
  const blocks = message.blocks ?? [];
  // A placeholder still in progress (or a crashed one) carries no answer, and a greeting is not one.
  if (blocks.some((b) => b.block_id === BLOCK_IDS.progress || b.block_id === BLOCK_IDS.greeting)) return [];
  const turns: ConversationTurn[] = [];
  const header = blocks.find((b) => b.block_id === BLOCK_IDS.question);
  const asked = header ? questionFromHeader(blockText(header)) : null;
  if (asked) turns.push({ role: 'user', text: slackTextToPlain(asked) });
  let answer = blocks
    .filter((b) => b.block_id?.startsWith(BLOCK_IDS.answerPrefix))
    .map(blockText)
    .join('\n\n')
    .trim();
  // A streamed answer is Markdown in the message itself, with our footer blocks under it.
  if (!answer && blocks.some((b) => b.block_id && STREAM_FOOTER.has(b.block_id)))
    answer = (
      message.text ||
      blocks
        .filter((b) => b.type === 'markdown')
        .map(blockText)
        .join('\n\n')
    ).trim();
  if (answer) turns.push({ role: 'assistant', text: slackTextToPlain(answer) });
  return turns;
}
