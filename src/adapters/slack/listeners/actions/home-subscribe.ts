import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { homeNewsletterAction } from '../../home/home-newsletter-action.js';
import { HOME_IDS } from '../../render/slack-message.js';
import type { SlackDeps } from '../../slack-deps.js';
import { safely } from '../safely.js';

/** Subscribe (or "Send the link again") on the Home tab: double opt-in for the member's profile email. */
export function registerHomeSubscribe(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    HOME_IDS.subscribe,
    safely(deps, 'home subscribe', homeNewsletterAction(deps, 'subscribe')),
  );
}
