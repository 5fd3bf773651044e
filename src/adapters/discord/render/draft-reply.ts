import { ANSWER_COLOR, type DiscordReply } from './answer-replies.js';
import { DISCORD_LIMITS, truncate } from './discord-limits.js';

/** Marks a message as a draft still being written; thread history skips such messages. */
export const WRITING_MARK = '✍️ Writing the answer…';

/** How a draft is shown. */
export interface DraftOptions {
  /** The embed title (the question, for /ask). */
  title?: string | undefined;
  /** False where the bot lacks Embed Links: the draft is plain text. Default true. */
  embeds?: boolean;
}

/**
 * The answer written so far, shown in a placeholder (an /ask reply, or a
 * mention's reply) while the model streams; null when there is nothing
 * worth showing yet. (The tutor never streams its own markers, so there is
 * nothing to filter here.)
 */
export function draftReply(textSoFar: string, options: DraftOptions = {}): DiscordReply | null {
  const text = textSoFar.trim();
  if (text === '') return null;
  const room = (options.embeds ?? true) ? DISCORD_LIMITS.embedDescription : DISCORD_LIMITS.messageContent;
  // A draft is one message; the final answer is split properly. An unclosed fence is closed so the draft renders.
  let shown = text.length > room - 200 ? `${text.slice(0, room - 200)}…` : text;
  if ((shown.match(/^\s*```/gm) ?? []).length % 2 === 1) shown += '\n```';
  if (options.embeds === false)
    // `-#` is Discord's small "subtext" line.
    return { content: `${shown}\n-# ${WRITING_MARK}`, allowedMentions: { parse: [] } };
  return {
    embeds: [
      {
        ...(options.title ? { title: truncate(options.title, DISCORD_LIMITS.embedTitle) } : {}),
        description: shown,
        color: ANSWER_COLOR,
        footer: { text: WRITING_MARK },
      },
    ],
    allowedMentions: { parse: [] },
  };
}
