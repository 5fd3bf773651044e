import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../slack-deps.js';
import { registerExplainReveal } from './explain-reveal.js';
import { registerFeedbackHelpful } from './feedback-helpful.js';
import { registerFeedbackNotHelpful } from './feedback-not-helpful.js';
import { registerHomeSubscribe } from './home-subscribe.js';
import { registerHomeUnsubscribe } from './home-unsubscribe.js';
import { registerPracticeButtons } from './practice-buttons.js';
import { registerPracticeNow } from './practice-now.js';
import { registerQuizLater } from './quiz-later.js';
import { registerShareAnswer } from './share-answer.js';

/** Registers the Block Kit button listeners. */
export function register(app: App, deps: SlackDeps): void {
  registerFeedbackHelpful(app, deps);
  registerFeedbackNotHelpful(app, deps);
  registerShareAnswer(app, deps);
  registerHomeSubscribe(app, deps);
  registerHomeUnsubscribe(app, deps);
  registerPracticeButtons(app, deps);
  registerExplainReveal(app, deps);
  registerQuizLater(app, deps);
  registerPracticeNow(app, deps);
}
