import { html } from 'hono/html';
import type { ClickStats } from '../../../../core/newsletter/click-stats.js';
import type { LinkClickCount } from '../../../../core/newsletter/click-store.js';
import type { Markup } from '../../render/layout.js';
import { scrollTable } from '../../render/scroll-table.js';

/** What each kind of counted link is, in words. */
function linkLabel(link: LinkClickCount): string {
  if (link.link === 'archive') return 'View in your browser';
  if (link.link === 'concept') return 'Concept article';
  if (link.link === 'use-case') return 'Use case article';
  return link.link.startsWith('concept-link:') ? 'A link in the concept text' : 'A link in the use case text';
}

/**
 * The digest page's click section: clicks per concept, then per issue with
 * each link. Aggregates only: the counters name no person.
 */
export function digestClicksView(
  clicks: ClickStats,
  concepts: ReadonlyArray<{ slug: string; title: string }>,
): Markup {
  const title = (slug: string) => concepts.find((c) => c.slug === slug)?.title ?? slug;
  return html`<section aria-labelledby="clicks-title">
<h2 id="clicks-title">Clicks</h2>
<p class="muted small">Clicks on the digest’s links, counted through the <code>/r/</code> redirect: at most once per link, network and browser in 30 minutes; HEAD requests, prefetches and known bots and scanners are not counted. No person is recorded, and readers who turned counting off are not counted at all.</p>
${
  clicks.issues.length === 0
    ? html`<p class="muted" id="clicks-none">No clicks counted yet.</p>`
    : html`<h3 id="clicks-concepts-title">Per concept</h3>
${scrollTable(
  'clicks-concepts-title',
  html`<thead><tr><th scope="col">Concept</th><th scope="col" class="num">Issues</th><th scope="col" class="num">Clicks</th></tr></thead>
<tbody>${clicks.concepts.map((c) => html`<tr><td>${title(c.conceptSlug)}</td><td class="num">${c.issues}</td><td class="num">${c.clicks}</td></tr>`)}</tbody>`,
)}
<h3 id="clicks-issues-title">Per issue</h3>
${scrollTable(
  'clicks-issues-title',
  html`<thead><tr><th scope="col">Issue</th><th scope="col">Concept</th><th scope="col">Link</th><th scope="col" class="num">Clicks</th></tr></thead>
<tbody>${clicks.issues.map(
    (issue) =>
      html`<tr class="issue-total"><th scope="row">${issue.weekKey}</th><td>${issue.concepts.map(title).join(', ')}</td><td>All links</td><td class="num">${issue.clicks}</td></tr>
${issue.links.map((l) => html`<tr><td></td><td>${title(l.conceptSlug)}</td><td>${linkLabel(l)}<br><span class="small muted">${l.url}</span></td><td class="num">${l.clicks}</td></tr>`)}`,
  )}</tbody>`,
)}`
}
</section>`;
}
