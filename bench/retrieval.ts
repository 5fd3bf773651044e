import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { loadLibrary, openContentLibrary } from '../src/adapters/content/content-library.js';
import { loadEnglishWordFrequencies } from '../src/adapters/content/english-word-frequencies.js';
import type { Library } from '../src/core/content/types.js';
import type { Logger } from '../src/core/ports.js';
import { createCorpusRetriever, createRetriever } from '../src/core/retrieval/create-retriever.js';
import { createLiveRetriever } from '../src/core/retrieval/live-retriever.js';
import { libraryPassages } from '../src/core/retrieval/passages.js';
import { createRetrievalCorpus, type RetrievalCorpus } from '../src/core/retrieval/retrieval-corpus.js';
import { processTerm, queryWords, tokenize } from '../src/core/retrieval/terms.js';
import type { WordFrequencies } from '../src/core/retrieval/word-frequencies.js';
import { allQuestions, HALVES, loadQuestionSet, measureQuality } from './retrieval-quality.js';
import { type BenchResult, percentile } from './stats.js';
import {
  syntheticConceptFile,
  syntheticFiles,
  syntheticLibrary,
  syntheticQueries,
  syntheticRandom,
} from './synthetic-library.js';

const round = (ms: number) => Math.round(ms * 1000) / 1000;
const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** p50/p99 of `run` over every query, `rounds` times, after a warm-up. */
function timeQueries(queries: readonly string[], rounds: number, run: (q: string) => unknown) {
  for (const q of queries.slice(0, 50)) run(q); // warm-up
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t = performance.now();
      run(q);
      times.push(performance.now() - t);
    }
  }
  return { queries: times.length, p50Ms: round(percentile(times, 50)), p99Ms: round(percentile(times, 99)) };
}

/** Builds something, measuring the time and the heap it retains. */
function measureBuild<T>(build: () => T): { value: T; buildMs: number; heapMiB: number } {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const value = build();
  const buildMs = Math.round(performance.now() - started);
  globalThis.gc?.();
  return { value, buildMs, heapMiB: mib(process.memoryUsage().heapUsed - heapBefore) };
}

/**
 * The raw index lookup a search starts with: the query tokenized and stemmed,
 * then the typed-array BM25 index with the search's own expansion rules.
 * Everything a search does beyond this is its overhead.
 */
function indexLookup(corpus: RetrievalCorpus, frequencies: WordFrequencies) {
  const { index } = corpus;
  return (query: string) => {
    const words = queryWords(query);
    const everyday = new Set(words.filter((w) => frequencies.perMillion(w.word) > 0).map((w) => w.term));
    return index.search(
      words.map((w) => w.term),
      {
        prefix: (term) => term.length >= 4 && !index.has(term) && !everyday.has(term),
        fuzzy: (term) =>
          term.length >= 6 && !index.has(term) && !everyday.has(term) ? Math.round(term.length * 0.15) : 0,
        termBoost: () => 1,
        limit: 200,
      },
    );
  };
}

/** MiniSearch 7 over the same passages, fields, boosts, tokenizer and stemmer: the anchor. */
function miniSearchOver(library: Library) {
  const passages = libraryPassages(library).map((p) => ({
    ...p,
    heading: p.kind === 'section' ? p.section : '',
  }));
  const index = new MiniSearch({
    fields: ['title', 'aliases', 'question', 'heading', 'text'],
    tokenize,
    processTerm: (t) => processTerm(t) ?? false,
  });
  index.addAll(passages);
  return (query: string) =>
    index.search(query, {
      boost: { title: 3, aliases: 1.5, question: 2, heading: 1.5 },
      prefix: (t) => t.length >= 4 && !index.has(t),
      fuzzy: (t) => (t.length >= 6 ? 0.15 : false),
      weights: { prefix: 0.4, fuzzy: 0.3 },
    });
}

/** Our search beside our raw index lookup and MiniSearch, on one library and one query set. */
function latency(
  name: string,
  library: Library,
  queries: string[],
  rounds: number,
  frequencies: WordFrequencies,
  target: string,
): BenchResult {
  const built = measureBuild(() => createRetrievalCorpus(library));
  const retriever = createCorpusRetriever(built.value, { frequencies });
  const ours = timeQueries(queries, rounds, (q) => retriever.search(q));
  const index = timeQueries(queries, rounds, indexLookup(built.value, frequencies));
  const mini = measureBuild(() => miniSearchOver(library));
  const anchor = timeQueries(queries, rounds, mini.value);
  return {
    name,
    concepts: library.concepts.length,
    passages: retriever.passageCount,
    queries: ours.queries,
    buildMs: built.buildMs,
    indexHeapMiB: built.heapMiB,
    p50Ms: ours.p50Ms,
    p99Ms: ours.p99Ms,
    indexP50Ms: index.p50Ms,
    indexP99Ms: index.p99Ms,
    overP50: Math.round((ours.p50Ms / index.p50Ms) * 10) / 10,
    miniSearchBuildMs: mini.buildMs,
    miniSearchHeapMiB: mini.heapMiB,
    miniSearchP50Ms: anchor.p50Ms,
    miniSearchP99Ms: anchor.p99Ms,
    target,
  };
}

const quietLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return quietLogger;
  },
};

/**
 * A one-file edit at `count` concepts through the real reload path: the file
 * is rewritten on disk, then the content library reloads the changed path
 * and the live retriever re-indexes it. Timed from the reload call to the
 * new words being searchable; the full reload and rebuild of the same
 * library is measured beside it.
 */
async function singleFileReindex(
  count: number,
  edits: number,
  frequencies: WordFrequencies,
): Promise<BenchResult> {
  const root = mkdtempSync(path.join(tmpdir(), 'tutor-reindex-bench-'));
  try {
    mkdirSync(path.join(root, 'concepts'));
    for (const file of syntheticFiles(count)) writeFileSync(path.join(root, file.path), file.text);
    const clock = { now: () => new Date() };
    const fullStarted = performance.now();
    const loaded = await loadLibrary(root, clock);
    if (!loaded.ok) throw new Error('synthetic library invalid');
    createRetriever(loaded.library, { frequencies });
    const fullMs = performance.now() - fullStarted;
    const content = await openContentLibrary({ root, watch: false, logger: quietLogger, clock });
    const live = createLiveRetriever(content.store, { frequencies });
    const random = syntheticRandom(99);
    const times: number[] = [];
    for (let i = 0; i < edits; i++) {
      const slug = `concept-${Math.floor(random() * count)}`;
      const file = syntheticConceptFile(slug, `edit${i}`, random);
      writeFileSync(path.join(root, file.path), file.text);
      const started = performance.now();
      const result = await content.reload([file.path]);
      times.push(performance.now() - started);
      if (!result.ok || live.search(`termedit${i}`).concepts[0]?.slug !== slug)
        throw new Error(`edit ${i} of ${slug} is not live`);
    }
    await content.close();
    return {
      name: `single-file reindex, synthetic ${count.toLocaleString('en')} concepts`,
      concepts: count,
      edits,
      p50Ms: round(percentile(times, 50)),
      maxMs: round(Math.max(...times)),
      fullReloadMs: Math.round(fullMs),
      target: 'live < 200 ms (plus the watcher’s 150 ms debounce)',
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Retrieval latency beside its index and MiniSearch, index build time and memory, reindex, and quality. */
export async function runRetrievalBench(): Promise<BenchResult[]> {
  const loaded = await loadLibrary(new URL('../content/', import.meta.url).pathname, {
    now: () => new Date(),
  });
  if (!loaded.ok) throw new Error('content/ is invalid; run tutor content check');
  const set = loadQuestionSet();
  const frequencies = loadEnglishWordFrequencies();
  const all = allQuestions(set);
  const questions = [...all.onTopic.map((q) => q.q), ...all.offTopic.map((q) => q.q)];
  const results: BenchResult[] = [
    latency('retrieval, real library', loaded.library, questions, 20, frequencies, 'p50 < 2 ms'),
  ];
  for (const size of [2000, 10_000]) {
    results.push(
      latency(
        `retrieval, synthetic ${size.toLocaleString('en')} concepts`,
        syntheticLibrary(size),
        syntheticQueries(500),
        2,
        frequencies,
        size === 10_000 ? 'p50 < 3 ms, p99 < 15 ms, p50 ≤ 2× index' : 'p50 < 2 ms',
      ),
    );
    globalThis.gc?.();
  }
  results.push(await singleFileReindex(2000, 20, frequencies));
  // The held-out half is never tuned on: it is the honest figure.
  return [
    ...results,
    ...HALVES.map((half) => {
      const quality = measureQuality(loaded.library, set[half], { frequencies });
      return {
        name: `retrieval quality, ${half === 'tuning' ? 'tuning half' : 'held-out half'}`,
        onTopic: quality.onTopic,
        offTopic: quality.offTopic,
        hitAt1: Math.round(quality.hitAt1 * 1000) / 1000,
        hitAt3: Math.round(quality.hitAt3 * 1000) / 1000,
        offTopicRejection: Math.round(quality.offTopicRejection * 1000) / 1000,
        target: 'hit@1 >= 0.95, hit@3 >= 0.98, rejection = 1',
        misses: quality.misses,
        falseAccepts: quality.falseAccepts,
      };
    }),
  ];
}
