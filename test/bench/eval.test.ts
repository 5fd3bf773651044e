import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createJudge,
  judgeAgreement,
  loadJudgeSample,
  parseVerdicts,
  splitSentences,
} from '../../bench/eval/judge.js';
import { evalMain, parseEvalArgs } from '../../bench/eval/main.js';
import { runEval, summarise } from '../../bench/eval/run-eval.js';
import { loadQuestionSet } from '../../bench/retrieval-quality.js';
import { loadLibrary } from '../../src/adapters/content/content-library.js';
import { createAnthropicModel } from '../../src/adapters/llm/anthropic-model.js';
import { type FakeAnthropicServer, startFakeAnthropicServer } from '../fakes/fake-anthropic-server.js';
import { createRecordingLogger } from '../fakes/recording-logger.js';
import { englishFrequencies } from '../fixtures/english-frequencies.js';

const CONTENT = new URL('../../content/', import.meta.url).pathname;
const loaded = await loadLibrary(CONTENT, { now: () => new Date() });
if (!loaded.ok) throw new Error('content/ is invalid');
const library = loaded.library;

/** Every 4th question of the tuning half: a small, fixed subset, answered extractively as CI has no key. */
function subset() {
  const { tuning } = loadQuestionSet();
  const every4 = <T>(items: T[]) => items.filter((_, i) => i % 4 === 0);
  return { tuning: { onTopic: every4(tuning.onTopic), offTopic: every4(tuning.offTopic) } };
}

describe('npm run eval without a key (CI)', () => {
  it('runs the whole tutor on a subset, refusing every off-topic question and citing the right concept', async () => {
    const rows = await runEval({ library, frequencies: englishFrequencies(), llm: null, halves: subset() });
    const summary = summarise(rows);
    expect(summary.offTopic).toBeGreaterThan(20);
    expect(summary.onTopic).toBeGreaterThan(30);
    // A refusal regression on any of these fails CI, named.
    expect(rows.filter((r) => !r.refusedRight).map((r) => r.question)).toEqual([]);
    expect(summary.offTopicRefused).toBe(1);
    // Extractive answers quote one passage: the expected concept's, nearly always.
    expect(
      summary.citedRight,
      JSON.stringify(rows.filter((r) => r.citedRight === false)),
    ).toBeGreaterThanOrEqual(0.9);
    for (const row of rows) {
      expect(row.mode).toBe(row.expected === null ? 'not-covered' : 'extractive');
      expect(row.inputTokens + row.outputTokens).toBe(0);
      expect(row.faithfulness).toBeNull();
      if (row.refused) expect(row.cited).toEqual([]);
    }
  });

  describe('the command', () => {
    let out: string;
    beforeAll(async () => {
      out = await mkdtemp(path.join(tmpdir(), 'eval-'));
    });
    afterAll(() => rm(out, { recursive: true, force: true }));

    it('prints a table and a summary, says what it could not check, and writes versioned JSON', async () => {
      const stdout: string[] = [];
      const code = await evalMain(['--half', 'held-out', '--every', '10', '--judge', '--out', out], {
        stdout: (t) => stdout.push(t),
        stderr: (t) => stdout.push(t),
        env: { CONTENT_DIR: CONTENT },
      });
      expect(code).toBe(0);
      const text = stdout.join('');
      expect(text).toMatch(
        /^half\s+expected\s+mode\s+refused\s+cited\s+chars\s+tokens\s+ms\s+faithful\s+question/,
      );
      expect(text).toMatch(/heldOut\s+\d+ questions: off-topic refused/);
      expect(text).toContain('not checked: model answers and model refusals: no ANTHROPIC_API_KEY');
      expect(text).toContain('not checked: faithfulness: --judge needs ANTHROPIC_API_KEY');
      const [file] = await readdir(out);
      const report = JSON.parse(await readFile(path.join(out, file!), 'utf8'));
      expect(file).toMatch(/^eval-.*\.json$/);
      expect(report.version).toMatchObject({ answering: 'extractive (no ANTHROPIC_API_KEY)' });
      expect(report.version.questions).toMatch(/^[0-9a-f]{12}$/);
      expect(report.rows.length).toBe(report.summary.all.questions);
      expect(report.rows[0]).toEqual(
        expect.objectContaining({
          half: 'heldOut',
          refusedRight: expect.any(Boolean),
          latencyMs: expect.any(Number),
        }),
      );
    });

    it('names a bad option and shows how to use it', async () => {
      const stderr: string[] = [];
      const io = { stdout: () => {}, stderr: (t: string) => stderr.push(t), env: { CONTENT_DIR: CONTENT } };
      expect(await evalMain(['--halve', 'tuning'], io)).toBe(2);
      expect(stderr.join('')).toContain('unknown option --halve');
      expect(parseEvalArgs(['--half', 'both'])).toEqual({
        error: '--half must be tuning, held-out or all, got "both"',
      });
      expect(parseEvalArgs(['--every', '0'])).toEqual({
        error: '--every must be a whole number of 1 or more',
      });
    });
  });
});

describe('the faithfulness judge', () => {
  let fake: FakeAnthropicServer;
  beforeAll(async () => {
    fake = await startFakeAnthropicServer();
  });
  afterAll(() => fake.close());

  const model = () =>
    createAnthropicModel({
      apiKey: 'sk-test-not-real',
      model: 'claude-haiku-5-5',
      baseURL: fake.url,
      timeoutMs: 5000,
      maxRetries: 0,
      logger: createRecordingLogger(),
    });

  it('splits an answer into claims, dropping a bold title line and list markers', () => {
    expect(
      splitSentences('**Token: What it is**\n\nA token is a piece. It is billed.\n- One more thing.'),
    ).toEqual(['A token is a piece.', 'It is billed.', 'One more thing.']);
  });

  it('asks through the LanguageModel port with the repo prompt, the cited passages and numbered sentences', async () => {
    fake.requests.length = 0;
    fake.enqueue({
      kind: 'answer',
      blocks: [{ text: '{"verdicts":[{"n":1,"supported":true},{"n":2,"supported":false}]}' }],
    });
    const verdicts = await createJudge(model()).grade('Tokens are word pieces. They cost nothing.', [
      { title: 'Token: What it is', text: 'A token is a piece of a word.' },
    ]);
    expect(verdicts).toEqual([
      { sentence: 'Tokens are word pieces.', supported: true },
      { sentence: 'They cost nothing.', supported: false },
    ]);
    const body = fake.requests[0]!.body;
    expect(body.system[0].text).toContain('You grade the faithfulness');
    const content = body.messages.at(-1).content;
    expect(JSON.stringify(content)).toContain('A token is a piece of a word.');
    expect(JSON.stringify(content)).toContain('1. Tokens are word pieces.\\n2. They cost nothing.');
  });

  it('measures agreement with the hand-labelled sample, sentence by sentence', async () => {
    const sample = loadJudgeSample();
    expect(sample.length).toBeGreaterThanOrEqual(8);
    for (const item of sample)
      expect(splitSentences(item.answer)).toEqual(item.labels.map((l) => l.sentence));
    // A judge that calls everything supported agrees only on the supported sentences.
    for (const item of sample)
      fake.enqueue({
        kind: 'answer',
        blocks: [
          { text: JSON.stringify({ verdicts: item.labels.map((_, i) => ({ n: i + 1, supported: true })) }) },
        ],
      });
    const agreement = await judgeAgreement(createJudge(model()), sample);
    const supported = sample.flatMap((s) => s.labels).filter((l) => l.supported).length;
    expect(agreement.sentences).toBe(sample.flatMap((s) => s.labels).length);
    expect(agreement.agreed).toBe(supported);
    expect(agreement.kappa).toBe(0);
    expect(agreement.disagreements.every((d) => d.label === false && d.judge === true)).toBe(true);
  });

  it('rejects a reply that is not the JSON the prompt asks for, or misses a sentence', () => {
    expect(() => parseVerdicts('All supported!', 1)).toThrow(/not the JSON judge-prompt.md asks for/);
    expect(() => parseVerdicts('{"verdicts":[{"n":1,"supported":true}]}', 2)).toThrow(
      /no verdict for sentence 2/,
    );
  });
});
