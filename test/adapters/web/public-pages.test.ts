import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebHarness, mainText, type WebHarness } from './web-harness.js';

let h: WebHarness;
beforeAll(async () => {
  h = await createWebHarness();
});
afterAll(async () => {
  await h.close();
});

describe('home page', () => {
  it('lists every concept by category with its summary, and links to use cases and the Ask page', async () => {
    const { status, text } = await h.client().get('/');
    expect(status).toBe(200);
    expect(text).toContain('<a class="card" href="/concepts/token"><h4 class="card-title">Token</h4>');
    expect(text).toContain('<a class="card" href="/concepts/temperature">');
    expect(text).toContain('<h3>Foundational concepts</h3>');
    expect(text).toContain('href="/use-cases"');
    expect(text).toMatch(/<form id="ask-form" method="post" action="\/ask"/);
    expect(text).toContain('<html lang="en">');
    expect(text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(text).toMatch(/<main id="main"/);
    expect(text).toContain('<a href="/" aria-current="page">Concepts</a>');
  });

  it('answers from its own question box: the form posts to the Ask flow (no JavaScript needed)', async () => {
    const client = h.client();
    const home = await client.get('/');
    const form = /<form id="ask-form" method="post" action="\/ask">([\s\S]*?)<\/form>/.exec(home.text)![1]!;
    expect(form).toMatch(/name="_csrf" value="[\w-]{20,}"/);
    expect(form).toContain('<label for="question">Ask the tutor</label>');
    expect(form).toMatch(/<input type="text" id="question" name="question"[^>]*required>/);
    expect(home.text).toMatch(/<script src="\/assets\/ask\.[0-9a-f]{10}\.js" defer><\/script>/);
    // What the browser sends without JavaScript: the answer comes back as a page.
    const answered = await client.post('/ask', { history: '', question: 'What is a token?' });
    expect(answered.status).toBe(200);
    expect(mainText(answered.text)).toContain('You asked: What is a token?');
    expect(answered.text).toMatch(/<a href="\/concepts\/token#[\w-]+">Token<\/a>/);
    // What ask.js sends from the home page: the streamed answer.
    const streamed = await client.post(
      '/ask',
      { history: '', question: 'What is a token?' },
      { headers: { accept: 'application/x-ndjson' } },
    );
    const last = JSON.parse(streamed.text.trim().split('\n').at(-1)!);
    expect(last).toMatchObject({ type: 'answer', mode: 'extractive' });
    expect(last.html).toContain('class="turn"');
  });

  it('hides the newsletter links while the newsletter is not available', async () => {
    const { text } = await h.client().get('/');
    expect(text).not.toContain('href="/archive"');
  });
});

describe('concept pages', () => {
  it('renders the article Markdown with anchors, aliases, related use cases and an Ask link', async () => {
    const { status, text } = await h.client().get('/concepts/token');
    expect(status).toBe(200);
    expect(text).toContain('<h1 id="title">Token</h1>');
    expect(text).toContain('<h2 id="what-it-is">What it is</h2>');
    expect(text).toContain('<h3 id="how-many-tokens-is-a-word">How many tokens is a word?</h3>');
    expect(text).toContain('<strong>Assuming one word is one token.</strong>');
    expect(mainText(text)).toContain('Also called: tokens, tokenizer, tokenisation');
    // Search phrases help retrieval but are not names of the concept.
    expect(mainText(text)).not.toContain('429 rate limit');
    expect(mainText(text)).not.toContain('token count');
    expect(text).toContain('<a href="/use-cases/cost-forecasting">Forecasting the monthly AI bill</a>');
    expect(text).toContain('href="/ask?q=What%20is%20Token%3F"');
  });

  it('answers 404 with a helpful page for an unknown slug', async () => {
    const { status, text } = await h.client().get('/concepts/no-such-concept');
    expect(status).toBe(404);
    expect(mainText(text)).toContain('There is no concept at this address');
  });

  it.each([
    '/concepts/../../etc/passwd',
    '/concepts/..%2f..%2fetc%2fpasswd',
    '/concepts/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/concepts/%252e%252e%252fetc%252fpasswd',
    '/concepts/..%5c..%5cetc%5cpasswd',
    '/concepts/TOKEN',
    '/use-cases/..%2f..%2fconcepts%2ftoken',
  ])('never serves a path that tries to escape the library: %s', async (url) => {
    const { status, text } = await h.client().get(url);
    expect(status).toBe(404);
    expect(text).not.toContain('root:');
  });

  it('escapes admin-authored Markdown so it cannot inject script', async () => {
    const file = path.join(h.contentDir, 'concepts/token.md');
    const original = await readFile(file, 'utf8');
    try {
      await writeFile(
        file,
        original.replace(
          'A token is a piece of a word.',
          'A token <script>alert(1)</script> is [a piece](javascript:alert(1)) of a word.',
        ),
      );
      expect((await h.container.content.reload()).ok).toBe(true);
      const { text } = await h.client().get('/concepts/token');
      expect(text).not.toContain('<script>alert(1)</script>');
      expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(text).not.toContain('href="javascript:');
      expect(text).toContain('a piece');
    } finally {
      await writeFile(file, original);
      await h.container.content.reload();
    }
  });
});

describe('use case pages', () => {
  it('lists use cases and renders one, linked to its concepts', async () => {
    const list = await h.client().get('/use-cases');
    expect(list.status).toBe(200);
    expect(list.text).toContain('href="/use-cases/cost-forecasting"');
    const page = await h.client().get('/use-cases/cost-forecasting');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1 id="title">Forecasting the monthly AI bill</h1>');
    expect(page.text).toContain('<a href="/concepts/token">Token</a>');
    expect(page.text).toContain('<h2 id="what-they-built">What they built</h2>');
  });

  it('answers 404 for an unknown use case', async () => {
    expect((await h.client().get('/use-cases/nope')).status).toBe(404);
  });
});

describe('every response', () => {
  it('carries a strict CSP and the other security headers', async () => {
    const { response } = await h.client().get('/');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    // HSTS only when PUBLIC_URL says we are served over https.
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('sends HSTS when PUBLIC_URL is https', async () => {
    const secure = await createWebHarness({ PUBLIC_URL: 'https://tutor.example.com' });
    try {
      const { response } = await secure.client().get('/');
      expect(response.headers.get('strict-transport-security')).toContain('max-age=');
      expect(response.headers.get('set-cookie')).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });

  it('serves the stylesheet and scripts with immutable caching, referenced by content hash', async () => {
    const { text } = await h.client().get('/ask');
    const css = /href="(\/assets\/style\.[0-9a-f]{10}\.css)"/.exec(text)?.[1];
    const js = /src="(\/assets\/ask\.[0-9a-f]{10}\.js)"/.exec(text)?.[1];
    expect(css).toBeDefined();
    expect(js).toBeDefined();
    const res = await h.app.request(css!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/css');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toContain('prefers-color-scheme: dark');
    expect((await h.app.request(js!)).headers.get('content-type')).toContain('javascript');
  });

  it('answers unknown paths with a 404 page, or JSON when asked for JSON', async () => {
    const page = await h.client().get('/no/such/page');
    expect(page.status).toBe(404);
    expect(page.text).toContain('Page not found');
    const json = await h.client().get('/no/such/page', { accept: 'application/json' });
    expect(JSON.parse(json.text)).toEqual({ error: 'There is nothing at this address.' });
  });

  it('keeps /healthz and /readyz working, without cookies', async () => {
    const health = await h.app.request('/healthz');
    expect(health.status).toBe(200);
    expect(health.headers.get('set-cookie')).toBeNull();
    const ready = await h.app.request('/readyz');
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });
});
