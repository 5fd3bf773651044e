import { html } from 'hono/html';
import { splitFrontmatter } from '../../../../core/content/frontmatter.js';
import type { Markup } from '../../render/layout.js';
import { renderMarkdown } from '../../render/markdown.js';

/**
 * How a file will look on its public page: title, summary and the rendered
 * body, sanitised exactly like the live page. Shown even while the file has
 * problems, so an author sees their text as they type.
 */
export function renderContentPreview(text: string): Markup {
  const split = splitFrontmatter('preview', text);
  if (Array.isArray(split)) return html`<div class="prose">${renderMarkdown(text)}</div>`;
  const title = typeof split.data.title === 'string' ? split.data.title : '(no title yet)';
  const summary = typeof split.data.summary === 'string' ? split.data.summary : '';
  return html`<div class="prose"><h1>${title}</h1>${summary ? html`<p class="lead">${summary}</p>` : ''}${renderMarkdown(split.body)}</div>`;
}
