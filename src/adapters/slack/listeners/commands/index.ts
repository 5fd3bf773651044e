import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../slack-deps.js';
import { registerAsk } from './ask.js';
import { registerExplain } from './explain.js';
import { registerPractice } from './practice.js';
import { registerSubscribe } from './subscribe.js';
import { registerUnsubscribe } from './unsubscribe.js';

/** Registers the slash commands declared in slack/manifest.yml. */
export function register(app: App, deps: SlackDeps): void {
  registerAsk(app, deps);
  registerSubscribe(app, deps);
  registerUnsubscribe(app, deps);
  registerPractice(app, deps);
  registerExplain(app, deps);
}
