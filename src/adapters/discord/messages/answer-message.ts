import type { Message } from 'discord.js';
import { createThrottledDraft } from '../../../core/chat/throttled-draft.js';
import { errorFields, isUserFacing } from '../../../core/errors.js';
import { quizzableSlug } from '../../../core/practice/quizzable-slug.js';
import type { DiscordDeps } from '../discord-deps.js';
import { errorText } from '../error-text.js';
import { type DiscordReply, renderAnswer } from '../render/answer-replies.js';
import { draftReply } from '../render/draft-reply.js';
import { canEmbed } from './can-embed.js';
import { isQuestionForBot } from './is-question-for-bot.js';
import { keepTyping } from './keep-typing.js';
import { questionText } from './question-text.js';
import { replyHistory } from './reply-history.js';
import { threadHistory } from './thread-history.js';

/** How far back a reply chain is followed (each step is one REST call). */
const MAX_HISTORY_MESSAGES = 8;
/** How many earlier messages of a thread are read (one REST call). */
const MAX_THREAD_MESSAGES = 20;

/** An edit replaces the whole message: parts a reply leaves out are cleared, so a draft's embed cannot linger. */
const asEdit = (reply: DiscordReply) => ({
  content: reply.content ?? null,
  embeds: reply.embeds ?? [],
  components: reply.components ?? [],
  allowedMentions: reply.allowedMentions,
});

/**
 * Answers a mention (of the bot or its role) or a DM as a reply to it. The
 * context is the thread's earlier exchange in a thread or forum post, else
 * the reply chain when it replies to one of the bot's answers. "Typing…"
 * shows until the first words; then the reply is posted and edited as the
 * model writes (the shared throttled draft: one edit per interval), and the
 * final answer replaces it. Each message is claimed once (several replicas
 * may share one bot token). Errors are answered in the same place: a
 * UserFacingError's text, else the apology, replacing any draft.
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
  let reply: Message | undefined;
  const embeds = canEmbed(message);
  const drafts = createThrottledDraft<DiscordReply>({
    intervalMs: deps.draftIntervalMs ?? 1500,
    render: (text) => draftReply(text, { embeds }),
    async show(draft) {
      if (reply) {
        reply = await reply.edit(asEdit(draft));
        return;
      }
      reply = await message.reply({
        ...draft,
        failIfNotExists: false,
        allowedMentions: { ...draft.allowedMentions, repliedUser: true },
      });
      stopTyping();
    },
    onError: (error) =>
      logger.warn('could not stream a draft into the reply', {
        messageId: message.id,
        ...errorFields(error),
      }),
  });
  try {
    if (!(await deps.eventDeduper.claim(`discord:message:${message.id}`))) {
      logger.debug('message already claimed', { messageId: message.id });
      return;
    }
    // Group DMs (where bots cannot be added) have no typing endpoint.
    if ('sendTyping' in message.channel) stopTyping = keepTyping(message.channel, logger);
    const history = message.channel.isThread()
      ? await threadHistory(message, botId, { maxMessages: MAX_THREAD_MESSAGES, logger })
      : await replyHistory(message, botId, { maxMessages: MAX_HISTORY_MESSAGES, logger });
    const answer = await deps.tutor.ask({
      question: questionText(message, botId),
      platform: 'discord',
      userId: message.author.id,
      history,
      onText: drafts.offer,
      ...(signal ? { signal } : {}),
    });
    await drafts.finish();
    const replies = renderAnswer(answer, {
      publicUrl: deps.publicUrl,
      embeds,
      quizSlug: quizzableSlug(
        deps.library.current(),
        answer.sources.map((s) => s.slug),
      ),
    });
    // Each part replies to the one before, so a later reply to any part can walk back to the question.
    let previous = message;
    for (const [i, part] of replies.entries()) {
      if (i === 0 && reply) previous = await reply.edit(asEdit(part));
      else
        previous = await previous.reply({
          ...part,
          failIfNotExists: false,
          allowedMentions: { ...part.allowedMentions, repliedUser: previous === message },
        });
    }
    logger.info('answered a question', {
      via: message.inGuild() ? 'mention' : 'dm',
      messageId: message.id,
      mode: answer.mode,
      sources: answer.sources.length,
      messages: replies.length,
      history: history.length,
      streamed: reply !== undefined,
    });
  } catch (error) {
    await drafts.finish();
    if (isUserFacing(error)) logger.info('question refused', { messageId: message.id, code: error.code });
    else logger.error('message answer failed', { messageId: message.id, ...errorFields(error) });
    const apology = { content: errorText(error), allowedMentions: { parse: [] as [] } };
    // A half-written draft becomes the apology; without one, the apology replies to the question.
    await (reply
      ? reply.edit(asEdit(apology))
      : message.reply({
          ...apology,
          failIfNotExists: false,
          allowedMentions: { parse: [], repliedUser: false },
        })
    ).catch((replyError: unknown) =>
      logger.warn('could not tell the user about a failed answer', {
        messageId: message.id,
        ...errorFields(replyError),
      }),
    );
  } finally {
    stopTyping();
  }
}
