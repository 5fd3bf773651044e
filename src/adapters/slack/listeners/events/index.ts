import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../slack-deps.js';
import { registerAppHomeOpened } from './app-home-opened.js';
import { registerAppMention } from './app-mention.js';
import { registerMessage } from './message.js';

/** Registers the Events API listeners. */
export function register(app: App, deps: SlackDeps): void {
  registerAppMention(app, deps);
  registerMessage(app, deps);
  registerAppHomeOpened(app, deps);
}
