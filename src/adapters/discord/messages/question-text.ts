import type { Message } from 'discord.js';
import { botRoleIds } from './mentions-bot.js';

/**
 * The question in a message: the bot's own mention (and its managed role's)
 * removed, other people's and roles' mentions turned into readable @names so
 * the model sees words, not ids.
 */
export function questionText(message: Message, botId: string): string {
  const ownRoles = new Set(botRoleIds(message, botId));
  return message.content
    .replace(new RegExp(`<@!?${botId}>`, 'g'), ' ')
    .replace(/<@&(\d+)>/g, (whole, id: string) => {
      if (ownRoles.has(id)) return ' ';
      const role = message.mentions.roles.get(id);
      return role ? `@${role.name}` : whole;
    })
    .replace(/<@!?(\d+)>/g, (whole, id: string) => {
      const user = message.mentions.users.get(id);
      return user ? `@${user.displayName}` : whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}
