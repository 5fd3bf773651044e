import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import { errorFields, isUserFacing } from '../../../../core/errors.js';
import type { ExplainFeedback } from '../../../../core/practice/explain-back/types.js';
import { errorReply } from '../../render/error-reply.js';
import {
  EXPLAIN_REVEAL_ACTION,
  EXPLAIN_STALE,
  explainFullBlocks,
  type RevealValue,
} from '../../render/explain-blocks.js';
import type { SlackDeps } from '../../slack-deps.js';
import { safely } from '../safely.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

function readValue(raw: string | undefined): RevealValue | null {
  try {
    const value = JSON.parse(raw ?? '') as RevealValue;
    if (typeof value?.k !== 'string' || !/^[0-9a-f]{32}$/.test(value.k)) return null;
    if (value.c !== undefined && typeof value.c !== 'string') return null;
    if (value.e !== undefined && typeof value.e !== 'string') return null;
    return value;
  } catch {
    return null;
  }
}

/**
 * "Show what I missed": replaces the hints with the full feedback. The
 * feedback is looked up for the clicking user only; when this process no
 * longer has it, the explanation the button carries is graded again (for the
 * clicker, under their own limits), so a forged value can only ever show
 * someone feedback on text they sent themselves.
 */
export function registerExplainReveal(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    EXPLAIN_REVEAL_ACTION,
    safely(deps, 'explain reveal', async ({ ack, body, action, respond }: Args, signal) => {
      await ack();
      const value = readValue(action.value);
      let feedback: ExplainFeedback | null = value
        ? deps.explainBack.revealed(value.k, 'slack', body.user.id)
        : null;
      try {
        if (!feedback && value?.c && value.e)
          feedback = await deps.explainBack.explain({
            concept: value.c,
            explanation: value.e,
            platform: 'slack',
            userId: body.user.id,
            signal,
          });
      } catch (error) {
        if (!isUserFacing(error)) deps.logger.error('explain reveal failed', errorFields(error));
        await respond({ replace_original: true, text: errorReply(error) });
        return;
      }
      if (!feedback) {
        deps.logger.info('explain reveal refused', { reason: value ? 'expired' : 'malformed' });
        await respond({ replace_original: true, text: EXPLAIN_STALE });
        return;
      }
      await respond({ replace_original: true, ...explainFullBlocks(feedback, deps.settings.publicUrl) });
    }),
  );
}
