import { Marked, type Tokens } from 'marked';
import { safeUrl } from '../content/safe-url.js';
import { escapeHtml } from './html.js';

/** Inline styles for the few elements content Markdown produces; email clients ignore <style> for most of them. */
const STYLE = {
  code: 'font-family:SFMono-Regular,Consolas,Menlo,monospace;font-size:0.9em;background:#eef1f4;border-radius:4px;padding:1px 4px;',
  link: 'color:#0b57d0;text-decoration:underline;',
};

/** Rewrites a link's (safe, decoded) URL for the email, e.g. into a counted `/r/` link; identity by default. */
export type HrefRewrite = (url: string) => string;

const same: HrefRewrite = (url) => url;
// Set only for the duration of one synchronous parse (see inlineMarkdownToHtml), so one Marked serves every rewrite.
let rewriteHref: HrefRewrite = same;

// Content is written by the team, but an email is the wrong place for raw HTML
// from it: every tag is shown as text, every URL is checked and attribute-escaped.
const marked = new Marked({
  renderer: {
    html: (token: Tokens.HTML | Tokens.Tag) => escapeHtml(token.text),
    codespan: (token: Tokens.Codespan) => `<code style="${STYLE.code}">${escapeHtml(token.text)}</code>`,
    link(token: Tokens.Link) {
      const text = this.parser.parseInline(token.tokens);
      // The same rule as the web pages: a javascript: (or otherwise unsafe) URL is shown as its text, unlinked.
      const url = safeUrl(token.href);
      return url === null
        ? text
        : `<a href="${escapeHtml(rewriteHref(url))}" style="${STYLE.link}">${text}</a>`;
    },
    image: (token: Tokens.Image) => escapeHtml(token.text),
  },
});

/**
 * One paragraph of content Markdown as inline HTML (bold, code, links), safe
 * to put inside a <p>; `rewrite` maps each link's URL (the click redirect).
 */
export function inlineMarkdownToHtml(markdown: string, rewrite: HrefRewrite = same): string {
  rewriteHref = rewrite;
  try {
    return marked.parseInline(markdown, { async: false });
  } finally {
    rewriteHref = same;
  }
}

/** The same paragraph as plain text: emphasis markers dropped, links as "text (url)", the URL through `rewrite` when it is safe. */
export function inlineMarkdownToText(markdown: string, rewrite: HrefRewrite = same): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, (_, text: string, href: string) => {
      const url = safeUrl(href);
      return `${text} (${url === null ? href : rewrite(url)})`;
    })
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_\s][^*_]*?)[*_](?=[^\w*]|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1');
}

/** Splits Markdown prose into paragraphs at blank lines, joining wrapped lines. */
export function paragraphs(markdown: string): string[] {
  return markdown
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p !== '');
}
