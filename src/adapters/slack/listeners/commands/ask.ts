import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { answerQuestion } from '../../answering/answer-question.js';
import { createEphemeralSurface } from '../../answering/ephemeral-surface.js';
import { withFallbackSurface } from '../../answering/fallback-surface.js';
import { slackTextToPlain } from '../../answering/slack-text.js';
import { createThreadSurface } from '../../answering/thread-surface.js';
import { askHeader } from '../../render/ask-header.js';
import type { SlackDeps } from '../../slack-deps.js';
import { safely } from '../safely.js';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** Shown when /ask comes without a question. */
export const ASK_USAGE = 'Ask a question after the command, for example: `/ask What is a context window?`';

/** Added above an /ask answer that only the asker can see. */
export const NOT_A_MEMBER_NOTE =
  "Only you can see this answer because I'm not a member of this conversation. Add me to the channel (`/invite @Concept Tutor`) to answer where everyone can see.";

/**
 * `/ask question`: acknowledged at once (Slack shows an error after 3 s),
 * then answered in the channel under a line saying who asked what. Where the
 * bot may not post, only the asker sees the answer, with a button to share it.
 */
export function registerAsk(app: App, deps: SlackDeps): void {
  app.command(
    '/ask',
    safely(deps, '/ask', async ({ command, ack, client, respond }: Args, signal) => {
      const question = slackTextToPlain(command.text ?? '');
      if (question === '') {
        await ack({ response_type: 'ephemeral', text: ASK_USAGE });
        return;
      }
      await ack();
      const header = askHeader(command.user_id, question);
      const inChannel = createThreadSurface({
        client,
        channel: command.channel_id,
        header,
        draftIntervalMs: deps.settings.draftIntervalMs,
        openPlaceholders: deps.openPlaceholders,
        logger: deps.logger,
      });
      await answerQuestion(deps, {
        surface: withFallbackSurface(
          inChannel,
          createEphemeralSurface(respond, NOT_A_MEMBER_NOTE, {
            sharedAnswers: deps.sharedAnswers,
            asker: command.user_id,
            channel: command.channel_id,
          }),
          deps.logger,
        ),
        question,
        userId: command.user_id,
        header,
        where: { channel: command.channel_id, command: '/ask' },
        signal,
      });
    }),
  );
}
