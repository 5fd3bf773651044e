import { describe, expect, it } from 'vitest';
import { learningReport } from '../../../src/core/practice/learning-report.js';
import { practiceLibrary } from './practice-library.js';

const library = await practiceLibrary();
const rag = library.conceptBySlug.get('rag')!;
const [first] = rag.checkYourself;
const wrong = (first!.correct + 1) % first!.choices.length;

describe('learningReport', () => {
  it('shows figures for groups of five or more, hides smaller ones, and ranks the most-missed items with option counts', () => {
    const report = learningReport(
      library,
      {
        slugs: [
          { slug: 'rag', learners: 6, due: 4 },
          { slug: 'token', learners: 4, due: 2 },
        ],
        items: [
          {
            itemId: first!.id,
            learners: 6,
            choices: [
              { choice: first!.correct, answers: 1, correct: true },
              { choice: wrong, answers: 5, correct: false },
            ],
          },
          { itemId: 'token~zzzz', learners: 4, choices: [{ choice: 0, answers: 4, correct: false }] },
        ],
      },
      new Map([['rag', 12]]),
    );
    const ragRow = report.concepts.find((c) => c.slug === 'rag')!;
    expect(ragRow).toMatchObject({ learners: 6, due: 4, asked: 12 });
    expect(ragRow.recallRate).toBeCloseTo(1 / 6);
    expect(report.concepts.find((c) => c.slug === 'token')).toMatchObject({
      learners: null,
      recallRate: null,
      due: null,
    });
    expect(report.hiddenConcepts).toBe(1);
    expect(report.hardItems).toHaveLength(1);
    expect(report.hardItems[0]!.wrongRate).toBeCloseTo(5 / 6);
    expect(report.hardItems[0]!.choices[wrong]).toMatchObject({ answers: 5, correct: false });
    expect(report.hardItems[0]!.choices[first!.correct]).toMatchObject({ answers: 1, correct: true });
  });
});
