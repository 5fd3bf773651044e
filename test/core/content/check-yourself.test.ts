import { describe, expect, it } from 'vitest';
import { readContentFiles } from '../../../src/adapters/content/fs-content.js';
import { buildLibrary } from '../../../src/core/content/build-library.js';
import { formatContentProblem } from '../../../src/core/errors.js';
import { conceptPassages } from '../../../src/core/retrieval/passages.js';
import { fixtureFiles, withFile } from '../../fixtures/load-fixture-files.js';

const files = await fixtureFiles();
const token = files.find((f) => f.path === 'concepts/token.md')!.text.trimEnd();

const item = (question: string, options: string, why = 'Because the article says so.') =>
  `### ${question}\n\n${options}\n\n${why}\n`;
const good = (n: number) =>
  item(`Question ${n}?`, '- [ ] Wrong one\n- [x] Right one\n- [ ] Another wrong one');

function build(section: string) {
  return buildLibrary(withFile(files, 'concepts/token.md', `${token}\n\n## Check yourself\n\n${section}`));
}
function problems(section: string): string[] {
  const result = build(section);
  return result.ok ? [] : result.problems.map(formatContentProblem);
}

describe('## Check yourself', () => {
  it('parses items, keeps them out of the body and the retriever, and gives stable ids', () => {
    const result = build(
      `${[1, 2, 3, 4].map(good).join('\n')}\n### Explain it back\n\nSay what a token is.\n`,
    );
    if (!result.ok) throw new Error(result.problems.map(formatContentProblem).join('\n'));
    const concept = result.library.conceptBySlug.get('token')!;
    expect(concept.checkYourself).toHaveLength(4);
    expect(concept.checkYourself[0]).toMatchObject({
      question: 'Question 1?',
      choices: ['Wrong one', 'Right one', 'Another wrong one'],
      correct: 1,
      explanation: 'Because the article says so.',
    });
    expect(concept.checkYourself[0]!.id).toMatch(/^token~[0-9a-f]{8}$/);
    expect(concept.explainBack).toBe('Say what a token is.');
    expect(concept.body).not.toMatch(/Check yourself|Right one/);
    const passages = conceptPassages(concept).map((p) => p.text).join('\n');
    expect(passages).not.toMatch(/Right one|Wrong one/);
  });

  it('names the file, the item and the fault', () => {
    const bad = [
      good(1),
      good(2),
      item('No right answer?', '- [ ] A\n- [ ] B\n- [ ] C'),
      item('Two right answers?', '- [x] A\n- [x] B\n- [ ] C'),
      item('Duplicate?', '- [x] Same\n- [ ] same\n- [ ] Other'),
      item('Too long?', `- [x] ${'x'.repeat(121)}\n- [ ] B\n- [ ] C`),
      item('Two options?', '- [x] A\n- [ ] B'),
      item('No explanation?', '- [x] A\n- [ ] B\n- [ ] C', ''),
    ].join('\n');
    const found = problems(bad);
    const expectOne = (pattern: RegExp) => expect(found.filter((p) => pattern.test(p))).toHaveLength(1);
    expectOne(/^concepts\/token\.md:\d+: Check yourself: item "No right answer\?": no correct option/);
    expectOne(/item "Two right answers\?": 2 options are marked correct/);
    expectOne(/item "Duplicate\?": duplicate option "same"/);
    expectOne(/item "Too long\?": option 1 is 121 characters/);
    expectOne(/item "Two options\?": needs 3 or 4 options, found 2/);
    expectOne(/item "No explanation\?": add a one- or two-sentence explanation/);
    expectOne(/needs 4 to 30 multiple-choice item\(s\).*found 2/);
  });

  it('points a FAQ pair appended below the quiz back above it', () => {
    const found = problems(`${[1, 2, 3, 4].map(good).join('\n')}\n### Is this a FAQ?\n\nYes, appended at the end.\n`);
    expect(found).toEqual([
      expect.stringMatching(
        /Check yourself: item "Is this a FAQ\?": has no options .*if it is a FAQ question, move it above "## Check yourself"$/,
      ),
    ]);
  });

  it('reports too few items and a section that is not last', () => {
    expect(problems(good(1))).toEqual([
      expect.stringMatching(/^concepts\/token\.md:\d+: Check yourself: needs 4 to 30 .*found 1$/),
    ]);
    const result = buildLibrary(
      withFile(
        files,
        'concepts/token.md',
        token.replace('## FAQ', `## Check yourself\n\n${[1, 2, 3, 4].map(good).join('\n')}\n## FAQ`),
      ),
    );
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map(formatContentProblem)).toContainEqual(
      expect.stringMatching(/must be the last section/),
    );
  });

  it('gives every starter concept at least four items, and use cases at most two', async () => {
    const result = buildLibrary(await readContentFiles(new URL('../../../content/', import.meta.url).pathname));
    if (!result.ok) throw new Error(result.problems.map(formatContentProblem).join('\n'));
    for (const concept of result.library.concepts) {
      expect(concept.checkYourself.length, concept.slug).toBeGreaterThanOrEqual(4);
    }
    for (const useCase of result.library.useCases) expect(useCase.checkYourself.length).toBeLessThanOrEqual(2);
  });
});
