import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../slack-deps.js';
import { safely } from '../safely.js';
import { newsletterCommand } from './newsletter-command.js';

/** `/unsubscribe [email]`: stops the digest for that address. */
export function registerUnsubscribe(app: App, deps: SlackDeps): void {
  app.command('/unsubscribe', safely(deps, '/unsubscribe', newsletterCommand(deps, 'unsubscribe')));
}
