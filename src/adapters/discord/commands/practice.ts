import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { deferReply } from '../interactions/defer.js';
import { practiceRemindReply } from '../reminders/practice-remind.js';
import { practiceItemReply } from '../render/practice-reply.js';
import type { SlashCommand } from './slash-command.js';

/**
 * `/practice`: the next due or new "Check yourself" question, privately, with
 * one button per option. With `remind` (a time, `off` or `show`, and an
 * optional `zone`) it manages the daily review reminder instead. Options, not
 * subcommands: a command with subcommands cannot be run bare.
 */
export const practiceCommand = {
  data: new SlashCommandBuilder()
    .setName('practice')
    .setDescription('Practise with a question from the library; only you see it')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((option) =>
      option
        .setName('remind')
        .setDescription('Daily review reminder by DM: a time (9:00, 5:30pm), off, or show')
        .setMaxLength(20),
    )
    .addStringOption((option) =>
      option
        .setName('zone')
        .setDescription("Your time zone for the reminder, e.g. Europe/Berlin (default: the team's)")
        .setMaxLength(64),
    ),
  async execute(interaction, deps) {
    if (!(await deferReply(interaction, { ephemeral: true }, deps.logger))) return;
    const remind = interaction.options.getString('remind');
    const zone = interaction.options.getString('zone');
    if (remind !== null || zone !== null) {
      const content =
        remind === null
          ? 'Add `remind:` with a time, e.g. `/practice remind:9:00 zone:Europe/Berlin`, or `remind:show` to see your reminder.'
          : await practiceRemindReply(deps, interaction.user.id, remind, zone);
      await interaction.editReply({ content, allowedMentions: { parse: [] } });
      return;
    }
    const next = await deps.practice.next(deps.learnerOf(interaction.user.id));
    await interaction.editReply(practiceItemReply(next));
  },
} satisfies SlashCommand;
