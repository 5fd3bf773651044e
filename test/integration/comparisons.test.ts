import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/adapters/content/content-library.js';
import { createAnthropicModel } from '../../src/adapters/llm/anthropic-model.js';
import { createTutor } from '../../src/core/answering/create-tutor.js';
import { createStablePrefix } from '../../src/core/answering/stable-prefix.js';
import { createMemoryQuestionLog } from '../../src/core/memory/memory-question-log.js';
import type { LanguageModel } from '../../src/core/ports.js';
import { createRetriever } from '../../src/core/retrieval/create-retriever.js';
import {
  type FakeAnthropicServer,
  firstOfEachConcept,
  searchResults,
  startFakeAnthropicServer,
} from '../fakes/fake-anthropic-server.js';
import { createRecordingLogger } from '../fakes/recording-logger.js';
import { englishFrequencies } from '../fixtures/english-frequencies.js';

const loaded = await loadLibrary(new URL('../../content/', import.meta.url).pathname, {
  now: () => new Date(),
});
if (!loaded.ok) throw new Error('content/ is invalid');
const library = loaded.library;
const retriever = createRetriever(library, { frequencies: englishFrequencies() });

/** Pairs people ask about, as they write them, with the concepts they name. */
const PAIRS: Array<[x: string, y: string, slugs: [string, string]]> = [
  ['RAG', 'fine-tuning', ['rag', 'fine-tuning']],
  ['embeddings', 'a vector database', ['embeddings', 'vector-database']],
  ['prompt engineering', 'fine-tuning', ['prompt-engineering', 'fine-tuning']],
  ['a system prompt', 'prompt injection', ['system-prompt', 'prompt-injection']],
  ['function calling', 'an AI agent', ['function-calling', 'ai-agent']],
  ['a context window', 'RAG', ['context-window', 'rag']],
];
const FORMS = [
  (x: string, y: string) => `${x} vs ${y}`,
  (x: string, y: string) => `${x} or ${y}?`,
  (x: string, y: string) => `What is the difference between ${x} and ${y}?`,
  (x: string, y: string) => `Should I use ${x} or ${y}?`,
];
const CASES = PAIRS.flatMap(([x, y, slugs]) => FORMS.map((form) => [form(x, y), slugs] as const));

function tutorWith(llm: LanguageModel | null) {
  return createTutor({
    retriever,
    llm,
    questionLog: createMemoryQuestionLog(),
    logger: createRecordingLogger(),
    clock: { now: () => new Date() },
    userSalt: 'test-salt-0123456789',
    stablePrefix: createStablePrefix(() => library),
    maxTokens: 500,
  });
}

/** Both sides' definitions and good-fit and bad-fit sections. */
const bothSides = ([a, b]: readonly [string, string]) =>
  ['what-it-is', 'good-fit', 'bad-fit'].flatMap((key) => [`${a}#${key}`, `${b}#${key}`]);

describe('comparison questions get both sides', () => {
  it('"RAG vs fine-tuning" used to hand over fine-tuning passages only', () => {
    // The ranking still favours one side; the comparison puts the other back.
    const result = retriever.search('RAG vs fine-tuning');
    expect(result.concepts[0]!.slug).toBe('fine-tuning');
    expect(result.comparison).toEqual(['rag', 'fine-tuning']);
    expect(new Set(result.passages.map((p) => p.slug))).toEqual(new Set(['rag', 'fine-tuning']));
    // Either article's FAQ that compares the two comes along.
    expect(result.passages.map((p) => p.id)).toContain('rag#faq-1');
  });

  it.each(CASES)(
    'retrieval for "%s" carries both concepts\' definitions, good fit and bad fit',
    (question, slugs) => {
      const result = retriever.search(question);
      expect(result.covered).toBe(true);
      expect(result.comparison).toEqual(slugs);
      expect(result.passages.map((p) => p.id)).toEqual(expect.arrayContaining(bothSides(slugs)));
    },
  );

  it.each(CASES)(
    'without a model, "%s" quotes both sides, each under its concept',
    async (question, slugs) => {
      const reply = await tutorWith(null).ask({ question, platform: 'cli', userId: 'u' });
      expect(reply.mode).toBe('extractive');
      expect(reply.sources.map((s) => s.slug)).toEqual(slugs);
      for (const slug of slugs) {
        const concept = library.conceptBySlug.get(slug)!;
        expect(reply.answer).toContain(`**${concept.title}: What it is**\n\n${concept.summary}`);
        expect(reply.answer).toContain(`**${concept.title}: Good fit**`);
      }
    },
  );

  it('leaves a question about one concept alone', () => {
    expect(retriever.search('temperature vs top_p').comparison).toBeUndefined();
    expect(retriever.search('How are embeddings stored in a vector database?').comparison).toBeUndefined();
  });
});

describe('comparison questions through the real Anthropic SDK', () => {
  let fake: FakeAnthropicServer;
  beforeAll(async () => {
    fake = await startFakeAnthropicServer();
  });
  afterAll(() => fake.close());

  it.each(CASES)('"%s" sends both sides to the model, and the answer cites both', async (question, slugs) => {
    fake.requests.length = 0;
    const llm = createAnthropicModel({
      apiKey: 'sk-test-not-real',
      model: 'claude-haiku-5-5',
      baseURL: fake.url,
      timeoutMs: 5000,
      maxRetries: 0,
      logger: createRecordingLogger(),
    });
    // Like a model answering from everything it was given: one citation per concept.
    fake.enqueue({
      kind: 'answer',
      blocks: [{ text: 'Each side, from its article.', cite: firstOfEachConcept }],
    });
    const reply = await tutorWith(llm).ask({ question, platform: 'slack', userId: 'u' });
    const sent = searchResults(fake.requests[0]!.body).map((r) => r.source);
    expect(sent).toEqual(expect.arrayContaining(bothSides(slugs)));
    expect(reply.mode).toBe('ai');
    expect(reply.sources.map((s) => s.slug).sort()).toEqual([...slugs].sort());
  });
});
