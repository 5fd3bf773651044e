import Anthropic from '@anthropic-ai/sdk';
import { loadLibrary } from '../src/adapters/content/content-library.js';
import { loadEnglishWordFrequencies } from '../src/adapters/content/english-word-frequencies.js';
import { createAnthropicModel } from '../src/adapters/llm/anthropic-model.js';
import { createTutor } from '../src/core/answering/create-tutor.js';
import { buildStablePrefix, createStablePrefix } from '../src/core/answering/stable-prefix.js';
import { SYSTEM_PROMPT } from '../src/core/answering/system-prompt.js';
import type { Library } from '../src/core/content/types.js';
import { createMemoryQuestionLog } from '../src/core/memory/memory-question-log.js';
import { createRetriever } from '../src/core/retrieval/create-retriever.js';
import { startFakeAnthropicServer } from '../test/fakes/fake-anthropic-server.js';
import { createRecordingLogger } from '../test/fakes/recording-logger.js';
import { allQuestions, loadQuestionSet } from './retrieval-quality.js';
import { type BenchResult, percentile } from './stats.js';

/**
 * Anthropic's minimum cacheable prompt length per model family, from the
 * prompt-caching page of the Claude docs: a shorter prefix is processed
 * without caching and without an error. Check the page for newer models.
 */
export const CACHE_MINIMUMS = [
  { models: 'Claude Sonnet 4.5, 4, 3.7; Opus 4.1, 4', minTokens: 1024 },
  // Sonnet 4.6 is documented at 1,024, but anthropic-sdk-python#1194 saw caching start only at 2,048.
  { models: 'Claude Haiku 3.5, 3; Sonnet 4.6 (as observed)', minTokens: 2048 },
  { models: 'Claude Opus 4.6, 4.5; Haiku 4.5', minTokens: 4096 },
] as const;

const MODEL = 'claude-haiku-5-5';

/** What {@link measurePrompt} found, in (estimated) tokens. */
export interface PromptMeasure {
  concepts: number;
  useCases: number;
  /** The rules alone, which were the whole cached prefix before the library map. */
  rulesTokens: number;
  prefixTokens: number;
  /** The prefix of the same rules over an empty library: what every library pays before its first concept. */
  fixedTokens: number;
  /** The map's tokens per concept, its use cases included in proportion. */
  tokensPerConcept: number;
  /** Whole requests (prefix, passages, question) of the covered questions of the bench set. */
  requestTokens: number[];
  /** prefixTokens / request tokens, per request. */
  stableShares: number[];
}

/**
 * Sizes the stable prefix and the share of each request it makes up. Every
 * covered question of bench/questions.json goes through the tutor and the
 * real SDK to the loopback fake Messages API, which records the request
 * bodies; each is then counted with the SDK's `messages.countTokens`, which
 * the fake answers with a chars/4 estimate (the real tokenizer is not
 * public), once whole and once without its system blocks.
 */
export async function measurePrompt(library: Library, questions: readonly string[]): Promise<PromptMeasure> {
  const fake = await startFakeAnthropicServer();
  try {
    const client = new Anthropic({ apiKey: 'bench-not-a-key', baseURL: fake.url, logLevel: 'off' });
    const count = async (system: string | undefined, messages: Anthropic.MessageParam[]) =>
      (
        await client.messages.countTokens({
          model: MODEL,
          ...(system === undefined ? {} : { system: [{ type: 'text', text: system }] }),
          messages,
        })
      ).input_tokens;
    const one: Anthropic.MessageParam[] = [{ role: 'user', content: '?' }];
    const prefixOf = async (text: string) => (await count(text, one)) - (await count(undefined, one));
    const empty: Library = { ...library, concepts: [], useCases: [] };

    const logger = createRecordingLogger();
    const llm = createAnthropicModel({
      apiKey: 'bench-not-a-key',
      model: MODEL,
      baseURL: fake.url,
      timeoutMs: 10_000,
      maxRetries: 0,
      logger,
    });
    const tutor = createTutor({
      retriever: createRetriever(library, { frequencies: loadEnglishWordFrequencies() }),
      llm,
      questionLog: createMemoryQuestionLog(),
      logger,
      clock: { now: () => new Date() },
      userSalt: 'bench-salt-0123456789',
      stablePrefix: createStablePrefix(() => library),
      maxTokens: 700,
    });
    for (const question of questions) await tutor.ask({ question, platform: 'cli', userId: 'bench' });

    const prefixTokens = await prefixOf(buildStablePrefix(library));
    const requestTokens: number[] = [];
    const stableShares: number[] = [];
    for (const { path, body } of [...fake.requests]) {
      if (path !== '/v1/messages') continue;
      const total = await count(body.system[0].text, body.messages);
      requestTokens.push(total);
      stableShares.push(prefixTokens / total);
    }
    const fixedTokens = await prefixOf(buildStablePrefix(empty));
    return {
      concepts: library.concepts.length,
      useCases: library.useCases.length,
      rulesTokens: await prefixOf(SYSTEM_PROMPT),
      prefixTokens,
      fixedTokens,
      tokensPerConcept: (prefixTokens - fixedTokens) / library.concepts.length,
      requestTokens,
      stableShares,
    };
  } finally {
    await fake.close();
  }
}

/** Concepts a library like this one needs before its prefix reaches `minTokens`. */
export function conceptsToReach(measure: PromptMeasure, minTokens: number): number {
  return Math.max(0, Math.ceil((minTokens - measure.fixedTokens) / measure.tokensPerConcept));
}

/** `npm run bench -- prompt`: the stable prefix's size, its share of each request, and the cache minimums. */
export async function runPromptBench(): Promise<BenchResult[]> {
  const loaded = await loadLibrary(new URL('../content/', import.meta.url).pathname, {
    now: () => new Date(),
  });
  if (!loaded.ok) throw new Error('content/ is invalid; run tutor content check');
  const m = await measurePrompt(
    loaded.library,
    allQuestions(loadQuestionSet()).onTopic.map((q) => q.q),
  );
  const share = (p: number) => Math.round(percentile(m.stableShares, p) * 1000) / 1000;
  return [
    {
      name: 'prompt prefix, starter library (tokens estimated as chars/4 by the fake count_tokens)',
      concepts: m.concepts,
      useCases: m.useCases,
      rulesOnlyTokens: m.rulesTokens,
      prefixTokens: m.prefixTokens,
      tokensPerConcept: Math.round(m.tokensPerConcept),
      requests: m.requestTokens.length,
      requestTokensP50: percentile(m.requestTokens, 50),
      stableShareP50: share(50),
      stableShareMin: share(0),
      stableShareMax: share(100),
    },
    ...CACHE_MINIMUMS.map(({ models, minTokens }) => ({
      name: `prompt cache minimum, ${models}`,
      minTokens,
      prefixTokens: m.prefixTokens,
      cached: m.prefixTokens >= minTokens ? 'yes' : 'no',
      conceptsToReach: conceptsToReach(m, minTokens),
    })),
  ];
}
