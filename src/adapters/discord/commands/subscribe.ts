import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { runNewsletterAction } from './newsletter-action.js';
import type { SlashCommand } from './slash-command.js';

/** `/subscribe email`: starts double opt-in to the weekly digest (a confirmation email). */
export const subscribeCommand = {
  data: new SlashCommandBuilder()
    .setName('subscribe')
    .setDescription('Get the weekly AI concepts digest by email (you confirm from your inbox)')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((o) =>
      o
        .setName('email')
        .setDescription('Where to send it; only you see this reply')
        .setRequired(true)
        .setMaxLength(254),
    ),
  execute: (interaction, deps) => runNewsletterAction(interaction, deps, 'subscribe'),
} satisfies SlashCommand;
