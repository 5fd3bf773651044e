import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../slack-deps.js';
import { registerFeedbackHelpful } from './feedback-helpful.js';
import { registerFeedbackNotHelpful } from './feedback-not-helpful.js';
import { registerPracticeButtons } from './practice-buttons.js';

/** Registers the Block Kit button listeners. */
export function register(app: App, deps: SlackDeps): void {
  registerFeedbackHelpful(app, deps);
  registerFeedbackNotHelpful(app, deps);
  registerPracticeButtons(app, deps);
}
