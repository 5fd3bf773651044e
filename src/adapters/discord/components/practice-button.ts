import { practiceFeedbackReply, practiceItemReply } from '../render/practice-reply.js';
import type { ButtonHandler } from './component-handler.js';
import { parsePracticeButtonId } from './practice-ids.js';

/**
 * The buttons under a practice question: an option grades it (once: a second
 * click, or a click on another replica, shows the first result), "Next
 * question" shows the next item and "Stop" ends the session. Each replaces
 * the ephemeral message in place.
 */
export const practiceButton: ButtonHandler = {
  name: 'practice',
  matches: (customId) => parsePracticeButtonId(customId) !== null,
  async handle(interaction, deps) {
    const button = parsePracticeButtonId(interaction.customId)!;
    await interaction.deferUpdate();
    const learner = deps.learnerOf(interaction.user.id);
    if (button.kind === 'stop') {
      await interaction.editReply({
        content: 'Stopped. Type `/practice` whenever you want another question.',
        components: [],
      });
      return;
    }
    if (button.kind === 'next') {
      await interaction.editReply(practiceItemReply(await deps.practice.next(learner)));
      return;
    }
    const graded = await deps.practice.answer(learner, { shownId: button.shownId, choice: button.choice });
    if (!graded.ok) {
      // Stale or forged: say so in place rather than through replyWithError, which would delete a public message.
      deps.logger.info('practice answer refused', { reason: graded.reason });
      await interaction.editReply({
        content: 'That question is no longer open for you. Type `/practice` for the next one.',
        components: [],
      });
      return;
    }
    await interaction.editReply(practiceFeedbackReply(graded, deps.publicUrl));
  },
};
