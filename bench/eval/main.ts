import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadLibrary } from '../../src/adapters/content/content-library.js';
import { loadEnglishWordFrequencies } from '../../src/adapters/content/english-word-frequencies.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { LanguageModel, Logger } from '../../src/core/ports.js';
import { loadQuestionSet, type QuestionHalf } from '../retrieval-quality.js';
import { formatTable } from './format-table.js';
import { type Agreement, createJudge, judgeAgreement, loadJudgePrompt, loadJudgeSample } from './judge.js';
import { checkRefusals, describeCheck, loadKnownRefusals } from './refusal-check.js';
import { runEval, summarise } from './run-eval.js';

/** Where output goes; injectable so the command is testable. */
export interface EvalIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
}

const USAGE = `npm run eval -- [--half tuning|held-out|all] [--every N] [--judge] [--check] [--questions FILE] [--out DIR]

Runs the whole tutor (retrieval, coverage decision, answering, citations, refusal) on
bench/questions.json and reports each question, in a table and as JSON in
bench/results/eval-<time>.json. Without ANTHROPIC_API_KEY answers are extractive, as the
service's are; with it they come from ANTHROPIC_MODEL.

  --half NAME   tuning, held-out or all (default all)
  --every N     every N-th question of each list, for a quick run (default 1)
  --judge       with a key: grade faithfulness (is each sentence supported by a cited
                passage?) with bench/eval/judge-prompt.md, and report the judge's agreement
                with the hand labels in bench/eval/judge-sample.json
  --check       exit with status 1, naming each question, when an off-topic question is
                answered or a covered one is refused that bench/eval/known-refusals.json
                does not list: the CI gate
  --questions FILE  another question file in the format of bench/questions.json
  --out DIR     where to write the JSON (default bench/results)

Example: npm run eval -- --half held-out --every 3
CI:      npm run eval:ci   (the tuning half, every 4th question, --check, no key)`;

interface Args {
  half: 'tuning' | 'heldOut' | 'all';
  every: number;
  judge: boolean;
  check: boolean;
  questions: string | null;
  out: string;
}

/** Parses the command line; unknown flags and bad values are errors that name them. */
export function parseEvalArgs(argv: readonly string[]): Args | { error: string } | 'help' {
  const args: Args = {
    half: 'all',
    every: 1,
    judge: false,
    check: false,
    questions: null,
    out: 'bench/results',
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => argv[++i];
    if (flag === '--help' || flag === '-h') return 'help';
    else if (flag === '--judge') args.judge = true;
    else if (flag === '--check') args.check = true;
    else if (flag === '--questions') {
      const file = value();
      if (!file) return { error: '--questions needs a file' };
      args.questions = file;
    } else if (flag === '--half') {
      const half = value();
      if (half === 'tuning' || half === 'all') args.half = half;
      else if (half === 'held-out') args.half = 'heldOut';
      else return { error: `--half must be tuning, held-out or all, got "${half ?? ''}"` };
    } else if (flag === '--every') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) return { error: '--every must be a whole number of 1 or more' };
      args.every = n;
    } else if (flag === '--out') {
      const out = value();
      if (!out) return { error: '--out needs a folder' };
      args.out = out;
    } else return { error: `unknown option ${flag}; see --help` };
  }
  return args;
}

function every<T>(items: readonly T[], n: number): T[] {
  return items.filter((_, i) => i % n === 0);
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** `npm run eval`: returns the exit code. */
export async function evalMain(argv: readonly string[], io: EvalIo): Promise<number> {
  const args = parseEvalArgs(argv);
  if (args === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if ('error' in args) {
    io.stderr(`${args.error}\n\n${USAGE}\n`);
    return 2;
  }
  const config = loadConfig(io.env);
  const root = config.CONTENT_DIR;
  const loaded = await loadLibrary(root, { now: () => new Date() });
  if (!loaded.ok) {
    io.stderr(`the library in ${root} has problems; run: npm run -s tutor -- content check\n`);
    return 1;
  }
  const logger: Logger = {
    debug() {},
    info() {},
    warn: (m) => io.stderr(`warn: ${m}\n`),
    error: (m) => io.stderr(`error: ${m}\n`),
    child: () => logger,
  };
  const llm: LanguageModel | null = config.ANTHROPIC_API_KEY
    ? (await import('../../src/adapters/llm/anthropic-model.js')).createAnthropicModel({
        apiKey: config.ANTHROPIC_API_KEY,
        model: config.ANTHROPIC_MODEL,
        baseURL: config.ANTHROPIC_BASE_URL,
        timeoutMs: config.ANTHROPIC_TIMEOUT_MS,
        maxRetries: config.ANTHROPIC_MAX_RETRIES,
        logger,
      })
    : null;
  const notChecked: string[] = [];
  if (!llm) {
    notChecked.push(
      'model answers and model refusals: no ANTHROPIC_API_KEY, so answers are extractive (quoted), as the service gives without one',
      'token use and model latency: extractive answers use no tokens',
    );
  }
  if (!args.judge) notChecked.push('faithfulness: run with --judge (and a key) to grade it');
  else if (!llm) notChecked.push('faithfulness: --judge needs ANTHROPIC_API_KEY; not graded');

  const questionsUrl = args.questions
    ? pathToFileURL(path.resolve(args.questions))
    : new URL('../questions.json', import.meta.url);
  let set: ReturnType<typeof loadQuestionSet>;
  try {
    set = loadQuestionSet(questionsUrl);
  } catch (error) {
    io.stderr(`cannot read the questions in ${questionsUrl.pathname}: ${(error as Error).message}\n`);
    return 2;
  }
  const names = args.half === 'all' ? (['tuning', 'heldOut'] as const) : [args.half];
  const halves: Record<string, QuestionHalf> = {};
  for (const name of names) {
    halves[name] = {
      onTopic: every(set[name].onTopic, args.every),
      offTopic: every(set[name].offTopic, args.every),
    };
  }
  const judge = args.judge && llm ? createJudge(llm) : null;
  const rows = await runEval({
    library: loaded.library,
    frequencies: loadEnglishWordFrequencies(),
    llm,
    judge,
    halves,
    maxTokens: config.ANTHROPIC_MAX_TOKENS,
    logger,
  });
  let agreement: Agreement | null = null;
  if (judge) agreement = await judgeAgreement(judge, loadJudgeSample());

  const summary = Object.fromEntries([
    ['all', summarise(rows)],
    ...names.map((name) => [name, summarise(rows.filter((r) => r.half === name))]),
  ]);
  const report = {
    at: new Date().toISOString(),
    version: {
      commit: commit(),
      questions: sha(readFileSync(questionsUrl, 'utf8')),
      library: sha(loaded.library.concepts.map((c) => `${c.file}\n${c.body}`).join('\n')),
      judgePrompt: args.judge ? sha(loadJudgePrompt()) : null,
      answering: llm ? `model ${config.ANTHROPIC_MODEL}` : 'extractive (no ANTHROPIC_API_KEY)',
      node: process.version,
    },
    options: { half: args.half, every: args.every, judge: args.judge, check: args.check },
    summary,
    judgeAgreement: agreement,
    notChecked,
    rows,
  };
  io.stdout(formatTable(rows, summary, notChecked, agreement));
  mkdirSync(args.out, { recursive: true });
  const file = path.join(args.out, `eval-${report.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  io.stdout(`\nwrote ${file}\n`);
  if (args.check) {
    const check = checkRefusals(rows, loadKnownRefusals());
    if (!check.ok) {
      io.stderr(describeCheck(check));
      return 1;
    }
    io.stdout(describeCheck(check));
  }
  return 0;
}
