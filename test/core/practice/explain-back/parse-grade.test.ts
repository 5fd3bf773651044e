import { describe, expect, it } from 'vitest';
import { citedLines, parseGrade } from '../../../../src/core/practice/explain-back/parse-grade.js';

describe('reading the grader’s reply', () => {
  it('ties each citation to the line it closes, wherever the spans break', () => {
    const lines = citedLines([
      { text: 'VERDICT: partial\nRIGHT: ', passageIds: [] },
      { text: 'It searches your documents first.', passageIds: ['rag#how-it-works'] },
      {
        text: '\nMISSING: The prompt tells the model to cite.\n',
        passageIds: ['rag#how-it-works', 'rag#faq-1'],
      },
      { text: 'HINT: What does the prompt ask of the model?', passageIds: [] },
    ]);
    expect(lines).toEqual([
      { text: 'VERDICT: partial', passageIds: [] },
      { text: 'RIGHT: It searches your documents first.', passageIds: ['rag#how-it-works'] },
      { text: 'MISSING: The prompt tells the model to cite.', passageIds: ['rag#how-it-works', 'rag#faq-1'] },
      { text: 'HINT: What does the prompt ask of the model?', passageIds: [] },
    ]);
  });

  it('accepts the strict format, tolerating bullets and bold, and keeps at most three points of a kind', () => {
    const grade = parseGrade(
      [
        '**VERDICT:** Good.',
        '- RIGHT: one',
        '* RIGHT: two',
        '1. RIGHT: three',
        'RIGHT: four',
        'MISCONCEPTION: none',
        'HINT: Why?',
      ].map((text) => ({ text, passageIds: ['a#b'] })),
    );
    expect(grade).toMatchObject({ verdict: 'good', hints: ['Why?'], misconception: null });
    expect(grade!.right.map((r) => r.text)).toEqual(['one', 'two', 'three']);
  });

  it('calls junk junk: prose, JSON, a missing or unknown verdict, two verdicts', () => {
    const read = (...texts: string[]) => parseGrade(texts.map((text) => ({ text, passageIds: [] })));
    expect(read('Great explanation! You covered most of it.')).toBeNull();
    expect(read('{"right": ["x"]}')).toBeNull();
    expect(read('RIGHT: x')).toBeNull();
    expect(read('VERDICT: excellent', 'RIGHT: x')).toBeNull();
    expect(read('VERDICT: good', 'VERDICT: partial')).toBeNull();
    expect(read('NOT_COVERED')).toBeNull();
    expect(read('VERDICT: off-topic', 'HINT: What is it?')).toMatchObject({ verdict: 'off-topic' });
  });
});
