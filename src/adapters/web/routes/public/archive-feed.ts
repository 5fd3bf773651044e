import { Feed } from 'feed';
import { html } from 'hono/html';
import { escapeHtml } from '../../../../core/newsletter/html.js';
import type { Markup } from '../../render/layout.js';
import { renderMarkdown } from '../../render/markdown.js';
import { ARCHIVE_FEEDS, renderToString } from '../../render/pages.js';
import { type ArchivedIssue, weekLabel } from './archive-loader.js';

/** The two formats we serve. */
export type FeedFormat = 'atom' | 'json';

/**
 * The archive as an Atom feed or a JSON Feed, built with the `feed` package: one
 * entry per issue that went out, newest first, with the issue's full content
 * and links to the concept and use-case pages. `baseUrl` makes every link
 * absolute, because feed readers show entries away from our site.
 */
export async function buildArchiveFeed(
  format: FeedFormat,
  input: {
    name: string;
    baseUrl: string;
    issues: readonly ArchivedIssue[];
    /** The feed's `updated` when no issue has gone out yet. */
    now: Date;
  },
): Promise<string> {
  const { name, baseUrl, issues } = input;
  // Atom entry titles and summaries go out as type="html", so text must be escaped
  // there; JSON Feed's title and summary are plain text.
  const text = format === 'atom' ? escapeHtml : (value: string) => value;
  const archiveUrl = `${baseUrl}/archive`;
  const feed = new Feed({
    id: archiveUrl,
    link: archiveUrl,
    title: name,
    description: `Every issue of ${name}: one AI concept and one real use case a week.`,
    language: 'en',
    updated: issues[0]?.publishedAt ?? input.now,
    generator: 'concept-tutor',
    feedLinks: { atom: `${baseUrl}${ARCHIVE_FEEDS.atom.href}`, json: `${baseUrl}${ARCHIVE_FEEDS.json.href}` },
    author: { name, link: baseUrl },
    copyright: `© ${name}`,
  });
  for (const issue of issues) {
    const link = `${baseUrl}/archive/${issue.weekKey}`;
    feed.addItem({
      id: link,
      link,
      title: text(`${weekLabel(issue.weekKey)}: ${issue.concept?.title ?? issue.conceptSlug}`),
      description: text(issue.concept?.summary ?? 'This concept has since been removed from the library.'),
      content: absoluteLinks(await renderToString(issueContent(issue)), baseUrl),
      date: issue.publishedAt,
      published: issue.publishedAt,
      category: [{ name: issue.concept?.category ?? 'concept' }],
    });
  }
  return format === 'atom' ? feed.atom1() : feed.json1();
}

/** An issue's body for a feed reader: the archive page without the site's navigation. */
function issueContent({ conceptSlug, concept, useCase }: ArchivedIssue): Markup {
  return html`${
    concept
      ? html`<p>${concept.summary}</p>
<h2>What it is</h2>
${renderMarkdown(concept.whatItIs)}
<h2>How it works</h2>
<ol>${concept.howItWorks.map((step) => html`<li>${renderMarkdown(step)}</li>`)}</ol>
<p><a href="/concepts/${concept.slug}">Read the whole article on ${concept.title}</a></p>`
      : html`<p>The concept of this issue (${conceptSlug}) has since been removed from the library.</p>`
  }${
    useCase
      ? html`<h2>Use case: ${useCase.title}</h2>
<p>${useCase.summary}</p>
${renderMarkdown(useCase.body)}
<p><a href="/use-cases/${useCase.slug}">Read the use case on the site</a></p>`
      : ''
  }`;
}

/**
 * Root-relative links and images (ours, and those an article writes as
 * `/concepts/x`) made absolute: a reader resolves a relative URL against the
 * feed's own address at best, and against nothing in many apps.
 */
function absoluteLinks(content: string, baseUrl: string): string {
  return content.replace(/\b(href|src)="\/(?!\/)/g, `$1="${baseUrl}/`);
}
