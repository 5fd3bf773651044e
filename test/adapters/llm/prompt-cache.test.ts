import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { measurePrompt } from '../../../bench/prompt.js';
import { loadLibrary } from '../../../src/adapters/content/content-library.js';
import { createPrismaQuestionLog } from '../../../src/adapters/db/prisma-question-log.js';
import { createAnthropicModel } from '../../../src/adapters/llm/anthropic-model.js';
import { createTutor } from '../../../src/core/answering/create-tutor.js';
import { buildStablePrefix, createStablePrefix } from '../../../src/core/answering/stable-prefix.js';
import { buildLibrary } from '../../../src/core/content/build-library.js';
import { createRetriever } from '../../../src/core/retrieval/create-retriever.js';
import {
  estimateTokens,
  type FakeAnthropicServer,
  startFakeAnthropicServer,
} from '../../fakes/fake-anthropic-server.js';
import { createFixtureTutor } from '../../fakes/fixture-tutor.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { englishFrequencies } from '../../fixtures/english-frequencies.js';
import { fixtureFiles } from '../../fixtures/load-fixture-files.js';
import { describeEachDatabase, useTestDatabase } from '../../setup/test-database.js';

let fake: FakeAnthropicServer;
beforeAll(async () => {
  fake = await startFakeAnthropicServer();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

/** The real SDK, pointed at the loopback fake. */
function model(logger = createRecordingLogger()) {
  return createAnthropicModel({
    apiKey: 'sk-test-not-real',
    model: 'claude-haiku-5-5',
    baseURL: fake.url,
    timeoutMs: 5000,
    maxRetries: 0,
    logger,
  });
}

/** What a provider caches: everything before and including the breakpoint (tools, then system). */
function prefixOf(body: any): string {
  return JSON.stringify({ tools: body.tools ?? null, system: body.system });
}

describe('the cached prompt prefix, through the real Anthropic SDK', () => {
  it('is byte-identical across different questions, with the breakpoint on its last block', async () => {
    const { tutor, library } = await createFixtureTutor(model());
    await tutor.ask({ question: 'How many tokens is a word?', platform: 'cli', userId: 'u1' });
    await tutor.ask({
      question: 'What does the temperature setting do?',
      platform: 'slack',
      userId: 'u2',
      history: [{ role: 'user', text: 'hi' }],
    });
    const [first, second] = fake.requests.map((r) => r.body);
    expect(fake.requests).toHaveLength(2);
    // The two requests differ after the prefix (passages, question, history)…
    expect(JSON.stringify(first.messages)).not.toBe(JSON.stringify(second.messages));
    // …and not in it.
    expect(prefixOf(second)).toBe(prefixOf(first));
    expect(first.system.map((b: any) => b.text).join('')).toBe(buildStablePrefix(library));
    expect(first.system.at(-1).cache_control).toEqual({ type: 'ephemeral' });
    // One breakpoint: nothing after the prefix is marked, so the variable part is never cached.
    expect(JSON.stringify(first).match(/cache_control/g)).toHaveLength(1);
    expect(JSON.stringify(first.system)).not.toMatch(/tokens is a word|temperature setting do/);
  });

  it('warns once when the provider reports neither a cache read nor a cache write', async () => {
    const logger = createRecordingLogger();
    const { tutor } = await createFixtureTutor(model(logger));
    const uncached = { cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
    fake.enqueue(
      {
        kind: 'answer',
        blocks: [{ text: 'A token is part of a word.', cite: ['token#what-it-is'] }],
        usage: uncached,
      },
      { kind: 'answer', blocks: [{ text: 'About three quarters.', cite: ['token#faq-1'] }], usage: uncached },
    );
    await tutor.ask({ question: 'What is a token?', platform: 'cli', userId: 'u' });
    await tutor.ask({ question: 'How many tokens is a word?', platform: 'cli', userId: 'u' });
    const warnings = logger.lines.filter((l) => l.message.startsWith('the prompt prefix was not cached'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.fields).toMatchObject({
      model: 'claude-haiku-5-5',
      estimatedPrefixTokens: expect.any(Number),
    });
  });

  it('counts tokens through the SDK: the fake answers count_tokens with a chars/4 estimate', async () => {
    const client = new Anthropic({ apiKey: 'sk-test-not-real', baseURL: fake.url, logLevel: 'off' });
    const body = {
      model: 'claude-haiku-5-5',
      system: [{ type: 'text' as const, text: 'x'.repeat(400) }],
      messages: [{ role: 'user' as const, content: 'y'.repeat(40) }],
    };
    const counted = await client.messages.countTokens(body);
    expect(counted.input_tokens).toBe(110);
    expect(estimateTokens(body)).toBe(110);
    expect(fake.requests[0]!.path).toBe('/v1/messages/count_tokens');
  });

  it("sizes the starter library's prefix above the smallest cache minimum, and most of each request", async () => {
    const loaded = await loadLibrary(new URL('../../../content/', import.meta.url).pathname, {
      now: () => new Date(),
    });
    if (!loaded.ok) throw new Error('content/ is invalid');
    const measure = await measurePrompt(loaded.library, [
      'Should I use RAG or fine-tuning?',
      'How many tokens is a word?',
    ]);
    expect(measure.prefixTokens).toBe(Math.ceil(buildStablePrefix(loaded.library).length / 4));
    // The rules alone (the old cached prefix) were far below every model's minimum; the map carries it over.
    expect(measure.rulesTokens).toBeLessThan(1024);
    expect(measure.prefixTokens).toBeGreaterThanOrEqual(1024);
    expect(measure.requestTokens).toHaveLength(2);
    for (const share of measure.stableShares) expect(share).toBeGreaterThan(0.5);
  });
});

describeEachDatabase('cache tokens in the question log', (kind) => {
  const db = useTestDatabase(kind);

  it('records the cache write of the first request and the cache read of the next, from the API to the table', async () => {
    const built = buildLibrary(await fixtureFiles());
    if (!built.ok) throw new Error('fixture library is invalid');
    await db().prisma.question.deleteMany();
    const questionLog = createPrismaQuestionLog(db().prisma);
    const tutor = createTutor({
      retriever: createRetriever(built.library, { frequencies: englishFrequencies() }),
      llm: model(),
      questionLog,
      logger: createRecordingLogger(),
      clock: { now: () => new Date() },
      userSalt: 'test-salt-0123456789',
      stablePrefix: createStablePrefix(() => built.library),
      maxTokens: 500,
    });
    fake.enqueue(
      {
        kind: 'answer',
        blocks: [{ text: 'A token is part of a word.', cite: ['token#what-it-is'] }],
        usage: {
          input_tokens: 310,
          cache_creation_input_tokens: 2460,
          cache_read_input_tokens: 0,
          output_tokens: 30,
        },
      },
      {
        kind: 'answer',
        blocks: [{ text: 'About three quarters of a word.', cite: ['token#faq-1'] }],
        usage: {
          input_tokens: 290,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 2460,
          output_tokens: 25,
        },
      },
    );
    const first = await tutor.ask({ question: 'What is a token?', platform: 'slack', userId: 'U1' });
    const second = await tutor.ask({
      question: 'How many tokens is a word?',
      platform: 'slack',
      userId: 'U1',
    });

    const rows = await db().prisma.question.findMany({ orderBy: { createdAt: 'asc' } });
    expect(
      rows.map((r) => [r.id, r.inputTokens, r.cacheWriteTokens, r.cacheReadTokens, r.outputTokens]),
    ).toEqual([
      [first.questionId, 310, 2460, 0, 30],
      [second.questionId, 290, 0, 2460, 25],
    ]);
    expect((await questionLog.totals()).usage).toEqual({
      inputTokens: 600,
      outputTokens: 55,
      cacheReadTokens: 2460,
      cacheWriteTokens: 2460,
    });
  });
});
