import { html } from 'hono/html';
import type { Markup } from '../../render/layout.js';

/** The page after feedback sent without JavaScript. */
export function feedbackThanksView(message: string): Markup {
  return html`<div class="prose"><h1>Thanks for the feedback</h1><div class="success" role="status"><p>${message}</p></div><p><a href="/ask">Ask another question</a></p></div>`;
}
