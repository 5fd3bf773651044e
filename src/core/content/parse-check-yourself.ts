import { createHash } from 'node:crypto';
import type { ContentProblem } from '../errors.js';
import { joinText, type MarkdownSection, splitSections } from './markdown-sections.js';
import type { CheckItem } from './types.js';

/** The heading of the optional retrieval-practice section at the end of an article. */
export const CHECK_YOURSELF = 'Check yourself';
/** The `###` heading of the optional "explain it back" prompt inside {@link CHECK_YOURSELF}. */
export const EXPLAIN_IT_BACK = 'Explain it back';
/** Longest option, in characters: a long option gives itself away and breaks chat buttons. */
export const MAX_CHOICE_LENGTH = 120;
/** Longest explanation, in characters (one or two sentences). */
export const MAX_EXPLANATION_LENGTH = 400;

/**
 * A stable item id: the slug plus a hash of the question, so reordering the
 * items keeps every learner's schedule, and rewording a question starts it afresh.
 */
export function checkItemId(slug: string, question: string): string {
  const hash = createHash('sha256').update(question.trim().toLowerCase()).digest('hex').slice(0, 8);
  return `${slug}~${hash}`;
}

/**
 * Splits the body at `## Check yourself`, which must be the last `##` section:
 * the article above it is what readers see and the retriever indexes, so the
 * quiz never leaks into answers or pages.
 */
export function splitCheckYourself(body: string): { article: string; section?: string; line: number } {
  const match = /^## Check yourself[ \t]*$/m.exec(body);
  if (!match) return { article: body, line: 0 };
  const line = body.slice(0, match.index).split('\n').length;
  return { article: body.slice(0, match.index), section: body.slice(match.index + match[0].length), line };
}

interface Bounds {
  min: number;
  max: number;
}

/**
 * Parses the items of a `## Check yourself` section. Each item is a `###`
 * question, then `- [x]` (the one correct option) and `- [ ]` options, then a
 * paragraph of explanation. Problems name the file, the item and what is wrong.
 */
export function parseCheckYourself(
  file: string,
  slug: string,
  section: string,
  firstLine: number,
  bounds: Bounds,
  problems: ContentProblem[],
): { items: CheckItem[]; explainBack?: string } {
  const { preamble, sections } = splitSections(section, 3, firstLine + 1);
  const field = CHECK_YOURSELF;
  if (joinText(preamble) !== '') {
    problems.push({ file, line: firstLine, field, message: 'text before the first "### question" heading' });
  }
  if (/^## /m.test(section)) {
    problems.push({ file, line: firstLine, field, message: `"## ${CHECK_YOURSELF}" must be the last section` });
  }
  const items: CheckItem[] = [];
  let explainBack: string | undefined;
  const seen = new Set<string>();
  for (const heading of sections) {
    if (heading.heading === EXPLAIN_IT_BACK) {
      explainBack = joinText(heading.lines);
      if (explainBack === '')
        problems.push({ file, line: heading.line, field, message: `"### ${EXPLAIN_IT_BACK}" has no prompt under it` });
      continue;
    }
    const item = parseItem(file, slug, heading, problems);
    if (!item) continue;
    if (seen.has(item.id)) {
      problems.push({ file, line: heading.line, field, message: `item "${item.question}" appears twice` });
      continue;
    }
    seen.add(item.id);
    items.push(item);
  }
  if (items.length < bounds.min || items.length > bounds.max) {
    const range = bounds.min === bounds.max ? `${bounds.min}` : `${bounds.min} to ${bounds.max}`;
    problems.push({
      file,
      line: firstLine,
      field,
      message: `needs ${range} multiple-choice item(s) ("### Question?" with "- [x]" / "- [ ]" options), found ${items.length}`,
    });
  }
  return explainBack === undefined ? { items } : { items, explainBack };
}

function parseItem(
  file: string,
  slug: string,
  heading: MarkdownSection,
  problems: ContentProblem[],
): CheckItem | undefined {
  const at = { file, line: heading.line, field: CHECK_YOURSELF };
  const name = `item "${heading.heading}"`;
  const before = problems.length;
  const choices: string[] = [];
  const correct: number[] = [];
  const explanation: string[] = [];
  for (const raw of heading.lines) {
    const line = raw.trim();
    const option = /^[-*]\s+\[( |x|X)\]\s+(.*)$/.exec(line);
    if (option) {
      if (explanation.length > 0) problems.push({ ...at, message: `${name}: put every option before the explanation` });
      if (option[1] !== ' ') correct.push(choices.length);
      choices.push(option[2]!.trim());
    } else if (/^[-*]\s/.test(line)) {
      problems.push({ ...at, message: `${name}: options are "- [x] right answer" or "- [ ] wrong answer", not "${line}"` });
    } else if (line !== '') {
      explanation.push(line);
    }
  }
  if (choices.length === 0) {
    // The likeliest cause: a FAQ pair appended at the end of the file, below this section.
    problems.push({
      ...at,
      message: `${name}: has no options ("- [x]" right, "- [ ]" wrong); if it is a FAQ question, move it above "## ${CHECK_YOURSELF}"`,
    });
  } else {
    if (choices.length < 3 || choices.length > 4)
      problems.push({ ...at, message: `${name}: needs 3 or 4 options, found ${choices.length}` });
    if (correct.length === 0) problems.push({ ...at, message: `${name}: no correct option; mark the right one "- [x]"` });
  }
  if (correct.length > 1) problems.push({ ...at, message: `${name}: ${correct.length} options are marked correct; mark exactly one "- [x]"` });
  const lower = choices.map((c) => c.toLowerCase());
  lower.forEach((choice, i) => {
    if (choice === '') problems.push({ ...at, message: `${name}: option ${i + 1} is empty` });
    else if (lower.indexOf(choice) !== i) problems.push({ ...at, message: `${name}: duplicate option "${choices[i]}"` });
    if (choices[i]!.length > MAX_CHOICE_LENGTH)
      problems.push({ ...at, message: `${name}: option ${i + 1} is ${choices[i]!.length} characters; keep options under ${MAX_CHOICE_LENGTH}` });
  });
  const text = explanation.join(' ');
  if (text === '') problems.push({ ...at, message: `${name}: add a one- or two-sentence explanation after the options` });
  if (text.length > MAX_EXPLANATION_LENGTH)
    problems.push({ ...at, message: `${name}: the explanation is ${text.length} characters; keep it under ${MAX_EXPLANATION_LENGTH} (one or two sentences)` });
  if (problems.length > before) return undefined;
  return { id: checkItemId(slug, heading.heading), question: heading.heading, choices, correct: correct[0]!, explanation: text };
}

/**
 * The article's "Check yourself" items, or none when it has no such section
 * or its frontmatter failed (no slug to name the items by). `bodyLine` is the
 * file line where the body starts, so problems point at the right line.
 */
export function parseArticleChecks(
  file: string,
  slug: string | undefined,
  practice: { section?: string; line: number },
  bodyLine: number,
  bounds: Bounds,
  problems: ContentProblem[],
): { items: CheckItem[]; explainBack?: string } {
  if (practice.section === undefined || slug === undefined) return { items: [] };
  return parseCheckYourself(file, slug, practice.section, bodyLine + practice.line - 1, bounds, problems);
}
