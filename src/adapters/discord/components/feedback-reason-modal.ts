import { deferReply } from '../interactions/defer.js';
import type { ModalHandler } from './component-handler.js';
import { parseFeedbackReasonId } from './feedback-ids.js';
import { MAX_REASON_CHARS } from './feedback-reason-button.js';

/** The submitted reason form: stores the 👎 again, now with its reason. */
export const feedbackReasonModal: ModalHandler = {
  name: 'feedback-reason',
  matches: (customId) => parseFeedbackReasonId(customId) !== null,
  async handle(interaction, deps) {
    const questionId = parseFeedbackReasonId(interaction.customId)!;
    const reason = interaction.fields.getTextInputValue('reason').trim().slice(0, MAX_REASON_CHARS);
    if (!(await deferReply(interaction, { ephemeral: true }, deps.logger))) return;
    const stored = await deps.questionLog.setFeedback(questionId, -1, reason);
    if (stored) deps.logger.info('feedback reason recorded', { questionId });
    await interaction.editReply({
      content: stored
        ? 'Thanks, your reason is saved for the editors.'
        : "I couldn't find that answer in the log any more, so the reason wasn't saved.",
      allowedMentions: { parse: [] },
    });
  },
};
