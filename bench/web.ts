import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createWebApp } from '../src/adapters/web/create-web-app.js';
import { startHttpServer } from '../src/adapters/web/http-server.js';
import { webDepsFrom } from '../src/adapters/web/web-deps-from.js';
import { loadConfig } from '../src/config/load-config.js';
import { createContainer } from '../src/container.js';
import { createRecordingLogger } from '../test/fakes/recording-logger.js';
import { type LoadResult, loadTest } from './http-load.js';
import { type BenchResult, percentile } from './stats.js';

const round = (ms: number) => Math.round(ms * 100) / 100;

async function time(
  runs: number,
  request: () => Promise<Response>,
): Promise<{ p50: number; p95: number; perSecond: number }> {
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const response = await request();
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    samples.push(performance.now() - t);
  }
  return {
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    perSecond: Math.round(runs / ((performance.now() - started) / 1000)),
  };
}

/**
 * The web pages over a real loopback HTTP server with the real content
 * library: rendering an article, the home page, an extractive Ask answer
 * (CSRF, visitor cookie, retrieval, question log, rendering) and a /metrics
 * scrape, one request at a time.
 */
export async function runWebBench(): Promise<BenchResult[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ct-bench-web-'));
  const config = loadConfig({
    CONTENT_DIR: path.resolve(import.meta.dirname, '../content'),
    CONTENT_WATCH: 'false',
    DATA_DIR: dir,
    CHAT_RATE_LIMIT: '0',
    PUBLIC_RATE_LIMIT: '0',
  });
  const container = await createContainer({ config, logger: createRecordingLogger(), database: false });
  const http = await startHttpServer({
    app: createWebApp(webDepsFrom(container)),
    port: 0,
    host: '127.0.0.1',
    logger: container.logger,
  });
  const base = `http://127.0.0.1:${http.port}`;
  try {
    const form = await fetch(`${base}/ask`);
    const cookie = form.headers.get('set-cookie')!.split(';')[0]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const questions = [
      'What is RAG?',
      'How do embeddings work?',
      'What is a context window?',
      'When should we fine-tune?',
      'What is prompt injection?',
    ];
    let asked = 0;
    const results = {
      concept: await time(500, () => fetch(`${base}/concepts/rag`)),
      home: await time(500, () => fetch(`${base}/`)),
      ask: await time(200, () =>
        fetch(`${base}/ask`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: csrf, question: questions[asked++ % questions.length]! }),
        }),
      ),
      metrics: await time(200, () => fetch(`${base}/metrics`)),
    };
    return [
      ...Object.entries(results).map(([page, r]) => ({
        name: `web: ${page}`,
        'p50 ms': r.p50,
        'p95 ms': r.p95,
        'requests/s': r.perSecond,
      })),
      ...(await runPageThroughput(http.port)),
    ];
  } finally {
    await http.close();
    await container.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** How hard the throughput rounds push: connections at once, requests per round, rounds per target. */
const LOAD = { connections: 16, warmup: 500, requests: 5_000, rounds: 7 };

/** The target: a concept page at no less than this share of the bare-hono floor. */
const CONCEPT_TARGET_RATIO = 0.3;

/** Bare hono on @hono/node-server answering every GET with one fixed string: the floor for any page. */
async function startBareHono(body: string): Promise<{ port: number; close(): Promise<void> }> {
  const app = new Hono();
  app.get('*', (c) => c.html(body));
  let port = 0;
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      port = info.port;
      resolve(s);
    });
  });
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

/** One round against one target, checked: anything but `expect` on every request is a broken bench. */
async function loadRound(
  name: string,
  port: number,
  path: string,
  expect: number,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  const result = await loadTest({ ...LOAD, port, path, headers });
  if (result.statuses[expect] !== result.requests)
    throw new Error(`${name}: expected ${expect} for every request, got ${JSON.stringify(result.statuses)}`);
  return result;
}

const median = (values: readonly number[]) => percentile(values, 50);

/** One measured target: its rounds, each paired with the floor round run just before it. */
interface Target {
  name: string;
  port: number;
  path: string;
  status: number;
  headers?: Record<string, string>;
  target?: number;
  rounds: Array<{ result: LoadResult; floor: number }>;
}

/**
 * Concurrent throughput of the concept page (a first visit: no cookie, no
 * validator), of its revalidation (If-None-Match, answered 304) and of
 * /healthz, each beside bare hono on @hono/node-server sending a static
 * string of the concept page's size, started here, in the same run. Each
 * round runs the floor and then every target, and a target's ratio is the
 * median of its rounds' ratios to the floor of the same round: on a shared
 * machine, load from elsewhere then hits both sides of a ratio alike.
 */
export async function runPageThroughput(appPort: number): Promise<BenchResult[]> {
  const path = '/concepts/rag';
  const page = await fetch(`http://127.0.0.1:${appPort}${path}`);
  const body = await page.text();
  const etag = page.headers.get('etag');
  const bare = await startBareHono(body);
  const targets: Target[] = [
    {
      name: `web: concept page, ${LOAD.connections} connections`,
      port: appPort,
      path,
      status: 200,
      target: CONCEPT_TARGET_RATIO,
      rounds: [],
    },
    ...(etag
      ? [
          {
            name: 'web: concept page revalidated (304)',
            port: appPort,
            path,
            status: 304,
            headers: { 'If-None-Match': etag },
            rounds: [],
          },
        ]
      : []),
    { name: 'web: /healthz', port: appPort, path: '/healthz', status: 200, rounds: [] },
  ];
  const floor: LoadResult[] = [];
  try {
    for (let i = 0; i < LOAD.rounds; i++) {
      const base = await loadRound('bare hono', bare.port, '/', 200);
      floor.push(base);
      for (const t of targets)
        t.rounds.push({
          result: await loadRound(t.name, t.port, t.path, t.status, t.headers),
          floor: base.perSecond,
        });
    }
  } finally {
    await bare.close();
  }
  const anchor = `bare hono on @hono/node-server, static ${Buffer.byteLength(body)} B string`;
  return [
    ...targets.map((t): BenchResult => {
      const ratio = Math.round(median(t.rounds.map((r) => r.result.perSecond / r.floor)) * 1000) / 1000;
      const perSecond = median(t.rounds.map((r) => r.result.perSecond));
      return {
        name: t.name,
        value: perSecond,
        unit: 'req/s',
        anchorValue: median(floor.map((r) => r.perSecond)),
        'requests/s': perSecond,
        'requests/s, rounds': t.rounds.map((r) => r.result.perSecond).join(' '),
        'p50 ms': median(t.rounds.map((r) => r.result.p50ms)),
        'p99 ms': median(t.rounds.map((r) => r.result.p99ms)),
        anchor,
        'anchor requests/s': median(floor.map((r) => r.perSecond)),
        ratio,
        ...(t.target === undefined ? {} : { target: `>= ${t.target}x`, met: ratio >= t.target }),
      };
    }),
    {
      name: 'web: floor, bare hono',
      'requests/s': median(floor.map((r) => r.perSecond)),
      'requests/s, rounds': floor.map((r) => r.perSecond).join(' '),
      'p50 ms': median(floor.map((r) => r.p50ms)),
      'p99 ms': median(floor.map((r) => r.p99ms)),
      'body bytes': floor[0]?.bodyBytes,
    },
  ];
}
