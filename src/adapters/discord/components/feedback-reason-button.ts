import { ComponentType, TextInputStyle } from 'discord.js';
import type { ButtonHandler } from './component-handler.js';
import { feedbackReasonId, parseFeedbackReasonId } from './feedback-ids.js';

/** Longest reason stored; enough for a sentence or two. */
export const MAX_REASON_CHARS = 500;

/**
 * "Add a reason" after a 👎 opens a form. Opening a modal is itself the
 * interaction's response and cannot follow a deferral; it is sent at once.
 */
export const feedbackReasonButton: ButtonHandler = {
  name: 'feedback-reason',
  matches: (customId) => parseFeedbackReasonId(customId) !== null,
  async handle(interaction) {
    const questionId = parseFeedbackReasonId(interaction.customId)!;
    await interaction.showModal({
      custom_id: feedbackReasonId(questionId),
      title: 'What was wrong with the answer?',
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.TextInput,
              custom_id: 'reason',
              style: TextInputStyle.Paragraph,
              label: 'Reason',
              placeholder: 'e.g. It mixed up tokens and words, or the article is missing an example',
              min_length: 3,
              max_length: MAX_REASON_CHARS,
              required: true,
            },
          ],
        },
      ],
    });
  },
};
