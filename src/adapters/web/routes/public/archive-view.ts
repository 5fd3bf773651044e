import { html } from 'hono/html';
import type { Markup } from '../../render/layout.js';
import { renderMarkdown } from '../../render/markdown.js';
import { ARCHIVE_FEEDS } from '../../render/pages.js';
import { type ArchivedIssue, weekLabel } from './archive-loader.js';

/** The archive list: one card per issue. */
export function archiveListView(name: string, issues: readonly ArchivedIssue[]): Markup {
  return html`
<h1>Archive</h1>
<p class="lead">Every issue of ${name}: one concept and one real use case a week. <a href="/newsletter">Subscribe</a> to get the next one.</p>
<p class="small">Follow in a feed reader: <a href="${ARCHIVE_FEEDS.atom.href}" type="${ARCHIVE_FEEDS.atom.type}">Atom feed</a> · <a href="${ARCHIVE_FEEDS.json.href}" type="${ARCHIVE_FEEDS.json.type}">JSON Feed</a></p>
${
  issues.length === 0
    ? html`<p class="muted">No issue has gone out yet.</p>`
    : html`<ul class="cards">${issues.map(
        (issue) =>
          html`<li><a class="card" href="/archive/${issue.weekKey}"><p class="small">${weekLabel(issue.weekKey)}</p><h2 class="card-title">${issue.concept?.title ?? issue.conceptSlug}</h2><p>${issue.useCase ? `With: ${issue.useCase.title}` : ''}</p></a></li>`,
      )}</ul>`
}`;
}

/** One issue as a web page. */
export function archivedIssueView({ weekKey, conceptSlug, concept, useCase }: ArchivedIssue): Markup {
  return html`
<article class="prose" aria-labelledby="title">
  <p class="small"><a href="/archive">Archive</a> › ${weekLabel(weekKey)}</p>
  ${
    concept
      ? html`<h1 id="title">${concept.title}</h1>
  <p class="lead">${concept.summary}</p>
  <h2>What it is</h2>
  ${renderMarkdown(concept.whatItIs)}
  <h2>How it works</h2>
  <ol>${concept.howItWorks.map((step) => html`<li>${renderMarkdown(step)}</li>`)}</ol>
  <p><a href="/concepts/${concept.slug}">Read the whole article on ${concept.title}</a></p>`
      : html`<h1 id="title">${conceptSlug}</h1><p class="muted">This concept has since been removed from the library.</p>`
  }
  ${
    useCase
      ? html`<h2>Use case: ${useCase.title}</h2>
  <p class="lead">${useCase.summary}</p>
  ${renderMarkdown(useCase.body)}`
      : ''
  }
  <p class="actions"><a class="button" href="/newsletter">Get the next issue by email</a></p>
</article>`;
}
