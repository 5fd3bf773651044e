import type { Agreement } from './judge.js';
import type { EvalRow, EvalSummary } from './run-eval.js';

const mark = (ok: boolean | null) => (ok === null ? '–' : ok ? 'ok' : 'WRONG');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function cells(values: readonly string[], widths: readonly number[]): string {
  return values.map((v, i) => v.padEnd(widths[i]!)).join('  ');
}

/** The per-question table, then a summary per half and what was not checked. */
export function formatTable(
  rows: readonly EvalRow[],
  summary: Record<string, EvalSummary>,
  notChecked: readonly string[],
  agreement: Agreement | null,
): string {
  const head = [
    'half',
    'expected',
    'mode',
    'refused',
    'cited',
    'chars',
    'tokens',
    'ms',
    'faithful',
    'question',
  ];
  const body = rows.map((r) => [
    r.half,
    r.expected ?? '(off-topic)',
    r.mode,
    mark(r.refusedRight),
    mark(r.citedRight),
    String(r.answerChars),
    String(r.inputTokens + r.outputTokens),
    String(r.latencyMs),
    r.faithfulness === null ? '–' : pct(r.faithfulness),
    r.question,
  ]);
  const widths = head.map((h, i) =>
    Math.max(h.length, ...body.map((b) => (i === head.length - 1 ? 0 : b[i]!.length))),
  );
  const lines = [cells(head, widths), ...body.map((b) => cells(b, widths))];
  lines.push('');
  for (const [name, s] of Object.entries(summary)) {
    lines.push(
      `${name.padEnd(8)} ${s.questions} questions: off-topic refused ${pct(s.offTopicRefused)} of ${s.offTopic}; ` +
        `covered answered ${pct(s.onTopicAnswered)} and cited right ${pct(s.citedRight)} of ${s.onTopic}; ` +
        `mean answer ${s.meanAnswerChars} chars; ${s.totalTokens} tokens; p50 ${s.p50LatencyMs} ms` +
        (s.faithfulness === null ? '' : `; faithfulness ${pct(s.faithfulness)}`),
    );
  }
  if (agreement) {
    lines.push(
      `judge agreement with hand labels: ${agreement.agreed} of ${agreement.sentences} sentences (${pct(agreement.rate)}), kappa ${agreement.kappa.toFixed(2)}`,
    );
  }
  for (const line of notChecked) lines.push(`not checked: ${line}`);
  return `${lines.join('\n')}\n`;
}
