import { type Message, MessageType } from 'discord.js';
import { mentionsBot } from './mentions-bot.js';

/**
 * Whether a message is a question for the bot: a DM, or a message that
 * mentions it or its managed role (a reply to the bot with its ping on
 * counts). Other bots, webhooks, system messages and the bot itself are
 * ignored, so two bots can never answer each other in a loop. A bot that
 * answers every message gets muted; these are also the only messages whose
 * content Discord sends a bot without the privileged Message Content intent.
 */
export function isQuestionForBot(message: Message, botId: string): boolean {
  if (message.author.bot || message.author.id === botId || message.webhookId || message.system) return false;
  if (message.type !== MessageType.Default && message.type !== MessageType.Reply) return false;
  if (!message.inGuild()) return true;
  return mentionsBot(message, botId);
}
