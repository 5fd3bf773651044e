import type { types } from '@slack/bolt';
import { FEEDBACK_IDS } from './slack-message.js';

/** Where a 👎 came from, carried through the modal in private_metadata. */
export interface FeedbackTarget {
  questionId: string;
  channel?: string | undefined;
  threadTs?: string | undefined;
}

/** Common reasons, offered as checkboxes so most people need not type. */
export const REASONS: Record<string, string> = {
  wrong: 'It was wrong',
  'off-topic': "It didn't answer my question",
  unclear: 'It was hard to understand',
  incomplete: 'Something important was missing',
};

const DETAILS_MAX = 1000;

/** The modal a 👎 opens, asking what was wrong. */
export function feedbackModal(target: FeedbackTarget): types.ModalView {
  return {
    type: 'modal',
    callback_id: FEEDBACK_IDS.reasonModal,
    private_metadata: JSON.stringify(target),
    title: { type: 'plain_text', text: 'What was wrong?' },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Skip' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: "Thanks for flagging this answer. Telling us what was wrong helps the library's editors fix it.",
        },
      },
      {
        type: 'input',
        block_id: 'reasons',
        optional: true,
        label: { type: 'plain_text', text: 'What went wrong?' },
        element: {
          type: 'checkboxes',
          action_id: 'reasons',
          options: Object.entries(REASONS).map(([value, text]) => ({
            value,
            text: { type: 'plain_text', text },
          })),
        },
      },
      {
        type: 'input',
        block_id: 'details',
        optional: true,
        label: { type: 'plain_text', text: 'Anything else?' },
        element: { type: 'plain_text_input', action_id: 'details', multiline: true, max_length: DETAILS_MAX },
      },
    ],
  };
}

/** The submitted view's state, as much of it as is read here. */
export interface SubmittedState {
  values: Record<
    string,
    Record<string, { selected_options?: Array<{ value: string }> | null; value?: string | null }>
  >;
}

/** The reason text stored in the question log, e.g. "It was wrong; It was hard to understand: the example is off". */
export function reasonFromState(state: SubmittedState): string | undefined {
  const picked = (state.values.reasons?.reasons?.selected_options ?? []).map(
    (o) => REASONS[o.value] ?? o.value,
  );
  const details = state.values.details?.details?.value?.trim().slice(0, DETAILS_MAX) ?? '';
  const reason = [picked.join('; '), details].filter(Boolean).join(': ');
  return reason || undefined;
}

/** Reads the metadata back; null when it is not ours. */
export function parseFeedbackTarget(metadata: string | undefined): FeedbackTarget | null {
  try {
    const parsed = JSON.parse(metadata ?? '') as Partial<FeedbackTarget>;
    return typeof parsed.questionId === 'string'
      ? { questionId: parsed.questionId, channel: parsed.channel, threadTs: parsed.threadTs }
      : null;
  } catch {
    return null;
  }
}
