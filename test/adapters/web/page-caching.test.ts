import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PRIVATE_PAGE_CACHE_CONTROL,
  PUBLIC_PAGE_CACHE_CONTROL,
} from '../../../src/adapters/web/render/page-response.js';
import { createWebHarness, mainText, type WebHarness } from './web-harness.js';

let h: WebHarness;
beforeAll(async () => {
  h = await createWebHarness();
});
afterAll(async () => {
  await h.close();
});

/** Pages that are the same for every visitor (the archive is covered in newsletter-admin.test.ts). */
const SHARED_PAGES = [
  '/concepts/token',
  '/concepts/temperature',
  '/use-cases',
  '/use-cases/cost-forecasting',
];

/** Replaces `from` with `to` in a content file and reloads the library, as an admin's save does. */
async function editAndReload(file: string, from: string, to: string): Promise<() => Promise<void>> {
  const full = path.join(h.contentDir, file);
  const original = await readFile(full, 'utf8');
  expect(original).toContain(from);
  await writeFile(full, original.replace(from, to));
  expect((await h.container.content.reload()).ok).toBe(true);
  return async () => {
    await writeFile(full, original);
    expect((await h.container.content.reload()).ok).toBe(true);
  };
}

describe('pages that are the same for every visitor', () => {
  it.each(SHARED_PAGES)('%s is public for a minute, with a strong ETag', async (url) => {
    const { status, response } = await h.client().get(url);
    expect(status).toBe(200);
    expect(response.headers.get('cache-control')).toBe(PUBLIC_PAGE_CACHE_CONTROL);
    expect(response.headers.get('etag')).toMatch(/^"[\w-]{22}"$/);
    expect(response.headers.get('content-type')).toBe('text/html; charset=UTF-8');
  });

  it.each(SHARED_PAGES)(
    '%s carries nothing of one visitor: no cookie, no CSRF token, no form that posts',
    async (url) => {
      const { text, response } = await h.client().get(url);
      expect(response.headers.get('set-cookie')).toBeNull();
      expect(text).not.toContain('_csrf');
      expect(text).not.toMatch(/<form[^>]*method="post"/i);
    },
  );

  it('still carries the CSP and the other security headers', async () => {
    const { response } = await h.client().get('/concepts/token');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('answers If-None-Match with its ETag by 304, without a body, keeping ETag and Cache-Control', async () => {
    const client = h.client();
    const first = await client.get('/concepts/token');
    const etag = first.response.headers.get('etag')!;
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const again = await client.get('/concepts/token', { 'if-none-match': header });
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      expect(again.response.headers.get('etag')).toBe(etag);
      expect(again.response.headers.get('cache-control')).toBe(PUBLIC_PAGE_CACHE_CONTROL);
    }
  });

  it('sends the whole page for a validator it did not issue (forged, malformed or another page’s)', async () => {
    const other = (await h.client().get('/concepts/temperature')).response.headers.get('etag')!;
    const own = (await h.client().get('/concepts/token')).response.headers.get('etag')!;
    for (const header of [
      other,
      own.slice(0, -2),
      own.toLowerCase(),
      'W/',
      ',',
      own.slice(1, -1),
      'x'.repeat(8000),
    ]) {
      const { status, text, response } = await h.client().get('/concepts/token', { 'if-none-match': header });
      expect(status).toBe(200);
      expect(text).toContain('<h1 id="title">Token</h1>');
      expect(response.headers.get('etag')).toBe(own);
    }
  });

  it('answers HEAD with the headers of the page and no body', async () => {
    const get = await h.client().get('/concepts/token');
    const head = await h.app.request('/concepts/token', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(head.headers.get('etag')).toBe(get.response.headers.get('etag'));
  });

  it('renders each page once per library version, however often it is asked for', async () => {
    const start = h.deps.pageCache.stats().renders;
    for (let i = 0; i < 5; i++) {
      expect((await h.client().get('/concepts/token')).status).toBe(200);
      expect((await h.client().get('/use-cases/cost-forecasting')).status).toBe(200);
    }
    // At most the two pages, once each (none if an earlier test rendered them under this library).
    expect(h.deps.pageCache.stats().renders - start).toBeLessThanOrEqual(2);
    const settled = h.deps.pageCache.stats().renders;
    await Promise.all(Array.from({ length: 10 }, () => h.client().get('/concepts/token')));
    expect(h.deps.pageCache.stats().renders).toBe(settled);
  });

  it('renders a page again after a reload, and never serves the old one or answers its old ETag with 304', async () => {
    const client = h.client();
    const before = await client.get('/concepts/token');
    const oldEtag = before.response.headers.get('etag')!;
    const useCaseEtag = (await client.get('/use-cases/cost-forecasting')).response.headers.get('etag');
    const rendersBefore = h.deps.pageCache.stats().renders;
    const restore = await editAndReload(
      'concepts/token.md',
      'A token is a piece of a word.',
      'A token is a chunk of text the model reads.',
    );
    try {
      const after = await client.get('/concepts/token', { 'if-none-match': oldEtag });
      expect(after.status).toBe(200);
      expect(mainText(after.text)).toContain('A token is a chunk of text the model reads.');
      expect(mainText(after.text)).not.toContain('A token is a piece of a word.');
      const newEtag = after.response.headers.get('etag')!;
      expect(newEtag).not.toBe(oldEtag);
      expect(h.deps.pageCache.stats().renders).toBe(rendersBefore + 1);
      // The new page, once rendered, is served from the cache and validates with its own ETag.
      expect((await client.get('/concepts/token', { 'if-none-match': newEtag })).status).toBe(304);
      expect(h.deps.pageCache.stats().renders).toBe(rendersBefore + 1);
      // A page the edit did not change is rendered anew (it belonged to the old library): same bytes, same ETag.
      const useCase = await client.get('/use-cases/cost-forecasting', { 'if-none-match': useCaseEtag! });
      expect(useCase.status).toBe(304);
      expect(h.deps.pageCache.stats().renders).toBe(rendersBefore + 2);
    } finally {
      await restore();
    }
    // Back to the original text: the original bytes, so the original ETag again.
    const restored = await client.get('/concepts/token');
    expect(restored.response.headers.get('etag')).toBe(oldEtag);
  });

  it('drops a page whose file was removed, at the next request after the reload', async () => {
    const file = path.join(h.contentDir, 'concepts/temperature.md');
    const original = await readFile(file, 'utf8');
    expect((await h.client().get('/concepts/temperature')).status).toBe(200);
    await rm(file);
    try {
      expect((await h.container.content.reload()).ok).toBe(true);
      const gone = await h.client().get('/concepts/temperature');
      expect(gone.status).toBe(404);
      expect(gone.response.headers.get('cache-control')).toBe('no-store');
    } finally {
      await writeFile(file, original);
      await h.container.content.reload();
    }
    expect((await h.client().get('/concepts/temperature')).status).toBe(200);
  });
});

describe('pages for one visitor and the admin console', () => {
  it.each(['/', '/ask', '/ask?q=What%20is%20a%20token%3F', '/admin/login'])(
    '%s is never cached and has no ETag',
    async (url) => {
      const { status, response } = await h.client().get(url);
      expect(status).toBe(200);
      expect(response.headers.get('cache-control')).toBe(PRIVATE_PAGE_CACHE_CONTROL);
      expect(response.headers.get('etag')).toBeNull();
    },
  );

  it('the home page is rendered once per library version, with each visitor’s own CSRF token spliced in', async () => {
    // A reload (nothing changed on disk) starts a new library version with nothing rendered yet.
    expect((await h.container.content.reload()).ok).toBe(true);
    const start = h.deps.pageCache.stats().renders;
    const visitors = [h.client(), h.client(), h.client()];
    const pages = [];
    for (const visitor of visitors) pages.push((await visitor.get('/')).text);
    expect(h.deps.pageCache.stats().renders).toBe(start + 1);
    const tokens = visitors.map((v) => v.csrf);
    expect(new Set(tokens).size).toBe(3);
    for (const [i, text] of pages.entries()) {
      expect(text.match(/name="_csrf"/g)).toHaveLength(1);
      expect(text).toContain(`name="_csrf" value="${tokens[i]}"`);
      expect(text).not.toContain('csrf-slot-');
    }
    // The spliced token is the one the visitor's cookie proves: the form posts without JavaScript.
    const answered = await visitors[0]!.post('/ask', { history: '', question: 'What is a token?' });
    expect(answered.status).toBe(200);
  });

  it('the home page shows a reloaded library at once', async () => {
    const restore = await editAndReload('concepts/token.md', 'title: Token', 'title: Tokens and tokenizers');
    try {
      const { text } = await h.client().get('/');
      expect(text).toContain('<h4 class="card-title">Tokens and tokenizers</h4>');
    } finally {
      await restore();
    }
    expect((await h.client().get('/')).text).toContain('<h4 class="card-title">Token</h4>');
  });

  it('every admin page is never cached, also after logging in', async () => {
    const admin = h.client();
    expect((await admin.login()).status).toBe(303);
    for (const url of ['/admin', '/admin/content', '/admin/questions', '/admin/content/concepts/token']) {
      const { status, response } = await admin.get(url);
      expect(status, url).toBe(200);
      expect(response.headers.get('cache-control'), url).toBe(PRIVATE_PAGE_CACHE_CONTROL);
      expect(response.headers.get('etag'), url).toBeNull();
    }
  });

  it('an answer to a question is never cached', async () => {
    const client = h.client();
    await client.get('/ask');
    const answered = await client.post('/ask', { history: '', question: 'What is a token?' });
    expect(answered.status).toBe(200);
    expect(answered.response.headers.get('cache-control')).toBe(PRIVATE_PAGE_CACHE_CONTROL);
  });

  it('error pages are never cached', async () => {
    for (const url of ['/concepts/nope', '/use-cases/nope', '/no/such/page']) {
      const { status, response } = await h.client().get(url);
      expect(status).toBe(404);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('etag')).toBeNull();
    }
  });

  it('a visitor still gets the cookie a form needs: the Ask link on an article leads to a page that sets it', async () => {
    const client = h.client();
    const article = await client.get('/concepts/token');
    expect(client.cookies.size).toBe(0);
    const askLink = /href="(\/ask\?q=[^"]+)"/.exec(article.text)![1]!;
    await client.get(askLink.replace(/&amp;/g, '&'));
    expect(client.cookies.has('ct_visitor')).toBe(true);
    const answered = await client.post('/ask', { history: '', question: 'What is a token?' });
    expect(answered.status).toBe(200);
  });
});
