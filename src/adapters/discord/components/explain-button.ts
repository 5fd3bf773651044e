import { EXPLAIN_STALE_DISCORD, explainFullReply } from '../render/explain-reply.js';
import type { ButtonHandler } from './component-handler.js';
import { isExplainId, parseExplainRevealId } from './explain-ids.js';

/**
 * "Show what I missed" under an /explain reply: replaces the hints with the
 * full feedback, for the learner who wrote the explanation only. A stale or
 * forged id (or someone else's key) gets a note in place, never feedback.
 */
export const explainButton: ButtonHandler = {
  name: 'explain',
  matches: isExplainId,
  async handle(interaction, deps) {
    await interaction.deferUpdate();
    const key = parseExplainRevealId(interaction.customId);
    const feedback = key ? deps.explainBack.revealed(key, 'discord', interaction.user.id) : null;
    if (!feedback) {
      deps.logger.info('explain reveal refused', { reason: key ? 'expired' : 'malformed' });
      await interaction.editReply({ content: EXPLAIN_STALE_DISCORD, components: [] });
      return;
    }
    await interaction.editReply(explainFullReply(feedback, deps.publicUrl));
  },
};
