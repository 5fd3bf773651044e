import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { UserFacingError } from '../../../core/errors.js';
import { deferReply } from '../interactions/defer.js';
import { sendInteractionReplies } from '../interactions/send-replies.js';
import { renderConcept } from '../render/concept-reply.js';
import { DISCORD_LIMITS, truncate } from '../render/discord-limits.js';
import { findConcept, matchConcepts } from './match-concepts.js';
import type { SlashCommand } from './slash-command.js';

/** `/concept name`: a concept's summary and a link, with autocomplete over the live library. */
export const conceptCommand = {
  data: new SlashCommandBuilder()
    .setName('concept')
    .setDescription('Look up a concept in the library: its summary and a link to the article')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((o) =>
      o
        .setName('name')
        .setDescription('Start typing, e.g. "token" or "RAG"')
        .setRequired(true)
        .setAutocomplete(true)
        .setMaxLength(100),
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

  async execute(interaction, deps) {
    const name = interaction.options.getString('name', true);
    if (!(await deferReply(interaction, { ephemeral: false }, deps.logger))) return;
    const concept = findConcept(deps.library.current(), name);
    if (!concept) {
      const closest = deps.retriever.search(name, { limit: 3 }).concepts.map((c) => c.title);
      throw new UserFacingError(
        'CONCEPT_NOT_FOUND',
        `There is no concept called "${truncate(name, 100)}" in the library.` +
          (closest.length > 0 ? ` Closest: ${closest.join(', ')}.` : '') +
          ' Pick one from the list as you type, or ask a question with /ask.',
      );
    }
    await sendInteractionReplies(interaction, [renderConcept(concept, deps.publicUrl)]);
  },
} satisfies SlashCommand;
