import type { Hono } from 'hono';
import { html } from 'hono/html';
import { adminPage, type WebDeps } from '../../web-deps.js';

/** `/admin`: the state of the library and today's questions at a glance, with links into each section. */
export function registerAdminOverview(app: Hono, deps: WebDeps): void {
  app.get('/admin', async (c) => {
    const { container } = deps;
    const library = container.content.store.current();
    const now = container.clock.now();
    const today = await container.questionLog.totals({
      since: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())),
    });
    const problems = container.content.store.problems().length;
    const body = html`
<h1>Admin console</h1>
<ul class="stats">
  <li><span class="value">${library.concepts.length}</span> concepts</li>
  <li><span class="value">${library.useCases.length}</span> use cases</li>
  <li><span class="value">${today.questions}</span> questions today</li>
  <li><span class="value">${today.byMode['not-covered']}</span> not covered today</li>
  <li><span class="value">${(today.usage.inputTokens + today.usage.outputTokens).toLocaleString('en-US')}</span> tokens today</li>
</ul>
${problems > 0 ? html`<div class="error" role="alert"><p>The content folder has ${problems} problem(s); the last good library is live. <a href="/admin/content">See them</a>.</p></div>` : ''}
<ul>
  <li><a href="/admin/content">Content</a>: edit concepts and use cases.</li>
  <li><a href="/admin/questions">Questions</a>: gaps to write next, 👎 feedback, token totals.</li>
  <li><a href="/admin/digest">Digest</a>: preview, pin, test-send, delivery status.</li>
  <li><a href="/admin/subscribers">Subscribers</a>: counts, search, CSV export.</li>
</ul>`;
    return c.html(adminPage(c, { title: 'Admin', active: '/admin', body }));
  });
}
