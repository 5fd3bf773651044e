import type { Message } from 'discord.js';

/**
 * The question in a message: the bot's own mention removed, other people's
 * mentions turned into readable @names so the model sees words, not ids.
 */
export function questionText(message: Message, botId: string): string {
  return message.content
    .replace(new RegExp(`<@!?${botId}>`, 'g'), ' ')
    .replace(/<@!?(\d+)>/g, (whole, id: string) => {
      const user = message.mentions.users.get(id);
      return user ? `@${user.displayName}` : whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}
