import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import {
  PRACTICE_IDS,
  PRACTICE_STALE,
  practiceFeedbackBlocks,
  practiceItemBlocks,
} from '../../render/practice-blocks.js';
import type { SlackDeps } from '../../slack-deps.js';
import { safely } from '../safely.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * The practice buttons. An option grades the showing once (a second click,
 * or the same click on another replica, gets the first result); "Next
 * question" and "Stop" replace the ephemeral message in place.
 */
export function registerPracticeButtons(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    PRACTICE_IDS.answer,
    safely(deps, 'practice answer', async ({ ack, body, action, respond }: Args) => {
      await ack();
      const match = /^([\w-]{1,64}):([0-3])$/.exec(action.value ?? '');
      const graded = match
        ? await deps.practice.answer(deps.learnerOf(body.user.id), {
            shownId: match[1]!,
            choice: Number(match[2]),
          })
        : null;
      // The member's Home tab counts due items and the streak: rebuild it on the next open.
      if (graded?.ok && !graded.replay) deps.homeCache.delete(body.user.id);
      if (!graded?.ok) {
        deps.logger.info('practice answer refused', { reason: graded?.reason ?? 'malformed' });
        await respond({ replace_original: true, text: PRACTICE_STALE });
        return;
      }
      await respond({ replace_original: true, ...practiceFeedbackBlocks(graded, deps.settings.publicUrl) });
    }),
  );
  app.action<BlockAction<ButtonAction>>(
    PRACTICE_IDS.next,
    safely(deps, 'practice next', async ({ ack, body, respond }: Args) => {
      await ack();
      const next = await deps.practice.next(deps.learnerOf(body.user.id));
      await respond({ replace_original: true, ...practiceItemBlocks(next) });
    }),
  );
  app.action<BlockAction<ButtonAction>>(
    PRACTICE_IDS.stop,
    safely(deps, 'practice stop', async ({ ack, respond }: Args) => {
      await ack();
      await respond({
        replace_original: true,
        text: 'Stopped. Type `/practice` whenever you want another question.',
      });
    }),
  );
}
