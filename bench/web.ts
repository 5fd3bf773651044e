import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createWebApp } from '../src/adapters/web/create-web-app.js';
import { startHttpServer } from '../src/adapters/web/http-server.js';
import { webDepsFrom } from '../src/adapters/web/web-deps-from.js';
import { loadConfig } from '../src/config/load-config.js';
import { createContainer } from '../src/container.js';
import { createRecordingLogger } from '../test/fakes/recording-logger.js';
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
    return Object.entries(results).map(([page, r]) => ({
      name: `web: ${page}`,
      'p50 ms': r.p50,
      'p95 ms': r.p95,
      'requests/s': r.perSecond,
    }));
  } finally {
    await http.close();
    await container.close();
    await rm(dir, { recursive: true, force: true });
  }
}
