import { ButtonStyle, ComponentType } from 'discord.js';
import type { ExplainFeedback, FeedbackPoint } from '../../../core/practice/explain-back/types.js';
import { sectionAnchor } from '../../web/render/section-anchor.js';
import { explainRevealId } from '../components/explain-ids.js';
import { conceptUrl } from './concept-url.js';
import { truncate } from './discord-limits.js';

const allowedMentions = { parse: [] as [] };

/** Discord's limit on a message's content. */
const MAX_CONTENT = 2000;

const VERDICT = {
  good: '✅ A good explanation.',
  partial: '🧩 A start, with gaps.',
  'off-topic': '🤔 This does not seem to explain this concept yet.',
} as const;

/** Shown when the feedback is gone (another replica, a restart, more than an hour). */
export const EXPLAIN_STALE_DISCORD = 'That feedback is no longer available. Send `/explain` again to get it.';

function head(feedback: ExplainFeedback): string {
  return [
    `**Explain it back: ${feedback.concept.title}**`,
    VERDICT[feedback.verdict],
    `-# ${feedback.label}`,
    ...feedback.notices.map((notice) => `-# ${notice}`),
  ].join('\n');
}

/** The first reply: verdict and hints (questions), with a "Show what I missed" button. */
export function explainHintReply(feedback: ExplainFeedback) {
  const hints =
    feedback.hints.length > 0
      ? `**Hints**\n${feedback.hints.map((hint) => `- ${hint}`).join('\n')}`
      : 'Nothing important is missing. Well done.';
  return {
    content: truncate(`${head(feedback)}\n${hints}`, MAX_CONTENT),
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Primary,
            custom_id: explainRevealId(feedback.key),
            label: 'Show what I missed',
          },
        ],
      },
    ],
    allowedMentions,
  };
}

function cited(point: FeedbackPoint, slug: string, publicUrl: string | undefined): string {
  const base = conceptUrl(publicUrl, slug);
  const sources = point.sources
    .map((s) =>
      base ? `[${s.section}](<${base}#${sectionAnchor(s.section ?? '')}>)` : (s.section ?? s.title),
    )
    .join(', ');
  return `- ${point.text} *(${sources})*`;
}

/** The full feedback, replacing the hints in place. */
export function explainFullReply(feedback: ExplainFeedback, publicUrl: string | undefined) {
  const { slug } = feedback.concept;
  const list = (points: FeedbackPoint[], none: string) =>
    points.length > 0 ? points.map((p) => cited(p, slug, publicUrl)).join('\n') : none;
  const parts = [
    head(feedback),
    `**What you got right**\n${list(feedback.right, 'Nothing the article backs yet.')}`,
    `**What is missing**\n${list(feedback.missing, 'Nothing important.')}`,
    ...(feedback.misconception
      ? [`**A misconception**\n${cited(feedback.misconception, slug, publicUrl)}`]
      : []),
  ];
  return { content: truncate(parts.join('\n'), MAX_CONTENT), components: [], allowedMentions };
}
