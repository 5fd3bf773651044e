import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionRecord } from '../../../src/core/ports.js';
import { createWebHarness, mainText, type WebClient, type WebHarness } from './web-harness.js';

let h: WebHarness;
let admin: WebClient;

function record(overrides: Partial<QuestionRecord>): QuestionRecord {
  return {
    text: 'What is a token?',
    platform: 'slack',
    userHash: 'u1',
    mode: 'ai',
    covered: true,
    sources: [{ slug: 'token', title: 'Token', section: 'What it is' }],
    model: 'claude-test',
    usage: { inputTokens: 1000, outputTokens: 200, cacheReadTokens: 500, cacheWriteTokens: 50 },
    latencyMs: 1500,
    ...overrides,
  };
}

beforeAll(async () => {
  h = await createWebHarness({ DAILY_TOKEN_BUDGET: '100000' });
  const log = h.container.questionLog;
  const notCovered = {
    mode: 'not-covered' as const,
    covered: false,
    sources: [],
    usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
  };
  // 40 days ago: outside the gap window and the 30-day totals.
  await log.record(record({ text: 'Ancient agent question', ...notCovered }));
  h.clock.advance(40 * 24 * 60 * 60 * 1000);
  await log.record(record({ text: 'How do agents remember things?', ...notCovered }));
  await log.record(record({ text: 'What is agent memory?', ...notCovered }));
  await log.record(record({ text: 'What is agent memory?', ...notCovered }));
  await log.record(record({ text: 'What is <b>MCP</b>?', ...notCovered }));
  await log.record(record({ text: 'Is the weather nice?', ...notCovered }));
  // Retrieval matched these, the model said the passages do not answer them.
  const refused = { ...notCovered, mode: 'model-refused' as const, model: 'claude-test' };
  await log.record(record({ text: 'How do tokens work in the arcade?', ...refused }));
  await log.record(record({ text: 'Do arcade tokens expire?', ...refused }));
  const bad = await log.record(
    record({
      text: 'Why is temperature random?',
      mode: 'extractive',
      usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
    }),
  );
  await log.setFeedback(bad.id, -1, 'Quoted the wrong <script>section</script>');
  const good = await log.record(record({ text: 'What is a token?' }));
  await log.setFeedback(good.id, 1);
  admin = h.client();
  await admin.login();
});
afterAll(async () => {
  await h.close();
});

describe('/admin/questions', () => {
  it('groups recent "not covered" questions by topic so the admin sees what to write next', async () => {
    const { status, text } = await admin.get('/admin/questions');
    expect(status).toBe(200);
    const main = mainText(text.slice(text.indexOf('id="gaps"'), text.indexOf('id="feedback"')));
    expect(main).toContain('5 question(s) in the last 30 days that the library could not answer');
    expect(main).toMatch(/agent · memory \(3\)/);
    expect(main).toMatch(/What is agent memory\? ×2/);
    expect(main).not.toContain('Ancient agent question');
    expect(main).toContain('Other questions (2)');
  });

  it('lists questions the model refused apart from those the library did not match', async () => {
    const { text } = await admin.get('/admin/questions');
    const gaps = mainText(text.slice(text.indexOf('id="gaps"'), text.indexOf('id="model-refused"')));
    const refused = mainText(text.slice(text.indexOf('id="model-refused"'), text.indexOf('id="feedback"')));
    expect(gaps).not.toContain('arcade');
    expect(refused).toContain('2 question(s) in the last 30 days where retrieval found passages');
    expect(refused).toContain('arcade · tokens (2)');
    expect(refused).toContain('Do arcade tokens expire?');
  });

  it('shows 👎 feedback with its reason, escaped', async () => {
    const { text } = await admin.get('/admin/questions');
    expect(text).toContain('Quoted the wrong &lt;script&gt;section&lt;/script&gt;');
    expect(text).not.toContain('<script>section');
    expect(mainText(text)).toContain('Why is temperature random?');
  });

  it('shows token totals per period and against the daily budget', async () => {
    const { text } = await admin.get('/admin/questions');
    const row = (label: string) =>
      mainText(
        /<tr><th scope="row">([^<]*)<\/th>[\s\S]*?<\/tr>/g.exec(
          text.slice(text.indexOf(`>${label}<`) - 20),
        )![0],
      );
    // Today: 9 questions (5 not covered, 2 model refused, 1 quoted, 1 AI) of which only the AI one used tokens.
    expect(row('Today (UTC)')).toBe('Today (UTC) 9 1 1 5 2 1,000 200 500 50 1 1');
    expect(row('All time')).toBe('All time 10 1 1 6 2 1,000 200 500 50 1 1');
    expect(mainText(text)).toContain('1,200 of 100,000 used today');
  });

  it('lists recent questions with platform, mode, linked sources and votes, escaping question text', async () => {
    const { text } = await admin.get('/admin/questions');
    expect(text).toContain('What is &lt;b&gt;MCP&lt;/b&gt;?');
    expect(text).not.toContain('<b>MCP</b>');
    expect(text).toContain('<a href="/concepts/token">Token</a>');
    expect(text).toMatch(/<td>slack<\/td><td>What is a token\?<\/td><td>ai<\/td>/);
  });

  it('is only for admins', async () => {
    expect((await h.client().get('/admin/questions')).status).toBe(303);
  });
});

describe('/admin overview', () => {
  it('summarises the library and today’s questions', async () => {
    const main = mainText((await admin.get('/admin')).text);
    expect(main).toContain('2 concepts');
    expect(main).toContain('9 questions today');
    expect(main).toContain('5 not covered today');
  });
});
