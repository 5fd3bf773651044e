import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js';
import { practiceLaterId } from '../components/practice-ids.js';

/** "Quiz me on this later" under an answer: queues the cited article's practice items for whoever clicks. */
export function quizLaterRow(slug: string): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        custom_id: practiceLaterId(slug),
        emoji: { name: '🧠' },
        label: 'Quiz me on this later',
      },
    ],
  };
}
