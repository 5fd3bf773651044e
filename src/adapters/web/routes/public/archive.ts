import type { Hono } from 'hono';
import { html } from 'hono/html';
import { HTTPException } from 'hono/http-exception';
import type { NewsletterRuntime } from '../../../email/newsletter-runtime.js';
import { renderMarkdown } from '../../render/markdown.js';
import { publicPage, type WebDeps } from '../../web-deps.js';

const WEEK_KEY = /^(\d{4})-W(\d{2})$/;

/** "2026-W48" → "Week 48, 2026". */
export function weekLabel(weekKey: string): string {
  const match = WEEK_KEY.exec(weekKey);
  return match ? `Week ${Number(match[2])}, ${match[1]}` : weekKey;
}

/**
 * `/archive` and `/archive/:week`: every digest that went out, as a web page
 * built from the live library (so a corrected article reads corrected here too).
 */
export function registerArchivePages(app: Hono, deps: WebDeps, newsletter: NewsletterRuntime): void {
  app.get('/archive', async (c) => {
    const library = deps.container.content.store.current();
    const issues = (await newsletter.digests.history()).reverse();
    const body = html`
<h1>Archive</h1>
<p class="lead">Every issue of ${newsletter.settings.name}: one concept and one real use case a week. <a href="/newsletter">Subscribe</a> to get the next one.</p>
${
  issues.length === 0
    ? html`<p class="muted">No issue has gone out yet.</p>`
    : html`<ul class="cards">${issues.map((issue) => {
        const concept = library.conceptBySlug.get(issue.conceptSlug);
        const useCase = library.useCaseBySlug.get(issue.useCaseSlug);
        return html`<li><a class="card" href="/archive/${issue.weekKey}"><p class="small">${weekLabel(issue.weekKey)}</p><h3>${concept?.title ?? issue.conceptSlug}</h3><p>${useCase ? `With: ${useCase.title}` : ''}</p></a></li>`;
      })}</ul>`
}`;
    return c.html(
      publicPage(deps, {
        title: 'Archive',
        description: `Past issues of ${newsletter.settings.name}.`,
        active: '/archive',
        body,
      }),
    );
  });

  app.get('/archive/:week', async (c) => {
    const weekKey = c.req.param('week');
    const issue = WEEK_KEY.test(weekKey)
      ? (await newsletter.digests.history()).find((i) => i.weekKey === weekKey)
      : undefined;
    if (!issue)
      throw new HTTPException(404, {
        message: 'There is no issue for that week. See the archive for the ones that went out.',
      });
    const library = deps.container.content.store.current();
    const concept = library.conceptBySlug.get(issue.conceptSlug);
    const useCase = library.useCaseBySlug.get(issue.useCaseSlug);
    const body = html`
<article class="prose" aria-labelledby="title">
  <p class="small"><a href="/archive">Archive</a> › ${weekLabel(issue.weekKey)}</p>
  ${
    concept
      ? html`<h1 id="title">${concept.title}</h1>
  <p class="lead">${concept.summary}</p>
  <h2>What it is</h2>
  ${renderMarkdown(concept.whatItIs)}
  <h2>How it works</h2>
  <ol>${concept.howItWorks.map((step) => html`<li>${renderMarkdown(step)}</li>`)}</ol>
  <p><a href="/concepts/${concept.slug}">Read the whole article on ${concept.title}</a></p>`
      : html`<h1 id="title">${issue.conceptSlug}</h1><p class="muted">This concept has since been removed from the library.</p>`
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
    return c.html(
      publicPage(deps, {
        title: `${concept?.title ?? issue.conceptSlug} · ${weekLabel(issue.weekKey)}`,
        description: concept?.summary,
        active: '/archive',
        body,
      }),
    );
  });
}
