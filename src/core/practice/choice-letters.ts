/** Letters for up to four options: chat buttons show a letter, the message lists the options in full. */
export const CHOICE_LETTERS = ['A', 'B', 'C', 'D'] as const;

/** "A. First option\nB. Second option…", the options as chat text. */
export function listChoices(choices: readonly string[]): string {
  return choices.map((choice, i) => `${CHOICE_LETTERS[i]}. ${choice}`).join('\n');
}
