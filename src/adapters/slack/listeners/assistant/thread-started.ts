import type { AssistantThreadStartedMiddleware } from '@slack/bolt';
import { errorFields } from '../../../../core/errors.js';
import { greetingMessage, suggestedPrompts } from '../../render/assistant-greeting.js';
import type { SlackDeps } from '../../slack-deps.js';
import { safely } from '../safely.js';

type Args = Parameters<AssistantThreadStartedMiddleware>[0];

/**
 * Someone opened an assistant thread (the agent view, or a new chat in the
 * app's DM): a short greeting in the thread, then suggested prompts from
 * the library. Slack's retries and duplicate deliveries greet once. The
 * event also says which channel the person is looking at
 * (`assistant_thread.context`); the tutor never reads it.
 */
export function threadStarted(
  deps: SlackDeps,
  onStarted: (channel: string, threadTs: string) => void,
): (args: Args) => Promise<void> {
  return safely(deps, 'assistant_thread_started', async ({ event, body, client }: Args) => {
    const { channel_id: channel, thread_ts: threadTs } = event.assistant_thread;
    const teamId = (body as { team_id?: string }).team_id;
    if (!(await deps.eventDeduper.claim(`slack:${teamId ?? '-'}:assistant:${channel}:${threadTs}`))) {
      deps.logger.debug('already greeted this assistant thread', { channel, threadTs });
      return;
    }
    onStarted(channel, threadTs);
    const greeting = greetingMessage();
    await client.chat.postMessage({
      channel,
      thread_ts: threadTs,
      text: greeting.text,
      blocks: greeting.blocks,
    });
    const prompts = suggestedPrompts(deps.library(), deps.clock.now());
    if (!prompts) return;
    await client.assistant.threads
      .setSuggestedPrompts({ channel_id: channel, thread_ts: threadTs, ...prompts })
      .catch((error: unknown) =>
        deps.logger.warn('could not set the suggested prompts', { channel, ...errorFields(error) }),
      );
  });
}
