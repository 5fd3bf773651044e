import { BLOCK_IDS, context, SHARE_ACTION, type SlackBlock, type SlackMessage } from './slack-message.js';

/** The "Share in channel" button under an answer only the asker sees; its value is the kept answer's token. */
export function shareBlock(token: string): SlackBlock {
  return {
    type: 'actions',
    block_id: BLOCK_IDS.share,
    elements: [
      {
        type: 'button',
        action_id: SHARE_ACTION,
        text: { type: 'plain_text', text: 'Share in channel', emoji: true },
        value: token,
      },
    ],
  };
}

/**
 * The answer as the channel sees it once shared. Slack posts it as the app:
 * posting as the asker would need their user token (chat:write as a user),
 * which a bot-only install does not have, so the first line says who shared it.
 */
export function sharedMessages(asker: string, messages: SlackMessage[]): SlackMessage[] {
  return messages.map((message, i) =>
    i === 0
      ? {
          text: `<@${asker}> shared an answer: ${message.text}`,
          blocks: [
            context(`:speech_balloon: <@${asker}> shared an answer from the tutor`),
            ...message.blocks,
          ],
        }
      : message,
  );
}
