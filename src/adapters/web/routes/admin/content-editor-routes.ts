import type { Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  type ContentEditor,
  type ContentKind,
  isContentKind,
} from '../../../../core/content/content-editor.js';
import { newFileTemplate } from '../../../../core/content/new-file-template.js';
import { slugProblem } from '../../../../core/content/slug.js';
import { type ContentProblem, formatContentProblem, isUserFacing } from '../../../../core/errors.js';
import { adminPage } from '../../render/pages.js';
import { readForm as readFormFields } from '../../request/read-form.js';
import type { WebDeps } from '../../web-deps.js';
import { type EditorView, editorTitle, editorView, LABEL } from './content-editor-view.js';
import { renderContentPreview } from './content-preview-view.js';

/** Content files are small; anything bigger than this is a mistake, not an article (the whole request is capped at 1 MB). */
const MAX_FILE_BYTES = 512 * 1024;

/**
 * The content editor: `GET /admin/content/new/:kind`, `GET /admin/content/:kind/:slug`,
 * `POST /admin/content/save` (preview or save, works without JavaScript) and
 * `POST /admin/content/validate` (live validation and preview for admin-editor.js).
 */
export function registerContentEditor(app: Hono, deps: WebDeps): void {
  const files = deps.contentEditor;
  const editorPage = (c: Context, view: EditorView) =>
    adminPage(c, deps, {
      title: editorTitle(view),
      active: '/admin/content',
      body: editorView(c, view),
      scripts: ['admin-editor.js'],
    });

  app.get('/admin/content/new/:kind', (c) => {
    const kind = kindOf(c.req.param('kind'));
    const firstConcept = deps.library.current().concepts[0]?.slug ?? 'token';
    return c.html(
      editorPage(c, {
        kind,
        slug: null,
        version: '',
        text: newFileTemplate(kind, deps.clock.now(), firstConcept),
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
    let result: Awaited<ReturnType<ContentEditor['save']>>;
    try {
      result = await files.save({ kind: form.kind, slug, text: form.text, expectedVersion: form.version });
    } catch (error) {
      // E.g. a link out of the content folder: say so on the editor, keeping the author's text.
      if (!isUserFacing(error)) throw error;
      return c.html(editorPage(c, { ...view, error: error.message }), 400);
    }
    if (result.status === 'saved') {
      deps.logger.info('content saved from the admin console', { file: `${form.kind}/${slug}.md` });
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

function slugOrProblem(files: ContentEditor, text: string): string | ContentProblem {
  const found = files.slugOf(text);
  return 'slug' in found ? found.slug : { file: 'new file', field: 'slug', message: found.problem };
}

async function readForm(
  c: Context,
): Promise<{ kind: ContentKind; slug: string | null; version: string | null; text: string; action: string }> {
  const body = await readFormFields(c);
  const field = (name: string) => body[name] ?? '';
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
