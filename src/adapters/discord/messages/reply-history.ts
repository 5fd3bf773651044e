import type { Message } from 'discord.js';
import { errorFields } from '../../../core/errors.js';
import type { ConversationTurn, Logger } from '../../../core/ports.js';
import { questionText } from './question-text.js';

/** Text of one of the bot's answers: its content and its embeds' descriptions. */
export function answerText(message: Message): string {
  return [message.content, ...message.embeds.map((e) => e.description ?? '')]
    .filter((t) => t.trim() !== '')
    .join('\n\n')
    .trim();
}

/** Joins consecutive turns of the same speaker (an answer split over several messages). */
export function mergeTurns(turns: ConversationTurn[]): ConversationTurn[] {
  const merged: ConversationTurn[] = [];
  for (const turn of turns) {
    const last = merged.at(-1);
    if (last?.role === turn.role) last.text = `${last.text}\n\n${turn.text}`;
    else merged.push({ ...turn });
  }
  return merged;
}

/**
 * The earlier exchange when a message replies to one of the bot's answers,
 * oldest first: it walks the reply chain back through Discord (each answer
 * replies to its question; /ask answers carry their question as the embed
 * title). Stateless, so it works across restarts and replicas. A reply to
 * anything but the bot gets no history; the tutor caps the rest by tokens.
 */
export async function replyHistory(
  message: Message,
  botId: string,
  options: { maxMessages: number; logger: Logger },
): Promise<ConversationTurn[]> {
  const turns: ConversationTurn[] = [];
  let current = message;
  for (let depth = 0; depth < options.maxMessages && current.reference?.messageId; depth++) {
    let parent: Message;
    try {
      parent = await current.fetchReference();
    } catch (error) {
      // Deleted, or the bot may not read the channel's history: answer without the context.
      options.logger.debug('could not fetch the message replied to', {
        messageId: current.reference.messageId,
        ...errorFields(error),
      });
      break;
    }
    const fromBot = parent.author.id === botId;
    if (depth === 0 && !fromBot) break;
    if (fromBot) {
      const text = answerText(parent);
      if (text) turns.unshift({ role: 'assistant', text });
      const asked = parent.interactionMetadata ? parent.embeds[0]?.title : undefined;
      if (asked) {
        turns.unshift({ role: 'user', text: asked });
        break;
      }
    } else {
      // Without the Message Content intent only messages to the bot have content; stop at the first that does not.
      const text = questionText(parent, botId);
      if (!text) break;
      turns.unshift({ role: 'user', text });
    }
    current = parent;
  }
  return mergeTurns(turns);
}
