import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js';
import { feedbackButtonId } from '../components/feedback-ids.js';

/** The 👍/👎 row under an answer; votes land in the question log. */
export function feedbackRow(questionId: string): APIActionRowComponent<APIButtonComponent> {
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
    ],
  };
}
