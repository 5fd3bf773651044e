import { DiscordAPIError, DiscordjsErrorCodes } from 'discord.js';
import { errorFields } from '../../core/errors.js';
import type { Logger } from '../../core/ports.js';

/** How a background connection ended up. */
export type ConnectOutcome = 'connected' | 'invalid-token' | 'stopped';

/** Waits between attempts while Discord cannot be reached; the last delay repeats. */
export const RETRY_DELAYS_MS = [5_000, 15_000, 60_000, 300_000];

function isInvalidToken(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === DiscordjsErrorCodes.TokenInvalid || (error instanceof DiscordAPIError && error.status === 401)
  );
}

/**
 * Connects the bot without holding up the service: web pages and other chat
 * surfaces keep running while Discord is unreachable, and connecting is
 * retried with backoff. A rejected token is not retried; the log says which
 * variable to fix. Once connected, discord.js reconnects by itself.
 */
export function connectInBackground(
  bot: { login(): Promise<void> },
  options: { logger: Logger; retryDelaysMs?: readonly number[] },
): { outcome: Promise<ConnectOutcome>; stop(): void } {
  const delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  let stopped = false;
  let wake: () => void = () => {};
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const outcome = (async (): Promise<ConnectOutcome> => {
    for (let attempt = 0; ; attempt++) {
      try {
        await bot.login();
        return stopped ? 'stopped' : 'connected';
      } catch (error) {
        if (stopped) return 'stopped';
        if (isInvalidToken(error)) {
          options.logger.error(
            'Discord rejected DISCORD_TOKEN. Copy a fresh token from the Developer Portal (your application -> Bot -> Reset Token), set DISCORD_TOKEN and restart; Discord stays off until then',
          );
          return 'invalid-token';
        }
        const delay = delays[Math.min(attempt, delays.length - 1)]!;
        options.logger.warn(
          `could not connect to Discord; retrying in ${Math.round(delay / 1000)} s`,
          errorFields(error),
        );
        await pause(delay);
        if (stopped) return 'stopped';
      }
    }
  })();

  return {
    outcome,
    stop() {
      stopped = true;
      wake();
    },
  };
}
