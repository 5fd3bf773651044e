import { ButtonStyle, ComponentType } from 'discord.js';
import { deferReply } from '../interactions/defer.js';
import type { ButtonHandler } from './component-handler.js';
import { feedbackReasonId, parseFeedbackButtonId } from './feedback-ids.js';

/**
 * 👍/👎 under an answer: stores the vote in the question log (a later vote
 * replaces an earlier one) and thanks the voter privately. After a 👎 it
 * offers an optional reason, which is what editors need to fix the library.
 */
export const feedbackButton: ButtonHandler = {
  name: 'feedback',
  matches: (customId) => parseFeedbackButtonId(customId) !== null,
  async handle(interaction, deps) {
    const { vote, questionId } = parseFeedbackButtonId(interaction.customId)!;
    if (!(await deferReply(interaction, { ephemeral: true }, deps.logger))) return;
    const stored = await deps.questionLog.setFeedback(questionId, vote);
    const allowedMentions = { parse: [] as [] };
    if (!stored) {
      deps.logger.warn('feedback for an unknown question', { questionId });
      await interaction.editReply({
        content: "I couldn't find that answer in the log any more, so the vote wasn't saved.",
        allowedMentions,
      });
      return;
    }
    deps.logger.info('feedback recorded', { questionId, vote });
    if (vote === 1) {
      await interaction.editReply({ content: 'Thanks for the 👍, glad it helped.', allowedMentions });
      return;
    }
    await interaction.editReply({
      content:
        'Thanks for the 👎. What was wrong or missing? A short reason helps the editors fix the library.',
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.Button,
              style: ButtonStyle.Secondary,
              custom_id: feedbackReasonId(questionId),
              label: 'Add a reason',
              emoji: { name: '✏️' },
            },
          ],
        },
      ],
      allowedMentions,
    });
  },
};
