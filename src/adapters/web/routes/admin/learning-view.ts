import { html } from 'hono/html';
import { type LearningReport, MIN_GROUP } from '../../../../core/practice/learning-report.js';
import type { Markup } from '../../render/layout.js';
import { scrollTable } from '../../render/scroll-table.js';
import { ASKED_DAYS } from './learning-loader.js';

const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)}%`);
const count = (n: number | null) => (n === null ? `fewer than ${MIN_GROUP}` : String(n));

/** The team knowledge map: per concept, learners, recall and items due beside questions asked; then the hardest items. */
export function learningView(report: LearningReport): Markup {
  return html`
<h1>Learning</h1>
<p class="lead">What the team practises and how well it recalls it, beside what people ask about. Aggregates only: any group of fewer than ${MIN_GROUP} learners is hidden.</p>
<p><a class="button" href="/admin/learning/export.csv">Download CSV</a></p>
<h2 id="concepts">By concept</h2>
${scrollTable(
  'concepts',
  html`<thead><tr><th scope="col">Concept</th><th scope="col">Learners</th><th scope="col">Recall rate</th><th scope="col">Items due</th><th scope="col">Asked about (${ASKED_DAYS} days)</th></tr></thead>
  <tbody>${report.concepts.map(
    (c) =>
      html`<tr><th scope="row"><a href="/concepts/${c.slug}">${c.title}</a></th><td>${count(c.learners)}</td><td>${percent(c.recallRate)}</td><td>${c.due ?? '–'}</td><td>${c.asked}</td></tr>`,
  )}</tbody>`,
)}
<h2 id="hard-items">Most often missed</h2>
<p>Items answered by at least ${MIN_GROUP} learners, most wrong answers first. A wrong option that draws most answers may be a misconception worth a FAQ, or a badly worded question.</p>
${
  report.hardItems.length === 0
    ? html`<p class="muted">No item has been answered by ${MIN_GROUP} or more learners yet.</p>`
    : html`<ol>${report.hardItems.map(
        (
          item,
        ) => html`<li><p><strong>${item.question}</strong> (<a href="/admin/content/concepts/${item.slug}">${item.slug}</a>): ${percent(item.wrongRate)} wrong, ${item.learners} learners</p>
    <ul>${item.choices.map((c) => html`<li>${c.correct ? html`<strong>${c.text} (right)</strong>` : c.text}: ${c.answers}</li>`)}</ul></li>`,
      )}</ol>`
}`;
}
