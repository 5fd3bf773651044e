/**
 * Discord's hard limits (https://discord.com/developers/docs/resources/message).
 * Going over any of them makes the whole request fail with 50035 Invalid Form Body.
 */
export const DISCORD_LIMITS = {
  messageContent: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  /** Sum of every embed text field in one message. */
  embedsPerMessage: 6000,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  customId: 100,
  textInput: 4000,
} as const;

/** Cuts `text` to at most `max` characters, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Escapes Markdown in a title used as a label, so a `]` or `*` in it cannot break the link or the bold. */
export function escapeLabel(text: string): string {
  return text.replace(/[\\[\]*_~`|]/g, (c) => `\\${c}`);
}
