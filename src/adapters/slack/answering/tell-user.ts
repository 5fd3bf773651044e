import type { RespondFn, webApi } from '@slack/bolt';
import { errorFields } from '../../../core/errors.js';
import type { Logger } from '../../../core/ports.js';

/** Where to tell someone something only they see. */
export interface EphemeralTarget {
  client: webApi.WebClient;
  user: string;
  channel?: string | undefined;
  threadTs?: string | undefined;
  /** response_url of the interaction, when there is one. */
  respond?: RespondFn | undefined;
}

/**
 * Sends a message only `user` sees, next to the message they interacted
 * with: chat.postEphemeral in the thread, or the interaction's response_url
 * where the bot cannot post (answers only the asker could see). Failures are
 * logged, never thrown: a thank-you is not worth an error.
 */
export async function tellUser(target: EphemeralTarget, text: string, logger: Logger): Promise<void> {
  try {
    if (!target.channel) throw new Error('no channel to post in');
    await target.client.chat.postEphemeral({
      channel: target.channel,
      user: target.user,
      text,
      ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
    });
  } catch (error) {
    if (!target.respond) {
      logger.debug('could not send an ephemeral note', errorFields(error));
      return;
    }
    await target
      .respond({ response_type: 'ephemeral', replace_original: false, text })
      .catch((e: unknown) => logger.debug('could not send an ephemeral note', errorFields(e)));
  }
}
