import type { Message } from 'discord.js';

/**
 * Ids of the bot's own managed role in the message's server: Discord gives
 * every bot a role named after it, and its mention picker often offers that
 * role first, so people "mention the bot" by mentioning its role.
 */
export function botRoleIds(message: Message, botId: string): string[] {
  if (!message.inGuild()) return [];
  return message.mentions.roles.filter((role) => role.tags?.botId === botId).map((role) => role.id);
}

/** True when the message mentions the bot, directly or through its managed role. */
export function mentionsBot(message: Message, botId: string): boolean {
  return message.mentions.users.has(botId) || botRoleIds(message, botId).length > 0;
}
