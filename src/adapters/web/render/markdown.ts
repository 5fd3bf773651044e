import { raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { Marked, type Tokens } from 'marked';
import { safeUrl } from '../../../core/content/safe-url.js';
import { sectionAnchor } from './section-anchor.js';

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
}

/**
 * Markdown → HTML that is safe to insert into a page. Article Markdown is
 * written by admins and answers by a model quoting it, so neither is trusted
 * as HTML: raw HTML is shown as text, links and images keep only http(s),
 * mailto and relative URLs, and headings get stable ids for citation links.
 */
const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(text);
    },
    heading({ tokens, depth, text }: Tokens.Heading) {
      return `<h${depth} id="${escapeHtml(sectionAnchor(text))}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
    },
    link({ href, title, tokens }: Tokens.Link) {
      const inner = this.parser.parseInline(tokens);
      const url = safeUrl(href);
      if (url === null) return inner;
      const external = /^(https?:)?\/\//i.test(url);
      return `<a href="${escapeHtml(url)}"${title ? ` title="${escapeHtml(title)}"` : ''}${external ? ' rel="noopener noreferrer nofollow"' : ''}>${inner}</a>`;
    },
    image({ href, title, text }: Tokens.Image) {
      const url = safeUrl(href);
      if (url === null || /^mailto:/i.test(url)) return escapeHtml(text);
      return `<img src="${escapeHtml(url)}" alt="${escapeHtml(text)}"${title ? ` title="${escapeHtml(title)}"` : ''} loading="lazy">`;
    },
  },
});

/** Renders Markdown to sanitised HTML, marked as already escaped for hono/html templates. */
export function renderMarkdown(markdown: string): HtmlEscapedString {
  return raw(marked.parse(markdown, { async: false }));
}
