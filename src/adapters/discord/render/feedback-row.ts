import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js';
import { feedbackButtonId } from '../components/feedback-ids.js';
import { shareButtonId } from '../components/share-ids.js';

/** The 👍/👎 row under an answer; votes land in the question log. With `share`, a "Share in channel" button too. */
export function feedbackRow(
  questionId: string,
  options: { share?: boolean } = {},
): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        custom_id: feedbackButtonId(1, questionId),
        emoji: { name: '👍' },
        label: 'Helpful',
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        custom_id: feedbackButtonId(-1, questionId),
        emoji: { name: '👎' },
        label: 'Not helpful',
      },
      ...(options.share
        ? [
            {
              type: ComponentType.Button as const,
              style: ButtonStyle.Primary as const,
              custom_id: shareButtonId(questionId),
              emoji: { name: '📣' },
              label: 'Share in channel',
            },
          ]
        : []),
    ],
  };
}
