import { describe, expect, it } from 'vitest';
import { buildLibrary } from '../../../src/core/content/build-library.js';
import { formatContentProblem } from '../../../src/core/errors.js';
import { fixtureFiles, withFile } from '../../fixtures/load-fixture-files.js';

const files = await fixtureFiles();
const token = files.find((f) => f.path === 'concepts/token.md')!.text;

/** Builds with one file replaced and returns the formatted problems. */
function problemsWith(path: string, text: string): string[] {
  const result = buildLibrary(withFile(files, path, text));
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems.map(formatContentProblem);
}

describe('buildLibrary', () => {
  it('builds the fixture library with every section parsed', () => {
    const result = buildLibrary(files);
    if (!result.ok) throw new Error(result.problems.map(formatContentProblem).join('\n'));
    const concept = result.library.conceptBySlug.get('token')!;
    expect(concept.title).toBe('Token');
    expect(concept.aliases).toEqual(['tokens', 'tokenizer', 'tokenisation']);
    expect(concept.searchPhrases).toEqual(['token count', '429 rate limit']);
    expect(concept.howItWorks).toHaveLength(3);
    expect(concept.goodFit).toEqual(['Estimating cost before you send a long prompt.']);
    expect(concept.examples).toHaveLength(2);
    expect(concept.pitfalls[0]).toMatch(/^\*\*Assuming one word/);
    expect(concept.faq.map((f) => f.question)).toEqual([
      'How many tokens is a word?',
      'Why am I billed per token?',
    ]);
    expect(concept.faq[0]!.answer).toMatch(/three quarters/);
    expect(result.library.useCaseBySlug.get('cost-forecasting')!.concepts).toEqual(['token']);
  });

  it('ignores README.md and files outside the two folders', () => {
    const result = buildLibrary([...files, { path: 'README.md', text: 'not an article' }]);
    expect(result.ok).toBe(true);
  });

  it('reports a missing frontmatter fence with the file and line', () => {
    expect(problemsWith('concepts/token.md', token.replace(/^---\n/, ''))).toEqual([
      'concepts/token.md:1: must start with a "---" line that opens the YAML frontmatter',
    ]);
  });

  it('reports an unclosed frontmatter', () => {
    const text = token.replace('"429 rate limit"]\n---', '"429 rate limit"]');
    expect(problemsWith('concepts/token.md', text)[0]).toMatch(/never closed/);
  });

  it('reports invalid YAML with its line', () => {
    const problems = problemsWith(
      'concepts/token.md',
      token.replace('aliases: [tokens, tokenizer, tokenisation]', 'aliases: [tokens, tokenizer'),
    );
    expect(problems[0]).toMatch(/^concepts\/token\.md:\d+: invalid YAML in frontmatter/);
  });

  it('names a missing required field', () => {
    expect(problemsWith('concepts/token.md', token.replace(/^summary:.*\n/m, ''))).toContain(
      'concepts/token.md: summary: is required',
    );
  });

  it('names a bad difficulty with its line and the allowed values', () => {
    expect(
      problemsWith('concepts/token.md', token.replace('difficulty: beginner', 'difficulty: easy')),
    ).toContain('concepts/token.md:6: difficulty: must be one of: beginner, intermediate, advanced');
  });

  it('rejects an unknown field so typos surface', () => {
    expect(problemsWith('concepts/token.md', token.replace('category:', 'categroy:'))).toEqual(
      expect.arrayContaining([
        'concepts/token.md:5: categroy: unknown field; remove it or fix its spelling',
        'concepts/token.md: category: is required',
      ]),
    );
  });

  it('names an empty search phrase with its line', () => {
    expect(
      problemsWith(
        'concepts/token.md',
        token.replace('searchPhrases: [token count, "429 rate limit"]', 'searchPhrases: [token count, " "]'),
      ),
    ).toContain('concepts/token.md:9: searchPhrases.1: a search phrase must not be empty');
  });

  it('defaults search phrases to none', () => {
    const result = buildLibrary(
      withFile(files, 'concepts/token.md', token.replace(/^searchPhrases:.*\n/m, '')),
    );
    expect(result.ok && result.library.conceptBySlug.get('token')!.searchPhrases).toEqual([]);
  });

  it('rejects a malformed date', () => {
    expect(
      problemsWith('concepts/token.md', token.replace('updated: 2026-11-01', 'updated: 1 Nov 2026')),
    ).toContain('concepts/token.md:8: updated: must be a date written as YYYY-MM-DD');
  });

  it('rejects a slug that does not match the file name', () => {
    expect(problemsWith('concepts/token.md', token.replace('slug: token', 'slug: tokens'))[0]).toMatch(
      /"tokens" does not match the file name; rename the file to tokens\.md/,
    );
  });

  it('rejects a slug that could escape the folder', () => {
    expect(problemsWith('concepts/token.md', token.replace('slug: token', 'slug: ../secrets'))[0]).toMatch(
      /slug: must be lower-case letters/,
    );
  });

  it('reports a missing section', () => {
    const text = token.replace(
      /## Bad fit\n- Counting characters exactly; tokens and characters differ.\n\n/,
      '',
    );
    expect(problemsWith('concepts/token.md', text)).toEqual([
      'concepts/token.md: Bad fit: missing section "## Bad fit"',
    ]);
  });

  it('reports an unknown section with its line', () => {
    expect(problemsWith('concepts/token.md', token.replace('## Good fit', '## Good fits'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^concepts\/token\.md:\d+: Good fits: unknown section/)]),
    );
  });

  it('reports sections out of order', () => {
    const text = token
      .replace('## Good fit', '## TMP')
      .replace('## Bad fit', '## Good fit')
      .replace('## TMP', '## Bad fit');
    expect(problemsWith('concepts/token.md', text)[0]).toMatch(/sections are out of order/);
  });

  it('requires a numbered list in How it works', () => {
    const text = token.replace(
      '1. A tokenizer splits text into tokens.',
      '- A tokenizer splits text into tokens.',
    );
    expect(problemsWith('concepts/token.md', text)[0]).toMatch(
      /How it works: must contain only a numbered list/,
    );
  });

  it('rejects prose in a bullet section', () => {
    const text = token.replace('- Estimating cost before you send a long prompt.', 'Estimating cost.');
    expect(problemsWith('concepts/token.md', text)[0]).toMatch(/Good fit: must contain only "- " bullets/);
  });

  it('rejects an empty section', () => {
    const text = token.replace(
      'A token is a piece of a word. Think of Lego bricks: the model builds every sentence out of these bricks.',
      '',
    );
    expect(problemsWith('concepts/token.md', text)).toEqual([
      expect.stringMatching(/What it is: section is empty/),
    ]);
  });

  it('rejects a FAQ question without an answer', () => {
    const text = token.replace(
      'Because the compute a model spends grows with the number of tokens it reads and writes.',
      '',
    );
    expect(problemsWith('concepts/token.md', text)).toEqual([
      expect.stringMatching(/FAQ: question "Why am I billed per token\?" has no answer/),
    ]);
  });

  it('rejects a FAQ with no questions', () => {
    const text = `${token.slice(0, token.indexOf('### How many'))}Just prose.\n`;
    expect(problemsWith('concepts/token.md', text)).toEqual(
      expect.arrayContaining([expect.stringMatching(/FAQ: needs at least one "### Question\?"/)]),
    );
  });

  it('ignores headings inside code fences', () => {
    const text = token.replace(
      'A token is a piece of a word.',
      'A token is a piece of a word.\n\n```md\n## Not a section\n```\n',
    );
    expect(buildLibrary(withFile(files, 'concepts/token.md', text)).ok).toBe(true);
  });

  it('rejects a use case that links a concept that does not exist', () => {
    const useCase = files.find((f) => f.path === 'use-cases/cost-forecasting.md')!.text;
    expect(
      problemsWith(
        'use-cases/cost-forecasting.md',
        useCase.replace('concepts: [token]', 'concepts: [token, tokenz]'),
      ),
    ).toEqual([
      'use-cases/cost-forecasting.md: concepts: "tokenz" is not a concept in the library; add concepts/tokenz.md or fix the slug',
    ]);
  });

  it('rejects a use case with an empty body', () => {
    const useCase = files.find((f) => f.path === 'use-cases/cost-forecasting.md')!.text;
    expect(
      problemsWith('use-cases/cost-forecasting.md', useCase.slice(0, useCase.indexOf('## The problem')))[0],
    ).toMatch(/the body is empty/);
  });

  it('rejects stray files in a content folder', () => {
    expect(problemsWith('concepts/notes.txt', 'hello')[0]).toMatch(
      /^concepts\/notes\.txt: only <slug>\.md files belong/,
    );
  });

  it('reports problems from several files at once', () => {
    const broken = withFile(
      withFile(files, 'concepts/token.md', token.replace('difficulty: beginner', 'difficulty: easy')),
      'concepts/extra.md',
      'nope',
    );
    const result = buildLibrary(broken);
    expect(result.ok ? [] : result.problems.map((p) => p.file).sort()).toEqual([
      'concepts/extra.md',
      'concepts/token.md',
    ]);
  });

  it('rejects an empty library', () => {
    expect(buildLibrary([]).ok).toBe(false);
  });
});
