import { renderAnswer } from '../src/adapters/slack/render/answer-blocks.js';
import { createScriptedModel } from '../test/adapters/slack/support/scripted-model.js';
import { startSlackHarness } from '../test/adapters/slack/support/slack-harness.js';
import { slackFixture } from '../test/adapters/slack/support/slack-requests.js';
import { startFakeSlackApi } from '../test/fakes/fake-slack-api.js';
import { createFixtureTutor } from '../test/fakes/fixture-tutor.js';
import { type BenchResult, percentile } from './stats.js';

const round = (ms: number) => Math.round(ms * 100) / 100;

/**
 * The Slack adapter on loopback: how fast a signed event is acknowledged
 * while the answer is still being written (Slack's deadline is 3 s), how long
 * a mention takes to its final chat.update with the model held to zero time,
 * and how long rendering a maximum-length answer takes.
 */
export async function runSlackBench(): Promise<BenchResult[]> {
  const fake = await startFakeSlackApi();
  const model = createScriptedModel();
  const fixture = await createFixtureTutor(model, { perUser: 0, windowMs: 60_000, dailyTokenBudget: 0 });
  const harness = await startSlackHarness({ fake, tutor: fixture.tutor, questionLog: fixture.log });
  const event = (i: number) => {
    const payload = slackFixture('app-mention');
    payload.event.ts = payload.event.event_ts = `1760000100.${String(i).padStart(6, '0')}`;
    return payload;
  };
  try {
    let release!: () => void;
    model.gate = new Promise((resolve) => (release = resolve));
    const acks: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      const response = await harness.send.event(event(i));
      acks.push(performance.now() - started);
      if (response.status !== 200) throw new Error(`ack ${i}: HTTP ${response.status}`);
    }
    release();
    await harness.settle();
    model.gate = undefined;

    const answers: number[] = [];
    for (let i = 200; i < 300; i++) {
      const before = fake.callsTo('chat.update').length;
      const started = performance.now();
      await harness.send.event(event(i));
      await fake.waitFor(() => fake.callsTo('chat.update').length > before, 10_000);
      answers.push(performance.now() - started);
    }

    const long = Array.from({ length: 120 }, (_, i) =>
      i % 12 === 5
        ? `\`\`\`python\n${'tokens = count(prompt)\n'.repeat(12)}\`\`\``
        : `Paragraph ${i}: **tokens** are how a [model](https://example.com) reads text.`,
    ).join('\n\n');
    const renders: number[] = [];
    const usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      renderAnswer(
        {
          answer: long,
          sources: [{ slug: 'token', title: 'Token' }],
          mode: 'ai',
          notices: [],
          suggestions: [],
          questionId: 'q',
          usage,
        },
        { publicUrl: 'https://tutor.example.com' },
      );
      renders.push(performance.now() - started);
    }
    return [
      {
        name: 'slack: signed event to HTTP 200 (answer still pending)',
        requests: acks.length,
        p50_ms: round(percentile(acks, 50)),
        p95_ms: round(percentile(acks, 95)),
        max_ms: round(Math.max(...acks)),
      },
      {
        name: 'slack: mention to final chat.update (model answers instantly)',
        requests: answers.length,
        p50_ms: round(percentile(answers, 50)),
        p95_ms: round(percentile(answers, 95)),
      },
      {
        name: `slack: render a ${long.length.toLocaleString('en-US')}-character answer to Block Kit`,
        runs: renders.length,
        p50_ms: round(percentile(renders, 50)),
        p95_ms: round(percentile(renders, 95)),
      },
    ];
  } finally {
    await harness.close();
    await fake.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const result of await runSlackBench()) console.log(JSON.stringify(result));
  process.exit(0);
}
