import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiClient } from '../../src/adapters/llm/openai-client.js';
import { createOpenAiEmbedder } from '../../src/adapters/llm/openai-embedder.js';
import { createFileVectorCache } from '../../src/adapters/state/file-vector-cache.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createContainer } from '../../src/container.js';
import { buildLibrary } from '../../src/core/content/build-library.js';
import { createLibraryStore, type LibraryStore } from '../../src/core/content/library-store.js';
import type { ContentFile } from '../../src/core/content/types.js';
import { createHybridRetriever, type HybridRetriever } from '../../src/core/retrieval/hybrid-retriever.js';
import { createLiveRetriever } from '../../src/core/retrieval/live-retriever.js';
import { passageEmbeddingText, vectorKey } from '../../src/core/retrieval/passage-vectors.js';
import { libraryPassages } from '../../src/core/retrieval/passages.js';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../fakes/fake-openai-server.js';
import { createRecordingLogger } from '../fakes/recording-logger.js';
import { englishFrequencies } from '../fixtures/english-frequencies.js';
import { FIXTURE_CONTENT_DIR, fixtureFiles, withFile } from '../fixtures/load-fixture-files.js';

let fake: FakeOpenAiServer;
let dir: string;
let files: ContentFile[];
const open: HybridRetriever[] = [];
beforeAll(async () => {
  fake = await startFakeOpenAiServer();
  files = await fixtureFiles();
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.requests.length = 0;
  fake.embeddingsStatus = null;
  dir = await mkdtemp(path.join(os.tmpdir(), 'hybrid-'));
});
afterEach(async () => {
  for (const retriever of open.splice(0)) retriever.close();
  await rm(dir, { recursive: true, force: true });
});

function store(from: ContentFile[] = files): LibraryStore {
  const built = buildLibrary(from);
  if (!built.ok) throw new Error('fixture library is invalid');
  return createLibraryStore(built.library);
}

/** A hybrid retriever as the container builds one: the real SDK, the fake server, a file cache in `dir`. */
function hybrid(library: LibraryStore, logger = createRecordingLogger(), clock = { now: () => new Date() }) {
  const client = createOpenAiClient({ baseURL: fake.url, timeoutMs: 5000, maxRetries: 0 });
  const retriever = createHybridRetriever({
    lexical: createLiveRetriever(library, { frequencies: englishFrequencies() }),
    library,
    embedder: createOpenAiEmbedder(client, 'nomic-embed-text'),
    cache: createFileVectorCache(path.join(dir, 'embeddings'), logger),
    logger,
    clock,
    retryAfterMs: 60_000,
  });
  open.push(retriever);
  return { retriever, logger };
}

/** Every text sent to the embeddings endpoint, in order. */
const embeddedTexts = () => fake.requestsTo('/v1/embeddings').flatMap((r) => r.body.input as string[]);

describe('hybrid retrieval against a fake embeddings server', () => {
  it('embeds every passage once, then a restart takes them all from the cache', async () => {
    const library = store();
    const passages = libraryPassages(library.current());
    const first = hybrid(library);
    await first.retriever.ready();
    expect(first.retriever.status()).toEqual({
      state: 'ready',
      passages: passages.length,
      cached: 0,
      embedded: passages.length,
    });
    expect(embeddedTexts()).toEqual(passages.map(passageEmbeddingText));
    expect(fake.requestsTo('/v1/embeddings')[0]!.body).toMatchObject({
      model: 'nomic-embed-text',
      encoding_format: 'float',
    });
    first.retriever.close();

    // A restart: a new process reads the same DATA_DIR.
    fake.requests.length = 0;
    const second = hybrid(store());
    await second.retriever.ready();
    expect(second.retriever.status()).toMatchObject({ state: 'ready', cached: passages.length, embedded: 0 });
    expect(fake.requestsTo('/v1/embeddings')).toHaveLength(0);
  });

  it('re-embeds only the passages a library change touched', async () => {
    const library = store();
    const { retriever } = hybrid(library);
    await retriever.ready();
    fake.requests.length = 0;

    const token = files.find((f) => f.path.endsWith('token.md'))!;
    const edited = token.text.replace(
      'Because the compute a model spends grows',
      'Because the work a model does grows',
    );
    expect(edited).not.toBe(token.text);
    const rebuilt = buildLibrary(withFile(files, token.path, edited));
    if (!rebuilt.ok) throw new Error('edited library is invalid');
    library.apply(rebuilt);
    await retriever.ready();

    const changed = libraryPassages(library.current()).find((p) => p.id === 'token#faq-2')!;
    expect(changed.text).toContain('the work a model does');
    expect(embeddedTexts()).toEqual([passageEmbeddingText(changed)]);
    expect(retriever.status()).toMatchObject({ state: 'ready', embedded: 1 });
  });

  it('embeds a covered question and fuses; makes no call for a question the library does not cover', async () => {
    const library = store();
    const { retriever } = hybrid(library);
    await retriever.ready();
    const lexical = createLiveRetriever(library, { frequencies: englishFrequencies() });
    fake.requests.length = 0;

    const covered = await retriever.search('Why am I billed per token?');
    expect(embeddedTexts()).toEqual(['Why am I billed per token?']);
    expect(covered.covered).toBe(true);
    expect(covered.concepts[0]!.slug).toBe('token');
    expect(covered.passages[0]!.id).toBe('token#faq-2');
    expect(covered.passages.some((p) => p.id === 'token#what-it-is')).toBe(true);
    expect(covered.passages.length).toBeLessThanOrEqual(6);

    fake.requests.length = 0;
    const offTopic = await retriever.search('What is a good recipe for banana bread?');
    expect(fake.requestsTo('/v1/embeddings')).toHaveLength(0);
    expect(offTopic).toEqual(lexical.search('What is a good recipe for banana bread?'));
  });

  it('answers from BM25 alone, warning once, while the embeddings endpoint fails', async () => {
    const library = store();
    const { retriever, logger } = hybrid(library);
    await retriever.ready();
    fake.embeddingsStatus = 500;
    const lexical = createLiveRetriever(library, { frequencies: englishFrequencies() });
    const question = 'How many tokens is a word?';
    expect(await retriever.search(question)).toEqual(lexical.search(question));
    expect(await retriever.search(question)).toEqual(lexical.search(question));
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      'could not embed the question; answering from BM25 alone',
    ]);
  });

  it('stays lexical when the library cannot be embedded, and tries again later', async () => {
    fake.embeddingsStatus = 503;
    let now = Date.parse('2026-12-01T10:00:00Z');
    const library = store();
    const { retriever, logger } = hybrid(library, createRecordingLogger(), { now: () => new Date(now) });
    await retriever.ready();
    expect(retriever.status().state).toBe('failed');
    expect(logger.lines.find((l) => l.level === 'warn')!.message).toMatch(/could not embed the library/);
    const lexical = createLiveRetriever(library, { frequencies: englishFrequencies() });
    expect(await retriever.search('Why am I billed per token?')).toEqual(
      lexical.search('Why am I billed per token?'),
    );

    fake.embeddingsStatus = null;
    now += 60_000;
    await retriever.search('Why am I billed per token?');
    await retriever.ready();
    expect(retriever.status().state).toBe('ready');
  });
});

describe('the container', () => {
  const config = (env: Record<string, string>) =>
    loadConfig({ CONTENT_DIR: FIXTURE_CONTENT_DIR, CONTENT_WATCH: 'false', DATA_DIR: dir, ...env });

  it('changes nothing without EMBEDDINGS_MODEL: the tutor searches BM25 only', async () => {
    const container = await createContainer({
      config: config({}),
      logger: createRecordingLogger(),
      database: false,
    });
    try {
      expect(container.hybridRetriever).toBeNull();
      await container.tutor.ask({ question: 'Why am I billed per token?', platform: 'cli', userId: 'u' });
      expect(fake.requests).toHaveLength(0);
    } finally {
      await container.close();
    }
  });

  it('with EMBEDDINGS_MODEL, the tutor searches hybrid and the vectors are kept in DATA_DIR', async () => {
    const logger = createRecordingLogger();
    const container = await createContainer({
      config: config({ OPENAI_BASE_URL: fake.url, EMBEDDINGS_MODEL: 'nomic-embed-text' }),
      logger,
      database: false,
    });
    try {
      await container.hybridRetriever!.ready();
      expect(container.hybridRetriever!.status().state).toBe('ready');
      expect(logger.lines.map((l) => l.message)).toContain(
        'retrieval: hybrid (BM25 + nomic-embed-text vectors, fused by rank)',
      );
      fake.requests.length = 0;
      const reply = await container.tutor.ask({
        question: 'Why am I billed per token?',
        platform: 'cli',
        userId: 'u',
      });
      expect(reply.mode).toBe('extractive');
      expect(embeddedTexts()).toEqual(['Why am I billed per token?']);
    } finally {
      await container.close();
    }
    // What the next start finds in DATA_DIR: a vector for every passage.
    const restarted = createFileVectorCache(path.join(dir, 'embeddings'));
    expect(restarted.file).toBe(path.join(dir, 'embeddings', 'vectors.bin'));
    const named = { name: 'openai:nomic-embed-text', embed: async () => [] };
    const keys = new Set(
      libraryPassages(container.content.store.current()).map((p) =>
        vectorKey(named, passageEmbeddingText(p)),
      ),
    );
    expect(keys.size).toBeGreaterThan(10);
    expect((await restarted.get([...keys])).size).toBe(keys.size);
  });
});
