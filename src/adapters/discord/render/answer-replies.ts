import type { APIActionRowComponent, APIButtonComponent, APIEmbed, APIEmbedField } from 'discord.js';
import type { TutorAnswer } from '../../../core/answering/create-tutor.js';
import { splitMarkdown } from '../../../core/chat/split-markdown.js';
import { conceptLink } from './concept-url.js';
import { DISCORD_LIMITS, escapeLabel, truncate } from './discord-limits.js';
import { feedbackRow } from './feedback-row.js';
import { quizLaterRow } from './quiz-later-row.js';

/** One Discord message, in the shape discord.js send/reply/editReply/followUp accept. */
export interface DiscordReply {
  content?: string;
  embeds?: APIEmbed[];
  components?: Array<APIActionRowComponent<APIButtonComponent>>;
  /** Generated text must never ping anyone: a model or an article could contain @everyone. */
  allowedMentions: { parse: [] };
}

/** How to render an answer. */
export interface RenderAnswerOptions {
  publicUrl?: string | undefined;
  /** Shown as the embed title; for /ask, whose channel message does not show the question. */
  question?: string;
  /** False where the bot lacks Embed Links (Discord would drop the embeds silently): plain text instead. */
  embeds: boolean;
  /**
   * An answer only the asker sees: add "Share in channel". Only to an answer
   * that fits one message, since sharing copies the message the button is on.
   */
  share?: boolean;
  /** A cited concept with practice items: adds "Quiz me on this later" under the answer. */
  quizSlug?: string | undefined;
}

/** Blurple for answers, grey when the library does not cover the question. */
export const ANSWER_COLOR = 0x5865f2;
export const NOT_COVERED_COLOR = 0x99aab5;
const NO_MENTIONS = { parse: [] as [] };

/**
 * Renders the tutor's answer as Discord messages: the answer split into embed
 * descriptions (4,096) or message contents (2,000) without breaking code
 * blocks, its sources linked to the library's pages when PUBLIC_URL is set,
 * notices in the footer, and 👍/👎 buttons under the last message (with
 * "Share in channel" for a private answer that fits one message).
 */
export function renderAnswer(answer: TutorAnswer, options: RenderAnswerOptions): DiscordReply[] {
  const replies = options.embeds ? asEmbeds(answer, options) : asText(answer, options);
  if (answer.questionId) {
    const feedback = feedbackRow(answer.questionId, {
      share: options.share === true && replies.length === 1,
    });
    replies.at(-1)!.components = options.quizSlug ? [feedback, quizLaterRow(options.quizSlug)] : [feedback];
  }
  return replies;
}

function sourceLines(answer: TutorAnswer, publicUrl: string | undefined): string[] {
  return answer.sources.map(
    (s) => `• ${conceptLink(publicUrl, s.slug, s.title)}${s.section ? ` — ${escapeLabel(s.section)}` : ''}`,
  );
}

/** Links to the closest concepts of a "not covered" answer; its text already names them, so only with links. */
function suggestionLines(answer: TutorAnswer, publicUrl: string | undefined): string[] {
  if (answer.mode !== 'not-covered' || !publicUrl) return [];
  return answer.suggestions.map((s) => `• ${conceptLink(publicUrl, s.slug, s.title)}`);
}

/** All lines when they fit in `max` characters; else as many as fit, then how many were left out. */
export function fitLines(lines: readonly string[], max: number): string {
  const all = lines.join('\n');
  if (all.length <= max) return all;
  const kept: string[] = [];
  for (const [i, line] of lines.entries()) {
    if ([...kept, line, `…and ${lines.length - i - 1} more`].join('\n').length > max) break;
    kept.push(line);
  }
  return [...kept, `…and ${lines.length - kept.length} more`].join('\n');
}

function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  return (
    (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields + (embed.footer?.text.length ?? 0)
  );
}

function asEmbeds(answer: TutorAnswer, options: RenderAnswerOptions): DiscordReply[] {
  const color = answer.mode === 'not-covered' ? NOT_COVERED_COLOR : ANSWER_COLOR;
  const embeds: APIEmbed[] = splitMarkdown(answer.answer, DISCORD_LIMITS.embedDescription).map(
    (description) => ({ description, color }),
  );
  if (options.question) embeds[0]!.title = truncate(options.question, DISCORD_LIMITS.embedTitle);

  const fields: APIEmbedField[] = [];
  const sources = sourceLines(answer, options.publicUrl);
  if (sources.length > 0)
    fields.push({ name: 'Sources', value: fitLines(sources, DISCORD_LIMITS.embedFieldValue) });
  const closest = suggestionLines(answer, options.publicUrl);
  if (closest.length > 0)
    fields.push({ name: 'Closest topics', value: fitLines(closest, DISCORD_LIMITS.embedFieldValue) });
  const extras: APIEmbed = { color };
  if (fields.length > 0) extras.fields = fields;
  if (answer.notices.length > 0) extras.footer = { text: truncate(answer.notices.join('\n'), 1024) };

  const last = embeds.at(-1)!;
  // One message may hold 6,000 embed characters in all; a full description plus sources can exceed it.
  if (embedLength(last) + embedLength(extras) <= DISCORD_LIMITS.embedsPerMessage) Object.assign(last, extras);
  else if (extras.fields || extras.footer) embeds.push(extras);
  return embeds.map((embed) => ({ embeds: [embed], allowedMentions: NO_MENTIONS }));
}

function asText(answer: TutorAnswer, options: RenderAnswerOptions): DiscordReply[] {
  const parts: string[] = [];
  if (options.question)
    parts.push(`**${escapeLabel(truncate(options.question, DISCORD_LIMITS.embedTitle))}**`);
  parts.push(answer.answer);
  const sources = sourceLines(answer, options.publicUrl);
  if (sources.length > 0) parts.push(`**Sources**\n${sources.join('\n')}`);
  const closest = suggestionLines(answer, options.publicUrl);
  if (closest.length > 0) parts.push(`**Closest topics**\n${closest.join('\n')}`);
  // `-#` is Discord's small "subtext" line.
  if (answer.notices.length > 0) parts.push(answer.notices.map((n) => `-# ${n}`).join('\n'));
  return splitMarkdown(parts.join('\n\n'), DISCORD_LIMITS.messageContent).map((content) => ({
    content,
    allowedMentions: NO_MENTIONS,
  }));
}
