import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { errorFields, isUserFacing } from '../../../../core/errors.js';
import { slackTextToPlain } from '../../answering/slack-text.js';
import { errorReply } from '../../render/error-reply.js';
import { EXPLAIN_USAGE, explainHintBlocks, explainPromptText } from '../../render/explain-blocks.js';
import type { SlackDeps } from '../../slack-deps.js';
import { safely } from '../safely.js';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * The concept and the explanation in `/explain <concept> <explanation>`.
 * The concept may be a slug ("rag") or a title or alias of up to four words
 * ("context window"): the longest leading words that name a concept win;
 * otherwise the first word is taken, and the service suggests close slugs.
 */
export function splitExplainText(
  text: string,
  isConcept: (name: string) => boolean,
): { concept: string; explanation: string } {
  const words = text.trim().split(/\s+/);
  for (let n = Math.min(4, words.length); n >= 1; n--) {
    const name = words.slice(0, n).join(' ');
    if (isConcept(name)) return { concept: name, explanation: words.slice(n).join(' ') };
  }
  return { concept: words[0] ?? '', explanation: words.slice(1).join(' ') };
}

/**
 * `/explain <concept> <your explanation>`: graded against the article, only
 * the learner sees it, hints first with a "Show what I missed" button.
 * `/explain <concept>` alone shows what to explain. Inline text rather than
 * a modal: one step on desktop and mobile, and an ephemeral reply through
 * the command's response URL works in any channel, even where the bot is
 * not a member (a modal's submission has no such URL).
 */
export function registerExplain(app: App, deps: SlackDeps): void {
  app.command(
    '/explain',
    safely(deps, '/explain', async ({ ack, command, respond }: Args, signal) => {
      const text = slackTextToPlain(command.text ?? '').trim();
      if (text === '') {
        await ack({ response_type: 'ephemeral', text: EXPLAIN_USAGE });
        return;
      }
      // Grading may take longer than Slack's 3 seconds: acknowledge first, reply through the response URL.
      await ack();
      const isConcept = (name: string) => {
        try {
          deps.explainBack.promptFor(name);
          return true;
        } catch {
          return false;
        }
      };
      const { concept, explanation } = splitExplainText(text, isConcept);
      try {
        if (explanation === '') {
          await respond({
            response_type: 'ephemeral',
            text: explainPromptText(deps.explainBack.promptFor(concept)),
          });
          return;
        }
        const feedback = await deps.explainBack.explain({
          concept,
          explanation,
          platform: 'slack',
          userId: command.user_id,
          signal,
        });
        await respond({ response_type: 'ephemeral', ...explainHintBlocks(feedback, explanation) });
      } catch (error) {
        if (!isUserFacing(error)) deps.logger.error('/explain failed', errorFields(error));
        await respond({ response_type: 'ephemeral', text: errorReply(error) });
      }
    }),
  );
}
