import { errorFields } from '../../../core/errors.js';
import type { SlackDeps } from '../slack-deps.js';

/**
 * Wraps a listener so that it can never take the process down: its work is
 * registered as in flight (shutdown waits for it, and aborts `signal` when
 * the drain budget runs out) and any error is logged with the listener's
 * name. Listeners show people their own friendly replies; this is the last
 * line of defence for what slips through.
 */
export function safely<Args>(
  deps: Pick<SlackDeps, 'logger' | 'inFlight'>,
  name: string,
  listener: (args: Args, signal: AbortSignal) => Promise<void>,
): (args: Args) => Promise<void> {
  return (args) =>
    deps.inFlight.run(async (signal) => {
      try {
        await listener(args, signal);
      } catch (error) {
        deps.logger.error(`${name} listener failed`, errorFields(error));
      }
    });
}
