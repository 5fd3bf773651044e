import { renderAnswer } from '../src/adapters/slack/render/answer-blocks.js';
import { DEFAULT_DRAFT_INTERVAL_MS } from '../src/adapters/slack/slack-deps.js';
import { createScriptedModel } from '../test/adapters/slack/support/scripted-model.js';
import { startSlackHarness } from '../test/adapters/slack/support/slack-harness.js';
import { slackFixture } from '../test/adapters/slack/support/slack-requests.js';
import { startFakeSlackApi } from '../test/fakes/fake-slack-api.js';
import { createFixtureTutor } from '../test/fakes/fixture-tutor.js';
import { type BenchResult, percentile } from './stats.js';

const round = (ms: number) => Math.round(ms * 100) / 100;

/**
 * A streamed answer in an assistant thread, on loopback, with a model that
 * writes for about two seconds (40 pieces, 50 ms apart) and the service's
 * default draft interval (the first words wait at most 300 ms): from the signed event to chat.startStream (the
 * first characters people see) and to chat.stopStream (the answer done,
 * with its sources and buttons).
 */
async function streamTimes(): Promise<BenchResult[]> {
  const fake = await startFakeSlackApi();
  const model = createScriptedModel({ chunks: 40, pauseMs: 50 });
  const fixture = await createFixtureTutor(model, { perUser: 0, windowMs: 60_000, dailyTokenBudget: 0 });
  const harness = await startSlackHarness({
    fake,
    tutor: fixture.tutor,
    questionLog: fixture.log,
    settings: { streaming: true, draftIntervalMs: DEFAULT_DRAFT_INTERVAL_MS },
  });
  const answer =
    'About three quarters of a word in English, so 100 tokens are roughly 75 words; code and other languages use more.';
  const first: number[] = [];
  const done: number[] = [];
  try {
    for (let i = 0; i < 10; i++) {
      model.script.push({ text: answer });
      const payload = slackFixture('message-assistant');
      payload.event.ts = payload.event.event_ts = `1760000910.${String(i).padStart(6, '0')}`;
      const started = performance.now();
      await harness.send.event(payload);
      const [start] = await fake.waitFor(() => {
        const calls = fake.calls.filter((c) => c.method === 'chat.startStream');
        return calls.length > i ? [calls[i]!] : undefined;
      }, 10_000);
      const [stop] = await fake.waitFor(() => {
        const calls = fake.calls.filter((c) => c.method === 'chat.stopStream');
        return calls.length > i ? [calls[i]!] : undefined;
      }, 10_000);
      first.push(start!.at - started);
      done.push(stop!.at - started);
    }
    await harness.settle();
  } finally {
    await harness.close();
    await fake.close();
  }
  return [
    {
      name: `slack: assistant thread to first streamed characters (chat.startStream; ${DEFAULT_DRAFT_INTERVAL_MS} ms between appends, model writing for ~2 s)`,
      requests: first.length,
      p50_ms: round(percentile(first, 50)),
      p95_ms: round(percentile(first, 95)),
    },
    {
      name: 'slack: assistant thread to chat.stopStream (answer, sources and buttons shown)',
      requests: done.length,
      p50_ms: round(percentile(done, 50)),
      p95_ms: round(percentile(done, 95)),
    },
  ];
}

/**
 * The Slack adapter on loopback: how fast a signed event is acknowledged
 * while the answer is still being written (Slack's deadline is 3 s), how long
 * a mention takes to its final chat.update with the model held to zero time,
 * how long rendering a maximum-length answer takes, and how soon a streamed
 * answer shows its first characters and ends.
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
    const streamed = await streamTimes();
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
      ...streamed,
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
