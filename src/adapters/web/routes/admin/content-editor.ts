import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { HTTPException } from 'hono/http-exception';
import { slugProblem } from '../../../../core/content/slug.js';
import { type ContentProblem, formatContentProblem } from '../../../../core/errors.js';
import { type ContentFiles, type ContentKind, isContentKind } from '../../admin/content-files.js';
import { renderContentPreview } from '../../admin/content-preview.js';
import { newFileTemplate } from '../../admin/content-templates.js';
import { assetUrl } from '../../render/assets.js';
import { csrfField } from '../../render/layout.js';
import { adminPage, type WebDeps } from '../../web-deps.js';

/** Content files are small; anything bigger than this is a mistake, not an article (the whole request is capped at 1 MB). */
const MAX_FILE_BYTES = 512 * 1024;

interface EditorView {
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

const LABEL: Record<ContentKind, string> = { concepts: 'concept', 'use-cases': 'use case' };
const PUBLIC_PATH: Record<ContentKind, string> = { concepts: '/concepts', 'use-cases': '/use-cases' };

/**
 * The content editor: `GET /admin/content/new/:kind`, `GET /admin/content/:kind/:slug`,
 * `POST /admin/content/save` (preview or save, works without JavaScript) and
 * `POST /admin/content/validate` (live validation and preview for admin-editor.js).
 */
export function registerContentEditor(app: Hono, deps: WebDeps, files: ContentFiles): void {
  app.get('/admin/content/new/:kind', (c) => {
    const kind = kindOf(c.req.param('kind'));
    const firstConcept = deps.container.content.store.current().concepts[0]?.slug ?? 'token';
    return c.html(
      editorPage(c, {
        kind,
        slug: null,
        version: '',
        text: newFileTemplate(kind, deps.container.clock.now(), firstConcept),
      }),
    );
  });

  app.get('/admin/content/:kind/:slug', async (c) => {
    const kind = kindOf(c.req.param('kind'));
    const slug = c.req.param('slug');
    const file = await files.read(kind, slug);
    if (!file)
      throw new HTTPException(404, {
        message: `There is no ${LABEL[kind]} with that slug. Pick one from the content list.`,
      });
    return c.html(
      editorPage(c, {
        kind,
        slug,
        version: file.version,
        text: file.text,
        saved: c.req.query('saved') === '1',
      }),
    );
  });

  app.post('/admin/content/validate', async (c) => {
    const form = await readForm(c);
    const slug = form.slug ?? slugOrProblem(files, form.text);
    const problems = typeof slug === 'string' ? await files.validate(form.kind, slug, form.text) : [slug];
    return c.json({
      ok: problems.length === 0,
      problems: problems.map((p) => ({ ...p, text: formatContentProblem(p) })),
      preview: String(await renderContentPreview(form.text)),
    });
  });

  app.post('/admin/content/save', async (c) => {
    const form = await readForm(c);
    const view: EditorView = {
      kind: form.kind,
      slug: form.slug,
      version: form.version ?? '',
      text: form.text,
    };
    const slug = form.slug ?? slugOrProblem(files, form.text);
    if (typeof slug !== 'string')
      return c.html(editorPage(c, { ...view, problems: [slug], showPreview: true }), 422);
    if (form.action === 'preview') {
      return c.html(
        editorPage(c, {
          ...view,
          problems: await files.validate(form.kind, slug, form.text),
          showPreview: true,
        }),
      );
    }
    const result = await files.save({
      kind: form.kind,
      slug,
      text: form.text,
      expectedVersion: form.version,
    });
    if (result.status === 'saved') {
      deps.container.logger.info('content saved from the admin console', { file: `${form.kind}/${slug}.md` });
      return c.redirect(`/admin/content/${form.kind}/${slug}?saved=1`, 303);
    }
    if (result.status === 'conflict') return c.html(editorPage(c, { ...view, error: result.message }), 409);
    return c.html(editorPage(c, { ...view, problems: result.problems, showPreview: true }), 422);
  });
}

function kindOf(value: string): ContentKind {
  if (!isContentKind(value))
    throw new HTTPException(404, { message: 'Content is either "concepts" or "use-cases".' });
  return value;
}

function slugOrProblem(files: ContentFiles, text: string): string | ContentProblem {
  const found = files.slugOf(text);
  return 'slug' in found ? found.slug : { file: 'new file', field: 'slug', message: found.problem };
}

async function readForm(
  c: Context,
): Promise<{ kind: ContentKind; slug: string | null; version: string | null; text: string; action: string }> {
  const body = await c.req.parseBody();
  const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  const kind = kindOf(field('kind'));
  if (Buffer.byteLength(field('text')) > MAX_FILE_BYTES)
    throw new HTTPException(413, { message: `Content files are limited to ${MAX_FILE_BYTES / 1024} KB.` });
  // An empty slug/version means "new file". The slug rule keeps paths inside CONTENT_DIR; the file layer checks again.
  const slug = field('slug') || null;
  const problem = slug === null ? null : slugProblem(slug);
  if (problem) throw new HTTPException(400, { message: `The slug ${problem}.` });
  return {
    kind,
    slug,
    version: field('version') || null,
    text: field('text').replace(/\r\n/g, '\n'),
    action: field('action'),
  };
}

function editorPage(c: Context, view: EditorView) {
  const creating = view.slug === null;
  const title = creating ? `New ${LABEL[view.kind]}` : `Edit ${view.kind}/${view.slug}.md`;
  const problems = view.problems ?? [];
  const body = html`
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
    <section aria-labelledby="preview-title">
      <h2 id="preview-title">Preview</h2>
      <div class="preview" id="preview">${view.showPreview || !creating ? renderContentPreview(view.text) : html`<p class="muted">Choose “Check and preview”, or start typing.</p>`}</div>
    </section>
  </div>
</form>`;
  return adminPage(c, { title, active: '/admin/content', body, scripts: [assetUrl('admin-editor.js')] });
}

function problemList(problems: ContentProblem[], checked: boolean) {
  if (problems.length === 0)
    return checked ? html`<p class="success">No problems: the whole library loads with this file.</p>` : '';
  return html`<div class="error" role="alert"><p>${problems.length === 1 ? '1 problem' : `${problems.length} problems`} to fix before saving:</p><ul class="problems">${problems.map((p) => html`<li>${formatContentProblem(p)}</li>`)}</ul></div>`;
}
