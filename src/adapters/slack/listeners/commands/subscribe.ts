import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../slack-deps.js';
import { safely } from '../safely.js';
import { newsletterCommand } from './newsletter-command.js';

/** `/subscribe [email]`: starts double opt-in for the weekly digest. */
export function registerSubscribe(app: App, deps: SlackDeps): void {
  app.command('/subscribe', safely(deps, '/subscribe', newsletterCommand(deps, 'subscribe')));
}
