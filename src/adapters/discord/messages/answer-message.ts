import type { Message } from 'discord.js';
import { errorFields, isUserFacing } from '../../../core/errors.js';
import { quizzableSlug } from '../../../core/practice/quizzable-slug.js';
import type { DiscordDeps } from '../discord-deps.js';
import { errorText } from '../error-text.js';
import { renderAnswer } from '../render/answer-replies.js';
import { canEmbed } from './can-embed.js';
import { isQuestionForBot } from './is-question-for-bot.js';
import { keepTyping } from './keep-typing.js';
import { questionText } from './question-text.js';
import { replyHistory } from './reply-history.js';

/** How far back a reply chain is followed (each step is one REST call). */
const MAX_HISTORY_MESSAGES = 8;

/**
 * Answers a mention or a DM as a reply to it, with the earlier exchange as
 * history when it replies to one of the bot's answers. Each message is
 * claimed once (several replicas may share one bot token). Errors are
 * answered in the same place: a UserFacingError's text, else an apology.
 */
export async function answerMessage(
  message: Message,
  deps: DiscordDeps,
  botId: string,
  signal?: AbortSignal,
): Promise<void> {
  if (!isQuestionForBot(message, botId)) return;
  const { logger } = deps;
  let stopTyping = () => {};
  try {
    if (!(await deps.eventDeduper.claim(`discord:message:${message.id}`))) {
      logger.debug('message already claimed', { messageId: message.id });
      return;
    }
    // Group DMs (where bots cannot be added) have no typing endpoint.
    if ('sendTyping' in message.channel) stopTyping = keepTyping(message.channel, logger);
    const history = await replyHistory(message, botId, { maxMessages: MAX_HISTORY_MESSAGES, logger });
    const answer = await deps.tutor.ask({
      question: questionText(message, botId),
      platform: 'discord',
      userId: message.author.id,
      history,
      ...(signal ? { signal } : {}),
    });
    const replies = renderAnswer(answer, {
      publicUrl: deps.publicUrl,
      embeds: canEmbed(message),
      quizSlug: quizzableSlug(
        deps.library.current(),
        answer.sources.map((s) => s.slug),
      ),
    });
    // Each part replies to the one before, so a later reply to any part can walk back to the question.
    let previous = message;
    for (const reply of replies) {
      previous = await previous.reply({
        ...reply,
        failIfNotExists: false,
        allowedMentions: { ...reply.allowedMentions, repliedUser: previous === message },
      });
    }
    logger.info('answered a question', {
      via: message.inGuild() ? 'mention' : 'dm',
      messageId: message.id,
      mode: answer.mode,
      sources: answer.sources.length,
      messages: replies.length,
      history: history.length,
    });
  } catch (error) {
    if (isUserFacing(error)) logger.info('question refused', { messageId: message.id, code: error.code });
    else logger.error('message answer failed', { messageId: message.id, ...errorFields(error) });
    await message
      .reply({
        content: errorText(error),
        failIfNotExists: false,
        allowedMentions: { parse: [], repliedUser: false },
      })
      .catch((replyError: unknown) =>
        logger.warn('could not tell the user about a failed answer', {
          messageId: message.id,
          ...errorFields(replyError),
        }),
      );
  } finally {
    stopTyping();
  }
}
