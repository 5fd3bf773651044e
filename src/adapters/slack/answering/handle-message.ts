import type { webApi } from '@slack/bolt';
import { errorFields } from '../../../core/errors.js';
import type { ConversationTurn } from '../../../core/ports.js';
import type { SlackDeps } from '../slack-deps.js';
import { answerQuestion } from './answer-question.js';
import { decide, dedupeKey, type IncomingMessage } from './decide.js';
import { replySurface } from './reply-surface.js';
import { slackTextToPlain } from './slack-text.js';
import { type BotIdentity, readThread } from './thread-history.js';

/** A message event as the listeners hand it over. */
export interface MessageContext {
  client: webApi.WebClient;
  teamId: string | undefined;
  bot: BotIdentity;
  message: IncomingMessage;
  /** Aborted when shutdown's drain budget runs out. */
  signal?: AbortSignal;
}

/**
 * Handles a `message` or `app_mention` event: decide whether to speak, read
 * the thread when asked to, claim the message (channel + ts) so a retry or
 * the second delivery of a mention is dropped, then answer in the thread
 * (streamed where Slack allows it, see replySurface).
 * Both event kinds come through here, so whichever arrives first answers.
 */
export async function handleMessage(
  deps: SlackDeps,
  { client, teamId, bot, message, signal }: MessageContext,
): Promise<void> {
  const { logger, settings } = deps;
  const where = { channel: message.channel, ts: message.ts, event: message.type };
  const decision = decide(message, {
    botUserId: bot.botUserId,
    threadContext: settings.threadContext,
    answerChannel: settings.answerChannel,
  });
  if (decision.action === 'ignore') {
    logger.debug('staying silent', { ...where, reason: decision.reason });
    return;
  }

  let history: ConversationTurn[] = [];
  if (decision.action === 'answer-if-bot-in-thread' || decision.readThread) {
    try {
      const thread = await readThread(client, message.channel, decision.threadTs, message.ts, bot);
      if (decision.action === 'answer-if-bot-in-thread' && !thread.botParticipated) {
        logger.debug('staying silent', { ...where, reason: 'thread the bot has not answered in' });
        return;
      }
      history = thread.turns;
    } catch (error) {
      logger.warn('could not read the thread (is the *:history scope granted?)', {
        ...where,
        ...errorFields(error),
      });
      if (decision.action === 'answer-if-bot-in-thread') return;
    }
  }

  // While the database is down the container's deduper falls back to this process's memory, so the
  // person still gets an answer or an apology instead of silence.
  if (!(await deps.eventDeduper.claim(dedupeKey(teamId, message.channel, message.ts)))) {
    logger.debug('already answered this message', where);
    return;
  }
  await answerQuestion(deps, {
    surface: replySurface(deps, {
      client,
      channel: message.channel,
      isDm: message.channel_type === 'im',
      threadTs: decision.threadTs,
      questionTs: message.ts,
      userId: message.user!,
      teamId: message.team ?? teamId,
    }),
    question: slackTextToPlain(message.text ?? '', bot.botUserId),
    userId: message.user!,
    history,
    where,
    signal,
  });
}
