import type { CitedSpan } from '../../ports.js';

/** A line of the model's reply with the passages cited on it. */
export interface CitedLine {
  text: string;
  passageIds: string[];
}

/** How the model judged the explanation as a whole. */
export type Verdict = 'good' | 'partial' | 'off-topic';

/** The grader's reply, read but not yet checked against the article. */
export interface ParsedGrade {
  verdict: Verdict;
  right: CitedLine[];
  missing: CitedLine[];
  hints: string[];
  misconception: CitedLine | null;
}

/** Most RIGHT and MISSING points (and hints) kept; the prompt asks for no more. */
export const MAX_POINTS = 3;

/**
 * Joins the spans back into lines, giving each line the passages cited in
 * it. A citation that follows a line break (a cited block ending in "\n")
 * belongs to the line it closes, the last one with text.
 */
export function citedLines(spans: readonly CitedSpan[]): CitedLine[] {
  const lines: CitedLine[] = [{ text: '', passageIds: [] }];
  for (const span of spans) {
    const [first, ...rest] = span.text.split('\n');
    lines.at(-1)!.text += first;
    for (const text of rest) lines.push({ text, passageIds: [] });
    if (span.passageIds.length === 0) continue;
    const owner = [...lines].reverse().find((line) => line.text.trim() !== '') ?? lines.at(-1)!;
    for (const id of span.passageIds) if (!owner.passageIds.includes(id)) owner.passageIds.push(id);
  }
  return lines.filter((line) => line.text.trim() !== '');
}

const LINE = /^(VERDICT|RIGHT|MISSING|HINT|MISCONCEPTION)\s*:\s*(.*)$/i;

/** Markdown a model may dress a line in anyway: a bullet, a number, bold. */
function undress(text: string): string {
  return text
    .trim()
    .replace(/^(?:[-*•]|\d+[.)])\s+/, '')
    .replace(/\*\*/g, '')
    .trim();
}

/**
 * Reads the grader's reply (see explain-prompt.ts). Strict: every line must
 * carry one of the labels and the verdict must be one of the three words,
 * or the whole reply is junk (null) and the caller falls back to the
 * automatic check. Extra points beyond the limits are dropped; an empty
 * point or a misconception of "none" is ignored.
 */
export function parseGrade(lines: readonly CitedLine[]): ParsedGrade | null {
  let verdict: Verdict | null = null;
  const grade: Omit<ParsedGrade, 'verdict'> = { right: [], missing: [], hints: [], misconception: null };
  for (const line of lines) {
    const match = LINE.exec(undress(line.text));
    if (!match) return null;
    const label = match[1]!.toUpperCase();
    const text = match[2]!.trim();
    if (label === 'VERDICT') {
      const word = text.toLowerCase().replace(/[^a-z-]/g, '');
      if (verdict !== null || !['good', 'partial', 'off-topic', 'offtopic'].includes(word)) return null;
      verdict = word === 'offtopic' ? 'off-topic' : (word as Verdict);
      continue;
    }
    if (text === '' || /^none\.?$/i.test(text)) continue;
    const point = { text, passageIds: line.passageIds };
    if (label === 'RIGHT' && grade.right.length < MAX_POINTS) grade.right.push(point);
    if (label === 'MISSING' && grade.missing.length < MAX_POINTS) grade.missing.push(point);
    if (label === 'HINT' && grade.hints.length < MAX_POINTS) grade.hints.push(text);
    if (label === 'MISCONCEPTION' && !grade.misconception) grade.misconception = point;
  }
  return verdict ? { verdict, ...grade } : null;
}
