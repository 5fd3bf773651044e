import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebHarness, type WebHarness } from '../adapters/web/web-harness.js';
import { type FakeAnthropicServer, startFakeAnthropicServer } from '../fakes/fake-anthropic-server.js';

let anthropic: FakeAnthropicServer;
let h: WebHarness;
beforeAll(async () => {
  anthropic = await startFakeAnthropicServer();
  // The reproduction: DAILY_TOKEN_BUDGET=1000 CHAT_RATE_LIMIT=2, on the real tutor and PGlite.
  h = await createWebHarness(
    {
      ANTHROPIC_API_KEY: 'sk-test-not-real',
      ANTHROPIC_BASE_URL: anthropic.url,
      ANTHROPIC_MAX_RETRIES: '0',
      ANTHROPIC_MAX_TOKENS: '64',
      DAILY_TOKEN_BUDGET: '100000',
      CHAT_RATE_LIMIT: '2',
      PUBLIC_RATE_LIMIT: '0',
    },
    { database: true },
  );
});
afterAll(async () => {
  await h.close();
  await anthropic.close();
});

describe('a question with a NUL byte (issue 10, item 1)', () => {
  it('is refused at the web form with a clear message: no model call, nothing logged', async () => {
    const client = h.client();
    await client.get('/ask');
    const before = anthropic.requests.length;
    for (let i = 0; i < 3; i++) {
      const { status, text } = await client.post('/ask', { question: 'How many tokens is a word?\u0000' });
      expect(status).toBe(400);
      expect(text).toContain('contains control characters (such as a NUL byte)');
    }
    expect(anthropic.requests).toHaveLength(before);
    expect(await h.container.questionLog.recent({ limit: 20 })).toEqual([]);
  });

  // Chat surfaces hand the text straight to the tutor (a Slack mention can carry \u0000): the tutor strips it.
  it('is logged without it by the tutor, so the rate limit counts it: ten asks, two answers, two model calls', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 10; i++) {
      try {
        await h.container.tutor.ask({
          question: 'How many tokens is a word?\u0000',
          platform: 'slack',
          userId: 'U1',
        });
        outcomes.push('answered');
      } catch (error) {
        outcomes.push((error as { code?: string }).code ?? 'error');
      }
    }
    expect(outcomes).toEqual(['answered', 'answered', ...Array(8).fill('RATE_LIMITED')]);
    expect(anthropic.requests).toHaveLength(2);
    const logged = await h.container.questionLog.recent({ limit: 20 });
    expect(logged.map((q) => q.text)).toEqual(['How many tokens is a word?', 'How many tokens is a word?']);
    expect(await h.container.questionLog.tokensSince(new Date(0))).toBeGreaterThan(0);
  });

  it('counts toward the daily budget: once it is spent, answers quote the library without a model call', async () => {
    const { usage } = await h.container.questionLog.totals();
    const spent = usage.inputTokens + usage.outputTokens;
    const tight = await createWebHarness(
      {
        ANTHROPIC_API_KEY: 'sk-test-not-real',
        ANTHROPIC_BASE_URL: anthropic.url,
        ANTHROPIC_MAX_RETRIES: '0',
        DAILY_TOKEN_BUDGET: String(spent),
        PUBLIC_RATE_LIMIT: '0',
      },
      { database: true },
    );
    try {
      await tight.container.questionLog.record({
        text: 'earlier',
        platform: 'web',
        userHash: 'someone',
        mode: 'ai',
        covered: true,
        sources: [],
        usage: { inputTokens: spent, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
        latencyMs: 1,
      });
      const before = anthropic.requests.length;
      const answer = await tight.container.tutor.ask({
        question: 'How many tokens is a word?\u0000',
        platform: 'slack',
        userId: 'U2',
      });
      expect(answer.mode).toBe('extractive');
      expect(answer.notices.join(' ')).toContain('AI budget for today is used up');
      expect(anthropic.requests).toHaveLength(before);
    } finally {
      await tight.close();
    }
  });
});
