/** The Slack API error code (`not_in_channel`, `invalid_auth` …) of a Web API failure, or undefined. */
export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** Errors that mean the bot token itself is wrong, not that Slack is unreachable. */
export const TOKEN_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
]);

/** Errors that mean the bot cannot post in a conversation it was asked from. */
export const NOT_IN_CONVERSATION = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'restricted_action',
]);
