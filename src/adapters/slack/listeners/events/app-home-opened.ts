import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import { publishHome } from '../../home/publish-home.js';
import type { SlackDeps } from '../../slack-deps.js';
import { safely } from '../safely.js';

type Args = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

/**
 * A member opened the app's Home tab: it is built for them (cached for a
 * minute, so a retried or repeated open costs no lookups) and published.
 * Opening the Messages or Chat tab sends the same event; it needs nothing.
 */
export function registerAppHomeOpened(app: App, deps: SlackDeps): void {
  app.event(
    'app_home_opened',
    safely(deps, 'app_home_opened', async ({ event, client }: Args) => {
      if (event.tab !== undefined && event.tab !== 'home') return;
      if (typeof event.user !== 'string' || !/^[UW][A-Z0-9]+$/.test(event.user)) {
        deps.logger.warn('ignored an app_home_opened event without a valid user id');
        return;
      }
      await publishHome(deps, client, event.user);
    }),
  );
}
