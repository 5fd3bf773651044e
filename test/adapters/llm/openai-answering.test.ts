import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiModel, tokenLimit } from '../../../src/adapters/llm/openai-model.js';
import { CITATION_RULES } from '../../../src/adapters/llm/to-chat-messages.js';
import { buildStablePrefix } from '../../../src/core/answering/stable-prefix.js';
import {
  closedPortUrl,
  type FakeOpenAiServer,
  startFakeOpenAiServer,
  userTurn,
} from '../../fakes/fake-openai-server.js';
import { createFixtureTutor } from '../../fakes/fixture-tutor.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';

let fake: FakeOpenAiServer;
beforeAll(async () => {
  fake = await startFakeOpenAiServer();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

const logger = createRecordingLogger();

/** The real `openai` SDK, pointed at the loopback fake. */
function model(options: { maxRetries?: number; baseURL?: string; apiKey?: string; timeoutMs?: number } = {}) {
  return createOpenAiModel({
    baseURL: options.baseURL ?? fake.url,
    apiKey: options.apiKey,
    model: 'llama3.1:8b',
    timeoutMs: options.timeoutMs ?? 5000,
    maxRetries: options.maxRetries ?? 2,
    streamRetryDelayMs: 10,
    logger,
  });
}

const QUESTION = 'How many tokens is a word?';
const TOKEN_FAQ = { slug: 'token', title: 'Token', section: 'How many tokens is a word?' };

describe('answering through the real openai SDK (Chat Completions)', () => {
  it('sends the stable prefix first, then the numbered passages and the question, streaming with usage', async () => {
    const { tutor, library } = await createFixtureTutor(model());
    await tutor.ask({ question: QUESTION, platform: 'cli', userId: 'u1' });
    const chats = fake.requestsTo('/v1/chat/completions');
    expect(chats).toHaveLength(1);
    const { body, headers } = chats[0]!;
    expect(body).toMatchObject({
      model: 'llama3.1:8b',
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 500,
    });
    // One system message that starts with the prefix byte for byte: prefix caching keys on it.
    expect(body.messages[0]).toEqual({
      role: 'system',
      content: `${buildStablePrefix(library)}\n\n${CITATION_RULES}`,
    });
    expect(body.messages.filter((m: any) => m.role === 'system')).toHaveLength(1);
    const user = userTurn(body);
    expect(user).toMatch(/^Search results:\n\n\[1\] Token: How many tokens is a word\?\n.*three quarters/s);
    expect(user).toMatch(/\n\n\[2\] /);
    expect(user.endsWith(`Question: ${QUESTION}`)).toBe(true);
    expect(body.messages[0].content).not.toContain(QUESTION);
    // No key configured (a local server): no Authorization header at all, not a dummy one.
    expect(headers.authorization).toBeUndefined();
  });

  it('sends the key as a bearer token when one is set', async () => {
    const { tutor } = await createFixtureTutor(model({ apiKey: 'sk-test-not-real' }));
    await tutor.ask({ question: QUESTION, platform: 'cli', userId: 'u1' });
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer sk-test-not-real');
  });

  it('streams the text so far to onText, markers stripped', async () => {
    const { tutor } = await createFixtureTutor(model());
    fake.enqueue({
      kind: 'answer',
      text: 'Roughly three quarters of a word per token [1]. Code is denser [1, 2].',
    });
    const seen: string[] = [];
    const reply = await tutor.ask({
      question: QUESTION,
      platform: 'cli',
      userId: 'u',
      onText: (t) => seen.push(t),
    });
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.every((t) => !/\[\d*$|\[\d/.test(t))).toBe(true);
    expect(seen.at(-1)).toBe('Roughly three quarters of a word per token. Code is denser.');
    expect(reply.answer).toBe('Roughly three quarters of a word per token. Code is denser.');
  });

  it('turns [n] markers into sources and records usage, cached tokens apart, in the question log', async () => {
    const { tutor, log } = await createFixtureTutor(model());
    fake.enqueue({
      kind: 'answer',
      text: 'About three quarters of a word [1].',
      usage: { prompt_tokens: 1000, completion_tokens: 17, cached_tokens: 700 },
    });
    const reply = await tutor.ask({ question: QUESTION, platform: 'slack', userId: 'U1' });
    expect(reply).toMatchObject({ mode: 'ai', answer: 'About three quarters of a word.' });
    expect(reply.sources).toEqual([TOKEN_FAQ]);
    expect(log.entries[0]).toMatchObject({ mode: 'ai', model: 'llama3.1:8b' });
    expect(log.entries[0]!.usage).toEqual({
      inputTokens: 300,
      outputTokens: 17,
      cacheReadTokens: 700,
      cacheWriteTokens: 0,
    });
  });

  it('drops a marker that points at no passage', async () => {
    const { tutor } = await createFixtureTutor(model());
    fake.enqueue({ kind: 'answer', text: 'About three quarters of a word [1][42].' });
    const reply = await tutor.ask({ question: QUESTION, platform: 'cli', userId: 'u' });
    expect(reply.mode).toBe('ai');
    expect(reply.sources).toEqual([TOKEN_FAQ]);
    expect(reply.answer).toBe('About three quarters of a word.');
  });

  it('never shows an answer whose only marker points at no passage', async () => {
    const { tutor } = await createFixtureTutor(model());
    fake.enqueue({ kind: 'answer', text: 'Something from memory [42].' });
    const reply = await tutor.ask({ question: QUESTION, platform: 'cli', userId: 'u' });
    expect(reply.mode).toBe('extractive');
    expect(reply.answer).not.toContain('from memory');
    expect(reply.notices[0]).toMatch(/could not be tied to the library/);
  });

  it('never shows an uncited answer: it quotes the library instead, and logs the usage it cost', async () => {
    const { tutor, log } = await createFixtureTutor(model());
    fake.enqueue({ kind: 'answer', text: 'Something from memory.' });
    const reply = await tutor.ask({ question: QUESTION, platform: 'cli', userId: 'u' });
    expect(reply.mode).toBe('extractive');
    expect(reply.answer).not.toContain('from memory');
    expect(reply.answer).toContain('three quarters of a word');
    expect(reply.notices[0]).toMatch(/could not be tied to the library/);
    expect(log.entries[0]!.usage.outputTokens).toBe(40);
  });

  it('treats NOT_COVERED as not covered, even in bold with a full stop', async () => {
    const { tutor, log } = await createFixtureTutor(model());
    fake.enqueue({ kind: 'answer', text: '**NOT_COVERED.**' });
    const reply = await tutor.ask({ question: QUESTION, platform: 'cli', userId: 'u' });
    expect(reply.mode).toBe('not-covered');
    expect(reply.sources).toEqual([]);
    // Retrieval called it covered and the model disagreed: logged apart, as with Claude.
    expect(log.entries[0]).toMatchObject({ covered: false, mode: 'model-refused' });
  });

  it('retries a 429 after the retry-after delay', async () => {
    const { tutor } = await createFixtureTutor(model());
    fake.enqueue({ kind: 'http-error', status: 429, headers: { 'retry-after': '1' } });
    const started = Date.now();
    const reply = await tutor.ask({ question: QUESTION, platform: 'cli', userId: 'u' });
    expect(reply.mode).toBe('ai');
    expect(fake.requestsTo('/v1/chat/completions')).toHaveLength(2);
    // A lower bound only: the SDK waited at least what the server asked for.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('retries a 503 with backoff', async () => {
    const { tutor } = await createFixtureTutor(model());
    fake.enqueue({ kind: 'http-error', status: 503, headers: { 'retry-after-ms': '10' } });
    const reply = await tutor.ask({ question: QUESTION, platform: 'cli', userId: 'u' });
    expect(reply.mode).toBe('ai');
    expect(fake.requestsTo('/v1/chat/completions')).toHaveLength(2);
  });

  it('does not retry a 400 and quotes the library', async () => {
    const { tutor } = await createFixtureTutor(model());
    fake.enqueue({ kind: 'http-error', status: 400 });
    const reply = await tutor.ask({ question: QUESTION, platform: 'cli', userId: 'u' });
    expect(fake.requestsTo('/v1/chat/completions')).toHaveLength(1);
    expect(reply.mode).toBe('extractive');
  });

  it('retries when the stream breaks with a mid-stream error, and the draft starts over', async () => {
    const { tutor } = await createFixtureTutor(model());
    fake.enqueue({ kind: 'stream-error', afterText: 'Partial ans' });
    const seen: string[] = [];
    const reply = await tutor.ask({
      question: QUESTION,
      platform: 'cli',
      userId: 'u',
      onText: (t) => seen.push(t),
    });
    expect(seen[0]).toBe('Partial ans');
    expect(reply).toMatchObject({ mode: 'ai', answer: 'A grounded answer from the library.' });
    expect(fake.requestsTo('/v1/chat/completions')).toHaveLength(2);
    expect(seen.at(-1)).toBe('A grounded answer from the library.');
  });

  it('quotes the library when the stream keeps breaking, with a warning and no error', async () => {
    const local = createRecordingLogger();
    const { tutor, logger: tutorLogger } = await createFixtureTutor(
      createOpenAiModel({
        baseURL: fake.url,
        model: 'm',
        timeoutMs: 5000,
        maxRetries: 0,
        streamRetries: 1,
        streamRetryDelayMs: 5,
        logger: local,
      }),
    );
    fake.enqueue({ kind: 'stream-error' }, { kind: 'stream-error' });
    const reply = await tutor.ask({ question: QUESTION, platform: 'cli', userId: 'u' });
    expect(fake.requestsTo('/v1/chat/completions')).toHaveLength(2);
    expect(reply.mode).toBe('extractive');
    expect(reply.notices).toEqual([
      'The AI service is not responding right now, so here is the closest passage from the library.',
    ]);
    expect(local.lines.map((l) => l.level)).toEqual(['warn']);
    expect(tutorLogger.lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(tutorLogger.lines.find((l) => l.level === 'warn')!.message).toMatch(/language model failed/);
  });

  it('gives up on a stream that goes quiet after the timeout and quotes the library', async () => {
    const { tutor } = await createFixtureTutor(model({ timeoutMs: 2000 }));
    fake.enqueue({ kind: 'stall', afterText: 'Thinking very slo' });
    const reply = await tutor.ask({ question: QUESTION, platform: 'cli', userId: 'u' });
    // A stall is not retried: a wedged server would only make the asker wait twice.
    expect(fake.requestsTo('/v1/chat/completions')).toHaveLength(1);
    expect(reply.mode).toBe('extractive');
  });

  it('quotes the library with a warning when the server is down', async () => {
    const {
      tutor,
      logger: tutorLogger,
      log,
    } = await createFixtureTutor(model({ baseURL: await closedPortUrl(), maxRetries: 1 }));
    const reply = await tutor.ask({ question: QUESTION, platform: 'cli', userId: 'u' });
    expect(reply.mode).toBe('extractive');
    expect(reply.answer).toContain('three quarters of a word');
    expect(reply.sources).toEqual([TOKEN_FAQ]);
    expect(tutorLogger.lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(tutorLogger.lines.some((l) => l.level === 'warn' && /language model failed/.test(l.message))).toBe(
      true,
    );
    expect(log.entries[0]).toMatchObject({ mode: 'extractive', covered: true });
  });

  it('estimates usage, marked as estimated, when the server reports none', async () => {
    const { tutor, log } = await createFixtureTutor(model());
    fake.enqueue({ kind: 'answer', text: 'About three quarters of a word [1].', usage: null });
    await tutor.ask({ question: QUESTION, platform: 'cli', userId: 'u' });
    const body = fake.requestsTo('/v1/chat/completions')[0]!.body;
    const promptChars = body.messages.reduce((n: number, m: any) => n + m.content.length, 0);
    expect(log.entries[0]!.usage).toEqual({
      inputTokens: Math.ceil(promptChars / 4),
      outputTokens: Math.ceil('About three quarters of a word [1].'.length / 4),
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      estimated: true,
    });
  });

  it('hides a reasoning model’s <think> block and parses citations only from the answer', async () => {
    const { tutor } = await createFixtureTutor(model());
    fake.enqueue({
      kind: 'answer',
      text: '<think>Maybe [2] fits?</think>\nAbout three quarters of a word [1].',
    });
    const seen: string[] = [];
    const reply = await tutor.ask({
      question: QUESTION,
      platform: 'cli',
      userId: 'u',
      onText: (t) => seen.push(t),
    });
    expect(reply.answer).toBe('About three quarters of a word.');
    expect(reply.sources).toEqual([TOKEN_FAQ]);
    expect(seen.some((t) => t.includes('Maybe'))).toBe(false);
  });

  it('passes thread history as alternating earlier turns', async () => {
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
    const messages = fake.requestsTo('/v1/chat/completions')[0]!.body.messages;
    expect(messages.slice(1, 3)).toEqual([
      { role: 'user', content: 'what is a token?' },
      { role: 'assistant', content: 'A token is a piece of a word.' },
    ]);
    expect(messages).toHaveLength(4);
  });

  it('uses max_completion_tokens for OpenAI’s own API, which refuses max_tokens on newer models', () => {
    expect(tokenLimit('https://api.openai.com/v1', 700)).toEqual({ max_completion_tokens: 700 });
    expect(tokenLimit(undefined, 700)).toEqual({ max_completion_tokens: 700 });
    expect(tokenLimit('http://127.0.0.1:11434/v1', 700)).toEqual({ max_tokens: 700 });
  });
});
