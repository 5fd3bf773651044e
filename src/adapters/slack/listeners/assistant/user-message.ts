import type { AssistantUserMessageMiddleware } from '@slack/bolt';
import { errorFields } from '../../../../core/errors.js';
import type { ConversationTurn } from '../../../../core/ports.js';
import { answerQuestion } from '../../answering/answer-question.js';
import { decide, dedupeKey, type IncomingMessage } from '../../answering/decide.js';
import { replySurface } from '../../answering/reply-surface.js';
import { slackTextToPlain } from '../../answering/slack-text.js';
import { readThread } from '../../answering/thread-history.js';
import type { SlackDeps } from '../../slack-deps.js';
import { safely } from '../safely.js';

type Args = Parameters<AssistantUserMessageMiddleware>[0];

/** Longest thread title set from a question. */
const MAX_TITLE = 80;

/** The thread title for a question: its first line, cut at a word. */
export function titleFrom(question: string): string {
  const line = question.split('\n')[0]!.trim();
  if (line.length <= MAX_TITLE) return line;
  const cut = line.slice(0, MAX_TITLE - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_TITLE / 2 ? cut.slice(0, space) : cut}…`;
}

/**
 * A message in an assistant thread: answered in the thread with the same
 * grounding, citations and feedback as anywhere else, streamed where Slack
 * allows it, with "Searching the library…" then "Writing…" as the status.
 * Follow-ups read the thread (when SLACK_THREAD_CONTEXT is on); the first
 * question names the thread. The channel the person is viewing is never
 * read and never reaches the model.
 */
export function userMessage(
  deps: SlackDeps,
  /** True once for a thread greeted by this process and not titled yet (used when threads are not read). */
  untitled: (channel: string, threadTs: string) => boolean,
): (args: Args) => Promise<void> {
  return safely(
    deps,
    'assistant message',
    async ({ message, body, client, context, setTitle }: Args, signal) => {
      const { logger, settings } = deps;
      const incoming = message as unknown as IncomingMessage;
      const where = { channel: incoming.channel, ts: incoming.ts, event: 'assistant message' };
      const decision = decide(incoming, {
        botUserId: context.botUserId,
        threadContext: settings.threadContext,
      });
      if (decision.action === 'ignore') {
        logger.debug('staying silent', { ...where, reason: decision.reason });
        return;
      }
      const threadTs = incoming.thread_ts ?? incoming.ts;
      const bot = { botUserId: context.botUserId, botId: context.botId };
      let history: ConversationTurn[] = [];
      if (settings.threadContext) {
        try {
          history = (await readThread(client, incoming.channel, threadTs, incoming.ts, bot)).turns;
        } catch (error) {
          logger.warn('could not read the assistant thread (is im:history granted?)', {
            ...where,
            ...errorFields(error),
          });
        }
      }
      const teamId = (body as { team_id?: string }).team_id;
      if (!(await deps.eventDeduper.claim(dedupeKey(teamId, incoming.channel, incoming.ts)))) {
        logger.debug('already answered this message', where);
        return;
      }
      const question = slackTextToPlain(incoming.text ?? '', context.botUserId);
      const first = settings.threadContext
        ? !history.some((turn) => turn.role === 'user')
        : untitled(incoming.channel, threadTs);
      const titled =
        first && question !== ''
          ? setTitle(titleFrom(question)).then(
              () => undefined,
              (error: unknown) =>
                logger.warn('could not set the thread title', { ...where, ...errorFields(error) }),
            )
          : Promise.resolve();
      await answerQuestion(deps, {
        surface: replySurface(deps, {
          client,
          channel: incoming.channel,
          isDm: true,
          threadTs,
          questionTs: incoming.ts,
          userId: incoming.user!,
          teamId: incoming.team ?? teamId,
        }),
        question,
        userId: incoming.user!,
        history,
        where,
        signal,
      });
      await titled;
    },
  );
}
