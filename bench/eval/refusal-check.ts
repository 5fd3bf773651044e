import { readFileSync } from 'node:fs';
import type { EvalRow } from './run-eval.js';

/** Covered questions the tutor is known to refuse, with why; see bench/eval/known-refusals.json. */
export interface KnownRefusals {
  about: string;
  /** Covered questions (by text) that are refused today; a refusal of any other covered question is a regression. */
  refusedWrongly: Array<{ q: string; why: string }>;
}

/** What `--check` found. */
export interface RefusalCheck {
  /** Off-topic questions that were answered: always a failure, the product promises never to. */
  answeredOffTopic: EvalRow[];
  /** Covered questions refused that the known list does not name: a regression. */
  newlyRefused: EvalRow[];
  /** Questions the known list names that are answered now: the list can shrink. */
  nowAnswered: string[];
  ok: boolean;
}

/** Loads bench/eval/known-refusals.json (or another file in its format). */
export function loadKnownRefusals(url = new URL('./known-refusals.json', import.meta.url)): KnownRefusals {
  return JSON.parse(readFileSync(url, 'utf8')) as KnownRefusals;
}

/**
 * The CI gate of `npm run eval -- --check`: fails when an off-topic question
 * is answered, or a covered question is refused that was not refused before.
 */
export function checkRefusals(rows: readonly EvalRow[], known: KnownRefusals): RefusalCheck {
  const listed = new Set(known.refusedWrongly.map((k) => k.q));
  const answeredOffTopic = rows.filter((r) => r.expected === null && !r.refused);
  const newlyRefused = rows.filter((r) => r.expected !== null && r.refused && !listed.has(r.question));
  const nowAnswered = rows
    .filter((r) => r.expected !== null && !r.refused && listed.has(r.question))
    .map((r) => r.question);
  return {
    answeredOffTopic,
    newlyRefused,
    nowAnswered,
    ok: answeredOffTopic.length === 0 && newlyRefused.length === 0,
  };
}

/** The gate's findings as lines for stderr (failures) or stdout. */
export function describeCheck(check: RefusalCheck): string {
  const lines = [
    ...check.answeredOffTopic.map((r) => `  answered, but off-topic: ${r.question}`),
    ...check.newlyRefused.map((r) => `  refused, but covered by ${r.expected}: ${r.question}`),
  ];
  const head = check.ok
    ? 'check passed: every off-topic question refused, no covered question newly refused'
    : `check failed: ${lines.length} question(s) refused wrongly:`;
  const fixed = check.nowAnswered.map(
    (q) => `  answered now, remove from bench/eval/known-refusals.json: ${q}`,
  );
  return `${[head, ...lines, ...fixed].join('\n')}\n`;
}
