import type { RepliableInteraction } from 'discord.js';
import { createThrottledDraft, type ThrottledDraft } from '../../../core/chat/throttled-draft.js';
import { errorFields } from '../../../core/errors.js';
import type { Logger } from '../../../core/ports.js';
import { draftReply } from '../render/draft-reply.js';

/**
 * Shows the answer as the model writes it by editing the deferred reply,
 * through the shared throttled draft (at most one edit per `intervalMs`,
 * none after `finish`). A failed draft costs only the preview.
 */
export function createDraftStream(
  interaction: Pick<RepliableInteraction, 'id' | 'editReply'>,
  options: { question: string; intervalMs: number; logger: Logger },
): ThrottledDraft {
  return createThrottledDraft({
    intervalMs: options.intervalMs,
    render: (text) => draftReply(text, { title: options.question }),
    show: async (reply) => {
      await interaction.editReply(reply);
    },
    onError: (error) =>
      options.logger.warn('could not stream a draft into the reply', {
        interactionId: interaction.id,
        ...errorFields(error),
      }),
  });
}
