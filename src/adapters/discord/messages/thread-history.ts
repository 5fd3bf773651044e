import { ChannelType, type Message } from 'discord.js';
import { errorFields } from '../../../core/errors.js';
import type { ConversationTurn, Logger } from '../../../core/ports.js';
import { WRITING_MARK } from '../render/draft-reply.js';
import { questionText } from './question-text.js';
import { answerText, mergeTurns } from './reply-history.js';

/** Snowflakes are time-ordered; as BigInts they compare exactly. */
const older = (a: Message, b: Message) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1);

const isDraft = (message: Message) =>
  message.embeds.some((e) => e.footer?.text === WRITING_MARK) || message.content.endsWith(WRITING_MARK);

/**
 * The earlier exchange in a thread or forum post, oldest first, when a
 * question is asked there: the bot's answers are assistant turns, questions
 * put to it are user turns. Without the Message Content intent Discord sends
 * only the content of messages to the bot, so other talk in the thread never
 * reaches the model. A forum post's title stands in for its opening message
 * when that did not address the bot. Read from Discord each time (Read
 * Message History), so nothing is stored; the tutor caps it by tokens.
 */
export async function threadHistory(
  message: Message,
  botId: string,
  options: { maxMessages: number; logger: Logger },
): Promise<ConversationTurn[]> {
  const channel = message.channel;
  if (!channel.isThread()) return [];
  let earlier: Message[];
  try {
    earlier = [
      ...(await channel.messages.fetch({ before: message.id, limit: options.maxMessages })).values(),
    ];
  } catch (error) {
    options.logger.debug('could not read the thread (Read Message History?)', {
      channelId: channel.id,
      ...errorFields(error),
    });
    return [];
  }
  const turns: ConversationTurn[] = [];
  for (const m of earlier.sort(older)) {
    if (m.author.id === botId) {
      const text = isDraft(m) ? '' : answerText(m);
      if (text) turns.push({ role: 'assistant', text });
    } else if (!m.author.bot && !m.system) {
      const text = questionText(m, botId);
      if (text) turns.push({ role: 'user', text });
    }
  }
  const inForum =
    channel.parent?.type === ChannelType.GuildForum || channel.parent?.type === ChannelType.GuildMedia;
  // The opening post of a forum thread has the thread's id; its title says what the thread is about.
  const opened = earlier.some((m) => m.id === channel.id && questionText(m, botId) !== '');
  if (inForum && !opened && message.id !== channel.id && channel.name)
    turns.unshift({ role: 'user', text: channel.name });
  return mergeTurns(turns);
}
