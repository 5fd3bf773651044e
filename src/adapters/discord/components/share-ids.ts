/**
 * Custom id of "Share in channel" under an answer only its asker sees. It
 * carries the question log id, so the shared copy keeps working 👍/👎; the
 * answer itself is read from the message the button is on.
 */
const SHARE = /^tutor:share:([\w-]{1,64})$/;

/** The custom id of the Share button of a logged question. */
export function shareButtonId(questionId: string): string {
  return `tutor:share:${questionId}`;
}

/** The question of a Share button, or null for any other custom id. */
export function parseShareButtonId(customId: string): string | null {
  return SHARE.exec(customId)?.[1] ?? null;
}
