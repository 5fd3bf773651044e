import { ButtonStyle, ComponentType } from 'discord.js';
import { CHOICE_LETTERS, listChoices } from '../../../core/practice/choice-letters.js';
import type { Graded, NextItem } from '../../../core/practice/practice-service.js';
import { PRACTICE_NEXT_ID, PRACTICE_STOP_ID, practiceAnswerId } from '../components/practice-ids.js';

const allowedMentions = { parse: [] as [] };

/** The reply for the next item: the question and its options, one button per option (or "all caught up"). */
export function practiceItemReply(next: NextItem) {
  if (!next.item) {
    const when = next.nextReviewAt
      ? `Your next review is due <t:${Math.floor(next.nextReviewAt.getTime() / 1000)}:R>.`
      : 'The library has no practice questions yet.';
    return { content: `You're all caught up. ${when}`, components: [], allowedMentions };
  }
  const { item, shownId } = next;
  return {
    content: `**${item.question}**\n${listChoices(item.choices)}\n-# From ${item.title}. Guess if you're unsure: trying first helps you remember.`,
    components: [
      {
        type: ComponentType.ActionRow,
        components: item.choices.map((_, i) => ({
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          custom_id: practiceAnswerId(shownId, i),
          label: CHOICE_LETTERS[i]!,
        })),
      },
    ],
    allowedMentions,
  };
}

/** Feedback on an answer: right or wrong, the answer, why, the article, and next or stop. */
export function practiceFeedbackReply(graded: Graded, publicUrl: string | undefined) {
  const { item } = graded;
  const path = item.kind === 'concept' ? `concepts/${item.slug}` : `use-cases/${item.slug}`;
  const source = publicUrl ? `[${item.title}](<${publicUrl.replace(/\/$/, '')}/${path}>)` : item.title;
  const verdict = graded.correct ? '✅ Right.' : '❌ Not quite.';
  return {
    content: `${verdict} **${item.question}**\nThe answer: ${CHOICE_LETTERS[graded.correctChoice]}. ${item.choices[graded.correctChoice]}\n${item.explanation}\nRead more: ${source}\n-# Next review <t:${Math.floor(graded.nextReviewAt.getTime() / 1000)}:R>.`,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Primary,
            custom_id: PRACTICE_NEXT_ID,
            label: 'Next question',
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            custom_id: PRACTICE_STOP_ID,
            label: 'Stop',
          },
        ],
      },
    ],
    allowedMentions,
  };
}
