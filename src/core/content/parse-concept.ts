import type { ContentProblem } from '../errors.js';
import { splitFrontmatter } from './frontmatter.js';
import { conceptFrontmatterSchema } from './frontmatter-schemas.js';
import { CHECK_YOURSELF, parseArticleChecks, splitCheckYourself } from './parse-check-yourself.js';
import { joinText, type MarkdownSection, parseList, splitSections } from './markdown-sections.js';
import { CONCEPT_SECTIONS, type Concept, type FaqPair } from './types.js';
import { zodProblems } from './zod-problems.js';

type Result = { concept: Concept } | { problems: ContentProblem[] };

/** Parses and validates one concept file. Every problem found is returned, not just the first. */
export function parseConcept(file: string, text: string): Result {
  const split = splitFrontmatter(file, text);
  if (Array.isArray(split)) return { problems: split };
  const problems: ContentProblem[] = [];
  const meta = conceptFrontmatterSchema.safeParse(split.data);
  if (!meta.success) problems.push(...zodProblems(file, meta.error, split.fieldLines));

  const practice = splitCheckYourself(split.body);
  const { preamble, sections } = splitSections(practice.article, 2, split.bodyLine);
  if (joinText(preamble) !== '') {
    problems.push({
      file,
      line: split.bodyLine,
      message: 'text before the first "## What it is" heading; move it into a section',
    });
  }
  const byName = new Map<string, MarkdownSection>();
  for (const section of sections) {
    if (!(CONCEPT_SECTIONS as readonly string[]).includes(section.heading)) {
      problems.push({
        file,
        line: section.line,
        field: section.heading,
        message: `unknown section; the sections are: ${CONCEPT_SECTIONS.join(', ')}, then optionally ${CHECK_YOURSELF}`,
      });
    } else if (byName.has(section.heading)) {
      problems.push({ file, line: section.line, field: section.heading, message: 'section appears twice' });
    } else {
      byName.set(section.heading, section);
    }
  }
  const missing = CONCEPT_SECTIONS.filter((name) => !byName.has(name));
  for (const name of missing) {
    problems.push({ file, field: name, message: `missing section "## ${name}"` });
  }
  const order = sections.map((s) => s.heading).filter((h) => byName.has(h));
  const expected = CONCEPT_SECTIONS.filter((name) => byName.has(name));
  if (missing.length === 0 && order.join('|') !== expected.join('|')) {
    problems.push({
      file,
      line: sections[0]?.line,
      message: `sections are out of order; expected: ${CONCEPT_SECTIONS.join(', ')}`,
    });
  }

  const text_ = (name: string) => {
    const section = byName.get(name);
    if (!section) return '';
    const value = joinText(section.lines);
    if (value === '') problems.push({ file, line: section.line, field: name, message: 'section is empty' });
    return value;
  };
  const list = (name: string, kind: 'bullet' | 'numbered', min: number) => {
    const section = byName.get(name);
    if (!section) return [];
    const items = parseList(section.lines, kind);
    const how = kind === 'bullet' ? '"- " bullets' : 'a numbered list ("1. ", "2. ", …)';
    if (items === null) {
      problems.push({ file, line: section.line, field: name, message: `must contain only ${how}` });
      return [];
    }
    if (items.length < min) {
      problems.push({
        file,
        line: section.line,
        field: name,
        message: `needs at least ${min} item(s) as ${how}, found ${items.length}`,
      });
    }
    return items;
  };

  const whatItIs = text_('What it is');
  const howItWorks = list('How it works', 'numbered', 2);
  const goodFit = list('Good fit', 'bullet', 1);
  const badFit = list('Bad fit', 'bullet', 1);
  const examples = list('Real-world examples', 'bullet', 1);
  const pitfalls = list('Common pitfalls', 'bullet', 1);
  const faq = parseFaq(file, byName.get('FAQ'), problems);
  const checks = parseArticleChecks(
    file,
    meta.success ? meta.data.slug : undefined,
    practice,
    split.bodyLine,
    { min: 4, max: 30 },
    problems,
  );

  if (meta.success && file.split('/').pop() !== `${meta.data.slug}.md`) {
    problems.push({
      file,
      line: split.fieldLines.get('slug'),
      field: 'slug',
      message: `"${meta.data.slug}" does not match the file name; rename the file to ${meta.data.slug}.md or fix the slug`,
    });
  }
  if (problems.length > 0 || !meta.success) return { problems };
  return {
    concept: {
      ...meta.data,
      whatItIs,
      howItWorks,
      goodFit,
      badFit,
      examples,
      pitfalls,
      faq,
      checkYourself: checks.items,
      ...(checks.explainBack === undefined ? {} : { explainBack: checks.explainBack }),
      body: practice.article.trim(),
      file,
    },
  };
}

function parseFaq(file: string, section: MarkdownSection | undefined, problems: ContentProblem[]): FaqPair[] {
  if (!section) return [];
  const { preamble, sections } = splitSections(section.lines.join('\n'), 3, section.line + 1);
  if (joinText(preamble) !== '') {
    problems.push({
      file,
      line: section.line,
      field: 'FAQ',
      message: 'text before the first "### question" heading',
    });
  }
  if (sections.length === 0) {
    problems.push({
      file,
      line: section.line,
      field: 'FAQ',
      message: 'needs at least one "### Question?" followed by its answer',
    });
  }
  return sections.map((pair) => {
    const answer = joinText(pair.lines);
    if (answer === '')
      problems.push({
        file,
        line: pair.line,
        field: 'FAQ',
        message: `question "${pair.heading}" has no answer`,
      });
    return { question: pair.heading, answer };
  });
}
