import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createJudge,
  type Judge,
  judgeAgreement,
  loadJudgeSample,
  parseVerdicts,
  splitSentences,
} from '../../bench/eval/judge.js';
import { evalMain, parseEvalArgs } from '../../bench/eval/main.js';
import { checkRefusals, describeCheck, loadKnownRefusals } from '../../bench/eval/refusal-check.js';
import type { EvalRow } from '../../bench/eval/run-eval.js';
import { runEval, summarise } from '../../bench/eval/run-eval.js';
import { loadQuestionSet, type QuestionHalf, type QuestionSet } from '../../bench/retrieval-quality.js';
import { loadLibrary } from '../../src/adapters/content/content-library.js';
import { createAnthropicModel } from '../../src/adapters/llm/anthropic-model.js';
import { NOT_COVERED_MARKER } from '../../src/core/answering/system-prompt.js';
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
    // A refusal regression on any of these fails CI, named: the gate `npm run eval:ci` applies.
    const check = checkRefusals(rows, loadKnownRefusals());
    expect(check.answeredOffTopic.map((r) => r.question)).toEqual([]);
    expect(check.newlyRefused.map((r) => r.question)).toEqual([]);
    expect(check.ok).toBe(true);
    expect(summary.offTopicRefused).toBe(1);
    // Extractive answers quote one passage: the expected concept's, nearly always.
    expect(
      summary.citedRight,
      JSON.stringify(rows.filter((r) => r.citedRight === false)),
    ).toBeGreaterThanOrEqual(0.9);
    for (const row of rows) {
      expect(row.mode).toBe(row.refused ? 'not-covered' : 'extractive');
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

/** A question file in the format of bench/questions.json, with only a tuning half. */
async function questionFile(dir: string, name: string, tuning: QuestionHalf): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(
    file,
    JSON.stringify({ about: 'test', tuning, heldOut: { onTopic: [], offTopic: [] } } satisfies QuestionSet),
  );
  return file;
}

describe('npm run eval -- --check (the CI gate)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'eval-check-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function run(tuning: QuestionHalf) {
    const out: string[] = [];
    const err: string[] = [];
    const file = await questionFile(dir, `q-${Math.random().toString(36).slice(2)}.json`, tuning);
    const code = await evalMain(['--check', '--half', 'tuning', '--questions', file, '--out', dir], {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      env: { CONTENT_DIR: CONTENT },
    });
    return { code, stdout: out.join(''), stderr: err.join('') };
  }

  it('fails, naming the question, when an off-topic question is answered', async () => {
    const { code, stderr } = await run({ onTopic: [], offTopic: [{ q: 'what is a context window?' }] });
    expect(code).toBe(1);
    expect(stderr).toContain('check failed: 1 question(s) refused wrongly');
    expect(stderr).toContain('answered, but off-topic: what is a context window?');
  });

  it('fails when a covered question is refused that the known list does not name', async () => {
    const { code, stderr } = await run({
      onTopic: [{ q: 'how do I tune my piano?', slug: 'fine-tuning' }],
      offTopic: [],
    });
    expect(code).toBe(1);
    expect(stderr).toContain('refused, but covered by fine-tuning: how do I tune my piano?');
  });

  it('passes when off-topic questions are refused and covered ones answered', async () => {
    const { code, stdout, stderr } = await run({
      onTopic: [{ q: 'what is a context window?', slug: 'context-window' }],
      offTopic: [{ q: 'where can I buy bus tokens?' }],
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('check passed');
  });

  it('tolerates a listed refusal, and reports a listed question that is answered again', () => {
    const row = (question: string, expected: string | null, refused: boolean) =>
      ({ question, expected, refused }) as EvalRow;
    const known = {
      about: '',
      refusedWrongly: [
        { q: 'old miss', why: '' },
        { q: 'fixed now', why: '' },
      ],
    };
    const check = checkRefusals(
      [row('old miss', 'token', true), row('fixed now', 'token', false), row('off', null, true)],
      known,
    );
    expect(check).toMatchObject({
      ok: true,
      answeredOffTopic: [],
      newlyRefused: [],
      nowAnswered: ['fixed now'],
    });
    expect(describeCheck(check)).toContain(
      'answered now, remove from bench/eval/known-refusals.json: fixed now',
    );
    expect(checkRefusals([row('new miss', 'token', true)], known).ok).toBe(false);
  });

  it('lists only covered questions of bench/questions.json as known refusals', () => {
    const { tuning, heldOut } = loadQuestionSet();
    const covered = new Set([...tuning.onTopic, ...heldOut.onTopic].map((q) => q.q));
    for (const { q, why } of loadKnownRefusals().refusedWrongly) {
      expect(covered.has(q), q).toBe(true);
      expect(why.length).toBeGreaterThan(10);
    }
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

  it('grades through `npm run eval -- --judge` with a key: the real SDK against the fake server, agreement in the report', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'eval-judge-'));
    try {
      const file = await questionFile(dir, 'q.json', {
        onTopic: [
          { q: 'what is a context window?', slug: 'context-window' },
          { q: 'why do tokens cost money?', slug: 'token' },
        ],
        offTopic: [{ q: 'where can I buy bus tokens?' }],
      });
      const sample = loadJudgeSample();
      const labels = sample.flatMap((item) => item.labels.map((l) => l.supported));
      fake.requests.length = 0;
      const verdicts = (values: boolean[]) => ({
        kind: 'answer' as const,
        blocks: [
          { text: JSON.stringify({ verdicts: values.map((supported, i) => ({ n: i + 1, supported })) }) },
        ],
      });
      fake.enqueue(
        // The first covered question: answered, citing the first passage it was given; the judge finds it supported.
        {
          kind: 'answer',
          blocks: [
            { text: 'A context window is what the model can read at once.', cite: (r) => [r[0]!.source] },
          ],
        },
        verdicts([true]),
        // The second: the model says the passages do not cover it, so it is a model refusal.
        { kind: 'answer', blocks: [{ text: `${NOT_COVERED_MARKER} The passages do not say.` }] },
        // The hand-labelled sample: the judge agrees on every sentence but the first.
        ...sample.map((item, i) =>
          verdicts(item.labels.map((l, j) => (i === 0 && j === 0 ? !l.supported : l.supported))),
        ),
      );
      const stdout: string[] = [];
      const stderr: string[] = [];
      const code = await evalMain(
        ['--judge', '--check', '--half', 'tuning', '--questions', file, '--out', dir],
        {
          stdout: (t) => stdout.push(t),
          stderr: (t) => stderr.push(t),
          env: {
            CONTENT_DIR: CONTENT,
            ANTHROPIC_API_KEY: 'sk-test-not-real',
            ANTHROPIC_BASE_URL: fake.url,
            ANTHROPIC_MAX_RETRIES: '0',
          },
        },
      );
      // The model refused a covered question the known list does not name: the gate fails, with a key too.
      expect(code).toBe(1);
      expect(stderr.join('')).toContain('refused, but covered by token: why do tokens cost money?');
      // Cohen's kappa, worked out here from the labels: one sentence flipped.
      const n = labels.length;
      const judged = labels.map((l, i) => (i === 0 ? !l : l));
      const yesLabel = labels.filter(Boolean).length / n;
      const yesJudge = judged.filter(Boolean).length / n;
      const chance = yesLabel * yesJudge + (1 - yesLabel) * (1 - yesJudge);
      const kappa = ((n - 1) / n - chance) / (1 - chance);
      const text = stdout.join('');
      expect(text).toContain(`judge agreement with hand labels: ${n - 1} of ${n} sentences`);
      expect(text).toContain(`kappa ${kappa.toFixed(2)}`);
      expect(text).not.toContain('not checked: faithfulness');
      const report = JSON.parse(
        await readFile(path.join(dir, (await readdir(dir)).find((f) => f.startsWith('eval-'))!), 'utf8'),
      );
      expect(report.version.answering).toBe('model claude-haiku-5-5');
      expect(report.judgeAgreement).toMatchObject({ sentences: n, agreed: n - 1 });
      expect(report.judgeAgreement.kappa).toBeCloseTo(kappa, 10);
      expect(report.judgeAgreement.disagreements).toHaveLength(1);
      const rows = report.rows as EvalRow[];
      expect(rows.map((r) => [r.question, r.mode, r.refusedRight, r.faithfulness])).toEqual([
        ['what is a context window?', 'ai', true, 1],
        ['why do tokens cost money?', 'not-covered', false, null],
        ['where can I buy bus tokens?', 'not-covered', true, null],
      ]);
      // Every request went through the Messages API: two answers, one judged answer, the sample.
      const judgeRequests = fake.requests.filter((r) =>
        JSON.stringify(r.body.system).includes('You grade the faithfulness'),
      );
      expect(judgeRequests).toHaveLength(1 + sample.length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("computes agreement and Cohen's kappa from the verdicts, worked by hand", async () => {
    // Labels T T F F; the judge says T F F F: 3 of 4 agree; chance = .5 × .25 + .5 × .75 = .5; kappa = (.75 − .5) / .5.
    const judge: Judge = {
      async grade() {
        return [true, false, false, false].map((supported, i) => ({ sentence: `s${i}`, supported }));
      },
    };
    const agreement = await judgeAgreement(judge, [
      {
        id: 'a',
        answer: 'x',
        passages: [],
        labels: [true, true, false, false].map((supported, i) => ({ sentence: `s${i}`, supported })),
      },
    ]);
    expect(agreement).toMatchObject({ sentences: 4, agreed: 3, rate: 0.75, kappa: 0.5 });
    expect(agreement.disagreements).toEqual([{ id: 'a', sentence: 's1', label: true, judge: false }]);
  });

  it('rejects a reply that is not the JSON the prompt asks for, or misses a sentence', () => {
    expect(() => parseVerdicts('All supported!', 1)).toThrow(/not the JSON judge-prompt.md asks for/);
    expect(() => parseVerdicts('{"verdicts":[{"n":1,"supported":true}]}', 2)).toThrow(
      /no verdict for sentence 2/,
    );
  });
});
