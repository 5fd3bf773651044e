import type { TutorAnswer } from '../../../core/answering/create-tutor.js';
import { splitMarkdown } from '../../../core/chat/split-markdown.js';
import { escapeMrkdwn, markdownToMrkdwn } from './markdown-to-mrkdwn.js';
import {
  BLOCK_IDS,
  context,
  FEEDBACK_IDS,
  fallbackText,
  QUIZ_LATER_ACTION,
  SLACK_LIMITS,
  type SlackBlock,
  type SlackMessage,
  section,
} from './slack-message.js';

/** Options of {@link renderAnswer}. */
export interface RenderOptions {
  /** Base URL of the web pages; sources link to `<publicUrl>/concepts/<slug>` when set. */
  publicUrl?: string | undefined;
  /** A mrkdwn line shown above the answer (e.g. who asked, for /ask). */
  header?: string | undefined;
  /** A cited article with practice items: adds "Quiz me on this later" (see quizzableSlug). */
  quizSlug?: string | undefined;
  /** Limits, overridable so tests can exercise splitting with short text. */
  sectionChars?: number;
  blocksPerMessage?: number;
}

/** The page of a concept, or null when no public URL is configured. */
export function conceptUrl(publicUrl: string | undefined, slug: string): string | null {
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}/concepts/${encodeURIComponent(slug)}` : null;
}

function conceptLink(publicUrl: string | undefined, slug: string, title: string): string {
  const url = conceptUrl(publicUrl, slug);
  return url ? `<${url}|${escapeMrkdwn(title).replace(/\|/g, '¦')}>` : `*${escapeMrkdwn(title)}*`;
}

/**
 * Renders a tutor answer as one or more Block Kit messages: notices first,
 * the answer in sections of at most 3,000 characters (split by
 * `splitMarkdown`, so a code block cut in two is closed and reopened), then a
 * Sources line and the 👍/👎 buttons. A message holds at most 50 blocks; a
 * longer answer continues in further messages and the footer goes on the last.
 */
export function renderAnswer(answer: TutorAnswer, options: RenderOptions = {}): SlackMessage[] {
  const sectionChars = options.sectionChars ?? SLACK_LIMITS.sectionChars;
  const maxBlocks = options.blocksPerMessage ?? SLACK_LIMITS.blocksPerMessage;
  const head: SlackBlock[] = [];
  if (options.header) head.push(section(options.header, BLOCK_IDS.question));
  for (const notice of answer.notices)
    head.push(context(`:information_source: ${escapeMrkdwn(notice)}`, BLOCK_IDS.notice));

  const mrkdwn = markdownToMrkdwn(answer.answer);
  const sections = splitMarkdown(mrkdwn || '…', sectionChars).map((chunk, i) =>
    section(chunk, `${BLOCK_IDS.answerPrefix}${i}`),
  );

  const foot = answerFooter(answer, options.publicUrl, options.quizSlug);
  const body = [...head, ...sections];
  const messages: SlackBlock[][] = [];
  for (let i = 0; i < body.length; i += maxBlocks) messages.push(body.slice(i, i + maxBlocks));
  const last = messages.at(-1)!;
  if (last.length + foot.length <= maxBlocks) last.push(...foot);
  else messages.push(foot);

  const summary = fallbackText(answer.answer.replace(/[*_`#>]+/g, ''));
  return messages.map((blocks, i) => ({ text: i === 0 ? summary : '(continued)', blocks }));
}

/**
 * What goes under an answer: its Sources (or, when not covered, the closest
 * topics), the 👍/👎 buttons and, when a cited article has practice items
 * (`quizSlug`), "Quiz me on this later". A native stream gets these with
 * chat.stopStream, under the streamed text.
 */
export function answerFooter(
  answer: Pick<TutorAnswer, 'sources' | 'suggestions' | 'questionId'>,
  publicUrl: string | undefined,
  quizSlug?: string,
): SlackBlock[] {
  const foot: SlackBlock[] = [];
  if (answer.sources.length > 0) {
    const cited = answer.sources.map(
      (s) => conceptLink(publicUrl, s.slug, s.title) + (s.section ? ` (${escapeMrkdwn(s.section)})` : ''),
    );
    foot.push(context(`*Sources:* ${cited.join(' · ')}`, BLOCK_IDS.sources));
  } else if (answer.suggestions.length > 0) {
    const closest = answer.suggestions.map((s) => conceptLink(publicUrl, s.slug, s.title));
    foot.push(context(`*Closest topics in the library:* ${closest.join(' · ')}`, BLOCK_IDS.suggestions));
  }
  if (answer.questionId) foot.push(feedbackButtons(answer.questionId));
  // Only under an answer that cites something: an uncited one has nothing to practise.
  if (quizSlug && answer.sources.some((s) => s.slug === quizSlug)) foot.push(quizLaterButton(quizSlug));
  return foot;
}

/**
 * "Quiz me on this later": queues the article's practice items for whoever
 * clicks. The value is only the slug; who is queued is the user Slack signed
 * the click for, so an edited value can at most queue another article for oneself.
 */
export function quizLaterButton(slug: string): SlackBlock {
  return {
    type: 'actions',
    block_id: BLOCK_IDS.quizLater,
    elements: [
      {
        type: 'button',
        action_id: QUIZ_LATER_ACTION,
        text: { type: 'plain_text', text: '🧠 Quiz me on this later', emoji: true },
        value: slug,
      },
    ],
  };
}

/** The 👍/👎 buttons; the value is the question log id the vote is stored against. */
export function feedbackButtons(questionId: string): SlackBlock {
  return {
    type: 'actions',
    block_id: BLOCK_IDS.feedback,
    elements: [
      {
        type: 'button',
        action_id: FEEDBACK_IDS.helpful,
        text: { type: 'plain_text', text: '👍 Helpful', emoji: true },
        value: questionId,
      },
      {
        type: 'button',
        action_id: FEEDBACK_IDS.notHelpful,
        text: { type: 'plain_text', text: '👎 Not helpful', emoji: true },
        value: questionId,
      },
    ],
  };
}
