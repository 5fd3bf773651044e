import { describe, expect, it } from 'vitest';
import { createMetricsRegistry } from '../../../src/adapters/metrics/metrics-registry.js';
import { startFakeAnthropicServer } from '../../fakes/fake-anthropic-server.js';
import { createWebHarness } from './web-harness.js';

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

  it('refuses a duplicate or invalid metric name', () => {
    const registry = createMetricsRegistry();
    registry.counter('x_total', 'X.');
    expect(() => registry.counter('x_total', 'X.')).toThrow(/already registered/);
    expect(() => registry.counter('bad-name', 'X.')).toThrow(/invalid metric name/);
  });
});
