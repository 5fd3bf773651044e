import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { MAX_EXPLANATION_CHARS } from '../../../core/practice/explain-back/explain-input.js';
import { deferReply } from '../interactions/defer.js';
import { DISCORD_LIMITS, truncate } from '../render/discord-limits.js';
import { explainHintReply } from '../render/explain-reply.js';
import { matchConcepts } from './match-concepts.js';
import type { SlashCommand } from './slash-command.js';

/**
 * `/explain concept explanation`: the learner's own explanation, graded
 * against the article, privately; hints first, with a "Show what I missed"
 * button. Bad input (an unknown concept, an empty or too-long explanation)
 * is a UserFacingError the interaction handler shows privately.
 */
export const explainCommand = {
  data: new SlashCommandBuilder()
    .setName('explain')
    .setDescription('Explain a concept in your own words and get hints; only you see it')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((o) =>
      o
        .setName('concept')
        .setDescription('The concept you are explaining, e.g. "RAG"')
        .setRequired(true)
        .setAutocomplete(true)
        .setMaxLength(100),
    )
    .addStringOption((o) =>
      o
        .setName('explanation')
        .setDescription('Your explanation, in your own words, without looking at the article')
        .setRequired(true)
        .setMaxLength(MAX_EXPLANATION_CHARS),
    ),

  async autocomplete(interaction, deps) {
    const typed = interaction.options.getFocused();
    const matches = matchConcepts(deps.library.current(), typed, DISCORD_LIMITS.autocompleteChoices);
    await interaction.respond(
      matches.map(({ concept, via }) => ({
        name: truncate(via ? `${concept.title} (${via})` : concept.title, DISCORD_LIMITS.choiceName),
        value: concept.slug,
      })),
    );
  },

  async execute(interaction, deps, signal) {
    const concept = interaction.options.getString('concept', true);
    const explanation = interaction.options.getString('explanation', true);
    // Grading can take longer than Discord's 3 seconds.
    if (!(await deferReply(interaction, { ephemeral: true }, deps.logger))) return;
    const feedback = await deps.explainBack.explain({
      concept,
      explanation,
      platform: 'discord',
      userId: interaction.user.id,
      ...(signal ? { signal } : {}),
    });
    await interaction.editReply(explainHintReply(feedback));
  },
} satisfies SlashCommand;
