/** Prefix of every practice button's custom id. */
const PREFIX = 'tutor:practice:';

/** What a practice button asks for. */
export type PracticeButton =
  | { kind: 'answer'; shownId: string; choice: number }
  | { kind: 'next' }
  | { kind: 'stop' }
  | { kind: 'later'; slug: string };

/** The custom id of "Quiz me on this later" under an answer that cited `slug`. */
export function practiceLaterId(slug: string): string {
  return `${PREFIX}later:${slug}`;
}

/** The custom id of an option button: the showing (the answer's idempotency key) and the option's index. */
export function practiceAnswerId(shownId: string, choice: number): string {
  return `${PREFIX}answer:${shownId}:${choice}`;
}

/** The custom ids of "Next question" and "Stop". */
export const PRACTICE_NEXT_ID = `${PREFIX}next`;
export const PRACTICE_STOP_ID = `${PREFIX}stop`;

/** Parses a practice button's custom id, or null when it is not one (or is malformed). */
export function parsePracticeButtonId(customId: string): PracticeButton | null {
  if (customId === PRACTICE_NEXT_ID) return { kind: 'next' };
  if (customId === PRACTICE_STOP_ID) return { kind: 'stop' };
  const later = /^tutor:practice:later:([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(customId);
  if (later && later[1]!.length <= 64) return { kind: 'later', slug: later[1]! };
  const match = /^tutor:practice:answer:([\w-]{1,64}):([0-3])$/.exec(customId);
  return match ? { kind: 'answer', shownId: match[1]!, choice: Number(match[2]) } : null;
}
