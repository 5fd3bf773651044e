import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../slack-deps.js';
import { registerFeedbackReason } from './feedback-reason.js';

/** Registers the modal submission listeners. */
export function register(app: App, deps: SlackDeps): void {
  registerFeedbackReason(app, deps);
}
