import { type Interaction, MessageFlags } from 'discord.js';
import { errorFields, isUserFacing } from '../../../core/errors.js';
import type { Logger } from '../../../core/ports.js';
import { errorText } from '../error-text.js';

const NO_MENTIONS = { parse: [] as [] };

/**
 * Tells the person what went wrong, privately, whatever state the interaction
 * is in: a public "is thinking…" placeholder is deleted and the message sent
 * as an ephemeral follow-up, so a rate-limit note does not land in the channel.
 * Never throws: a failure here is logged, there is nothing else left to do.
 */
export async function replyWithError(
  interaction: Interaction,
  error: unknown,
  logger: Logger,
): Promise<void> {
  // A refusal's text can quote what the person typed (an email address): log only its code.
  if (isUserFacing(error))
    logger.info('interaction refused', { interactionId: interaction.id, code: error.code });
  else logger.error('interaction failed', { interactionId: interaction.id, ...errorFields(error) });
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (!interaction.isRepliable()) return;
    const content = errorText(error);
    if (!interaction.deferred && !interaction.replied) {
      await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    } else if (interaction.ephemeral) {
      await interaction.editReply({ content, embeds: [], components: [], allowedMentions: NO_MENTIONS });
    } else {
      if (!interaction.replied) await interaction.deleteReply();
      await interaction.followUp({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    }
  } catch (replyError) {
    logger.warn('could not tell the user about a failed interaction', {
      interactionId: interaction.id,
      ...errorFields(replyError),
    });
  }
}
