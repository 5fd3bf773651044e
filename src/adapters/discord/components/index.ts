import type { ButtonHandler, ModalHandler } from './component-handler.js';
import { explainButton } from './explain-button.js';
import { feedbackButton } from './feedback-button.js';
import { feedbackReasonButton } from './feedback-reason-button.js';
import { feedbackReasonModal } from './feedback-reason-modal.js';
import { practiceButton } from './practice-button.js';
import { shareButton } from './share-button.js';

/** Every button handler; add new ones here, one file each. */
export const buttonHandlers: readonly ButtonHandler[] = [
  feedbackButton,
  feedbackReasonButton,
  shareButton,
  practiceButton,
  explainButton,
];

/** Every modal handler. */
export const modalHandlers: readonly ModalHandler[] = [feedbackReasonModal];
