import { ANSWER_COLOR, type DiscordReply } from './answer-replies.js';
import { DISCORD_LIMITS, truncate } from './discord-limits.js';

/**
 * The answer written so far, shown in the /ask placeholder while the model
 * streams; null when there is nothing worth showing yet. (The tutor never
 * streams its own markers, so there is nothing to filter here.)
 */
export function draftReply(textSoFar: string, question: string): DiscordReply | null {
  const text = textSoFar.trim();
  if (text === '') return null;
  // A draft is one embed; the final answer is split properly. An unclosed fence is closed so the draft renders.
  let shown =
    text.length > DISCORD_LIMITS.embedDescription - 200
      ? `${text.slice(0, DISCORD_LIMITS.embedDescription - 200)}…`
      : text;
  if ((shown.match(/^\s*```/gm) ?? []).length % 2 === 1) shown += '\n```';
  return {
    embeds: [
      {
        title: truncate(question, DISCORD_LIMITS.embedTitle),
        description: shown,
        color: ANSWER_COLOR,
        footer: { text: '✍️ Writing the answer…' },
      },
    ],
    allowedMentions: { parse: [] },
  };
}
