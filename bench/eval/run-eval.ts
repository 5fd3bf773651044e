import { createTutor } from '../../src/core/answering/create-tutor.js';
import { createStablePrefix } from '../../src/core/answering/stable-prefix.js';
import type { Library } from '../../src/core/content/types.js';
import { createMemoryQuestionLog } from '../../src/core/memory/memory-question-log.js';
import type { LanguageModel, Logger } from '../../src/core/ports.js';
import { createRetriever } from '../../src/core/retrieval/create-retriever.js';
import type { WordFrequencies } from '../../src/core/retrieval/word-frequencies.js';
import type { QuestionHalf } from '../retrieval-quality.js';
import { type CitedPassage, citedPassages } from './cited-passages.js';
import type { Judge, SentenceVerdict } from './judge.js';

/** One bench question run through the whole tutor. */
export interface EvalRow {
  half: string;
  question: string;
  /** The concept that should be cited; null for an off-topic question, which should be refused. */
  expected: string | null;
  mode: string;
  refused: boolean;
  /** Refused exactly when the question is off-topic. */
  refusedRight: boolean;
  cited: string[];
  /** For a covered question: the expected concept is among the cited ones. Null when off-topic. */
  citedRight: boolean | null;
  answerChars: number;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  /** Share of the answer's sentences the judge found supported by a cited passage; null when not judged. */
  faithfulness: number | null;
  unsupported?: string[];
}

/** What an evaluation run needs. */
export interface EvalOptions {
  library: Library;
  frequencies: WordFrequencies;
  /** The configured model; null answers extractively, as the service does without a key. */
  llm: LanguageModel | null;
  /** Grades faithfulness; needs a model. */
  judge?: Judge | null;
  halves: Record<string, QuestionHalf>;
  maxTokens?: number;
  logger?: Logger;
}

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };

/**
 * Runs every question through the tutor exactly as a chat surface would
 * (retrieval, the coverage decision, answering, citations, refusal), one at a
 * time, and scores each answer.
 */
export async function runEval(options: EvalOptions): Promise<EvalRow[]> {
  const clock = { now: () => new Date() };
  const retriever = createRetriever(options.library, { frequencies: options.frequencies });
  const tutor = createTutor({
    retriever,
    llm: options.llm,
    questionLog: createMemoryQuestionLog(clock),
    logger: options.logger ?? quiet,
    clock,
    userSalt: 'eval-salt-not-secret',
    maxTokens: options.maxTokens ?? 700,
    stablePrefix: createStablePrefix(() => options.library),
  });
  const rows: EvalRow[] = [];
  for (const [half, questions] of Object.entries(options.halves)) {
    const items = [
      ...questions.onTopic.map((q) => ({ question: q.q, expected: q.slug as string | null })),
      ...questions.offTopic.map((q) => ({ question: q.q, expected: null })),
    ];
    for (const { question, expected } of items) {
      const started = performance.now();
      const reply = await tutor.ask({ question, platform: 'cli', userId: 'eval' });
      const latencyMs = Math.round(performance.now() - started);
      const refused = reply.mode === 'not-covered';
      const cited = reply.sources.map((s) => s.slug);
      const row: EvalRow = {
        half,
        question,
        expected,
        mode: reply.mode,
        refused,
        refusedRight: refused === (expected === null),
        cited,
        citedRight: expected === null ? null : cited.includes(expected),
        answerChars: reply.answer.length,
        inputTokens: reply.usage.inputTokens,
        outputTokens: reply.usage.outputTokens,
        latencyMs,
        faithfulness: null,
      };
      if (options.judge && !refused) {
        // Sources name one section per concept; the model may have used any passage of a cited
        // concept that it was given, so the judge reads all of those.
        const given = retriever
          .search(question)
          .passages.filter((p) => cited.includes(p.slug))
          .map((p) => ({ title: `${p.title}: ${p.section}`, text: p.text }));
        const passages = [...citedPassages(options.library, reply.sources), ...given];
        const unique = passages.filter((p, i) => passages.findIndex((o) => o.title === p.title) === i);
        const verdicts = await options.judge.grade(reply.answer, unique);
        Object.assign(row, faithfulnessOf(verdicts));
      }
      rows.push(row);
    }
  }
  return rows;
}

function faithfulnessOf(verdicts: SentenceVerdict[]): Pick<EvalRow, 'faithfulness' | 'unsupported'> {
  if (verdicts.length === 0) return { faithfulness: null };
  const unsupported = verdicts.filter((v) => !v.supported).map((v) => v.sentence);
  return { faithfulness: (verdicts.length - unsupported.length) / verdicts.length, unsupported };
}

/** Figures over a set of rows. */
export interface EvalSummary {
  questions: number;
  onTopic: number;
  offTopic: number;
  /** Off-topic questions refused, of all off-topic. */
  offTopicRefused: number;
  /** Covered questions answered (not refused), of all covered. */
  onTopicAnswered: number;
  /** Covered questions whose answer cites the expected concept, of all covered. */
  citedRight: number;
  meanAnswerChars: number;
  totalTokens: number;
  p50LatencyMs: number;
  /** Mean faithfulness of judged answers; null when nothing was judged. */
  faithfulness: number | null;
}

/** Summarises rows (all of them, or one half). */
export function summarise(rows: readonly EvalRow[]): EvalSummary {
  const on = rows.filter((r) => r.expected !== null);
  const off = rows.filter((r) => r.expected === null);
  const answered = rows.filter((r) => !r.refused);
  const judged = rows.filter((r) => r.faithfulness !== null);
  const latencies = rows.map((r) => r.latencyMs).sort((a, b) => a - b);
  const share = (n: number, of: number) => (of === 0 ? 1 : n / of);
  return {
    questions: rows.length,
    onTopic: on.length,
    offTopic: off.length,
    offTopicRefused: share(off.filter((r) => r.refused).length, off.length),
    onTopicAnswered: share(on.filter((r) => !r.refused).length, on.length),
    citedRight: share(on.filter((r) => r.citedRight).length, on.length),
    meanAnswerChars: Math.round(
      answered.reduce((s, r) => s + r.answerChars, 0) / Math.max(1, answered.length),
    ),
    totalTokens: rows.reduce((s, r) => s + r.inputTokens + r.outputTokens, 0),
    p50LatencyMs: latencies[Math.floor((latencies.length - 1) / 2)] ?? 0,
    faithfulness:
      judged.length === 0 ? null : judged.reduce((s, r) => s + (r.faithfulness ?? 0), 0) / judged.length,
  };
}

export type { CitedPassage };
