import { html } from 'hono/html';
import type { Markup } from './layout.js';

/**
 * A table in a box that scrolls sideways on a narrow screen. The box is a
 * focusable, named region, so keyboard users can scroll it too (axe's
 * scrollable-region-focusable); the table is named by the heading `labelId`.
 */
export function scrollTable(labelId: string, rows: Markup): Markup {
  return html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="${labelId}"><table aria-labelledby="${labelId}">${rows}</table></div>`;
}
