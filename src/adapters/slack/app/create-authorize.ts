import type { Authorize, webApi } from '@slack/bolt';
import type { BotIdentity } from '../answering/thread-history.js';

/** The bot's identity as auth.test reports it. */
export interface VerifiedBot extends BotIdentity {
  teamId?: string | undefined;
  team?: string | undefined;
}

/**
 * A single-workspace `authorize` for Bolt that calls auth.test once and
 * remembers the answer. Bolt's own version calls auth.test from the
 * constructor and leaves a failure unhandled; here a failure is reported to
 * the caller and retried on the next event, so a Slack blip at startup
 * heals by itself.
 */
export function createAuthorize(
  client: webApi.WebClient,
  botToken: string,
): { authorize: Authorize<boolean>; identify(): Promise<VerifiedBot> } {
  let identity: Promise<VerifiedBot> | undefined;
  function identify(): Promise<VerifiedBot> {
    identity ??= client.auth.test({ token: botToken }).then(
      (result) => ({
        botUserId: result.user_id,
        botId: result.bot_id,
        teamId: result.team_id,
        team: result.team,
      }),
      (error: unknown) => {
        identity = undefined;
        throw error;
      },
    );
    return identity;
  }
  return {
    identify,
    authorize: async () => {
      const bot = await identify();
      return { botToken, botId: bot.botId, botUserId: bot.botUserId };
    },
  };
}
