import type { webApi } from '@slack/bolt';
import type { SlackDeps } from '../slack-deps.js';
import type { AnswerSurface } from './answer-surface.js';
import { createStreamSurface } from './stream-surface.js';
import { createThreadSurface } from './thread-surface.js';

/** Where a reply to someone's message goes. */
export interface ReplyTarget {
  client: webApi.WebClient;
  channel: string;
  /** A DM (`im`): Slack streams there without a recipient team. */
  isDm: boolean;
  /** The thread to answer in. */
  threadTs: string;
  /** The question's own ts. */
  questionTs: string;
  /** Who asked, and their team (a stream outside DMs must name both). */
  userId: string;
  teamId: string | undefined;
}

/**
 * The surface for a reply in a thread: a native stream where Slack allows
 * one (SLACK_STREAMING on; in a DM, or in a channel when the asker's team is
 * known, as Slack requires), with the placeholder surface as its fallback;
 * otherwise the placeholder surface alone.
 */
export function replySurface(
  deps: Pick<SlackDeps, 'settings' | 'openPlaceholders' | 'logger'>,
  target: ReplyTarget,
): AnswerSurface {
  const { settings, openPlaceholders, logger } = deps;
  const placeholder = () =>
    createThreadSurface({
      client: target.client,
      channel: target.channel,
      threadTs: target.threadTs,
      draftIntervalMs: settings.draftIntervalMs,
      openPlaceholders,
      logger,
    });
  if (!settings.streaming || (!target.isDm && !target.teamId)) return placeholder();
  return createStreamSurface({
    client: target.client,
    channel: target.channel,
    threadTs: target.threadTs,
    questionTs: target.questionTs,
    recipient: { userId: target.userId, teamId: target.teamId },
    draftIntervalMs: settings.draftIntervalMs,
    openPlaceholders,
    logger,
    fallback: placeholder,
  });
}
