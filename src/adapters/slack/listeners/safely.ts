import type { SlackDeps } from '../slack-deps.js';

/**
 * Wraps a listener so that it can never take the process down: its work is
 * tracked (shutdown waits for it) and any error is logged with the listener's
 * name. Listeners show people their own friendly replies; this is the last
 * line of defence for what slips through.
 */
export function safely<Args>(
  deps: Pick<SlackDeps, 'logger' | 'inflight'>,
  name: string,
  listener: (args: Args) => Promise<void>,
): (args: Args) => Promise<void> {
  return (args) =>
    deps.inflight.run(async () => {
      try {
        await listener(args);
      } catch (error) {
        deps.logger.error(`slack ${name} listener failed`, {
          error: error instanceof Error ? error.message : String(error),
        });
      }
    });
}
