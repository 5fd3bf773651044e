import { DiscordAPIError, MessageFlags, RESTJSONErrorCodes, type RepliableInteraction } from 'discord.js';
import { errorFields } from '../../../core/errors.js';
import type { Logger } from '../../../core/ports.js';

/**
 * Defers the reply, which must happen within 3 seconds of the interaction or
 * Discord shows "The application did not respond". Returns false when the
 * interaction cannot be answered any more: it expired (the process was busy)
 * or another replica already took it. Other errors propagate.
 */
export async function deferReply(
  interaction: RepliableInteraction,
  options: { ephemeral: boolean },
  logger: Logger,
): Promise<boolean> {
  try {
    await interaction.deferReply(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    return true;
  } catch (error) {
    if (
      error instanceof DiscordAPIError &&
      error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged
    ) {
      logger.debug('interaction already acknowledged, probably by another replica', {
        interactionId: interaction.id,
      });
      return false;
    }
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownInteraction) {
      logger.warn('interaction expired before it could be deferred (more than 3 s after it was sent)', {
        interactionId: interaction.id,
        ...errorFields(error),
      });
      return false;
    }
    throw error;
  }
}
