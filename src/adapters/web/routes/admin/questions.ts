import type { Hono } from 'hono';
import { html } from 'hono/html';
import { groupGaps } from '../../../../core/insights/group-gaps.js';
import type { LoggedQuestion, QuestionTotals } from '../../../../core/ports.js';
import { adminPage, type WebDeps } from '../../web-deps.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far back the gap report looks, and how many not-covered questions it reads. */
const GAP_DAYS = 30;
const GAP_LIMIT = 1000;

const number = (n: number) => n.toLocaleString('en-US');
const when = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

/**
 * `/admin/questions`: token and answer totals, "not covered" gaps grouped by
 * topic (what to write next), questions the model refused although retrieval
 * matched them, 👎 feedback with reasons, and recent questions.
 */
export function registerQuestionsPage(app: Hono, deps: WebDeps): void {
  app.get('/admin/questions', async (c) => {
    const log = deps.container.questionLog;
    const now = deps.container.clock.now();
    const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const gapSince = new Date(now.getTime() - GAP_DAYS * DAY_MS);
    const [day, week, month, all, gaps, thumbsDown, recent] = await Promise.all([
      log.totals({ since: today }),
      log.totals({ since: new Date(now.getTime() - 7 * DAY_MS) }),
      log.totals({ since: new Date(now.getTime() - 30 * DAY_MS) }),
      log.totals(),
      log.recent({ limit: GAP_LIMIT, covered: false, since: gapSince }),
      log.recent({ limit: 50, feedback: -1 }),
      log.recent({ limit: 50 }),
    ]);
    // Two kinds of gap: nothing in the library matched, or retrieval matched and the model said the passages do not answer.
    const grouped = groupGaps(
      gaps.filter((q) => q.mode !== 'model-refused'),
      (q) => q.text,
    );
    const refused = gaps.filter((q) => q.mode === 'model-refused');
    const refusedGroups = groupGaps(refused, (q) => q.text);
    const body = html`
<h1>Questions</h1>
<h2 id="totals">Totals</h2>
<div class="table-wrap"><table aria-labelledby="totals">
  <thead><tr><th scope="col">Period</th><th scope="col" class="num">Questions</th><th scope="col" class="num">AI</th><th scope="col" class="num">Quoted</th><th scope="col" class="num">Not covered</th><th scope="col" class="num">Model refused</th><th scope="col" class="num">Input tokens</th><th scope="col" class="num">Output tokens</th><th scope="col" class="num">Cache read</th><th scope="col" class="num">Cache write</th><th scope="col" class="num">👍</th><th scope="col" class="num">👎</th></tr></thead>
  <tbody>${totalsRow('Today (UTC)', day)}${totalsRow('Last 7 days', week)}${totalsRow('Last 30 days', month)}${totalsRow('All time', all)}</tbody>
</table></div>
<p class="small muted">Daily token budget: ${deps.container.config.DAILY_TOKEN_BUDGET > 0 ? html`${number(day.usage.inputTokens + day.usage.outputTokens)} of ${number(deps.container.config.DAILY_TOKEN_BUDGET)} used today` : 'none'}.</p>

<h2 id="gaps">Not covered: what to write next</h2>
<p class="muted">${number(gaps.length - refused.length)} question(s) in the last ${GAP_DAYS} days that the library could not answer, grouped by shared topic words.</p>
${gapGroups(grouped)}

<h2 id="model-refused">Model refused: matched, but not answered</h2>
<p class="muted">${number(refused.length)} question(s) in the last ${GAP_DAYS} days where retrieval found passages but the model said they do not answer the question: a missing detail in an article, or a near miss retrieval let through.</p>
${gapGroups(refusedGroups)}

<h2 id="feedback">👎 Feedback</h2>
${
  thumbsDown.length === 0
    ? html`<p class="muted">No 👎 yet.</p>`
    : html`<div class="table-wrap"><table aria-labelledby="feedback"><thead><tr><th scope="col">When</th><th scope="col">Question</th><th scope="col">Reason</th><th scope="col">Sources</th><th scope="col">Mode</th></tr></thead>
  <tbody>${thumbsDown.map((q) => html`<tr><td>${when(q.createdAt)}</td><td>${q.text}</td><td>${q.feedbackReason ?? html`<span class="muted">(none given)</span>`}</td><td>${sources(q)}</td><td>${q.mode}</td></tr>`)}</tbody></table></div>`
}

<h2 id="recent">Recent questions</h2>
<div class="table-wrap"><table aria-labelledby="recent">
  <thead><tr><th scope="col">When</th><th scope="col">Where</th><th scope="col">Question</th><th scope="col">Mode</th><th scope="col">Sources</th><th scope="col" class="num">Tokens</th><th scope="col" class="num">Time</th><th scope="col">Vote</th></tr></thead>
  <tbody>${recent.map(
    (q) =>
      html`<tr><td>${when(q.createdAt)}</td><td>${q.platform}</td><td>${q.text}</td><td>${q.mode}</td><td>${sources(q)}</td><td class="num">${number(q.usage.inputTokens + q.usage.outputTokens)}</td><td class="num">${(q.latencyMs / 1000).toFixed(1)} s</td><td>${q.feedback === 1 ? '👍' : q.feedback === -1 ? '👎' : ''}</td></tr>`,
  )}</tbody>
</table></div>`;
    return c.html(adminPage(c, { title: 'Questions', active: '/admin/questions', body }));
  });
}

function gapGroups(grouped: ReturnType<typeof groupGaps<LoggedQuestion>>) {
  return html`${grouped.groups.map(
    (group) => html`<section class="gap-group" aria-label="${group.topic.join(', ')}">
  <h3>${group.topic.join(' · ')} <span class="muted small">(${group.total})</span></h3>
  <ul>${group.questions.map((q) => html`<li>${q.text}${q.count > 1 ? html` <span class="muted">×${q.count}</span>` : ''}</li>`)}</ul>
</section>`,
  )}
${
  grouped.ungrouped.length > 0
    ? html`<section class="gap-group" aria-label="Other questions"><h3>Other questions <span class="muted small">(${grouped.ungrouped.length})</span></h3><ul>${grouped.ungrouped.map((q) => html`<li>${q.text}</li>`)}</ul></section>`
    : ''
}`;
}

function totalsRow(label: string, t: QuestionTotals) {
  return html`<tr><th scope="row">${label}</th><td class="num">${number(t.questions)}</td><td class="num">${number(t.byMode.ai)}</td><td class="num">${number(t.byMode.extractive)}</td><td class="num">${number(t.byMode['not-covered'])}</td><td class="num">${number(t.byMode['model-refused'])}</td><td class="num">${number(t.usage.inputTokens)}</td><td class="num">${number(t.usage.outputTokens)}</td><td class="num">${number(t.usage.cacheReadTokens)}</td><td class="num">${number(t.usage.cacheWriteTokens)}</td><td class="num">${number(t.thumbsUp)}</td><td class="num">${number(t.thumbsDown)}</td></tr>`;
}

function sources(q: LoggedQuestion) {
  return q.sources.map((s, i) => html`${i > 0 ? ', ' : ''}<a href="/concepts/${s.slug}">${s.title}</a>`);
}
