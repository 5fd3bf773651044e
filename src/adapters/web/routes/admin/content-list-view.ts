import { html } from 'hono/html';
import { formatContentProblem } from '../../../../core/errors.js';
import type { Markup } from '../../render/layout.js';
import { scrollTable } from '../../render/scroll-table.js';
import type { ContentListData } from './content-list-loader.js';

/** Every concept and use case, with links to edit them and to create new ones. */
export function contentListView(data: ContentListData): Markup {
  const { concepts, useCases, problems, notLoaded, listProblems } = data;
  return html`
<h1>Content</h1>
${
  problems.length > 0
    ? html`<div class="error" role="alert"><p>The files on disk have problems, so the site still serves the last good library (loaded ${data.loadedAt.toISOString()}):</p><ul class="problems">${problems.map((p) => html`<li>${formatContentProblem(p)}</li>`)}</ul></div>`
    : ''
}
${listProblems.map((message) => html`<div class="error" role="alert"><p>${message}</p></div>`)}
<p class="actions"><a class="button" href="/admin/content/new/concepts">New concept</a> <a class="button secondary" href="/admin/content/new/use-cases">New use case</a></p>
${
  notLoaded.length > 0
    ? html`<h2 id="not-loaded">Not loaded (${notLoaded.length})</h2>
<p class="muted">These files are on disk but not in the live library; open one to fix it.</p>
<ul>${notLoaded.map(({ kind, slug }) => html`<li><a href="/admin/content/${kind}/${slug}">${kind}/${slug}.md</a></li>`)}</ul>`
    : ''
}
<h2 id="concepts">Concepts (${concepts.length})</h2>
${scrollTable(
  'concepts',
  html`<thead><tr><th scope="col">Title</th><th scope="col">Slug</th><th scope="col">Category</th><th scope="col">Level</th><th scope="col">Updated</th><th scope="col"><span class="visually-hidden">Public page</span></th></tr></thead>
  <tbody>${concepts.map(
    (concept) =>
      html`<tr><td><a href="/admin/content/concepts/${concept.slug}">${concept.title}</a></td><td><code>${concept.slug}</code></td><td>${concept.category}</td><td>${concept.difficulty}</td><td>${concept.updated}</td><td><a href="/concepts/${concept.slug}">View<span class="visually-hidden"> ${concept.title}</span></a></td></tr>`,
  )}</tbody>`,
)}
<h2 id="use-cases">Use cases (${useCases.length})</h2>
${scrollTable(
  'use-cases',
  html`<thead><tr><th scope="col">Title</th><th scope="col">Slug</th><th scope="col">Concepts</th><th scope="col"><span class="visually-hidden">Public page</span></th></tr></thead>
  <tbody>${useCases.map(
    (u) =>
      html`<tr><td><a href="/admin/content/use-cases/${u.slug}">${u.title}</a></td><td><code>${u.slug}</code></td><td>${u.concepts.join(', ')}</td><td><a href="/use-cases/${u.slug}">View<span class="visually-hidden"> ${u.title}</span></a></td></tr>`,
  )}</tbody>`,
)}`;
}
