import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadLibrary } from '../src/adapters/content/content-library.js';
import { loadEnglishWordFrequencies } from '../src/adapters/content/english-word-frequencies.js';
import { createOpenAiClient } from '../src/adapters/llm/openai-client.js';
import { createOpenAiEmbedder } from '../src/adapters/llm/openai-embedder.js';
import { createFileVectorCache } from '../src/adapters/state/file-vector-cache.js';
import { createLibraryStore } from '../src/core/content/library-store.js';
import { createHybridRetriever } from '../src/core/retrieval/hybrid-retriever.js';
import { createLiveRetriever } from '../src/core/retrieval/live-retriever.js';
import { startFakeOpenAiServer } from '../test/fakes/fake-openai-server.js';
import { createRecordingLogger } from '../test/fakes/recording-logger.js';
import { allQuestions, loadQuestionSet, measureQuality, measureQualityOf } from './retrieval-quality.js';
import { type BenchResult, percentile } from './stats.js';

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Hybrid retrieval (BM25 + vectors, RRF) on the real library and question
 * set, against the loopback fake embeddings server. Its vectors are hashed
 * words and trigrams, deterministic and lexical: this measures the plumbing
 * (fusion, caching, the cost of a query embedding on loopback), not what a
 * real embedding model would add. Run it against a real server for that.
 */
export async function runHybridRetrievalBench(): Promise<BenchResult[]> {
  const loaded = await loadLibrary(new URL('../content/', import.meta.url).pathname, {
    now: () => new Date(),
  });
  if (!loaded.ok) throw new Error('content/ is invalid; run tutor content check');
  const set = allQuestions(loadQuestionSet());
  const frequencies = loadEnglishWordFrequencies();
  const server = await startFakeOpenAiServer();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-hybrid-'));
  try {
    const store = createLibraryStore(loaded.library);
    const client = createOpenAiClient({ baseURL: server.url, timeoutMs: 10_000, maxRetries: 0 });
    const open = (fuseConcepts = false) =>
      createHybridRetriever({
        fuseConcepts,
        lexical: createLiveRetriever(store, { frequencies }),
        library: store,
        embedder: createOpenAiEmbedder(client, 'fake-hashed-words'),
        cache: createFileVectorCache(dir),
        logger: createRecordingLogger(),
      });
    let started = performance.now();
    const cold = open();
    await cold.ready();
    const coldMs = performance.now() - started;
    cold.close();
    started = performance.now();
    const hybrid = open();
    await hybrid.ready();
    const warmMs = performance.now() - started;

    const lexical = measureQuality(loaded.library, set, { frequencies });
    const passagesOnly = await measureQualityOf(hybrid, set);
    const conceptsToo = open(true);
    await conceptsToo.ready();
    const fused = await measureQualityOf(conceptsToo, set);
    conceptsToo.close();
    const times: number[] = [];
    for (const { q } of set.onTopic) {
      const t = performance.now();
      await hybrid.search(q);
      times.push(performance.now() - t);
    }
    hybrid.close();
    return [
      {
        name: 'hybrid retrieval (fake hashed-word embeddings: measures the plumbing, not a real model)',
        passages: hybrid.status().passages,
        coldEmbedMs: Math.round(coldMs),
        restartFromCacheMs: Math.round(warmMs),
        embeddedAfterRestart: hybrid.status().embedded,
        queryP50Ms: round(percentile(times, 50)),
        hitAt1Lexical: round(lexical.hitAt1),
        hitAt1Hybrid: round(passagesOnly.hitAt1),
        hitAt1FusedConcepts: round(fused.hitAt1),
        hitAt3Lexical: round(lexical.hitAt3),
        hitAt3Hybrid: round(passagesOnly.hitAt3),
        hitAt3FusedConcepts: round(fused.hitAt3),
        offTopicRejection: round(passagesOnly.offTopicRejection),
        misses: fused.misses.map((m) => `fused concepts: ${m}`),
        falseAccepts: passagesOnly.falseAccepts,
      },
    ];
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}
