import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropicModel } from '../../../../src/adapters/llm/anthropic-model.js';
import { createOpenAiModel } from '../../../../src/adapters/llm/openai-model.js';
import type { Library } from '../../../../src/core/content/types.js';
import { UserFacingError } from '../../../../src/core/errors.js';
import { createUsageGuard, type UsageLimits } from '../../../../src/core/limits/create-usage-guard.js';
import { createMemoryQuestionLog } from '../../../../src/core/memory/memory-question-log.js';
import type { LanguageModel, QuestionLog } from '../../../../src/core/ports.js';
import {
  AI_LABEL,
  createExplainBack,
  FALLBACK_LABEL,
  NO_MODEL_LABEL,
} from '../../../../src/core/practice/explain-back/explain-back-service.js';
import { EXPLAIN_BACK_PROMPT } from '../../../../src/core/practice/explain-back/explain-prompt.js';
import { FEEDBACK_TTL_MS } from '../../../../src/core/practice/explain-back/feedback-cache.js';
import {
  type FakeAnthropicServer,
  searchResults,
  startFakeAnthropicServer,
} from '../../../fakes/fake-anthropic-server.js';
import { type FakeOpenAiServer, startFakeOpenAiServer, userTurn } from '../../../fakes/fake-openai-server.js';
import { createRecordingLogger } from '../../../fakes/recording-logger.js';
import { manualClock, practiceLibrary } from '../practice-library.js';
import { RAG_EXPLANATIONS } from './explanations.js';

let anthropic: FakeAnthropicServer;
let openai: FakeOpenAiServer;
let library: Library;
beforeAll(async () => {
  [anthropic, openai, library] = await Promise.all([
    startFakeAnthropicServer(),
    startFakeOpenAiServer(),
    practiceLibrary(),
  ]);
});
afterAll(async () => {
  await Promise.all([anthropic.close(), openai.close()]);
});
beforeEach(() => {
  anthropic.requests.length = 0;
  openai.requests.length = 0;
});

function claude(): LanguageModel {
  return createAnthropicModel({
    apiKey: 'sk-test-not-real',
    model: 'claude-haiku-5-5',
    baseURL: anthropic.url,
    timeoutMs: 5000,
    maxRetries: 0,
    streamRetries: 0,
    logger: createRecordingLogger(),
  });
}

function setup(
  options: { llm?: LanguageModel | null; limits?: UsageLimits; questionLog?: QuestionLog } = {},
) {
  const clock = manualClock();
  const log = createMemoryQuestionLog(clock);
  const questionLog = options.questionLog ?? log;
  const logger = createRecordingLogger();
  const service = createExplainBack({
    library: () => library,
    llm: options.llm === undefined ? claude() : options.llm,
    questionLog,
    guard: options.limits ? createUsageGuard({ questionLog, clock, limits: options.limits }) : undefined,
    logger,
    clock,
    userSalt: 'test-salt-0123456789',
    maxTokens: 600,
  });
  return { service, log, logger, clock };
}

const input = (explanation: string, extra: Partial<{ concept: string; userId: string }> = {}) => ({
  concept: extra.concept ?? 'rag',
  explanation,
  platform: 'slack' as const,
  userId: extra.userId ?? 'U1',
});

/** A grade as Claude writes it: each point its own block, citing the article's passages. */
const CLAUDE_GRADE = [
  { text: 'VERDICT: partial\nRIGHT: ' },
  { text: 'The model answers from passages found in your own documents.', cite: ['rag#what-it-is'] },
  { text: '\nMISSING: ' },
  { text: 'The passages go into the prompt with an instruction to cite them.', cite: ['rag#how-it-works'] },
  { text: '\nHINT: What does the prompt tell the model to do with what was found?\nMISCONCEPTION: ' },
  { text: 'RAG does not retrain the model; fine-tuning changes the model itself.', cite: ['rag#faq-1'] },
];

describe('explain it back with a model (real Anthropic SDK against the fake API)', () => {
  it('sends the grading prompt, the article’s passages as cited search results and the explanation as data', async () => {
    anthropic.enqueue({ kind: 'answer', blocks: CLAUDE_GRADE });
    const { service } = setup();
    await service.explain(input(RAG_EXPLANATIONS.partial));
    const { body } = anthropic.requests[0]!;
    expect(body.system[0].text).toBe(EXPLAIN_BACK_PROMPT);
    const results = searchResults(body);
    expect(results.map((r) => r.source)).toContain('rag#how-it-works');
    expect(results.every((r) => r.source.startsWith('rag#'))).toBe(true);
    const question = body.messages.at(-1).content.at(-1).text as string;
    expect(question).toContain(`<explanation>\n${RAG_EXPLANATIONS.partial}\n</explanation>`);
  });

  it('returns what is right, what is missing and one misconception, each cited to the article, with hints first', async () => {
    anthropic.enqueue({ kind: 'answer', blocks: CLAUDE_GRADE });
    const { service, log } = setup();
    const feedback = await service.explain(input(RAG_EXPLANATIONS.partial));
    expect(feedback).toMatchObject({
      mode: 'ai',
      label: AI_LABEL,
      verdict: 'partial',
      concept: { slug: 'rag', title: 'Retrieval-augmented generation (RAG)' },
      hints: ['What does the prompt tell the model to do with what was found?'],
      notices: [],
    });
    expect(feedback.right).toEqual([
      {
        text: 'The model answers from passages found in your own documents.',
        sources: [{ slug: 'rag', title: 'Retrieval-augmented generation (RAG)', section: 'What it is' }],
      },
    ]);
    expect(feedback.missing[0]!.sources[0]!.section).toBe('How it works');
    expect(feedback.misconception?.sources[0]?.section).toBe(
      "What's the difference between RAG and fine-tuning?",
    );
    // Counted in the question log (rate limit, budget) under a label, never the learner's text.
    const [entry] = await log.recent({ limit: 5 });
    expect(entry).toMatchObject({ text: 'Explain it back: rag', mode: 'ai', sources: [], platform: 'slack' });
    expect(entry!.usage.outputTokens).toBeGreaterThan(0);
  });

  it('drops and reports a point that cites nothing, or cites another article', async () => {
    anthropic.enqueue({
      kind: 'answer',
      blocks: [
        { text: 'VERDICT: partial\nRIGHT: ' },
        { text: 'It looks things up first.', cite: ['rag#what-it-is'] },
        { text: '\nRIGHT: Tokens are word pieces.', cite: ['token#what-it-is'] },
        { text: '\nMISSING: Something made up.\nHINT: What else?' },
      ],
    });
    const { service, logger } = setup();
    const feedback = await service.explain(input(RAG_EXPLANATIONS.partial));
    expect(feedback.right.map((r) => r.text)).toEqual(['It looks things up first.']);
    expect(feedback.missing).toEqual([]);
    expect(feedback.notices).toEqual(['2 points were left out because they cited nothing in the article.']);
    expect(logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: expect.stringMatching(/without citing the article/),
      }),
    );
  });

  it('falls back to the automatic check, saying so and logging it, when the reply is junk', async () => {
    anthropic.enqueue({ kind: 'answer', blocks: [{ text: 'Great job! You nailed most of it.' }] });
    const { service, logger, log } = setup();
    const feedback = await service.explain(input(RAG_EXPLANATIONS.partial));
    expect(feedback).toMatchObject({ mode: 'automatic', label: FALLBACK_LABEL });
    expect(feedback.notices[0]).toMatch(/could not be read/);
    expect(feedback.missing.length).toBeGreaterThan(0);
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', message: expect.stringMatching(/unreadable or uncited/) }),
    );
    // It still cost tokens, and the log says so.
    expect((await log.recent({ limit: 1 }))[0]).toMatchObject({ mode: 'extractive' });
  });

  it('falls back when the model fails, and when the daily budget has no room (reserved first, fails closed)', async () => {
    anthropic.enqueue({ kind: 'http-error', status: 500, errorType: 'api_error' });
    const failed = await setup().service.explain(input(RAG_EXPLANATIONS.partial));
    expect(failed.notices[0]).toMatch(/did not answer/);

    const broke = setup({ limits: { perUser: 0, windowMs: 60_000, dailyTokenBudget: 10 } });
    const feedback = await broke.service.explain(input(RAG_EXPLANATIONS.partial));
    expect(feedback).toMatchObject({ mode: 'automatic', label: FALLBACK_LABEL });
    expect(feedback.notices[0]).toMatch(/AI budget is used up/);
    expect(anthropic.requests.filter((r) => r.path === '/v1/messages')).toHaveLength(1);
  });

  it('refuses past the rate limit, and refuses (fails closed) when usage cannot be recorded', async () => {
    const { service } = setup({ limits: { perUser: 1, windowMs: 60_000, dailyTokenBudget: 0 } });
    anthropic.enqueue({ kind: 'answer', blocks: CLAUDE_GRADE });
    await service.explain(input(RAG_EXPLANATIONS.partial));
    await expect(service.explain(input(RAG_EXPLANATIONS.good))).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });

    const broken = createMemoryQuestionLog();
    broken.reserve = async () => {
      throw new Error('database down');
    };
    await expect(
      setup({ questionLog: broken }).service.explain(input(RAG_EXPLANATIONS.partial)),
    ).rejects.toMatchObject({ code: 'USAGE_UNAVAILABLE' });
    expect(anthropic.requests.filter((r) => r.path === '/v1/messages')).toHaveLength(1);
  });

  it('grades a resubmission once, reveals by key only to its author, and forgets after an hour', async () => {
    anthropic.enqueue({ kind: 'answer', blocks: CLAUDE_GRADE });
    const { service, clock } = setup();
    const first = await service.explain(input(RAG_EXPLANATIONS.partial));
    const again = await service.explain(input(`  ${RAG_EXPLANATIONS.partial}\u0000 `));
    expect(again).toEqual(first);
    expect(anthropic.requests).toHaveLength(1);
    expect(service.revealed(first.key, 'slack', 'U1')).toEqual(first);
    expect(service.revealed(first.key, 'slack', 'U2')).toBeNull();
    expect(service.revealed(first.key, 'discord', 'U1')).toBeNull();
    clock.advance(FEEDBACK_TTL_MS);
    expect(service.revealed(first.key, 'slack', 'U1')).toBeNull();
  });
});

describe('explain it back with an OpenAI-compatible server (real openai SDK against the fake)', () => {
  it('ties each [n] marker to its own line', async () => {
    openai.enqueue({
      kind: 'answer',
      text: 'VERDICT: partial\nRIGHT: It answers from your documents [1].\nMISSING: Chunks are indexed first [2].\nHINT: What happens before anyone asks?\nMISCONCEPTION: none',
    });
    const llm = createOpenAiModel({
      baseURL: openai.url,
      model: 'llama3.1:8b',
      timeoutMs: 5000,
      maxRetries: 0,
      streamRetries: 0,
      logger: createRecordingLogger(),
    });
    const feedback = await setup({ llm }).service.explain(input(RAG_EXPLANATIONS.partial));
    expect(userTurn(openai.requestsTo('/v1/chat/completions')[0]!.body)).toContain(
      '[2] Retrieval-augmented generation (RAG): How it works',
    );
    expect(feedback.right).toEqual([
      {
        text: 'It answers from your documents.',
        sources: [expect.objectContaining({ section: 'What it is' })],
      },
    ]);
    expect(feedback.missing[0]).toEqual({
      text: 'Chunks are indexed first.',
      sources: [expect.objectContaining({ section: 'How it works' })],
    });
    expect(feedback.misconception).toBeNull();
  });
});

describe('explain it back without a model', () => {
  it('labels the automatic check and records nothing', async () => {
    const { service, log } = setup({ llm: null });
    const feedback = await service.explain(input(RAG_EXPLANATIONS.good));
    expect(feedback).toMatchObject({ mode: 'automatic', label: NO_MODEL_LABEL, verdict: 'good' });
    expect(await log.recent({ limit: 5 })).toEqual([]);
  });
});

describe('bad input', () => {
  const { service } = setup({ llm: null });
  it('refuses an empty, a too-short and a too-long explanation, naming the limit', async () => {
    await expect(service.explain(input(' \u0007 \n '))).rejects.toMatchObject({ code: 'EXPLAIN_EMPTY' });
    await expect(service.explain(input('RAG rocks'))).rejects.toMatchObject({ code: 'EXPLAIN_TOO_SHORT' });
    const long = service.explain(input('word '.repeat(400)));
    await expect(long).rejects.toBeInstanceOf(UserFacingError);
    await expect(long).rejects.toThrow(/1,999 characters; the limit is 1,200/);
  });

  it('finds a concept by title or alias, and suggests close slugs for an unknown one', async () => {
    expect(
      (await service.explain(input(RAG_EXPLANATIONS.good, { concept: 'Retrieval augmented generation' })))
        .concept.slug,
    ).toBe('rag');
    await expect(service.explain(input(RAG_EXPLANATIONS.good, { concept: 'embedings' }))).rejects.toThrow(
      'There is no concept called "embedings". Did you mean embeddings?',
    );
    await expect(
      service.explain(input(RAG_EXPLANATIONS.good, { concept: 'zzzzzzzz' })),
    ).rejects.toMatchObject({
      code: 'UNKNOWN_CONCEPT',
    });
    await expect(service.explain(input(RAG_EXPLANATIONS.good, { concept: '' }))).rejects.toMatchObject({
      code: 'EXPLAIN_NO_CONCEPT',
    });
  });

  it('strips control characters before grading', async () => {
    const clean = await service.explain(input(RAG_EXPLANATIONS.partial));
    const dirty = await service.explain(
      input(RAG_EXPLANATIONS.partial.replace('model', 'mo\u0000del\u001b')),
    );
    expect(dirty.key).toBe(clean.key);
  });

  it('offers the article’s own explain-it-back prompt', () => {
    expect(service.promptFor('rag').prompt).toBe(library.conceptBySlug.get('rag')!.explainBack);
  });
});
