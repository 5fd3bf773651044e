import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { homeNewsletterAction } from '../../home/home-newsletter-action.js';
import { HOME_IDS } from '../../render/slack-message.js';
import type { SlackDeps } from '../../slack-deps.js';
import { safely } from '../safely.js';

/** Unsubscribe on the Home tab: stops the digest for the member's own profile email, never another address. */
export function registerHomeUnsubscribe(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    HOME_IDS.unsubscribe,
    safely(deps, 'home unsubscribe', homeNewsletterAction(deps, 'unsubscribe')),
  );
}
