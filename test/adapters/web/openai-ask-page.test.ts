import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  closedPortUrl,
  type FakeOpenAiServer,
  startFakeOpenAiServer,
} from '../../fakes/fake-openai-server.js';
import { CASE_QUESTION, PROVIDER_CASES } from '../../fakes/openai-provider-cases.js';
import { createWebHarness, mainText, type WebHarness } from './web-harness.js';

let server: FakeOpenAiServer;
let h: WebHarness;
beforeAll(async () => {
  server = await startFakeOpenAiServer();
  // The whole service as configured by env: LLM_PROVIDER=openai through the container, as in production.
  h = await createWebHarness({
    LLM_PROVIDER: 'openai',
    OPENAI_BASE_URL: server.url,
    OPENAI_MODEL: 'llama3.1:8b',
    CHAT_RATE_LIMIT: '0',
    PUBLIC_RATE_LIMIT: '0',
  });
});
afterAll(async () => {
  await h.close();
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

/** Posts the question from the Ask page the way its script does, reading the NDJSON stream. */
async function askStreaming(question: string) {
  const client = h.client();
  await client.get('/ask');
  const { text } = await client.post('/ask', { question }, { headers: { accept: 'application/x-ndjson' } });
  const lines = text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  return { deltas: lines.filter((l) => l.type === 'delta').map((l) => l.text as string), last: lines.at(-1) };
}

describe('the web Ask page with LLM_PROVIDER=openai', () => {
  it('checked the model against the server at startup', () => {
    expect(h.container.llm?.name).toBe('openai:llama3.1:8b');
  });

  it.each(PROVIDER_CASES)('$name', async (c) => {
    server.enqueue(...c.replies);
    const { deltas, last } = await askStreaming(CASE_QUESTION);
    expect(server.requestsTo('/v1/chat/completions')).toHaveLength(c.requests);
    expect(last).toMatchObject({ type: 'answer', mode: c.mode });
    const shown = mainText(last.html);
    expect(shown).toContain(c.shows.replace(/\*\*/g, ''));
    for (const slug of c.sources) expect(last.html).toContain(`href="/concepts/${slug}#`);
    if (c.notice) expect(shown).toMatch(c.notice);
    // No marker reaches the page, streamed or final.
    expect(`${deltas.join('')} ${last.html}`).not.toMatch(/\[\d+\]/);
    expect(h.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('streams the answer as deltas that add up to the shown text', async () => {
    server.enqueue({ kind: 'answer', text: 'About three quarters [1] of a word per token [1].' });
    const { deltas, last } = await askStreaming(CASE_QUESTION);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('About three quarters of a word per token.');
    expect(last.mode).toBe('ai');
  });

  it('answers the plain form (no JavaScript) the same way', async () => {
    server.enqueue({ kind: 'answer', text: 'About three quarters of a word per token [1].' });
    const client = h.client();
    await client.get('/ask');
    const { status, text } = await client.post('/ask', { question: CASE_QUESTION });
    expect(status).toBe(200);
    expect(mainText(text)).toContain('About three quarters of a word per token.');
    expect(text).toContain('href="/concepts/token#');
  });
});

describe('the web Ask page when the OpenAI-compatible server is down', () => {
  it('starts with a warning and answers by quoting the library, not with an error', async () => {
    const down = await createWebHarness({
      LLM_PROVIDER: 'openai',
      OPENAI_BASE_URL: await closedPortUrl(),
      OPENAI_MODEL: 'llama3.1:8b',
      OPENAI_MAX_RETRIES: '1',
    });
    try {
      expect(
        down.logger.lines.some(
          (l) => l.level === 'warn' && /could not reach the model server/.test(l.message),
        ),
      ).toBe(true);
      const client = down.client();
      await client.get('/ask');
      const { status, text } = await client.post('/ask', { question: CASE_QUESTION });
      expect(status).toBe(200);
      expect(mainText(text)).toContain('three quarters of a word per token');
      expect(mainText(text)).toContain('The AI service is not responding right now');
      expect(down.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    } finally {
      await down.close();
    }
  });
});
