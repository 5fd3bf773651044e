import type { App } from '@slack/bolt';
import type { SlackDeps } from '../slack-deps.js';
import { register as registerActions } from './actions/index.js';
import { register as registerAssistant } from './assistant/index.js';
import { register as registerCommands } from './commands/index.js';
import { register as registerEvents } from './events/index.js';
import { register as registerViews } from './views/index.js';

/** Registers every listener, one folder per kind. */
export function registerListeners(app: App, deps: SlackDeps): void {
  // Global middleware first: it takes assistant threads' messages before the `message` listener.
  registerAssistant(app, deps);
  registerEvents(app, deps);
  registerCommands(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
}
