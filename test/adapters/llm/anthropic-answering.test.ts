import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropicModel } from '../../../src/adapters/llm/anthropic-model.js';
import { buildStablePrefix } from '../../../src/core/answering/stable-prefix.js';
import {
  type FakeAnthropicServer,
  searchResults,
  startFakeAnthropicServer,
} from '../../fakes/fake-anthropic-server.js';
import { createFixtureTutor } from '../../fakes/fixture-tutor.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';

let fake: FakeAnthropicServer;
beforeAll(async () => {
  fake = await startFakeAnthropicServer();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

/** The real SDK, pointed at the loopback fake. */
function model(maxRetries = 2) {
  return createAnthropicModel({
    apiKey: 'sk-test-not-real',
    model: 'claude-haiku-5-5',
    baseURL: fake.url,
    timeoutMs: 5000,
    maxRetries,
    streamRetryDelayMs: 10,
    logger: createRecordingLogger(),
  });
}

const QUESTION = 'How many tokens is a word?';

describe('answering through the real Anthropic SDK', () => {
  it('sends the retrieved passages as cited search_result blocks after the cached stable prefix', async () => {
    const { tutor, library } = await createFixtureTutor(model());
    await tutor.ask({ question: QUESTION, platform: 'cli', userId: 'u1' });
    expect(fake.requests).toHaveLength(1);
    const { body, headers, path } = fake.requests[0]!;
    expect(path).toBe('/v1/messages');
    // SDK 1.x sends the key as a bearer token; older ones used x-api-key.
    expect(headers.authorization ?? `Bearer ${headers['x-api-key']}`).toBe('Bearer sk-test-not-real');
    expect(body.model).toBe('claude-haiku-5-5');
    expect(body.max_tokens).toBe(500);
    expect(body.stream).toBe(true);
    expect(body.system).toEqual([
      { type: 'text', text: buildStablePrefix(library), cache_control: { type: 'ephemeral' } },
    ]);
    const results = searchResults(body);
    expect(results.length).toBeGreaterThan(0);
    expect(results[0]).toMatchObject({
      type: 'search_result',
      source: 'token#faq-1',
      citations: { enabled: true },
    });
    expect(results[0]!.title).toBe('Token: How many tokens is a word?');
    expect(results[0]!.content[0]!.text).toMatch(/three quarters of a word/);
    // The question travels only in the user turn, after the passages.
    const last = body.messages.at(-1);
    expect(last.role).toBe('user');
    expect(last.content.at(-1)).toEqual({ type: 'text', text: `Question: ${QUESTION}` });
    expect(JSON.stringify(body.system)).not.toContain(QUESTION);
  });

  it('turns citations into sources and records usage in the question log', async () => {
    const { tutor, log } = await createFixtureTutor(model());
    fake.enqueue({
      kind: 'answer',
      blocks: [{ text: 'About three quarters of a word.', cite: ['token#faq-1'] }],
      usage: {
        input_tokens: 300,
        cache_read_input_tokens: 200,
        cache_creation_input_tokens: 5,
        output_tokens: 17,
      },
    });
    const reply = await tutor.ask({ question: QUESTION, platform: 'slack', userId: 'U123' });
    expect(reply).toMatchObject({ mode: 'ai', answer: 'About three quarters of a word.' });
    expect(reply.sources).toEqual([{ slug: 'token', title: 'Token', section: 'How many tokens is a word?' }]);
    const entry = log.entries[0]!;
    expect(entry).toMatchObject({ mode: 'ai', covered: true, platform: 'slack', model: 'claude-haiku-5-5' });
    expect(entry.usage).toEqual({
      inputTokens: 300,
      outputTokens: 17,
      cacheReadTokens: 200,
      cacheWriteTokens: 5,
    });
    expect(entry.userHash).toMatch(/^[0-9a-f]{64}$/);
    expect(entry.userHash).not.toContain('U123');
  });

  it('streams the text so far to onText', async () => {
    const { tutor } = await createFixtureTutor(model());
    fake.enqueue({
      kind: 'answer',
      blocks: [{ text: 'Roughly three quarters of a word per token.', cite: ['token#faq-1'] }],
    });
    const seen: string[] = [];
    await tutor.ask({ question: QUESTION, platform: 'cli', userId: 'u', onText: (t) => seen.push(t) });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe('Roughly three quarters of a word per token.');
  });

  it('retries a 429 after the retry-after delay', async () => {
    const { tutor } = await createFixtureTutor(model());
    fake.enqueue({
      kind: 'http-error',
      status: 429,
      errorType: 'rate_limit_error',
      headers: { 'retry-after': '1' },
    });
    const started = Date.now();
    const reply = await tutor.ask({ question: QUESTION, platform: 'cli', userId: 'u' });
    expect(reply.mode).toBe('ai');
    expect(fake.requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('retries a 529 overloaded response', async () => {
    const { tutor } = await createFixtureTutor(model());
    fake.enqueue({
      kind: 'http-error',
      status: 529,
      errorType: 'overloaded_error',
      headers: { 'retry-after-ms': '20' },
    });
    const reply = await tutor.ask({ question: QUESTION, platform: 'cli', userId: 'u' });
    expect(reply.mode).toBe('ai');
    expect(fake.requests).toHaveLength(2);
  });

  it('retries when the stream breaks with a mid-stream overloaded_error', async () => {
    const { tutor } = await createFixtureTutor(model());
    fake.enqueue({ kind: 'stream-error', errorType: 'overloaded_error', afterText: 'Partial ans' });
    const seen: string[] = [];
    const reply = await tutor.ask({
      question: QUESTION,
      platform: 'cli',
      userId: 'u',
      onText: (t) => seen.push(t),
    });
    expect(reply.mode).toBe('ai');
    expect(reply.answer).toBe('A grounded answer from the library.');
    expect(fake.requests).toHaveLength(2);
    expect(seen.at(-1)).toBe('A grounded answer from the library.');
  });

  it('answers extractively when the API still fails after its retries', async () => {
    const { tutor, log } = await createFixtureTutor(model(1));
    fake.enqueue(
      { kind: 'http-error', status: 529, errorType: 'overloaded_error', headers: { 'retry-after-ms': '10' } },
      { kind: 'http-error', status: 529, errorType: 'overloaded_error', headers: { 'retry-after-ms': '10' } },
    );
    const reply = await tutor.ask({ question: QUESTION, platform: 'cli', userId: 'u' });
    expect(fake.requests).toHaveLength(2);
    expect(reply.mode).toBe('extractive');
    expect(reply.answer).toContain('three quarters of a word');
    expect(reply.notices).toEqual([
      'The AI service is not responding right now, so here is the closest passage from the library.',
    ]);
    expect(reply.sources).toEqual([{ slug: 'token', title: 'Token', section: 'How many tokens is a word?' }]);
    expect(log.entries[0]).toMatchObject({ mode: 'extractive', covered: true });
  });

  it('does not retry a 400 and falls back to extractive', async () => {
    const { tutor } = await createFixtureTutor(model());
    fake.enqueue({ kind: 'http-error', status: 400, errorType: 'invalid_request_error' });
    const reply = await tutor.ask({ question: QUESTION, platform: 'cli', userId: 'u' });
    expect(fake.requests).toHaveLength(1);
    expect(reply.mode).toBe('extractive');
  });

  it('never shows an answer that cites nothing', async () => {
    const { tutor } = await createFixtureTutor(model());
    fake.enqueue({ kind: 'answer', blocks: [{ text: 'Something from memory.' }] });
    const reply = await tutor.ask({ question: QUESTION, platform: 'cli', userId: 'u' });
    expect(reply.mode).toBe('extractive');
    expect(reply.answer).not.toContain('from memory');
    expect(reply.notices[0]).toMatch(/could not be tied to the library/);
  });

  it('treats the model saying NOT_COVERED as not covered, citing nothing, and logs it as model refused', async () => {
    const { tutor, log } = await createFixtureTutor(model());
    fake.enqueue({ kind: 'answer', blocks: [{ text: 'NOT_COVERED' }] });
    const reply = await tutor.ask({ question: 'why is billing per token?', platform: 'cli', userId: 'u' });
    // Retrieval called it covered, so the model was asked…
    expect(fake.requests).toHaveLength(1);
    // …and its refusal reaches the asker as the usual "not covered" reply.
    expect(reply.mode).toBe('not-covered');
    expect(reply.sources).toEqual([]);
    expect(reply.answer).toMatch(/couldn't find this in the tutor's library/);
    // The log keeps the two kinds of gap apart, with the tokens the refusal cost.
    expect(log.entries[0]).toMatchObject({ covered: false, mode: 'model-refused', sources: [] });
    expect(log.entries[0]!.usage.inputTokens).toBeGreaterThan(0);
    const totals = await log.totals();
    expect(totals.byMode).toMatchObject({ 'model-refused': 1, 'not-covered': 0 });
  });

  it('makes no request for a question the library does not cover', async () => {
    const { tutor, log } = await createFixtureTutor(model());
    const reply = await tutor.ask({
      question: 'What is a good recipe for banana bread?',
      platform: 'cli',
      userId: 'u',
    });
    expect(fake.requests).toHaveLength(0);
    expect(reply.mode).toBe('not-covered');
    expect(reply.sources).toEqual([]);
    expect(reply.answer).toMatch(/couldn't find this in the tutor's library/);
    expect(log.entries[0]).toMatchObject({ covered: false, mode: 'not-covered', sources: [] });
  });

  it('answers extractively with no API key, making no request', async () => {
    const { tutor } = await createFixtureTutor(null);
    const reply = await tutor.ask({ question: QUESTION, platform: 'cli', userId: 'u' });
    expect(fake.requests).toHaveLength(0);
    expect(reply.mode).toBe('extractive');
    expect(reply.notices[0]).toMatch(/AI answers are not configured/);
    expect(reply.answer).toMatch(/^\*\*How many tokens is a word\?\*\*/);
  });

  it('passes thread history as earlier turns', async () => {
    const { tutor } = await createFixtureTutor(model());
    await tutor.ask({
      question: 'and why is it billed per token?',
      platform: 'slack',
      userId: 'u',
      history: [
        { role: 'user', text: 'what is a token?' },
        { role: 'assistant', text: 'A token is a piece of a word.' },
      ],
    });
    const messages = fake.requests[0]!.body.messages;
    expect(messages.slice(0, 2)).toEqual([
      { role: 'user', content: 'what is a token?' },
      { role: 'assistant', content: 'A token is a piece of a word.' },
    ]);
  });
});
