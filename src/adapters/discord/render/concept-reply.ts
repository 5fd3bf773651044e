import type { APIEmbed } from 'discord.js';
import { splitMarkdown } from '../../../core/chat/split-markdown.js';
import type { Concept } from '../../../core/content/types.js';
import type { DiscordReply } from './answer-replies.js';
import { ANSWER_COLOR } from './answer-replies.js';
import { conceptUrl } from './concept-url.js';
import { DISCORD_LIMITS, truncate } from './discord-limits.js';

/** A concept card for /concept: its summary, what it is, and a link to the full article when PUBLIC_URL is set. */
export function renderConcept(concept: Concept, publicUrl: string | undefined): DiscordReply {
  const url = conceptUrl(publicUrl, concept.slug);
  const whatItIs = splitMarkdown(concept.whatItIs, DISCORD_LIMITS.embedFieldValue - 2);
  const embed: APIEmbed = {
    title: truncate(concept.title, DISCORD_LIMITS.embedTitle),
    description:
      truncate(concept.summary, DISCORD_LIMITS.embedDescription - 100) +
      (url ? `\n\n[Read the full article](${url})` : ''),
    color: ANSWER_COLOR,
    fields:
      whatItIs.length > 0
        ? [{ name: 'What it is', value: whatItIs[0]! + (whatItIs.length > 1 ? ' …' : '') }]
        : [],
    footer: { text: `${concept.category} · ${concept.difficulty}${url ? '' : ' · ask about it with /ask'}` },
  };
  if (url) embed.url = url;
  return { embeds: [embed], allowedMentions: { parse: [] } };
}
