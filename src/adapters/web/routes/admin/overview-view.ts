import { html } from 'hono/html';
import type { Markup } from '../../render/layout.js';
import type { OverviewData } from './overview-loader.js';

/** The admin console's front page: figures at a glance, and links into each section. */
export function overviewView({ concepts, useCases, problems, today }: OverviewData): Markup {
  return html`
<h1>Admin console</h1>
<ul class="stats">
  <li><span class="value">${concepts}</span> concepts</li>
  <li><span class="value">${useCases}</span> use cases</li>
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
}
