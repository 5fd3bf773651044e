import { mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWebHarness, mainText, type WebClient, type WebHarness } from './web-harness.js';

let h: WebHarness;
let admin: WebClient;
let originalToken: string;
beforeAll(async () => {
  h = await createWebHarness();
  originalToken = await readFile(path.join(h.contentDir, 'concepts/token.md'), 'utf8');
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  admin = h.client();
  await admin.login();
});

/** The editor's hidden version field. */
function versionIn(html: string): string {
  return /name="version" value="([^"]*)"/.exec(html)![1]!;
}

function unescapeHtml(html: string): string {
  return html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

describe('content list', () => {
  it('lists concepts and use cases with edit and view links', async () => {
    const { status, text } = await admin.get('/admin/content');
    expect(status).toBe(200);
    expect(text).toContain('<a href="/admin/content/concepts/token">Token</a>');
    expect(text).toContain('<a href="/admin/content/use-cases/cost-forecasting">');
    expect(text).toContain('href="/admin/content/new/concepts"');
  });
});

describe('content editor', () => {
  it('opens a file in a labelled textarea with its version and a preview', async () => {
    const { status, text } = await admin.get('/admin/content/concepts/token');
    expect(status).toBe(200);
    expect(text).toContain('<label for="text">Markdown file</label>');
    expect(unescapeHtml(/<textarea id="text"[^>]*>([\s\S]*?)<\/textarea>/.exec(text)![1]!)).toBe(
      originalToken,
    );
    expect(versionIn(text)).toMatch(/^[0-9a-f]{16}$/);
    expect(text).toContain('<h2 id="what-it-is">What it is</h2>');
  });

  it.each([
    '/admin/content/concepts/no-such-slug',
    '/admin/content/concepts/..%2f..%2f..%2fetc%2fpasswd',
    '/admin/content/concepts/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/admin/content/concepts/..%5c..%5cetc%5cpasswd',
    '/admin/content/..%2f..%2fetc/passwd',
    '/admin/content/secrets/token',
  ])('answers 404 for %s', async (url) => {
    const { status, text } = await admin.get(url);
    expect(status).toBe(404);
    expect(text).not.toContain('root:');
  });
});

describe('POST /admin/content/validate', () => {
  it('reports every problem with its line, against the whole library, plus a sanitised preview', async () => {
    const broken = originalToken
      .replace('difficulty: beginner', 'difficulty: expert')
      .replace('## Good fit', '## Good fits')
      .replace('A token is a piece of a word.', 'A token <script>x()</script> is a piece.');
    const { status, text } = await admin.post(
      '/admin/content/validate',
      { kind: 'concepts', slug: 'token', text: broken },
      { headers: { accept: 'application/json' } },
    );
    expect(status).toBe(200);
    const data = JSON.parse(text);
    expect(data.ok).toBe(false);
    expect(data.problems.map((p: { text: string }) => p.text)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^concepts\/token\.md:6: difficulty: must be one of: beginner, intermediate, advanced$/,
        ),
        expect.stringMatching(/^concepts\/token\.md:\d+: Good fits: unknown section/),
        'concepts/token.md: Good fit: missing section "## Good fit"',
      ]),
    );
    expect(data.preview).toContain('&lt;script&gt;x()&lt;/script&gt;');
    expect(data.preview).not.toContain('<script>');
  });

  it('catches what only the whole library shows: a use case naming a concept that does not exist', async () => {
    const useCase = (
      await readFile(path.join(h.contentDir, 'use-cases/cost-forecasting.md'), 'utf8')
    ).replace('concepts: [token]', 'concepts: [token, no-such-concept]');
    const { text } = await admin.post(
      '/admin/content/validate',
      { kind: 'use-cases', slug: 'cost-forecasting', text: useCase },
      { headers: { accept: 'application/json' } },
    );
    expect(JSON.parse(text).problems[0].text).toContain('"no-such-concept" is not a concept in the library');
  });

  it('says ok for a valid file', async () => {
    const { text } = await admin.post(
      '/admin/content/validate',
      { kind: 'concepts', slug: 'token', text: originalToken },
      { headers: { accept: 'application/json' } },
    );
    expect(JSON.parse(text)).toMatchObject({ ok: true, problems: [] });
  });
});

describe('saving', () => {
  it('writes the file atomically, reloads the library, and the public page shows the new text', async () => {
    const editor = await admin.get('/admin/content/concepts/token');
    const edited = originalToken.replace('Think of Lego bricks', 'Think of Scrabble tiles');
    const saved = await admin.post('/admin/content/save', {
      kind: 'concepts',
      slug: 'token',
      version: versionIn(editor.text),
      text: edited.replace(/\n/g, '\r\n'),
      action: 'save',
    });
    expect(saved.status).toBe(303);
    expect(saved.response.headers.get('location')).toBe('/admin/content/concepts/token?saved=1');
    // Saved with Unix line endings whatever the browser sent, and no temp file left behind.
    expect(await readFile(path.join(h.contentDir, 'concepts/token.md'), 'utf8')).toBe(edited);
    expect((await readdir(path.join(h.contentDir, 'concepts'))).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(h.container.content.store.current().conceptBySlug.get('token')?.whatItIs).toContain(
      'Scrabble tiles',
    );
    expect(mainText((await h.client().get('/concepts/token')).text)).toContain('Think of Scrabble tiles');
    expect(mainText((await admin.get('/admin/content/concepts/token?saved=1')).text)).toContain(
      'Saved. The library reloaded',
    );
    expect(
      h.logger.lines.some(
        (l) => l.message === 'content saved from the admin console' && l.fields?.file === 'concepts/token.md',
      ),
    ).toBe(true);
  });

  it('refuses an invalid file (422), lists the problems, keeps the text in the form and the file unchanged', async () => {
    const before = await readFile(path.join(h.contentDir, 'concepts/token.md'), 'utf8');
    const editor = await admin.get('/admin/content/concepts/token');
    const { status, text } = await admin.post('/admin/content/save', {
      kind: 'concepts',
      slug: 'token',
      version: versionIn(editor.text),
      text: before.replace('## FAQ', '## Questions'),
      action: 'save',
    });
    expect(status).toBe(422);
    expect(mainText(text)).toContain('Questions: unknown section');
    expect(unescapeHtml(text)).toContain('## Questions');
    expect(await readFile(path.join(h.contentDir, 'concepts/token.md'), 'utf8')).toBe(before);
  });

  it('refuses to overwrite a file someone else changed since the editor opened (409)', async () => {
    const editor = await admin.get('/admin/content/concepts/temperature');
    const file = path.join(h.contentDir, 'concepts/temperature.md');
    const current = await readFile(file, 'utf8');
    const other = h.client();
    await other.login();
    const otherEditor = await other.get('/admin/content/concepts/temperature');
    expect(
      (
        await other.post('/admin/content/save', {
          kind: 'concepts',
          slug: 'temperature',
          version: versionIn(otherEditor.text),
          text: current.replace('## What it is\n', '## What it is\nEdited by the other admin. '),
          action: 'save',
        })
      ).status,
    ).toBe(303);
    const { status, text } = await admin.post('/admin/content/save', {
      kind: 'concepts',
      slug: 'temperature',
      version: versionIn(editor.text),
      text: current,
      action: 'save',
    });
    expect(status).toBe(409);
    expect(mainText(text)).toContain('was changed by someone else since you opened it');
    expect(await readFile(file, 'utf8')).toContain('Edited by the other admin.');
  });

  it('previews without saving when "Check and preview" is pressed (works without JavaScript)', async () => {
    const editor = await admin.get('/admin/content/concepts/token');
    const current = await readFile(path.join(h.contentDir, 'concepts/token.md'), 'utf8');
    const { status, text } = await admin.post('/admin/content/save', {
      kind: 'concepts',
      slug: 'token',
      version: versionIn(editor.text),
      text: current.replace('Think of', 'Preview only: think of'),
      action: 'preview',
    });
    expect(status).toBe(200);
    expect(text).toContain('No problems: the whole library loads with this file.');
    expect(text).toContain('Preview only: think of');
    expect(await readFile(path.join(h.contentDir, 'concepts/token.md'), 'utf8')).toBe(current);
  });
});

describe('creating', () => {
  it('starts from a template for each kind', async () => {
    const concept = await admin.get('/admin/content/new/concepts');
    expect(unescapeHtml(concept.text)).toContain('slug: new-concept');
    expect(unescapeHtml(concept.text)).toContain('updated: 2026-11-24');
    expect(versionIn(concept.text)).toBe('');
    const useCase = await admin.get('/admin/content/new/use-cases');
    expect(unescapeHtml(useCase.text)).toMatch(/concepts: \[(token|temperature)\]/);
    expect((await admin.get('/admin/content/new/secrets')).status).toBe(404);
  });

  it('creates a concept named by its frontmatter slug, and it is live at once', async () => {
    const template = unescapeHtml(
      /<textarea id="text"[^>]*>([\s\S]*?)<\/textarea>/.exec(
        (await admin.get('/admin/content/new/concepts')).text,
      )![1]!,
    );
    const text = template
      .replace('slug: new-concept', 'slug: embeddings')
      .replace('title: New concept', 'title: Embeddings');
    const { status, response } = await admin.post('/admin/content/save', {
      kind: 'concepts',
      slug: '',
      version: '',
      text,
      action: 'save',
    });
    expect(status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/content/concepts/embeddings?saved=1');
    expect((await h.client().get('/concepts/embeddings')).status).toBe(200);
    // Creating it again is a conflict, not an overwrite.
    const again = await admin.post('/admin/content/save', {
      kind: 'concepts',
      slug: '',
      version: '',
      text,
      action: 'save',
    });
    expect(again.status).toBe(409);
    expect(mainText(again.text)).toContain('concepts/embeddings.md already exists');
  });

  it.each(['../../etc/passwd', '..%2f..%2fetc%2fpasswd', 'Token', 'a/b', '.hidden', ''])(
    'refuses a frontmatter slug that is not a slug (%s) and writes nothing',
    async (slug) => {
      const before = await readdir(h.contentDir, { recursive: true });
      const text = `---\nslug: "${slug}"\ntitle: Escape\n---\n\nbody\n`;
      const { status, text: page } = await admin.post('/admin/content/save', {
        kind: 'concepts',
        slug: '',
        version: '',
        text,
        action: 'save',
      });
      expect(status).toBe(422);
      expect(mainText(page)).toMatch(/slug/);
      expect(await readdir(h.contentDir, { recursive: true })).toEqual(before);
    },
  );

  it('refuses a slug field that tries to escape the folder when editing', async () => {
    const { status, text } = await admin.post('/admin/content/save', {
      kind: 'concepts',
      slug: '../../../tmp/evil',
      version: 'x',
      text: originalToken,
      action: 'save',
    });
    expect(status).toBe(400);
    expect(mainText(text)).toContain('The slug "../../../tmp/evil" must be lower-case letters and digits');
    const validate = await admin.post(
      '/admin/content/validate',
      { kind: 'concepts', slug: '..%2f..%2fx', text: originalToken },
      { headers: { accept: 'application/json' } },
    );
    expect(validate.status).toBe(400);
    expect(JSON.parse(validate.text).error).toContain('The slug');
  });
});

describe('size limits', () => {
  it('refuses a file over 512 KB and a request over 1 MB with 413', async () => {
    const big = await admin.post('/admin/content/save', {
      kind: 'concepts',
      slug: 'token',
      version: 'x',
      text: 'a'.repeat(600 * 1024),
      action: 'save',
    });
    expect(big.status).toBe(413);
    expect(mainText(big.text)).toContain('limited to 512 KB');
    const huge = await admin.post(
      '/admin/content/validate',
      { kind: 'concepts', slug: 'token', text: 'a'.repeat(1100 * 1024) },
      { headers: { accept: 'application/json' } },
    );
    expect(huge.status).toBe(413);
  });
});

describe('symbolic links out of the content folder', () => {
  let linked: WebHarness;
  let outside: string;
  let linkAdmin: WebClient;
  const SECRET = 'root:x:0:0:root:/root:/bin/bash\n';
  beforeAll(async () => {
    linked = await createWebHarness();
    outside = await mkdtemp(path.join(os.tmpdir(), 'ct-outside-'));
    await writeFile(path.join(outside, 'passwd'), SECRET);
    // A file link to a file outside, and a whole kind folder that is a link to a folder outside.
    await symlink(path.join(outside, 'passwd'), path.join(linked.contentDir, 'concepts/passwd.md'));
    await rename(path.join(linked.contentDir, 'use-cases'), path.join(outside, 'use-cases'));
    await symlink(path.join(outside, 'use-cases'), path.join(linked.contentDir, 'use-cases'));
    // A link that stays inside the folder is fine.
    await symlink(
      path.join(linked.contentDir, 'concepts/token.md'),
      path.join(linked.contentDir, 'concepts/token-alias.md'),
    );
    linkAdmin = linked.client();
    await linkAdmin.login();
  });
  afterAll(async () => {
    await linked?.close();
    await rm(outside, { recursive: true, force: true });
  });

  it('refuses to show a file whose link leads outside, saying why', async () => {
    const { status, text } = await linkAdmin.get('/admin/content/concepts/passwd');
    expect(status).toBe(400);
    expect(text).not.toContain('root:x');
    expect(mainText(text)).toContain(
      'concepts/passwd.md is a symbolic link (or inside a linked folder) that leads outside the content folder',
    );
  });

  it('refuses to overwrite the outside file through the link, keeping the text in the editor', async () => {
    const { status, text } = await linkAdmin.post('/admin/content/save', {
      kind: 'concepts',
      slug: 'passwd',
      version: 'x',
      text: originalToken.replace('slug: token', 'slug: passwd'),
      action: 'save',
    });
    expect(status).toBe(400);
    expect(mainText(text)).toContain('leads outside the content folder');
    expect(text).toContain('<textarea id="text"');
    expect(await readFile(path.join(outside, 'passwd'), 'utf8')).toBe(SECRET);
  });

  it('refuses to read or create files in a kind folder that is a link to elsewhere', async () => {
    const read = await linkAdmin.get('/admin/content/use-cases/cost-forecasting');
    expect(read.status).toBe(400);
    expect(mainText(read.text)).toContain('use-cases/cost-forecasting.md is a symbolic link');
    const before = await readdir(path.join(outside, 'use-cases'));
    const created = await linkAdmin.post('/admin/content/save', {
      kind: 'use-cases',
      slug: '',
      version: '',
      text: '---\nslug: planted\ntitle: Planted\nconcepts: [token]\nsummary: x\n---\n\n## The problem\nx\n\n## What they built\nx\n\n## What to watch out for\nx\n',
      action: 'save',
    });
    expect(created.status).toBe(400);
    expect(mainText(created.text)).toContain('leads outside the content folder');
    expect(await readdir(path.join(outside, 'use-cases'))).toEqual(before);
  });

  it('still follows a link that stays inside the content folder', async () => {
    const { status, text } = await linkAdmin.get('/admin/content/concepts/token-alias');
    expect(status).toBe(200);
    expect(unescapeHtml(/<textarea id="text"[^>]*>([\s\S]*?)<\/textarea>/.exec(text)![1]!)).toBe(
      originalToken,
    );
  });

  it('lists the linked file among the files the library did not load, so an admin can see it is there', async () => {
    const { text } = await linkAdmin.get('/admin/content');
    expect(text).toContain('<a href="/admin/content/concepts/passwd">concepts/passwd.md</a>');
    expect(mainText(text)).toContain('use-cases is a symbolic link (or inside a linked folder)');
  });
});
