import { deferReply } from '../interactions/defer.js';
import { practiceFeedbackReply, practiceItemReply } from '../render/practice-reply.js';
import type { ButtonHandler } from './component-handler.js';
import { parsePracticeButtonId } from './practice-ids.js';

/**
 * "Quiz me on this later" under an answer queues the cited article's items.
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
    const learner = deps.learnerOf(interaction.user.id);
    if (button.kind === 'later') {
      // Under a public answer: reply privately to whoever clicked, leave the answer alone.
      if (!(await deferReply(interaction, { ephemeral: true }, deps.logger))) return;
      const concept = deps.library.current().conceptBySlug.get(button.slug);
      if (!concept || concept.checkYourself.length === 0) {
        await interaction.editReply({ content: 'That article has no practice questions (any more).' });
        return;
      }
      const added = await deps.practice.queue(learner, button.slug);
      const { title } = concept;
      await interaction.editReply({
        content:
          added > 0
            ? `Added ${added} question${added === 1 ? '' : 's'} about ${title} to your practice. Type \`/practice\` when you're ready.`
            : `${title} is already in your practice. Type \`/practice\` when you're ready.`,
        allowedMentions: { parse: [] },
      });
      return;
    }
    await interaction.deferUpdate();
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
