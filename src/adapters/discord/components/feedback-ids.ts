/**
 * Custom ids of the feedback components. They carry the question log id, so
 * a vote needs no server-side state and survives restarts and replicas.
 * Discord caps custom ids at 100 characters; question ids are uuids or cuids.
 */
const BUTTON = /^tutor:feedback:(up|down):([\w-]{1,64})$/;
const REASON = /^tutor:feedback-reason:([\w-]{1,64})$/;

/** The custom id of a 👍 (1) or 👎 (-1) button for a logged question. */
export function feedbackButtonId(vote: 1 | -1, questionId: string): string {
  return `tutor:feedback:${vote === 1 ? 'up' : 'down'}:${questionId}`;
}

/** The vote and question of a feedback button, or null for any other custom id. */
export function parseFeedbackButtonId(customId: string): { vote: 1 | -1; questionId: string } | null {
  const match = BUTTON.exec(customId);
  return match ? { vote: match[1] === 'up' ? 1 : -1, questionId: match[2]! } : null;
}

/** The custom id of the "Add a reason" button and of the modal it opens. */
export function feedbackReasonId(questionId: string): string {
  return `tutor:feedback-reason:${questionId}`;
}

/** The question of an "Add a reason" button or modal, or null for any other custom id. */
export function parseFeedbackReasonId(customId: string): string | null {
  return REASON.exec(customId)?.[1] ?? null;
}
