import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { deferReply } from '../interactions/defer.js';
import { practiceItemReply } from '../render/practice-reply.js';
import type { SlashCommand } from './slash-command.js';

/** `/practice`: the next due or new "Check yourself" question, privately, with one button per option. */
export const practiceCommand = {
  data: new SlashCommandBuilder()
    .setName('practice')
    .setDescription('Practise with a question from the library; only you see it')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM),
  async execute(interaction, deps) {
    if (!(await deferReply(interaction, { ephemeral: true }, deps.logger))) return;
    const next = await deps.practice.next(deps.learnerOf(interaction.user.id));
    await interaction.editReply(practiceItemReply(next));
  },
} satisfies SlashCommand;
