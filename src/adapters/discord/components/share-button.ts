import { MessageFlags } from 'discord.js';
import { DISCORD_LIMITS, truncate } from '../render/discord-limits.js';
import { feedbackRow } from '../render/feedback-row.js';
import type { ButtonHandler } from './component-handler.js';
import { parseShareButtonId } from './share-ids.js';

/** Said to anyone but the asker (Discord shows a private answer only to its asker, but a client can be modified). */
export const SHARE_NOT_YOURS = 'Only the person who asked can share this answer.';
/** Said to a second click on the same Share button. */
export const ALREADY_SHARED = 'This answer is already shared in the channel.';

const NO_MENTIONS = { parse: [] as [] };

/**
 * "Share in channel" under a private /ask answer: posts a copy of the
 * message the button is on to the channel, as the interaction's public
 * reply (so it works wherever /ask did), headed by who shared it, with the
 * 👍/👎 of the same question. Only the person who asked may share it (from
 * the message's interaction metadata, which Discord sets), and each answer
 * is shared once (claimed like a message, across replicas).
 */
export const shareButton: ButtonHandler = {
  name: 'share',
  matches: (customId) => parseShareButtonId(customId) !== null,
  async handle(interaction, deps) {
    const questionId = parseShareButtonId(interaction.customId)!;
    const source = interaction.message;
    const say = (content: string) =>
      interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    if (source.interactionMetadata?.user.id !== interaction.user.id) {
      deps.logger.warn('share refused', { reason: 'not the asker', interactionId: interaction.id });
      await say(SHARE_NOT_YOURS);
      return;
    }
    if (!(await deps.eventDeduper.claim(`discord:share:${source.id}`))) {
      await say(ALREADY_SHARED);
      return;
    }
    const sharer = `-# 📣 Shared by <@${interaction.user.id}>`;
    const embeds = source.embeds.map((embed) => embed.toJSON());
    // A plain-text answer may fill its message already: it is cut to leave room for the credit.
    const content = source.content
      ? `${sharer}\n${truncate(source.content, DISCORD_LIMITS.messageContent - sharer.length - 1)}`
      : sharer;
    await interaction.reply({
      content,
      embeds,
      components: [feedbackRow(questionId)],
      allowedMentions: NO_MENTIONS,
    });
    deps.logger.info('shared an answer', { interactionId: interaction.id });
  },
};
