import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { practiceRemindReply } from '../../reminders/practice-remind.js';
import { practiceItemBlocks } from '../../render/practice-blocks.js';
import type { SlackDeps } from '../../slack-deps.js';
import { safely } from '../safely.js';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * `/practice` (and its alias `/quiz`): the next due or new question, only to
 * the person who asked, with a button per option. `/practice remind 9:00`,
 * `/practice remind off` and `/practice remind` manage the daily review reminder.
 */
export function registerPractice(app: App, deps: SlackDeps): void {
  for (const name of ['/practice', '/quiz']) {
    app.command(
      name,
      safely(deps, name, async ({ ack, command, respond, client }: Args) => {
        await ack();
        const remind = /^remind(?:\s+([\s\S]*))?$/i.exec(command.text.trim());
        if (remind) {
          const text = await practiceRemindReply(deps, client, command.user_id, remind[1] ?? '');
          await respond({ response_type: 'ephemeral', text });
          return;
        }
        const next = await deps.practice.next(deps.learnerOf(command.user_id));
        await respond({ response_type: 'ephemeral', ...practiceItemBlocks(next) });
      }),
    );
  }
}
