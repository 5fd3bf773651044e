import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { MAX_QUESTION_CHARS } from '../../../core/answering/question-input.js';
import { errorFields } from '../../../core/errors.js';
import { quizzableSlug } from '../../../core/practice/quizzable-slug.js';
import { deferReply } from '../interactions/defer.js';
import { createDraftStream } from '../interactions/draft-stream.js';
import { sendInteractionReplies } from '../interactions/send-replies.js';
import { renderAnswer } from '../render/answer-replies.js';
import type { SlashCommand } from './slash-command.js';

/**
 * `/ask question [private]`: a grounded, cited answer, public by default so
 * the channel learns too, streamed into the deferred reply as it is written.
 */
export const askCommand = {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask the tutor about an AI concept; it answers from the library and cites it')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((o) =>
      o
        .setName('question')
        .setDescription('Your question, e.g. "How many tokens is a word?"')
        .setRequired(true)
        .setMaxLength(MAX_QUESTION_CHARS),
    )
    .addBooleanOption((o) =>
      o.setName('private').setDescription('Only you see the answer (default: everyone in the channel)'),
    ),

  async execute(interaction, deps, signal) {
    const question = interaction.options.getString('question', true);
    const ephemeral = interaction.options.getBoolean('private') ?? false;
    if (!(await deferReply(interaction, { ephemeral }, deps.logger))) return;
    const drafts = createDraftStream(interaction, {
      question,
      intervalMs: deps.draftIntervalMs ?? 1500,
      logger: deps.logger,
    });
    let answer: Awaited<ReturnType<typeof deps.tutor.ask>>;
    try {
      answer = await deps.tutor.ask({
        question,
        platform: 'discord',
        userId: interaction.user.id,
        onText: drafts.offer,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      await drafts.finish();
      // A half-written draft must not stay in the channel; the error itself is then sent privately.
      if (drafts.shown) {
        await interaction.deleteReply().catch((e: unknown) =>
          deps.logger.warn('could not remove a draft', {
            interactionId: interaction.id,
            ...errorFields(e),
          }),
        );
      }
      throw error;
    }
    await drafts.finish();
    const replies = renderAnswer(answer, {
      publicUrl: deps.publicUrl,
      question,
      embeds: true,
      share: ephemeral,
      quizSlug: quizzableSlug(
        deps.library.current(),
        answer.sources.map((s) => s.slug),
      ),
    });
    await sendInteractionReplies(interaction, replies);
    deps.logger.info('answered a question', {
      via: 'ask',
      interactionId: interaction.id,
      mode: answer.mode,
      sources: answer.sources.length,
      messages: replies.length,
    });
  },
} satisfies SlashCommand;
