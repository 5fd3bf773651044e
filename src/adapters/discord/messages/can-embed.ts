import { type Message, PermissionFlagsBits } from 'discord.js';

/**
 * Whether the bot may post embeds where the message was sent. Without Embed
 * Links, Discord silently drops embeds, so answers go out as plain text then.
 * DMs always allow them; when permissions cannot be worked out, assume yes.
 */
export function canEmbed(message: Message): boolean {
  if (!message.inGuild()) return true;
  const me = message.guild.members.me;
  const permissions = me ? message.channel.permissionsFor(me) : null;
  return permissions ? permissions.has(PermissionFlagsBits.EmbedLinks) : true;
}
