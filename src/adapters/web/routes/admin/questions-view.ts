import { html } from 'hono/html';
import type { groupGaps } from '../../../../core/insights/group-gaps.js';
import type { LoggedQuestion, QuestionTotals } from '../../../../core/ports.js';
import type { Markup } from '../../render/layout.js';
import { scrollTable } from '../../render/scroll-table.js';
import { GAP_DAYS, type QuestionsData } from './questions-loader.js';

const number = (n: number) => n.toLocaleString('en-US');
const when = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

/**
 * Token and answer totals, "not covered" gaps grouped by topic (what to
 * write next), questions the model refused although retrieval matched them,
 * 👎 feedback with reasons, and recent questions.
 */
export function questionsView(data: QuestionsData): Markup {
  const {
    day,
    week,
    month,
    all,
    gaps,
    grouped,
    refused,
    refusedGroups,
    thumbsDown,
    recent,
    dailyTokenBudget,
  } = data;
  return html`
<h1>Questions</h1>
<h2 id="totals">Totals</h2>
${scrollTable(
  'totals',
  html`
  <thead><tr><th scope="col">Period</th><th scope="col" class="num">Questions</th><th scope="col" class="num">AI</th><th scope="col" class="num">Quoted</th><th scope="col" class="num">Not covered</th><th scope="col" class="num">Model refused</th><th scope="col" class="num">Input tokens</th><th scope="col" class="num">Output tokens</th><th scope="col" class="num">Cache read</th><th scope="col" class="num">Cache write</th><th scope="col" class="num">👍</th><th scope="col" class="num">👎</th></tr></thead>
  <tbody>${totalsRow('Today (UTC)', day)}${totalsRow('Last 7 days', week)}${totalsRow('Last 30 days', month)}${totalsRow('All time', all)}</tbody>`,
)}
<p class="small muted">Daily token budget: ${dailyTokenBudget > 0 ? html`${number(day.usage.inputTokens + day.usage.outputTokens)} of ${number(dailyTokenBudget)} used today` : 'none'}.</p>

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
    : scrollTable(
        'feedback',
        html`<thead><tr><th scope="col">When</th><th scope="col">Question</th><th scope="col">Reason</th><th scope="col">Sources</th><th scope="col">Mode</th></tr></thead>
  <tbody>${thumbsDown.map((q) => html`<tr><td>${when(q.createdAt)}</td><td>${q.text}</td><td>${q.feedbackReason ?? html`<span class="muted">(none given)</span>`}</td><td>${sources(q)}</td><td>${q.mode}</td></tr>`)}</tbody>`,
      )
}

<h2 id="recent">Recent questions</h2>
${scrollTable(
  'recent',
  html`
  <thead><tr><th scope="col">When</th><th scope="col">Where</th><th scope="col">Question</th><th scope="col">Mode</th><th scope="col">Sources</th><th scope="col" class="num">Tokens</th><th scope="col" class="num">Time</th><th scope="col">Vote</th></tr></thead>
  <tbody>${recent.map(
    (q) =>
      html`<tr><td>${when(q.createdAt)}</td><td>${q.platform}</td><td>${q.text}</td><td>${q.mode}</td><td>${sources(q)}</td><td class="num">${number(q.usage.inputTokens + q.usage.outputTokens)}</td><td class="num">${(q.latencyMs / 1000).toFixed(1)} s</td><td>${q.feedback === 1 ? '👍' : q.feedback === -1 ? '👎' : ''}</td></tr>`,
  )}</tbody>`,
)}`;
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
