import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import { tellUser } from '../../answering/tell-user.js';
import { QUIZ_LATER_ACTION } from '../../render/slack-message.js';
import type { SlackDeps } from '../../slack-deps.js';
import { safely } from '../safely.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** Said when the button names an article without practice questions (removed, edited, or a crafted value). */
export const NOTHING_TO_QUIZ =
  'That article has no practice questions (any more), so there is nothing to queue. Type `/practice` for questions on other topics.';

/**
 * "Quiz me on this later" under an answer: the ask-to-review loop. Queues the
 * cited article's practice items the clicker has not started (due now, so
 * `/practice` serves them first) through the same core call as Discord's
 * button, and tells only the clicker. The learner is the user Slack signed
 * the click for; the value names only the article. Idempotent: a second click
 * (or a replayed one) queues nothing more and says it is already queued.
 * The member's Home tab is rebuilt on its next open, so its count is fresh.
 */
export function registerQuizLater(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    QUIZ_LATER_ACTION,
    safely(deps, 'quiz me later', async ({ ack, body, action, client, respond }: Args) => {
      await ack();
      const user = body.user.id;
      const slug = action.value ?? '';
      const message = body.message as { thread_ts?: string } | undefined;
      const tell = (text: string) =>
        tellUser(
          { client, user, channel: body.channel?.id, threadTs: message?.thread_ts, respond },
          text,
          deps.logger,
        );
      const concept = /^[a-z0-9][a-z0-9-]{0,99}$/.test(slug)
        ? deps.library().conceptBySlug.get(slug)
        : undefined;
      if (!concept || concept.checkYourself.length === 0) {
        deps.logger.info('quiz later refused', { reason: concept ? 'no items' : 'unknown article' });
        await tell(NOTHING_TO_QUIZ);
        return;
      }
      const added = await deps.practice.queue(deps.learnerOf(user), slug);
      deps.homeCache.delete(user);
      deps.logger.info('quiz later', { slug, added });
      await tell(
        added > 0
          ? `Added ${added} question${added === 1 ? '' : 's'} about ${concept.title} to your practice. Type \`/practice\` when you're ready, or press *Practice now* on my Home tab.`
          : `${concept.title} is already in your practice. Type \`/practice\` when you're ready.`,
      );
    }),
  );
}
