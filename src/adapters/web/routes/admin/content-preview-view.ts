import { html } from 'hono/html';
import { splitFrontmatter } from '../../../../core/content/frontmatter.js';
import { splitCheckYourself } from '../../../../core/content/parse-check-yourself.js';
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
  const { article, section } = splitCheckYourself(split.body);
  return html`<div class="prose"><h1>${title}</h1>${summary ? html`<p class="lead">${summary}</p>` : ''}${renderMarkdown(article)}${section === undefined ? '' : checkYourselfPreview(section)}</div>`;
}

/**
 * The quiz as an editor needs to see it: every option, the right one marked
 * in words (a task-list checkbox would be an unlabelled form control). The
 * public page shows only the questions.
 */
function checkYourselfPreview(section: string): Markup {
  const marked = section
    .replace(/^(\s*[-*]\s+)\[[xX]\]\s+/gm, '$1**(right)** ')
    .replace(/^(\s*[-*]\s+)\[ \]\s+/gm, '$1');
  return html`<h2>Check yourself</h2><p class="muted">Readers see only the questions here; options and explanations appear on the practice page.</p>${renderMarkdown(marked)}`;
}
