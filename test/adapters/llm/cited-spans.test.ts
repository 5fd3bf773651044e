import { describe, expect, it } from 'vitest';
import { citedSpans } from '../../../src/adapters/llm/citation-markers.js';

const IDS = ['rag#what-it-is', 'rag#how-it-works', 'rag#pitfalls'];

describe('citedSpans: the answer cut at its [n] markers', () => {
  it('gives each stretch of text the passages its marker names, without the marker or the space before it', () => {
    expect(citedSpans('RIGHT: one [1].\nMISSING: two [2, 3]\nHINT: why?', IDS)).toEqual([
      { text: 'RIGHT: one', passageIds: ['rag#what-it-is'] },
      { text: '.\nMISSING: two', passageIds: ['rag#how-it-works', 'rag#pitfalls'] },
      { text: '\nHINT: why?', passageIds: [] },
    ]);
  });

  it('drops numbers that name no passage, reads footnote markers, and leaves markers in code alone', () => {
    expect(citedSpans('a [9] b [^1] `x[2]` c', IDS)).toEqual([
      { text: 'a', passageIds: [] },
      { text: ' b', passageIds: ['rag#what-it-is'] },
      { text: ' `x[2]` c', passageIds: [] },
    ]);
  });

  it('joins back to the text people see', () => {
    const text = 'VERDICT: good\nRIGHT: It cites sources [1][2].';
    expect(
      citedSpans(text, IDS)
        .map((s) => s.text)
        .join(''),
    ).toBe('VERDICT: good\nRIGHT: It cites sources.');
  });
});
