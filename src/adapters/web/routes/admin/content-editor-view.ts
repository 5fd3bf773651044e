import type { Context } from 'hono';
import { html } from 'hono/html';
import type { ContentKind } from '../../../../core/content/content-editor.js';
import { type ContentProblem, formatContentProblem } from '../../../../core/errors.js';
import { csrfField, type Markup } from '../../render/layout.js';
import { renderContentPreview } from './content-preview-view.js';

/** What the editor shows: the file, and after a check or a failed save, its problems. */
export interface EditorView {
  kind: ContentKind;
  /** null while creating: the slug comes from the frontmatter. */
  slug: string | null;
  version: string;
  text: string;
  problems?: ContentProblem[];
  error?: string;
  saved?: boolean;
  showPreview?: boolean;
}

/** How a kind is named in titles and messages. */
export const LABEL: Record<ContentKind, string> = { concepts: 'concept', 'use-cases': 'use case' };
const PUBLIC_PATH: Record<ContentKind, string> = { concepts: '/concepts', 'use-cases': '/use-cases' };

/** The page title: "New concept" or "Edit concepts/rag.md". */
export function editorTitle(view: EditorView): string {
  return view.slug === null ? `New ${LABEL[view.kind]}` : `Edit ${view.kind}/${view.slug}.md`;
}

/** The editor: the Markdown file, its problems, and a preview rendered as the live page will be. */
export function editorView(c: Context, view: EditorView): Markup {
  const creating = view.slug === null;
  const title = editorTitle(view);
  const problems = view.problems ?? [];
  return html`
<p class="small"><a href="/admin/content">Content</a></p>
<h1>${title}</h1>
${view.saved ? html`<div class="success" role="status"><p>Saved. The library reloaded; the public page and the tutor use the new text now.${view.slug ? html` <a href="${PUBLIC_PATH[view.kind]}/${view.slug}">View the page</a>.` : ''}</p></div>` : ''}
${view.error ? html`<div class="error" role="alert"><p>${view.error}</p></div>` : ''}
<form method="post" action="/admin/content/save" id="editor-form" data-validate-url="/admin/content/validate">
  ${csrfField(c)}
  <input type="hidden" name="kind" value="${view.kind}">
  <input type="hidden" name="slug" value="${view.slug ?? ''}">
  <input type="hidden" name="version" value="${view.version}">
  <div class="editor">
    <div>
      <div class="field">
        <label for="text">Markdown file</label>
        <span class="hint" id="text-hint">Frontmatter between the --- lines, then the sections. ${creating ? 'The slug becomes the file name and the URL; it cannot change later.' : 'The slug cannot change.'} See content/README.md for the format.</span>
        <textarea id="text" name="text" class="code" spellcheck="false" aria-describedby="text-hint problems"${problems.length > 0 ? html` aria-invalid="true"` : ''}>${view.text}</textarea>
      </div>
      <div id="problems" aria-live="polite">${problemList(problems, view.problems !== undefined)}</div>
      <div class="actions">
        <button type="submit" name="action" value="save">Save</button>
        <button type="submit" name="action" value="preview" class="secondary">Check and preview</button>
      </div>
    </div>
    <div>
      <h2 id="preview-title">Preview</h2>
      <div class="preview" id="preview" role="region" tabindex="0" aria-labelledby="preview-title">${view.showPreview || !creating ? renderContentPreview(view.text) : html`<p class="muted">Choose “Check and preview”, or start typing.</p>`}</div>
    </div>
  </div>
</form>`;
}

function problemList(problems: ContentProblem[], checked: boolean) {
  if (problems.length === 0)
    return checked ? html`<p class="success">No problems: the whole library loads with this file.</p>` : '';
  return html`<div class="error" role="alert"><p>${problems.length === 1 ? '1 problem' : `${problems.length} problems`} to fix before saving:</p><ul class="problems">${problems.map((p) => html`<li>${formatContentProblem(p)}</li>`)}</ul></div>`;
}
