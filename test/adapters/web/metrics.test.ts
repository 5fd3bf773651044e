import { describe, expect, it } from 'vitest';
import { createPrismaClickStore } from '../../../src/adapters/db/newsletter/prisma-click-store.js';
import { createPrismaDigestStore } from '../../../src/adapters/db/newsletter/prisma-digest-store.js';
import { createMetricsModule } from '../../../src/adapters/metrics/metrics-module.js';
import { createMetricsRegistry } from '../../../src/adapters/metrics/metrics-registry.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { startFakeAnthropicServer } from '../../fakes/fake-anthropic-server.js';
import { createWebHarness, type WebHarness } from './web-harness.js';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

/** Subscribes an address through the public form, as a visitor would. */
async function subscribe(h: WebHarness, email: string): Promise<number> {
  const client = h.client();
  await client.get('/newsletter');
  return (await client.post('/newsletter/subscribe', { email })).status;
}

const scrape = async (h: WebHarness) => (await h.app.request('/metrics')).text();

describe('GET /metrics', () => {
  it('counts questions by platform and mode, tokens by kind, latency and feedback, in Prometheus text format', async () => {
    const fake = await startFakeAnthropicServer();
    const h = await createWebHarness({
      ANTHROPIC_API_KEY: 'test-key',
      ANTHROPIC_BASE_URL: fake.url,
      ANTHROPIC_MAX_RETRIES: '0',
    });
    try {
      const client = h.client();
      await client.get('/ask');
      const answered = await client.post('/ask', { question: 'What is a token?' });
      await client.post('/ask', { question: 'What is the capital of Peru?' });
      const questionId = /name="questionId" value="([^"]+)"/.exec(answered.text)![1]!;
      const token = /name="token" value="([^"]+)"/.exec(answered.text)![1]!;
      await client.post('/ask/feedback', { questionId, token, vote: 'down', reason: 'too vague' });
      // Chat surfaces go through the same question log, so they are counted too.
      await h.container.tutor.ask({ question: 'What is temperature?', platform: 'slack', userId: 'U1' });

      const res = await h.app.request('/metrics');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(res.headers.get('set-cookie')).toBeNull();
      const text = await res.text();
      expect(text).toContain('# TYPE concept_tutor_questions_total counter');
      expect(text).toContain('concept_tutor_questions_total{platform="web",mode="ai"} 1');
      expect(text).toContain('concept_tutor_questions_total{platform="web",mode="not-covered"} 1');
      expect(text).toContain('concept_tutor_questions_total{platform="slack",mode="ai"} 1');
      expect(text).toContain('concept_tutor_tokens_total{kind="input"} 240');
      expect(text).toContain('concept_tutor_tokens_total{kind="output"} 84');
      expect(text).toContain('concept_tutor_tokens_total{kind="cache_read"} 160');
      expect(text).toContain('# TYPE concept_tutor_answer_latency_seconds histogram');
      expect(text).toContain('concept_tutor_answer_latency_seconds_bucket{mode="ai",le="+Inf"} 2');
      expect(text).toContain('concept_tutor_answer_latency_seconds_count{mode="ai"} 2');
      expect(text).toContain('concept_tutor_feedback_total{vote="down"} 1');
      expect(text).toContain('concept_tutor_library_articles{kind="concept"} 2');
      expect(text).toContain('concept_tutor_library_problems 0');
    } finally {
      await h.close();
      await fake.close();
    }
  });
});

describe('GET /metrics and the newsletter', () => {
  it('does not move when a subscribe names a new address, only at the next background refresh', async () => {
    const h = await createWebHarness({}, { database: true });
    try {
      await h.container.metrics.refreshSnapshots();
      const before = await scrape(h);
      expect(before).toContain('concept_tutor_subscribers{status="pending"} 0');
      expect(await subscribe(h, 'new-person@example.com')).toBe(200);
      expect(await scrape(h)).toBe(before);
      await h.container.metrics.refreshSnapshots();
      const after = await scrape(h);
      expect(after).toContain('concept_tutor_subscribers{status="pending"} 1');
      expect(after.replace('{status="pending"} 1', '{status="pending"} 0')).toBe(before);
    } finally {
      await h.close();
    }
  });

  it('reports link clicks of the four newest issues by link kind, aggregate only, from the background refresh', async () => {
    const h = await createWebHarness({}, { database: true });
    try {
      const prisma = h.container.database!.prisma;
      const digests = createPrismaDigestStore(prisma);
      const clicks = createPrismaClickStore(prisma);
      const now = new Date('2026-11-24T08:00:00Z');
      const weeks = ['2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48'];
      for (const weekKey of weeks)
        await digests.createIssue({
          weekKey,
          conceptSlug: 'token',
          useCaseSlug: 'cost-forecasting',
          scheduledFor: now,
          now,
          reviveSkipped: false,
        });
      let n = 0;
      const click = (weekKey: string, link: string) =>
        clicks.record({
          weekKey,
          conceptSlug: 'token',
          link,
          url: 'https://tutor.example.com/x',
          dedupeKey: `reader-${n++}`,
          dedupeUntil: new Date(now.getTime() + 60_000),
          now,
        });
      for (const weekKey of weeks) expect(await click(weekKey, 'concept')).toBe(true);
      await click('2026-W48', 'concept-link:aaaa1111');
      await click('2026-W48', 'concept-link:bbbb2222');
      await click('2026-W48', 'archive');

      expect(await scrape(h)).not.toContain('concept_tutor_digest_link_clicks{');
      await h.container.metrics.refreshSnapshots();
      const text = await scrape(h);
      expect(text).toContain('# TYPE concept_tutor_digest_link_clicks gauge');
      expect(text).toContain('concept_tutor_digest_link_clicks{week="2026-W48",link="concept-link"} 2');
      expect(text).toContain('concept_tutor_digest_link_clicks{week="2026-W48",link="archive"} 1');
      expect(text).toContain('concept_tutor_digest_link_clicks{week="2026-W45",link="concept"} 1');
      // The fifth-newest issue is left out, and no hash, address or person appears in a label.
      expect(text).not.toContain('2026-W44');
      expect(text).not.toMatch(/aaaa1111|reader-|tutor\.example\.com/);
    } finally {
      await h.close();
    }
  });

  it('is refreshed by the metrics module at start and on its timer, not per scrape', async () => {
    const h = await createWebHarness({}, { database: true });
    const module = createMetricsModule({ refreshEveryMs: 3_600_000 });
    expect(module.status(h.container)).toEqual({
      on: true,
      detail: '/metrics is open (set METRICS_TOKEN to protect it); gauges refreshed every 3600 s',
    });
    try {
      expect(await scrape(h)).not.toContain('concept_tutor_subscribers');
      const running = await module.start({ container: h.container, mount: () => {} });
      expect(await scrape(h)).toContain('concept_tutor_subscribers{status="active"} 0');
      await running.stop();
    } finally {
      await h.close();
    }
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  it('answers 401 without the right bearer token and 200 with it', async () => {
    const h = await createWebHarness({ METRICS_TOKEN });
    try {
      const get = (authorization?: string) =>
        h.app.request('/metrics', authorization ? { headers: { authorization } } : {});
      const missing = await get();
      expect(missing.status).toBe(401);
      expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      expect(await missing.text()).toBe(
        'Unauthorized: send the METRICS_TOKEN as "Authorization: Bearer <token>".\n',
      );
      for (const forged of [
        'Bearer wrong-token-0123456789abcdefgh',
        `Bearer ${METRICS_TOKEN}x`,
        `Bearer ${METRICS_TOKEN.slice(0, -1)}`,
        `Basic ${Buffer.from(`prometheus:${METRICS_TOKEN}`).toString('base64')}`,
        METRICS_TOKEN,
        'Bearer',
        `Bearer ${METRICS_TOKEN} extra`,
      ]) {
        const res = await get(forged);
        expect(res.status, forged).toBe(401);
        expect(await res.text()).not.toContain('concept_tutor');
      }
      // A static token: every scrape presents the same one.
      for (const ok of [`Bearer ${METRICS_TOKEN}`, `bearer ${METRICS_TOKEN}`, `Bearer ${METRICS_TOKEN}`]) {
        const res = await get(ok);
        expect(res.status).toBe(200);
        expect(await res.text()).toContain('concept_tutor_library_articles{kind="concept"} 2');
      }
    } finally {
      await h.close();
    }
  });

  it('refuses a token shorter than 24 characters at startup, without echoing it', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short-token' })).toThrow(
      /METRICS_TOKEN: must be at least 24 characters; generate one with: openssl rand -base64 32 \(the value is hidden because it is a secret\)/,
    );
  });
});

describe('metrics registry', () => {
  it('renders cumulative histogram buckets, sum and count', async () => {
    const registry = createMetricsRegistry();
    const histogram = registry.histogram('demo_seconds', 'Demo.', [1, 0.1]);
    histogram.observe({ mode: 'x' }, 0.05);
    histogram.observe({ mode: 'x' }, 0.5);
    histogram.observe({ mode: 'x' }, 5);
    expect(await registry.render()).toBe(
      [
        '# HELP demo_seconds Demo.',
        '# TYPE demo_seconds histogram',
        'demo_seconds_bucket{mode="x",le="0.1"} 1',
        'demo_seconds_bucket{mode="x",le="1"} 2',
        'demo_seconds_bucket{mode="x",le="+Inf"} 3',
        'demo_seconds_sum{mode="x"} 5.55',
        'demo_seconds_count{mode="x"} 3',
        '',
      ].join('\n'),
    );
  });

  it('escapes label values and help text', async () => {
    const registry = createMetricsRegistry();
    registry.counter('demo_total', 'Line one\nline two \\ done').inc({ path: 'a"b\\c\nd' }, 2);
    const text = await registry.render();
    expect(text).toContain('# HELP demo_total Line one\\nline two \\\\ done');
    expect(text).toContain('demo_total{path="a\\"b\\\\c\\nd"} 2');
  });

  it('leaves out a gauge whose collector fails instead of failing the scrape', async () => {
    const registry = createMetricsRegistry();
    registry.gauge('broken', 'Broken.', async () => {
      throw new Error('database down');
    });
    registry.gauge('fine', 'Fine.', async () => [{ labels: {}, value: 3 }]);
    const text = await registry.render();
    expect(text).not.toContain('broken');
    expect(text).toContain('fine 3');
  });

  it('shows a snapshot gauge as of its last refresh, and leaves it out while its collector fails', async () => {
    const registry = createMetricsRegistry();
    let value = 1;
    let failing = false;
    registry.snapshotGauge('snap', 'Snap.', async () => {
      if (failing) throw new Error('database down');
      return [{ labels: {}, value }];
    });
    expect(await registry.render()).toBe('\n');
    await registry.refreshSnapshots();
    value = 2;
    expect(await registry.render()).toContain('snap 1');
    await registry.refreshSnapshots();
    expect(await registry.render()).toContain('snap 2');
    failing = true;
    await registry.refreshSnapshots();
    expect(await registry.render()).not.toContain('snap');
  });

  it('refuses a duplicate or invalid metric name', () => {
    const registry = createMetricsRegistry();
    registry.counter('x_total', 'X.');
    expect(() => registry.counter('x_total', 'X.')).toThrow(/already registered/);
    expect(() => registry.counter('bad-name', 'X.')).toThrow(/invalid metric name/);
  });
});
