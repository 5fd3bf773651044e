import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { runNewsletterAction } from './newsletter-action.js';
import type { SlashCommand } from './slash-command.js';

/** `/unsubscribe email`: stops the weekly digest for that address. */
export const unsubscribeCommand = {
  data: new SlashCommandBuilder()
    .setName('unsubscribe')
    .setDescription('Stop the weekly AI concepts digest for an email address')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((o) =>
      o
        .setName('email')
        .setDescription('The address to remove; only you see this reply')
        .setRequired(true)
        .setMaxLength(254),
    ),
  execute: (interaction, deps) => runNewsletterAction(interaction, deps, 'unsubscribe'),
} satisfies SlashCommand;
