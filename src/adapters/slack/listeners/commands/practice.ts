import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { practiceItemBlocks } from '../../render/practice-blocks.js';
import type { SlackDeps } from '../../slack-deps.js';
import { safely } from '../safely.js';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** `/practice` (and its alias `/quiz`): the next due or new question, only to the person who asked, with a button per option. */
export function registerPractice(app: App, deps: SlackDeps): void {
  for (const name of ['/practice', '/quiz']) {
    app.command(
      name,
      safely(deps, name, async ({ ack, command, respond }: Args) => {
        await ack();
        const next = await deps.practice.next(deps.learnerOf(command.user_id));
        await respond({ response_type: 'ephemeral', ...practiceItemBlocks(next) });
      }),
    );
  }
}
