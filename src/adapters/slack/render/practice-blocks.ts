import { CHOICE_LETTERS, listChoices } from '../../../core/practice/choice-letters.js';
import type { Graded, NextItem } from '../../../core/practice/practice-service.js';

/** Action ids of the practice buttons; an option's value is `<shown id>:<choice>`. */
export const PRACTICE_IDS = {
  answer: /^tutor_practice_answer_[0-3]$/,
  answerPrefix: 'tutor_practice_answer_',
  next: 'tutor_practice_next',
  stop: 'tutor_practice_stop',
} as const;

/** A Slack message: fallback text plus Block Kit blocks. */
export interface PracticeMessage {
  text: string;
  blocks: Array<Record<string, unknown>>;
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string) => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
const when = (date: Date) =>
  `<!date^${Math.floor(date.getTime() / 1000)}^{date_short_pretty} at {time}|${date.toUTCString()}>`;

/** The next question with one button per option (A–D), or "all caught up". */
export function practiceItemBlocks(next: NextItem): PracticeMessage {
  if (!next.item) {
    const text = next.nextReviewAt
      ? `You're all caught up. Your next review is due ${when(next.nextReviewAt)}.`
      : 'The library has no practice questions yet.';
    return { text, blocks: [section(text)] };
  }
  const { item, shownId } = next;
  return {
    text: item.question,
    blocks: [
      section(`*${item.question}*\n${listChoices(item.choices)}`),
      context(`From ${item.title}. Guess if you're unsure: trying first helps you remember.`),
      {
        type: 'actions',
        block_id: 'tutor_practice',
        elements: item.choices.map((_, i) => ({
          type: 'button',
          action_id: `${PRACTICE_IDS.answerPrefix}${i}`,
          text: { type: 'plain_text', text: CHOICE_LETTERS[i]! },
          value: `${shownId}:${i}`,
        })),
      },
    ],
  };
}

/** Feedback: right or wrong, the answer, why, a link to the article, and Next / Stop. */
export function practiceFeedbackBlocks(graded: Graded, publicUrl: string | undefined): PracticeMessage {
  const { item } = graded;
  const path = item.kind === 'concept' ? `concepts/${item.slug}` : `use-cases/${item.slug}`;
  const source = publicUrl ? `<${publicUrl.replace(/\/$/, '')}/${path}|${item.title}>` : item.title;
  const verdict = graded.correct ? ':white_check_mark: Right.' : ':x: Not quite.';
  const answer = `${CHOICE_LETTERS[graded.correctChoice]}. ${item.choices[graded.correctChoice]}`;
  return {
    text: `${graded.correct ? 'Right.' : 'Not quite.'} ${item.explanation}`,
    blocks: [
      section(
        `${verdict} *${item.question}*\nThe answer: ${answer}\n${item.explanation}\nRead more: ${source}`,
      ),
      context(`You'll see this question again ${when(graded.nextReviewAt)}.`),
      {
        type: 'actions',
        block_id: 'tutor_practice_after',
        elements: [
          {
            type: 'button',
            action_id: PRACTICE_IDS.next,
            style: 'primary',
            text: { type: 'plain_text', text: 'Next question' },
          },
          { type: 'button', action_id: PRACTICE_IDS.stop, text: { type: 'plain_text', text: 'Stop' } },
        ],
      },
    ],
  };
}

/** Shown when a button names a showing that is not open for this person. */
export const PRACTICE_STALE = 'That question is no longer open for you. Type `/practice` for the next one.';
