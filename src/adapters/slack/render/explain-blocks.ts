import type { ExplainFeedback, FeedbackPoint } from '../../../core/practice/explain-back/types.js';
import { sectionAnchor } from '../../web/render/section-anchor.js';
import { escapeMrkdwn } from './markdown-to-mrkdwn.js';

/** Action id of the "Show what I missed" button; its value is {@link RevealValue} as JSON. */
export const EXPLAIN_REVEAL_ACTION = 'tutor_explain_reveal';

/** Slack's limit on a button's value. */
const MAX_BUTTON_VALUE = 2000;

/**
 * What the button carries: the feedback's key and, when it fits, the concept
 * and explanation, so a click that reaches another replica (or comes after
 * the cache forgot) can grade it again rather than give up.
 */
export interface RevealValue {
  k: string;
  c?: string;
  e?: string;
}

/** Shown when the feedback cannot be found or graded again. */
export const EXPLAIN_STALE =
  'That feedback is no longer available. Send `/explain <concept> <your explanation>` again.';

/** How to use the command. */
export const EXPLAIN_USAGE =
  'Explain a concept in your own words and I will check it against the article: `/explain rag RAG means the model first looks up…`. Send `/explain rag` to see what to explain.';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string) => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

const VERDICT = {
  good: ':white_check_mark: A good explanation.',
  partial: ':jigsaw: A start, with gaps.',
  'off-topic': ':thinking_face: This does not seem to explain this concept yet.',
} as const;

/** A Slack message: fallback text plus Block Kit blocks. */
export interface ExplainMessage {
  text: string;
  blocks: Array<Record<string, unknown>>;
}

function revealValue(feedback: ExplainFeedback, explanation: string): string {
  const full = JSON.stringify({ k: feedback.key, c: feedback.concept.slug, e: explanation });
  return full.length <= MAX_BUTTON_VALUE ? full : JSON.stringify({ k: feedback.key });
}

function head(feedback: ExplainFeedback): Array<Record<string, unknown>> {
  return [
    section(`*Explain it back: ${escapeMrkdwn(feedback.concept.title)}*\n${VERDICT[feedback.verdict]}`),
    context(`_${escapeMrkdwn(feedback.label)}_`),
    ...feedback.notices.map((notice) => context(`:information_source: ${escapeMrkdwn(notice)}`)),
  ];
}

/** The first reply: the verdict and hints (questions), and a "Show what I missed" button. */
export function explainHintBlocks(feedback: ExplainFeedback, explanation: string): ExplainMessage {
  const hints =
    feedback.hints.length > 0
      ? `*Hints*\n${feedback.hints.map((hint) => `• ${escapeMrkdwn(hint)}`).join('\n')}`
      : 'Nothing important is missing. Well done.';
  return {
    text: `Explain it back: ${feedback.concept.title}. ${feedback.hints.join(' ')}`.trim(),
    blocks: [
      ...head(feedback),
      section(hints),
      {
        type: 'actions',
        block_id: 'tutor_explain',
        elements: [
          {
            type: 'button',
            action_id: EXPLAIN_REVEAL_ACTION,
            text: { type: 'plain_text', text: 'Show what I missed' },
            value: revealValue(feedback, explanation),
          },
        ],
      },
    ],
  };
}

function cited(point: FeedbackPoint, slug: string, publicUrl: string | undefined): string {
  const base = publicUrl?.replace(/\/+$/, '');
  const sources = point.sources
    .map((s) => {
      const name = escapeMrkdwn(s.section ?? s.title);
      return base
        ? `<${base}/concepts/${encodeURIComponent(slug)}#${sectionAnchor(s.section ?? '')}|${name}>`
        : name;
    })
    .join(', ');
  return `• ${escapeMrkdwn(point.text)} _(${sources})_`;
}

/** The full feedback: right, missing and one misconception, each with the article sections it rests on. */
export function explainFullBlocks(feedback: ExplainFeedback, publicUrl: string | undefined): ExplainMessage {
  const { slug } = feedback.concept;
  const list = (points: FeedbackPoint[], none: string) =>
    points.length > 0 ? points.map((p) => cited(p, slug, publicUrl)).join('\n') : none;
  const blocks = [
    ...head(feedback),
    section(`*What you got right*\n${list(feedback.right, 'Nothing the article backs yet.')}`),
    section(`*What is missing*\n${list(feedback.missing, 'Nothing important.')}`),
    ...(feedback.misconception
      ? [section(`*A misconception*\n${cited(feedback.misconception, slug, publicUrl)}`)]
      : []),
  ];
  // A section holds 3,000 characters; the points are a few sentences each, but stay safe.
  for (const block of blocks) {
    const text = (block as { text?: { text: string } }).text;
    if (text && text.text.length > 3000) text.text = `${text.text.slice(0, 2990)}…`;
  }
  return {
    text: `Explain it back: ${feedback.concept.title}: what you got right and what is missing.`,
    blocks,
  };
}

/** `/explain rag` without an explanation: what to explain, and how to send it. */
export function explainPromptText(prompt: { slug: string; title: string; prompt: string }): string {
  return `*Explain it back: ${escapeMrkdwn(prompt.title)}*\n${escapeMrkdwn(prompt.prompt)}\nWrite it without looking at the article, then send \`/explain ${prompt.slug} <your explanation>\`. You get hints first, then what you missed.`;
}
