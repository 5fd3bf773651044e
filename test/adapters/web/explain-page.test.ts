import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EXPLANATION_CHARS } from '../../../src/core/practice/explain-back/explain-input.js';
import { RAG_EXPLANATIONS } from '../../core/practice/explain-back/explanations.js';
import { type FakeAnthropicServer, startFakeAnthropicServer } from '../../fakes/fake-anthropic-server.js';
import { createWebHarness, mainText, type WebHarness } from './web-harness.js';

// The real library: its concepts carry explain-it-back prompts.
const CONTENT_DIR = new URL('../../../content/', import.meta.url).pathname;
const JSON_ACCEPT = { accept: 'application/json' };

let web: WebHarness;
let ai: WebHarness;
let anthropic: FakeAnthropicServer;
beforeAll(async () => {
  anthropic = await startFakeAnthropicServer();
  [web, ai] = await Promise.all([
    createWebHarness({ CONTENT_DIR }),
    createWebHarness({
      CONTENT_DIR,
      ANTHROPIC_API_KEY: 'sk-test-not-real',
      ANTHROPIC_BASE_URL: anthropic.url,
      ANTHROPIC_MAX_RETRIES: '0',
    }),
  ]);
}, 60_000);
afterAll(async () => {
  await Promise.all([web.close(), ai.close(), anthropic.close()]);
});

const GRADE = [
  { text: 'VERDICT: partial\nRIGHT: ' },
  { text: 'The model answers from your own documents.', cite: ['rag#what-it-is'] },
  { text: '\nMISSING: ' },
  {
    text: 'Passages are retrieved and put into the prompt with an instruction to cite.',
    cite: ['rag#how-it-works'],
  },
  { text: '\nHINT: What happens to the question before the model writes anything?' },
];

describe('the concept page', () => {
  it('invites an explanation with the article’s own prompt and links to the form', async () => {
    const page = await web.client().get('/concepts/rag');
    expect(mainText(page.text)).toContain('Explain RAG with the open-book exam analogy');
    expect(page.text).toContain('href="/explain/rag"');
  });
});

describe('/explain/:slug without JavaScript (no model: the automatic check)', () => {
  it('shows the prompt as a form, then hints only, then the full feedback on "Show what I missed"', async () => {
    const client = web.client();
    const form = await client.get('/explain/rag');
    expect(form.status).toBe(200);
    expect(form.response.headers.get('cache-control')).toBe('no-store');
    expect(form.text).toContain(`maxlength="${MAX_EXPLANATION_CHARS}"`);
    expect(form.text).toMatch(/<label for="explanation">/);

    const hints = await client.post('/explain/rag', { explanation: RAG_EXPLANATIONS.partial });
    expect(hints.status).toBe(200);
    const text = mainText(hints.text);
    expect(text).toContain('Automatic check — no AI model configured');
    expect(text).toContain('What can go wrong with Retrieval-augmented generation (RAG)');
    // Hints only: the missing ideas themselves are not on the page yet.
    expect(text).not.toContain('Garbage in, garbage out');
    expect(hints.text).toContain('name="reveal" value="1"');

    const full = await client.post('/explain/rag', { explanation: RAG_EXPLANATIONS.partial, reveal: '1' });
    expect(mainText(full.text)).toContain('Garbage in, garbage out');
    expect(full.text).toContain('href="/concepts/rag#common-pitfalls"');
  });

  it('keeps the explanation and names the problem when it is empty or too long', async () => {
    const client = web.client();
    await client.get('/explain/rag');
    const empty = await client.post('/explain/rag', { explanation: '   ' });
    expect(empty.status).toBe(400);
    expect(mainText(empty.text)).toContain('Write your explanation first');
    const long = 'x '.repeat(700);
    const tooLong = await client.post('/explain/rag', { explanation: long });
    expect(tooLong.status).toBe(400);
    expect(mainText(tooLong.text)).toContain('the limit is 1,200');
    expect(tooLong.text).toContain('aria-invalid="true"');
  });

  it('answers an unknown concept with a 404 that suggests close slugs', async () => {
    const page = await web.client().get('/explain/embedings');
    expect(page.status).toBe(404);
    expect(mainText(page.text)).toContain('Did you mean embeddings?');
  });

  it('refuses a missing, forged or cross-site CSRF token', async () => {
    const client = web.client();
    await client.get('/explain/rag');
    const fields = { explanation: RAG_EXPLANATIONS.partial };
    expect((await client.post('/explain/rag', fields, { csrf: null })).status).toBe(403);
    expect((await client.post('/explain/rag', fields, { csrf: 'forged' })).status).toBe(403);
    expect(
      (await client.post('/explain/rag', fields, { headers: { 'sec-fetch-site': 'cross-site' } })).status,
    ).toBe(403);
    // A client that never loaded a page has no session to forge against.
    expect((await web.client().post('/explain/rag', fields, { csrf: 'anything' })).status).toBe(403);
  });

  it('refuses control characters in the form (the form reader turns NUL away)', async () => {
    const client = web.client();
    await client.get('/explain/rag');
    expect(
      (await client.post('/explain/rag', { explanation: 'RAG looks\u0000 things up first' })).status,
    ).toBe(400);
  });
});

describe('/explain/:slug with accept: application/json and a model', () => {
  it('returns hints first, then everything with reveal, grading a replayed form once', async () => {
    anthropic.enqueue({ kind: 'answer', blocks: GRADE });
    const client = ai.client();
    await client.get('/explain/rag');
    const first = await client.post(
      '/explain/rag',
      { explanation: RAG_EXPLANATIONS.partial },
      { headers: JSON_ACCEPT },
    );
    expect(first.status).toBe(200);
    const hints = JSON.parse(first.text);
    expect(hints).toEqual({
      concept: { slug: 'rag', title: 'Retrieval-augmented generation (RAG)' },
      mode: 'ai',
      label: 'Graded by AI against the article',
      verdict: 'partial',
      hints: ['What happens to the question before the model writes anything?'],
      notices: [],
      revealed: false,
    });
    const replay = await client.post(
      '/explain/rag',
      { explanation: RAG_EXPLANATIONS.partial },
      { headers: JSON_ACCEPT },
    );
    expect(JSON.parse(replay.text)).toEqual(hints);
    const full = JSON.parse(
      (
        await client.post(
          '/explain/rag',
          { explanation: RAG_EXPLANATIONS.partial, reveal: '1' },
          { headers: JSON_ACCEPT },
        )
      ).text,
    );
    expect(full.missing).toEqual([
      {
        text: 'Passages are retrieved and put into the prompt with an instruction to cite.',
        sources: [{ slug: 'rag', title: 'Retrieval-augmented generation (RAG)', section: 'How it works' }],
      },
    ]);
    expect(full.right[0].sources[0].section).toBe('What it is');
    // One model call for the three requests.
    expect(anthropic.requests.filter((r) => r.path === '/v1/messages')).toHaveLength(1);
  });

  it('returns a JSON error for bad input', async () => {
    const client = ai.client();
    await client.get('/explain/rag');
    const empty = await client.post('/explain/rag', { explanation: '' }, { headers: JSON_ACCEPT });
    expect(empty.status).toBe(400);
    expect(JSON.parse(empty.text).error).toMatch(/Write your explanation first/);
  });
});
