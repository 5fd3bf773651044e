import type { Context } from 'hono';
import { html } from 'hono/html';
import { csrfField, type Markup } from '../../render/layout.js';
import { scrollTable } from '../../render/scroll-table.js';
import { weekLabel } from '../public/archive-loader.js';
import { digestClicksView } from './digest-clicks-view.js';
import type { DigestPageData } from './digest-loader.js';

/** A result line at the top of the digest page. */
export interface Banner {
  kind: 'success' | 'error';
  text: string;
}

/**
 * The digest page's body: the week's issue (content, subject, the email in a
 * sandboxed frame, the plain text), the pin form while the issue is not
 * created yet, the test-send form, the latest issue's delivery status and
 * the link clicks per concept and issue.
 */
export function digestView(
  c: Context,
  data: DigestPageData,
  options: { banner?: Banner | undefined; testTo: string },
): Markup {
  const { weekKey, issue, pin, latest, preview, previewError } = data;
  const { banner, testTo } = options;
  const open = !issue || issue.status === 'skipped';
  return html`
<h1>Digest</h1>
${banner ? html`<div class="${banner.kind}" role="${banner.kind === 'error' ? 'alert' : 'status'}"><p>${banner.text}</p></div>` : ''}
<section aria-labelledby="next-title">
<h2 id="next-title">${weekLabel(weekKey)} <span class="muted small">(${weekKey}, ${issue ? issue.status : 'not created yet'})</span></h2>
<p class="muted small">Schedule: <code>${data.schedule.cron}</code> in ${data.schedule.timeZone}.</p>
${previewError ? html`<div class="error" role="alert"><p>${previewError}</p></div>` : ''}
${
  preview
    ? html`<dl class="facts">
  <dt>Concept</dt><dd><a href="/concepts/${preview.content.concept.slug}">${preview.content.concept.title}</a></dd>
  <dt>Use case</dt><dd><a href="/use-cases/${preview.content.useCase.slug}">${preview.content.useCase.title}</a></dd>
  <dt>Subject</dt><dd>${preview.template.subject}</dd>
  <dt>Preheader</dt><dd>${preview.template.preheader}</dd>
</dl>
<iframe class="email-preview" title="Email preview of ${weekKey}" src="/admin/digest/preview?week=${weekKey}" sandbox loading="lazy"></iframe>
<details><summary>Plain-text version</summary><pre>${preview.template.personalize({ unsubscribeUrl: '(unsubscribe link)', manageUrl: '(data link)', recall: preview.recall }).text}</pre></details>`
    : ''
}
</section>

${
  open
    ? html`<section aria-labelledby="pin-title">
<h2 id="pin-title">Pin this week’s content</h2>
<p class="muted">Pinned content wins over the automatic pick (the next concept never sent, with a linked use case).</p>
<form method="post" action="/admin/digest/pin">
  ${csrfField(c)}
  <input type="hidden" name="week" value="${weekKey}">
  <div class="field"><label for="pin-concept">Concept</label>
    <select id="pin-concept" name="concept"><option value="">Automatic</option>${data.concepts.map((concept) => html`<option value="${concept.slug}"${pin?.conceptSlug === concept.slug ? html` selected` : ''}>${concept.title}</option>`)}</select></div>
  <div class="field"><label for="pin-use-case">Use case</label>
    <select id="pin-use-case" name="useCase"><option value="">Automatic (one linked to the concept)</option>${data.useCases.map((u) => html`<option value="${u.slug}"${pin?.useCaseSlug === u.slug ? html` selected` : ''}>${u.title}</option>`)}</select></div>
  <div class="actions"><button type="submit">Pin</button>${pin ? html`<button type="submit" class="secondary" formaction="/admin/digest/unpin">Clear pin</button>` : ''}</div>
</form>
</section>`
    : html`<p class="muted">This issue was created on ${issue.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC; its content is fixed.</p>`
}

<section aria-labelledby="test-title">
<h2 id="test-title">Send a test copy</h2>
<form method="post" action="/admin/digest/test">
  ${csrfField(c)}
  <input type="hidden" name="week" value="${weekKey}">
  <div class="field"><label for="test-to">Email address</label><span class="hint" id="test-hint">Sent through ${data.mailerDescription}; subject marked [Test]; no delivery is recorded.</span>
    <input type="email" id="test-to" name="to" required autocomplete="email" aria-describedby="test-hint" value="${testTo}"></div>
  <button type="submit">Send test</button>
</form>
</section>

<section aria-labelledby="status-title">
<h2 id="status-title">Delivery status</h2>
${
  latest
    ? html`<p>Latest issue: <strong>${weekLabel(latest.issue.weekKey)}</strong> (${latest.issue.weekKey}), ${latest.issue.status}${latest.issue.sentAt ? html`, finished ${latest.issue.sentAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''}.</p>
<ul class="stats">
  ${(['sent', 'pending', 'sending', 'failed', 'skipped', 'total'] as const).map((k) => html`<li><span class="value">${latest.counts[k]}</span> ${k}</li>`)}
</ul>
${
  latest.failures.length > 0
    ? scrollTable(
        'status-title',
        html`<thead><tr><th scope="col">Address</th><th scope="col">Status</th><th scope="col" class="num">Attempts</th><th scope="col">Last error</th><th scope="col">Next attempt</th></tr></thead>
  <tbody>${latest.failures.map((f) => html`<tr><td>${f.email}</td><td>${f.status}</td><td class="num">${f.attempts}</td><td>${f.lastError ?? ''}</td><td>${f.nextAttemptAt ? f.nextAttemptAt.toISOString().slice(0, 16).replace('T', ' ') : ''}</td></tr>`)}</tbody>`,
      )
    : ''
}
${
  latest.counts.failed > 0
    ? html`<form method="post" action="/admin/digest/retry">${csrfField(c)}<input type="hidden" name="week" value="${latest.issue.weekKey}"><button type="submit">Retry ${latest.counts.failed} failed deliver${latest.counts.failed === 1 ? 'y' : 'ies'}</button></form>`
    : ''
}`
    : html`<p class="muted">No issue has been created yet.</p>`
}
</section>
${welcomeTrackSection(data.welcomeTrack)}
${data.clicks ? digestClicksView(data.clicks, data.concepts) : ''}`;
}

/** Welcome emails by outcome, and where the newest subscribers on the welcome track are (decision 013). */
function welcomeTrackSection(track: DigestPageData['welcomeTrack']) {
  if (!track) return '';
  const onTrack = track.members.filter((m) => m.next !== null).length;
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return html`<section aria-labelledby="track-title">
<h2 id="track-title">Welcome track</h2>
<p>New subscribers get a welcome email, then catch up on the concepts the weekly issue taught before they joined (beginner first) before they get the weekly issue. ${track.total} active subscriber${track.total === 1 ? '' : 's'} joined the track; of the newest ${track.members.length}, ${onTrack} ${onTrack === 1 ? 'is' : 'are'} still catching up.</p>
<ul class="stats">
  ${(['sent', 'pending', 'sending', 'failed'] as const).map((k) => html`<li><span class="value">${track.welcome[k]}</span> welcome ${k}</li>`)}
</ul>
${
  track.members.length > 0
    ? scrollTable(
        'track-title',
        html`<thead><tr><th scope="col">Address</th><th scope="col">Joined</th><th scope="col">Level</th><th scope="col">Welcome</th><th scope="col" class="num">Caught up on</th><th scope="col">Next</th></tr></thead>
  <tbody>${track.members.map((m) => html`<tr><td>${m.email}</td><td>${day(m.trackSince)}</td><td>${m.level}</td><td>${m.welcomeStatus}</td><td class="num">${m.done} of ${m.length}</td><td>${m.next ?? 'weekly issue'}</td></tr>`)}</tbody>`,
      )
    : ''
}
</section>`;
}
