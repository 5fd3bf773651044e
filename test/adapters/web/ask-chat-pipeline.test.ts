import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APOLOGY } from '../../../src/core/chat/user-replies.js';
import { type FakeAnthropicServer, startFakeAnthropicServer } from '../../fakes/fake-anthropic-server.js';
import { createWebHarness, mainText } from './web-harness.js';

let anthropic: FakeAnthropicServer;
beforeAll(async () => {
  anthropic = await startFakeAnthropicServer();
});
afterAll(() => anthropic.close());

const aiEnv = () => ({
  ANTHROPIC_API_KEY: 'sk-test-not-real',
  ANTHROPIC_BASE_URL: anthropic.url,
  ANTHROPIC_MAX_RETRIES: '0',
});

function ndjson(text: string): any[] {
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe('the Ask page on the shared chat pipeline', () => {
  it('never streams the model’s NOT_COVERED marker to the visitor', async () => {
    const h = await createWebHarness(aiEnv());
    try {
      // Before the tutor filtered its own marker, this page streamed it raw as a delta.
      anthropic.enqueue({ kind: 'answer', blocks: [{ text: 'NOT_COVERED' }] });
      const client = h.client();
      await client.get('/ask');
      const { text } = await client.post(
        '/ask',
        { question: 'How many tokens is a word?' },
        { headers: { accept: 'application/x-ndjson' } },
      );
      expect(text).not.toContain('NOT_COVE');
      const lines = ndjson(text);
      expect(lines.filter((l) => l.type === 'delta')).toEqual([]);
      expect(lines.at(-1)).toMatchObject({ type: 'answer', mode: 'not-covered' });
    } finally {
      await h.close();
    }
  });

  it('apologises with a retry hint, never silence, when the database is down', async () => {
    const h = await createWebHarness(aiEnv(), { database: true });
    try {
      const client = h.client();
      await client.get('/ask');
      const before = anthropic.requests.length;
      // The database goes away under the running service.
      await h.container.database!.close();

      const page = await client.post('/ask', { question: 'How many tokens is a word?' });
      expect(page.status).toBe(503);
      expect(mainText(page.text)).toContain("couldn't record your question");
      expect(mainText(page.text)).toContain('try again in a few minutes');

      const streamed = await client.post(
        '/ask',
        { question: 'How many tokens is a word?' },
        { headers: { accept: 'application/x-ndjson' } },
      );
      expect(ndjson(streamed.text).at(-1)).toMatchObject({
        type: 'error',
        status: 503,
        message: expect.stringContaining('try again in a few minutes'),
      });
      expect(anthropic.requests).toHaveLength(before);
    } finally {
      await h.close();
    }
  });

  it('shows the one shared apology for an unexpected failure', async () => {
    const h = await createWebHarness();
    try {
      h.container.tutor.ask = async () => {
        throw new TypeError('a bug');
      };
      const client = h.client();
      await client.get('/ask');
      const { status, text } = await client.post('/ask', { question: 'What is a token?' });
      expect(status).toBe(500);
      expect(mainText(text)).toContain(APOLOGY);
      expect(text).not.toContain('a bug');
    } finally {
      await h.close();
    }
  });
});
